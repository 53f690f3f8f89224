"""Slack: Rasa's Slack channel, configured from the environment and hardened.

Rasa 3.6 already checks the X-Slack-Signature (and rejects timestamps older than five
minutes), skips messages from bots, replies in threads and posts Block Kit buttons. This
subclass adds what a school's workspace needs:

- credentials only from SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; without them the
  channel answers 503 and the rest of the assistant runs as usual;
- every delivery is written to a small inbox (adapters/channels/slack_inbox.py) before it is
  acknowledged: a retry or a replay of an event already received is dropped, and a turn
  cut short by a restart is run again when the server starts;
- a signed payload that is not what Slack sends gets 400, never a 500;
- the url_verification challenge is answered as Slack documents it;
- in a direct message the conversation is the person; in a channel it is the person in
  that thread, and replies go to the thread;
- text is sent as plain text (no mrkdwn surprises from "O*NET"), button titles are cut to
  Slack's 75 characters, more than five choices become a numbered list;
- a slow or failing Slack Web API is logged and never crashes the server.
SLACK_API_URL points the Web API client elsewhere (the tests' fake Slack).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from adapters.channels.http_limits import limit_request_size
from adapters.channels.slack_inbox import Inbox
from adapters.channels.turns import TurnHandler
from bot.database import database_url
from bot.limits import cut
from bot.settings import settings

logger = logging.getLogger(__name__)

BUTTON_TEXT_LIMIT = 75
BUTTONS_PER_BLOCK = 5
NOT_CONFIGURED = "Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET."


def _escape(text: str) -> str:
    """Slack treats &, < and > as control characters in message text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SlackOutput(SlackBot):
    def __init__(self, token: str, channel: str | None, thread_id: str | None, api_url: str | None) -> None:
        super().__init__(token, channel, thread_id)
        if api_url:
            self.client = AsyncWebClient(token, base_url=api_url, timeout=10)

    async def _post_message(self, channel: str, **kwargs: Any) -> None:
        try:
            await super()._post_message(channel, **kwargs)
        except Exception as error:  # SlackApiError, network errors, timeouts
            logger.error("Slack chat.postMessage to %s failed: %s", channel, error)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post_message(channel=self.slack_channel or recipient_id, text=_escape(text), mrkdwn=False)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        channel = self.slack_channel or recipient_id
        if len(buttons) > BUTTONS_PER_BLOCK:
            numbered = "\n".join(f"{i}. {b['title']}" for i, b in enumerate(buttons, 1))
            await self.send_text_message(channel, f"{text}\n{numbered}\nReply with the name of the one you want.")
            return
        elements = [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": button["title"][:BUTTON_TEXT_LIMIT]},
                "value": button["payload"],
                "action_id": f"choice-{index}",
            }
            for index, button in enumerate(buttons)
        ]
        blocks = [
            {"type": "section", "text": {"type": "plain_text", "text": text[:3000]}},
            {"type": "actions", "elements": elements},
        ]
        await self._post_message(channel=channel, text=_escape(text), blocks=blocks)


class SlackChannel(SlackInput):
    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SlackChannel:
        config = settings()
        token, secret = config.slack_bot_token, config.slack_signing_secret
        channel = cls(
            token or "unset",
            # Rasa refuses to start without a signing secret; unset means disabled here.
            slack_signing_secret=secret or "unset",
            use_threads=True,
            conversation_granularity="thread",
        )
        channel.enabled = bool(token and secret)
        channel.api_url = config.slack_api_url or None
        channel.inbox = Inbox(database_url()) if channel.enabled else None
        if not channel.enabled:
            logger.info(NOT_CONFIGURED + " The Slack channel is off.")
        return channel

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> SlackOutput:
        return SlackOutput(self.slack_token, channel or self.slack_channel, thread_id, self.api_url)

    def _conversation(self, user: str, channel: str | None, thread: str | None, direct: bool) -> tuple[str, str | None]:
        """(conversation id, thread to reply in): a DM is one conversation per person,
        a channel one per person per thread."""
        if direct and not thread:
            return user, None
        return f"{user}_{channel}_{thread}", thread

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack = Blueprint("slack_webhook", __name__)
        turns = TurnHandler(on_new_message)
        limit_request_size(slack)

        async def run(key: str, turn: dict[str, Any]) -> None:
            message = UserMessage(
                turn["text"],
                self.get_output_channel(turn["channel"], turn["thread"]),
                turn["conversation"],
                input_channel=self.name(),
                metadata=turn["metadata"],
            )
            await turns.handle(message)
            self.inbox.finish(key)

        def later(key: str, turn: dict[str, Any]) -> None:
            task = asyncio.create_task(run(key, turn))
            self._background_tasks.add(task)
            task.add_done_callback(self._background_tasks.discard)

        @slack.listener("after_server_start")
        async def resume(app: Any, _: Any) -> None:
            if self.enabled:
                for key, turn in self.inbox.unfinished():
                    logger.info("Answering Slack delivery %s, left unanswered by a restart", key)
                    later(key, turn)

        @slack.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "disabled"})

        @slack.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.text(NOT_CONFIGURED, status=HTTPStatus.SERVICE_UNAVAILABLE)
            if not self.is_request_from_slack_authentic(request):
                logger.warning("Rejected a Slack request with a missing, wrong or stale signature")
                return response.text("invalid signature", status=HTTPStatus.UNAUTHORIZED)
            content_type = request.headers.get("content-type", "")
            try:
                if content_type.startswith("application/json"):
                    answer, delivery = self._event(request)
                elif content_type.startswith("application/x-www-form-urlencoded"):
                    answer, delivery = self._interaction(request)
                else:
                    return response.text("unsupported content type", status=HTTPStatus.BAD_REQUEST)
            except Malformed as error:
                logger.warning("Rejected a signed but malformed Slack payload: %s", error)
                return response.text(f"malformed payload: {error}", status=HTTPStatus.BAD_REQUEST)
            if delivery is None:
                return answer
            key, turn = delivery
            if not self.inbox.accept(key, turn):
                logger.info(
                    "Dropped a second delivery of Slack event %s (retry %s)",
                    key,
                    request.headers.get("x-slack-retry-num"),
                )
                return response.text("", headers={"X-Slack-No-Retry": "1"})
            # Slack wants an answer within three seconds; the reply is posted when ready.
            later(key, turn)
            return response.text("")

        return slack

    def _event(self, request: Request) -> tuple[HTTPResponse, tuple[str, dict[str, Any]] | None]:
        try:
            body = json.loads(request.body or b"")
        except ValueError:
            raise Malformed("the body is not JSON") from None
        if not isinstance(body, dict):
            raise Malformed("the body is not a JSON object")
        if body.get("type") == "url_verification":
            return response.json({"challenge": str(body.get("challenge", ""))}), None
        event = body.get("event")
        if not isinstance(event, dict):
            raise Malformed("no event")
        # Bots (this one included) and edits/joins are not people talking to us.
        if event.get("subtype") or event.get("bot_id") or event.get("type") not in ("message", "app_mention"):
            return response.text("ignored"), None
        direct = event.get("channel_type") == "im"
        if not (direct or event.get("type") == "app_mention"):
            return response.text("ignored"), None
        user, text, channel, ts = (event.get(k) for k in ("user", "text", "channel", "ts"))
        if not (isinstance(user, str) and isinstance(channel, str) and isinstance(ts, str) and isinstance(text, str)):
            raise Malformed("the event lacks a user, channel, timestamp or text")
        if not (user and channel and ts):
            raise Malformed("the event lacks a user, channel, timestamp or text")
        thread = event.get("thread_ts") or (None if direct else ts)
        if thread is not None and not isinstance(thread, str):
            raise Malformed("thread_ts is not a string")
        conversation, reply_thread = self._conversation(user, channel, thread, direct)
        bot_users = [a.get("user_id") for a in body.get("authorizations") or [] if isinstance(a, dict)]
        metadata = {"out_channel": channel, "thread_id": reply_thread, "users": [u for u in bot_users if u]}
        text, _ = cut(self._sanitize_user_message(text, metadata["users"]))
        if not text.strip():
            return response.text("ignored"), None
        key = str(body.get("event_id") or f"{channel}/{ts}/{user}")
        return response.text(""), _delivery(key, text, conversation, channel, reply_thread, metadata)

    def _interaction(self, request: Request) -> tuple[HTTPResponse, tuple[str, dict[str, Any]] | None]:
        try:
            payload = json.loads(request.form["payload"][0])
        except (KeyError, IndexError, ValueError, TypeError):
            raise Malformed("no JSON interaction payload") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("user"), dict):
            raise Malformed("the interaction has no user")
        actions = payload.get("actions")
        if not isinstance(actions, list) or not actions or not isinstance(actions[0], dict):
            return response.text("ignored"), None
        text = actions[0].get("value") if actions[0].get("type") == "button" else None
        user = payload["user"].get("id")
        if not isinstance(text, str) or not text or not isinstance(user, str) or not user:
            return response.text("ignored"), None
        channel = (payload.get("channel") or {}).get("id") if isinstance(payload.get("channel"), dict) else None
        message: dict[str, Any] = payload["message"] if isinstance(payload.get("message"), dict) else {}
        direct = bool(isinstance(channel, str) and channel.startswith("D"))
        thread = message.get("thread_ts") or (None if direct else message.get("ts"))
        conversation, reply_thread = self._conversation(user, channel, thread, direct)
        metadata = {"out_channel": channel, "thread_id": reply_thread, "users": [user]}
        # One click is one action; Slack's trigger_id (or the clicked message) names it.
        key = str(payload.get("trigger_id") or f"{channel}/{message.get('ts')}/{user}/{text}")
        return response.text(""), _delivery(key, text, conversation, channel, reply_thread, metadata)


def _delivery(
    key: str, text: str, conversation: str, channel: str | None, thread: str | None, metadata: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """(inbox key, the turn to run): what the inbox keeps until the turn is answered."""
    turn = {"text": text, "conversation": conversation, "channel": channel, "thread": thread, "metadata": metadata}
    return key, turn


class Malformed(ValueError):
    """A signed request whose payload is not what Slack sends."""
