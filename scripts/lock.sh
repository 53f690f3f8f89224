#!/usr/bin/env bash
# Regenerate requirements.lock from requirements.in, then requirements-dev.lock from
# requirements-dev.in on top of it, in a throw-away Python 3.10 venv.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-$(ls "$HOME"/.pyenv/versions/3.10.*/bin/python3.10 2>/dev/null | tail -1)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet pip==24.0

# What the running assistant needs.
"$tmp/venv/bin/pip" install --quiet -r requirements.in
"$tmp/venv/bin/pip" freeze --all | sort -f > "$tmp/runtime.txt"
{
  echo "# Generated from requirements.in with 'make lock' (pip freeze --all of a clean Python 3.10 venv)."
  echo "# Every package is pinned, transitive ones included: unpinned Rasa installs drift."
  echo "# What the running assistant needs; the test and development tools are in requirements-dev.lock."
  cat "$tmp/runtime.txt"
} > requirements.lock

# The test and development tools, resolved under those pins (requirements-dev.in has
# -c requirements.lock): the dev lock holds only what they add.
"$tmp/venv/bin/pip" install --quiet -r requirements-dev.in
"$tmp/venv/bin/pip" freeze --all | sort -f > "$tmp/dev.txt"
if moved=$(grep -vxFf "$tmp/dev.txt" "$tmp/runtime.txt"); then
  echo "requirements-dev.in moved runtime packages: $moved" >&2
  exit 1
fi
"$tmp/venv/bin/pip" check
{
  echo "# Generated from requirements-dev.in with 'make lock': what a clean Python 3.10 venv gains when"
  echo "# requirements-dev.in is installed on top of requirements.lock (pip freeze --all), every package"
  echo "# pinned. Install requirements.lock first; \`scripts/setup.sh dev\` does both."
  echo "-c requirements.lock"
  grep -vxFf "$tmp/runtime.txt" "$tmp/dev.txt"
} > requirements-dev.lock
echo "requirements.lock and requirements-dev.lock updated"
