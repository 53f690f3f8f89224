#!/usr/bin/env bash
# Chat with the assistant in the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

start_backend
.venv/bin/rasa shell --model "$MODEL" --endpoints endpoints.yml
