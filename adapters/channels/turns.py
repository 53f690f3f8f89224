"""One person's message, handled so that it is never lost silently.

Every channel (REST, the widget's socket.io, Slack) hands its messages to `handle()`
instead of straight to Rasa. It

- cleans what was typed (invisible and control characters, full-width forms) and cuts an
  over-long message before NLU reads it (bot/limits.py);
- lets only the buttons' own payloads skip NLU (adapters/channels/payloads.py);
- refuses a sender who writes faster than a person can, with a reply that says so;
- holds the assistant's replies until the turn is over, then sends them only if the
  conversation was stored. When the tracker store could not load or save it (the
  database locked or down), the person is told their message was not saved and asked
  to send it again, instead of getting a normal reply over a lost message;
- answers a turn that produced no reply at all (the action server is down, a bug) with
  a "please try again", on every channel.

The tracker store (adapters/tracker_store.py) reports its failures here through a context
variable: the processor runs in the same task, so whatever it records is visible once
`on_new_message` returns.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from adapters.channels.payloads import as_message
from bot.limits import TOO_FAST, RateLimiter, clean, cut, per_sender_limiter

logger = logging.getLogger(__name__)

NOT_SAVED = (
    "Sorry, I couldn't save your message just now, so I haven't answered it. " "Please send it again in a minute."
)
SOMETHING_BROKE = (
    "Sorry, I couldn't work that out just now because part of me isn't responding. "
    "Your message is saved; please try again in a minute."
)
FAILED = (
    "Sorry, something went wrong with that message and it was not saved. "
    "Could you put it another way and send it again?"
)
NO_TEXT = "I didn't get any text there. What would you like to ask?"


@dataclass
class Turn:
    """What happened to one message while Rasa handled it."""

    sender_id: str
    store_errors: list[str] = field(default_factory=list)

    @property
    def stored(self) -> bool:
        return not self.store_errors


_CURRENT: contextvars.ContextVar[Turn | None] = contextvars.ContextVar("career_turn", default=None)


def current_turn() -> Turn | None:
    return _CURRENT.get()


def store_failed(sender_id: str, error: BaseException) -> None:
    """Called by the tracker store when it gives up loading or saving a conversation."""
    turn = _CURRENT.get()
    if turn is not None and turn.sender_id == sender_id:
        turn.store_errors.append(type(error).__name__)


class HeldOutput(OutputChannel):
    """Collects what the assistant says during a turn; `release()` sends it on."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.held: list[dict[str, Any]] = []

    def name(self) -> str:
        return self.inner.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.held.append(message)

    async def release(self, recipient_id: str) -> None:
        for message in self.held:
            await self.inner.send_response(recipient_id, message)


async def say(channel: OutputChannel, recipient_id: str, text: str) -> None:
    await channel.send_response(recipient_id, {"text": text})


class TurnHandler:
    """The one path from a channel into Rasa. One instance per channel."""

    def __init__(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]], senders: RateLimiter | None = None
    ) -> None:
        self.on_new_message = on_new_message
        self.senders = senders or per_sender_limiter()

    async def handle(self, message: UserMessage) -> None:
        output = message.output_channel
        if not self.senders.allow(message.sender_id):
            logger.warning("Rate limit: refused a message in conversation %s", message.sender_id)
            await say(output, message.sender_id, TOO_FAST)
            return
        text, was_cut = cut(as_message(clean(message.text or "")))
        if was_cut:
            logger.info("Cut an over-long message in conversation %s", message.sender_id)
        if not text.strip():
            await say(output, message.sender_id, NO_TEXT)
            return
        message.text = text
        held = HeldOutput(output)
        message.output_channel = held
        turn = Turn(message.sender_id)
        token = _CURRENT.set(turn)
        crashed = False
        try:
            await self.on_new_message(message)
        except Exception as error:  # never the person's text in the log: only what broke
            logger.error("Handling a message in %s failed: %s", message.sender_id, type(error).__name__)
            crashed = True
        finally:
            _CURRENT.reset(token)
        if crashed:
            await say(output, message.sender_id, FAILED)
        elif not turn.stored:
            logger.error(
                "Conversation %s could not be stored (%s); asked to resend", message.sender_id, turn.store_errors
            )
            await say(output, message.sender_id, NOT_SAVED)
        elif not held.held:
            logger.error("No reply for a message in %s; asked to retry", message.sender_id)
            await say(output, message.sender_id, SOMETHING_BROKE)
        else:
            await held.release(message.sender_id)
