#!/usr/bin/env bash
# `make cluster`: REPLICAS Rasa servers (and as many action servers) on one machine behind
# nginx, sharing PostgreSQL (tracker store), Redis (lock store) and RabbitMQ (event broker).
# nginx listens on RASA_PORT; replica i on RASA_PORT+i (127.0.0.1 only), its action server
# on ACTION_PORT+i. Every host, port and password is a setting (bot/settings.py, .env);
# the defaults below are the loopback services of the project's machines.
set -euo pipefail
cd "$(dirname "$0")/.."

# Replicas share one database, so the cluster's default is PostgreSQL, not SQLite; these
# come before the settings are read (services.sh) so that only the environment overrides them.
REPLICAS=${REPLICAS:-2}
export TRACKER_DIALECT=${TRACKER_DIALECT:-postgresql}
export TRACKER_HOST=${TRACKER_HOST:-127.0.0.1}
export TRACKER_PORT=${TRACKER_PORT:-5432}
export TRACKER_DB=${TRACKER_DB:-test}
export TRACKER_USER=${TRACKER_USER:-postgres}
source scripts/services.sh
# nginx reports the client's address; the replicas count it per address (bot/limits.py).
export CHAT_TRUST_PROXY=1
CLUSTER_DIR=${CLUSTER_DIR:-$PWD/var/cluster}
NGINX_RATE=${NGINX_RATE:-20r/s}
NGINX_BURST=${NGINX_BURST:-100}

# nginx comes from Debian's package; install it where we can, as the browser tests do chromium.
NGINX=$(command -v nginx || true)
[[ -z $NGINX && -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx
if [[ -z $NGINX ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's nginx"
    mkdir -p var
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light || \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx) >var/apt-nginx.log 2>&1 || true
    NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  fi
  if [[ ! -x $NGINX ]]; then
    echo "nginx is not installed and cannot be installed here (see var/apt-nginx.log): apt-get install nginx" >&2
    exit 3
  fi
fi

for service in "PostgreSQL $TRACKER_HOST $TRACKER_PORT" \
  "Redis $(.venv/bin/python -m bot.settings --shell REDIS_HOST REDIS_PORT | cut -d= -f2 | paste -sd' ')" \
  "RabbitMQ $(.venv/bin/python -m bot.settings --shell RABBITMQ_HOST RABBITMQ_PORT | cut -d= -f2 | paste -sd' ')"; do
  read -r name host port <<<"$service"
  if ! (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
    echo "$name does not answer on $host:$port: start it or set its host and port (.env.example)" >&2
    exit 3
  fi
done

MODEL=${MODEL:-$(bash scripts/model.sh)}
mkdir -p "$CLUSTER_DIR"
PIDS=()
stop_cluster() {
  [[ -f $CLUSTER_DIR/nginx.pid ]] && kill "$(cat "$CLUSTER_DIR/nginx.pid")" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_cluster EXIT INT TERM

servers=()
for i in $(seq "$REPLICAS"); do
  action_port=$((ACTION_PORT + i)) rasa_port=$((RASA_PORT + i))
  .venv/bin/python -m actions --port "$action_port" >"$CLUSTER_DIR/actions-$i.log" 2>&1 &
  PIDS+=($!)
  echo "$! $action_port" >"$CLUSTER_DIR/actions-$i.pid"
  ACTION_PORT=$action_port RASA_PORT=$rasa_port RASA_INTERFACE=127.0.0.1 \
    .venv/bin/python -m adapters.server --model "$MODEL" --credentials credentials.yml \
    --endpoints deploy/endpoints.cluster.yml >"$CLUSTER_DIR/rasa-$i.log" 2>&1 &
  PIDS+=($!)
  echo "$! $rasa_port" >"$CLUSTER_DIR/replica-$i.pid"
  servers+=(--server "127.0.0.1:$rasa_port")
done
for i in $(seq "$REPLICAS"); do
  wait_for "http://127.0.0.1:$((ACTION_PORT + i))/health" 90 "Action server $i" "$CLUSTER_DIR/actions-$i.log" "${PIDS[$((2 * i - 2))]}"
  wait_for "http://127.0.0.1:$((RASA_PORT + i))/webhooks/rest/" 300 "Rasa replica $i" "$CLUSTER_DIR/rasa-$i.log" "${PIDS[$((2 * i - 1))]}"
done

# The reader of the event stream keeps one summary row per conversation; the review app
# lists from it.
.venv/bin/python -m review consume >"$CLUSTER_DIR/consumer.log" 2>&1 &
PIDS+=($!)
REVIEW_SUMMARIES=1 .venv/bin/python -m review serve --port "$REVIEW_PORT" >"$CLUSTER_DIR/review.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$REVIEW_PORT/login" 60 "The review app" "$CLUSTER_DIR/review.log" "$!"

body_limit=$(.venv/bin/python -m bot.settings --shell CHAT_MAX_BODY_BYTES | cut -d= -f2)
.venv/bin/python deploy/render_nginx.py --listen "$RASA_PORT" --dir "$CLUSTER_DIR" --body-limit "$body_limit" \
  --rate "$NGINX_RATE" --burst "$NGINX_BURST" "${servers[@]}" >"$CLUSTER_DIR/nginx.conf"
"$NGINX" -p "$CLUSTER_DIR" -c "$CLUSTER_DIR/nginx.conf" -g "daemon off;" >"$CLUSTER_DIR/nginx.log" 2>&1 &
NGINX_PID=$!
PIDS+=($NGINX_PID)
wait_for "http://127.0.0.1:$RASA_PORT/nginx-health" 30 "nginx" "$CLUSTER_DIR/nginx.log" "$NGINX_PID"

cat <<MSG

The career guidance assistant is running as $REPLICAS replicas behind nginx.
  Chat in a browser: http://localhost:$RASA_PORT/webhooks/web/chat
  Chat over REST:    http://localhost:$RASA_PORT/webhooks/rest/webhook
  Replicas:          127.0.0.1:$((RASA_PORT + 1))..$((RASA_PORT + REPLICAS)) (logs in $CLUSTER_DIR)
  Conversations:     $TRACKER_DIALECT://$TRACKER_HOST:$TRACKER_PORT/$TRACKER_DB; turns locked in Redis;
                     events published to RabbitMQ, summarised for the review app by its consumer.
  Counselor review:  http://localhost:$REVIEW_PORT/ (lists read the summary table)
Press Ctrl+C to stop.
MSG
wait "$NGINX_PID"
