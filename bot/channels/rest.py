"""Rasa's REST channel, plus a reply when a turn produced none.

If the action server is down, Rasa logs the failure and carries on without a word to
the person; they see nothing and retry or leave. Every turn of this assistant says
something, so an empty turn means something broke: say so, and keep the message (Rasa
has already stored it in the tracker store).
"""

from __future__ import annotations

import logging
from typing import Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint

logger = logging.getLogger(__name__)

SOMETHING_BROKE = (
    "Sorry, I couldn't work that out just now because part of me isn't responding. "
    "Your message is saved; please try again in a minute."
)


def answer_empty_turns(
    on_new_message: Callable[[UserMessage], Awaitable[None]]
) -> Callable[[UserMessage], Awaitable[None]]:
    async def handle(message: UserMessage) -> None:
        await on_new_message(message)
        channel = message.output_channel
        if isinstance(channel, CollectingOutputChannel) and not channel.messages:
            logger.error("No reply for %s's message; telling them to retry", message.sender_id)
            await channel.send_text_message(message.sender_id, SOMETHING_BROKE)

    return handle


class RestWithReplyOnFailure(RestInput):
    """Same URL and payloads as Rasa's `rest` channel."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        return super().blueprint(answer_empty_turns(on_new_message))
