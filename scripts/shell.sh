#!/usr/bin/env bash
# Chat with the assistant in the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

start_backend
# `rasa shell` reads the action server's URL from endpoints.yml only (adapters/server.py sets it
# from the settings); on another port than the default it gets a copy that says so.
endpoints=endpoints.yml
if [[ $ACTION_PORT != 5055 ]]; then
  endpoints=var/endpoints.shell.yml
  sed "s#127.0.0.1:5055/#127.0.0.1:$ACTION_PORT/#" endpoints.yml >"$endpoints"
fi
.venv/bin/rasa shell --model "$MODEL" --endpoints "$endpoints"
