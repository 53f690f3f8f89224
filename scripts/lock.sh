#!/usr/bin/env bash
# Regenerate requirements.lock from requirements.in in a throw-away Python 3.10 venv.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-$(ls "$HOME"/.pyenv/versions/3.10.*/bin/python3.10 2>/dev/null | tail -1)}
tmp=$(mktemp -d)
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet pip==24.0
"$tmp/venv/bin/pip" install --quiet -r requirements.in
{
  echo "# Generated from requirements.in with 'make lock' (pip freeze --all of a clean Python 3.10 venv)."
  echo "# Every package is pinned, transitive ones included: unpinned Rasa installs drift."
  "$tmp/venv/bin/pip" freeze --all | sort -f
} > requirements.lock
rm -rf "$tmp"
echo "requirements.lock updated"
