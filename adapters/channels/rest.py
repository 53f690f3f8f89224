"""The REST channel, at Rasa's usual URL (/webhooks/rest/webhook), checked at the door.

Same request and reply as Rasa's `rest` channel: POST {"sender": "...", "message":
"..."} and get back a JSON list of bot messages. What differs:

- a body that is not a JSON object, a missing or empty sender, or a message that is not
  a non-empty string gets 400 with a reason, not a 500 or an empty list;
- conversation ids are namespaced: sender "ana" is the conversation "rest:ana", so a
  REST caller can never write into a widget or Slack conversation;
- the channel is always "rest": an `input_channel` in the body is ignored;
- one network address may send only so many messages a minute (429 with a reason);
- every message goes through adapters.channels.turns (length limit, per-conversation rate
  limit, nothing lost silently, a reply even when the action server is down).
With `?stream=true` (what `rasa shell` asks for) the reply is one JSON object per line,
sent when the turn is over.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from adapters.channels.http_limits import client_address, limit_request_size
from adapters.channels.turns import TurnHandler
from bot.limits import clean, per_address_limiter

logger = logging.getLogger(__name__)

PREFIX = "rest:"
MAX_SENDER_CHARS = 128


def conversation_id(sender: str) -> str:
    return PREFIX + sender


def problem(request_json: Any) -> str | None:
    """Why a REST body cannot be a message, or None if it can."""
    if not isinstance(request_json, dict):
        return 'The body must be a JSON object: {"sender": "...", "message": "..."}.'
    sender, text = request_json.get("sender"), request_json.get("message")
    if not isinstance(sender, str) or not sender.strip():
        return '"sender" must be a non-empty string that identifies the conversation.'
    if len(sender) > MAX_SENDER_CHARS:
        return f'"sender" must be at most {MAX_SENDER_CHARS} characters.'
    if clean(sender) != sender:
        return '"sender" must not contain control or invisible characters.'
    if not isinstance(text, str) or not text.strip():
        return '"message" must be a non-empty string.'
    metadata = request_json.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return '"metadata" must be a JSON object.'
    return None


class RestWithReplyOnFailure(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        rest = Blueprint("rest_webhook", __name__)
        turns = TurnHandler(on_new_message)
        addresses = per_address_limiter()
        limit_request_size(rest)

        @rest.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not addresses.allow(client_address(request)):
                return response.json({"error": "Too many messages from this address; wait a minute."}, status=429)
            try:
                body = request.json
            except Exception:  # sanic raises InvalidUsage on malformed JSON
                body = None
            reason = problem(body)
            if reason:
                return response.json({"error": reason}, status=400)
            collector = CollectingOutputChannel()
            message = UserMessage(
                body["message"],
                collector,
                conversation_id(body["sender"]),
                input_channel=self.name(),
                metadata=body.get("metadata"),
            )
            await turns.handle(message)
            # Callers know their conversation by the sender they gave, not our namespaced id.
            messages = [{**m, "recipient_id": body["sender"]} for m in collector.messages]
            if request.args.get("stream", "").lower() == "true":
                # `rasa shell` reads one JSON object per line; they are sent once the turn
                # is stored, like every other reply.
                ndjson = "".join(json.dumps(m) + "\n" for m in messages)
                return response.text(ndjson, content_type="text/event-stream")
            return response.json(messages)

        return rest
