# Shared helpers to start and stop the two servers (sourced by run.sh, shell.sh, bench.sh).
# The ports come from the settings (bot/settings.py: environment, then .env, then defaults).
eval "$(.venv/bin/python -m bot.settings --shell RASA_PORT ACTION_PORT REVIEW_PORT TRACKER_DIALECT TRACKER_DB)"
ACTION_PID=""
RASA_PID=""
REVIEW_PID=""

wait_for() {  # url seconds name logfile pid
  local url=$1 seconds=$2 name=$3 log=$4 pid=$5
  for _ in $(seq "$seconds"); do
    if curl -fs "$url" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited while starting; last lines of $log:" >&2
      tail -20 "$log" >&2
      return 1
    fi
    sleep 1
  done
  echo "$name did not start within ${seconds}s; last lines of $log:" >&2
  tail -20 "$log" >&2
  return 1
}

start_action_server() {  # port logfile
  # Only Rasa talks to the action server: it listens on loopback (ACTION_INTERFACE to change).
  .venv/bin/python -m actions --port "$1" >"$2" 2>&1 &
  ACTION_PID=$!
  wait_for "http://127.0.0.1:$1/health" 60 "The action server" "$2" "$ACTION_PID"
}

start_rasa_server() {  # model port logfile
  # The chat channels only; Rasa's HTTP API stays off unless RASA_API_TOKEN is set (adapters/server.py).
  RASA_PORT="$2" .venv/bin/python -m adapters.server --model "$1" \
    --credentials credentials.yml --endpoints endpoints.yml >"$3" 2>&1 &
  RASA_PID=$!
  wait_for "http://127.0.0.1:$2/webhooks/rest/" 180 "The Rasa server" "$3" "$RASA_PID"
}

start_review_app() {  # port logfile
  .venv/bin/python -m review serve --port "$1" >"$2" 2>&1 &
  REVIEW_PID=$!
  wait_for "http://127.0.0.1:$1/login" 60 "The review app" "$2" "$REVIEW_PID"
}

stop_services() {
  [[ -n $REVIEW_PID ]] && kill "$REVIEW_PID" 2>/dev/null || true
  [[ -n $RASA_PID ]] && kill "$RASA_PID" 2>/dev/null || true
  [[ -n $ACTION_PID ]] && kill "$ACTION_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}

start_backend() {  # trains if needed, starts the action server; sets MODEL
  MODEL=$(bash scripts/model.sh)
  mkdir -p var
  start_action_server "$ACTION_PORT" var/actions.log
  trap stop_services EXIT INT TERM
}
