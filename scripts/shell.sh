#!/usr/bin/env bash
# Chat with the assistant in the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
model=$(bash scripts/model.sh)
mkdir -p var
start_action_server "$ACTION_PORT" var/actions.log
trap stop_services EXIT INT TERM
.venv/bin/rasa shell --model "$model" --endpoints endpoints.yml
