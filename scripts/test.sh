#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var

model=$(bash scripts/model.sh)
export CAREER_MODEL="$PWD/$model"

echo "== rasa data validate"
.venv/bin/rasa data validate --fail-on-warnings --data data --domain domain.yml --config config.yml

echo "== rasa test core (test stories)"
rm -rf var/results/core
.venv/bin/rasa test core --model "$model" --stories tests/stories --endpoints endpoints.yml \
  --fail-on-prediction-errors --out var/results/core

echo "== pytest"
.venv/bin/python -m pytest "$@"
