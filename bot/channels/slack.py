"""Slack: Rasa's Slack channel, configured from the environment and hardened.

Rasa 3.6 already checks the X-Slack-Signature (and rejects timestamps older than five
minutes), skips messages from bots, replies in threads and posts Block Kit buttons. This
subclass adds what a school's workspace needs:

- credentials only from SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; without them the
  channel answers 503 and the rest of the assistant runs as usual;
- every Slack retry (X-Slack-Retry-Num) is acknowledged and dropped, whatever its reason
  (Rasa's default answers an `http_error` retry a second time);
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
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

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
        blocks = [{"type": "section", "text": {"type": "plain_text", "text": text[:3000]}}, {"type": "actions", "elements": elements}]
        await self._post_message(channel=channel, text=_escape(text), blocks=blocks)


class SlackChannel(SlackInput):
    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "SlackChannel":
        token = os.environ.get("SLACK_BOT_TOKEN", "")
        secret = os.environ.get("SLACK_SIGNING_SECRET", "")
        channel = cls(
            token or "unset",
            # Rasa refuses to start without a signing secret; unset means disabled here.
            slack_signing_secret=secret or "unset",
            use_threads=True,
            conversation_granularity="thread",
        )
        channel.enabled = bool(token and secret)
        channel.api_url = os.environ.get("SLACK_API_URL") or None
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
            if request.headers.get("x-slack-retry-num"):
                # We answer every delivery at once, so a retry is always a duplicate.
                logger.info(
                    "Dropped Slack retry #%s (%s)",
                    request.headers.get("x-slack-retry-num"),
                    request.headers.get("x-slack-retry-reason"),
                )
                return response.text("", headers={"X-Slack-No-Retry": "1"})
            if request.headers.get("content-type", "").startswith("application/json"):
                return await self._event(request, on_new_message)
            if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
                return await self._interaction(request, on_new_message)
            return response.text("unsupported content type", status=HTTPStatus.BAD_REQUEST)

        return slack

    async def _event(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        body = request.json or {}
        if body.get("type") == "url_verification":
            return response.json({"challenge": body.get("challenge", "")})
        event = body.get("event") or {}
        # Bots (this one included) and edits/joins are not people talking to us.
        if not self._is_user_message(body) or event.get("subtype") or event.get("bot_id"):
            return response.text("ignored")
        direct = event.get("channel_type") == "im"
        if not (direct or event.get("type") == "app_mention"):
            return response.text("ignored")
        thread = event.get("thread_ts") or (None if direct else event.get("ts"))
        conversation, reply_thread = self._conversation(event["user"], event.get("channel"), thread, direct)
        metadata = self.get_metadata(request)
        metadata["thread_id"] = reply_thread
        text = self._sanitize_user_message(event.get("text", ""), metadata.get("users") or [])
        return await self._handle(text, conversation, event.get("channel"), reply_thread, metadata, on_new_message)

    async def _interaction(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            payload = json.loads(request.form["payload"][0])
        except (KeyError, IndexError, ValueError):
            return response.text("malformed interaction payload", status=HTTPStatus.BAD_REQUEST)
        if not self._is_interactive_message(payload):
            return response.text("ignored")
        text = self._get_interactive_response(payload["actions"][0])
        if not text:
            return response.text("ignored")
        channel = (payload.get("channel") or {}).get("id")
        message = payload.get("message") or {}
        direct = bool(channel and channel.startswith("D"))
        thread = message.get("thread_ts") or (None if direct else message.get("ts"))
        conversation, reply_thread = self._conversation(payload["user"]["id"], channel, thread, direct)
        metadata = {"out_channel": channel, "thread_id": reply_thread, "users": [payload["user"]["id"]]}
        return await self._handle(text, conversation, channel, reply_thread, metadata, on_new_message)

    async def _handle(
        self,
        text: str,
        conversation: str,
        channel: str | None,
        thread: str | None,
        metadata: dict[str, Any],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        message = UserMessage(
            text, self.get_output_channel(channel, thread), conversation, input_channel=self.name(), metadata=metadata
        )
        # Slack wants an answer within three seconds; the reply is posted when ready.
        task = asyncio.create_task(on_new_message(message))
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)
        return response.text("")
