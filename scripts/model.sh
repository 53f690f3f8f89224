#!/usr/bin/env bash
# Print the path of the model for the current training data, training it only when
# config.yml, domain.yml, data/, the installed Rasa or the pinned packages changed.
# Trained models are also kept in a cache outside the work tree (by fingerprint) so a
# fresh clone on the same machine reuses them, never across a Rasa or package upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."

# A model is only valid for the Rasa and the packages that trained it: the installed Rasa
# version, the runtime lock's hash and the code of the pipeline's own components (what they
# store when trained) are part of the fingerprint.
rasa_version=$(.venv/bin/python -c 'import rasa; print(rasa.__version__)')
fingerprint=$(
  {
    echo "rasa $rasa_version"
    sha256sum requirements.lock
    cat adapters/components/*.py
    cat config.yml domain.yml $(find data/nlu data/rules data/stories -name '*.yml' | sort)
  } | sha256sum | cut -c1-16
)
name="career-$fingerprint"
model="models/$name.tar.gz"
cache="${CAREER_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/career-assistant/models}"

if [[ ! -f $model && -f $cache/$name.tar.gz ]]; then
  mkdir -p models
  cp "$cache/$name.tar.gz" "$model"
  echo "model: reused $model from $cache" >&2
fi
if [[ ! -f $model ]]; then
  echo "model: training $model (data, config, domain, Rasa or packages changed)" >&2
  .venv/bin/rasa train --fixed-model-name "$name" --out models >&2
  mkdir -p "$cache" && cp "$model" "$cache/" || true
else
  echo "model: $model is up to date" >&2
fi
echo "$model"
