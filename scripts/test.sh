#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var

# Browser tests drive Debian's chromium; CI machines start without it.
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's chromium and chromium-driver for the browser tests"
    if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >var/apt.log 2>&1; then
      echo "could not install chromium (see var/apt.log): the browser tests will be skipped"
    fi
  else
    echo "chromium is not installed and cannot be installed here: the browser tests will be skipped"
  fi
fi

model=$(bash scripts/model.sh)
export CAREER_MODEL="$PWD/$model"

echo "== rasa data validate"
.venv/bin/rasa data validate --fail-on-warnings --data data --domain domain.yml --config config.yml

echo "== rasa test core (test stories)"
rm -rf var/results/core
.venv/bin/rasa test core --model "$model" --stories tests/stories --endpoints endpoints.yml \
  --fail-on-prediction-errors --out var/results/core

echo "== pytest"
# The slowest tests are listed at the end: CI has a 30-minute budget on 2 cores.
.venv/bin/python -m pytest --durations=15 "$@"
