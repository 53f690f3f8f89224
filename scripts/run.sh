#!/usr/bin/env bash
# Start the action server and the Rasa server (REST + socket.io), then say where to chat.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

start_backend
start_rasa_server "$MODEL" "$RASA_PORT" var/rasa.log
start_review_app "$REVIEW_PORT" var/review.log

cat <<MSG

The career guidance assistant is running.
  Chat in a browser: http://localhost:$RASA_PORT/webhooks/web/chat
  Chat over REST:  curl -s -XPOST http://localhost:$RASA_PORT/webhooks/rest/webhook \\
                     -H 'Content-Type: application/json' -d '{"sender":"me","message":"I loved being a nurse"}'
  socket.io:       http://localhost:$RASA_PORT/socket.io  (the widget: /webhooks/web/widget.js)
  In a terminal:   make shell
  Counselor review: http://localhost:$REVIEW_PORT/  (create an account first:
                    .venv/bin/python -m review add-counselor NAME)
  Conversations are stored in ${TRACKER_DB} (${TRACKER_DIALECT}); logs in var/.
Press Ctrl+C to stop.
MSG
wait "$RASA_PID"
