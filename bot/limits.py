"""Limits on what people send, applied before anything reads it.

NLU cost grows with message length and DIET's memory with the number of tokens, so a
message is cut here, at the channel, and the assistant asks for a shorter one. The
sliding-window limiter keeps one sender or one address from taking the server's time
from everyone else. Plain data in and out: the channels (adapters/channels/) apply these.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import deque
from collections.abc import Callable

from bot.privacy import redact
from bot.settings import settings

# Long enough for a paragraph about one's work, far below what slows the pipeline down.
MAX_MESSAGE_CHARS = settings().chat_max_message_chars
# Request bodies above this are refused with 413 before they are read (REST, Slack).
# Slack's own events stay well inside it (a 40,000-character message is about 150 KB).
MAX_BODY_BYTES = settings().chat_max_body_bytes
# One socket.io packet (the widget sends one message per packet).
MAX_SOCKET_BYTES = settings().chat_max_socket_bytes
CUT_MARK = "…"

TOO_FAST = "You're sending messages faster than I can read them. Please wait a few seconds and send that again."


# Characters that change how text looks or reads without being text: zero-width marks
# (which also split an email address past the redaction), bidirectional overrides (which
# flip the rest of a reply or a transcript that quotes them), and lone surrogates (which
# no encoder accepts).
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"})


def clean(text: str) -> str:
    """What people typed, as the assistant reads and stores it.

    NFKC folds full-width and other compatibility forms ("Ｉ ｗａｓ ａ ｎｕｒｓｅ",
    "ana＠example.org", "５５５") into the ordinary characters that NLU and redaction know."""
    text = INVISIBLE.sub("", text)
    return CONTROL.sub(" ", unicodedata.normalize("NFKC", text)).translate(DASHES)


def cut(text: str) -> tuple[str, bool]:
    """The text as it may be read and stored, and whether it was cut.

    A cut message keeps its first MAX_MESSAGE_CHARS characters and ends in CUT_MARK, so
    it is one character longer than any message that was not cut. Personal data is
    redacted before cutting: a cut through an email address or a phone number would
    leave a piece that redaction no longer recognises."""
    if len(text) <= MAX_MESSAGE_CHARS:
        return text, False
    return redact(text[: 2 * MAX_MESSAGE_CHARS])[:MAX_MESSAGE_CHARS] + CUT_MARK, True


def was_cut(text: str) -> bool:
    return len(text) > MAX_MESSAGE_CHARS


class RateLimiter:
    """At most `limit` events per key within `window` seconds (a sliding window).

    Keys are sender ids or client addresses. Old keys are dropped as they expire, so
    memory stays proportional to the people active in the last window."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._swept = clock()

    def allow(self, key: str) -> bool:
        now = self.clock()
        cutoff = now - self.window
        if now - self._swept >= self.window:
            # Quiet keys are forgotten once a window, not on every message.
            self._seen = {k: stamps for k, stamps in self._seen.items() if stamps and stamps[-1] >= cutoff}
            self._swept = now
        stamps = self._seen.setdefault(key, deque())
        while stamps and stamps[0] < cutoff:
            stamps.popleft()
        if len(stamps) >= self.limit:
            return False
        stamps.append(now)
        return True


def per_sender_limiter() -> RateLimiter:
    """Messages one conversation may send: a person types far slower than this."""
    config = settings()
    return RateLimiter(config.chat_sender_limit, config.chat_sender_window)


def per_address_limiter() -> RateLimiter:
    """Messages from one network address, across conversations (an office shares one)."""
    config = settings()
    return RateLimiter(config.chat_address_limit, config.chat_address_window)
