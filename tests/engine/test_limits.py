"""Limits applied before anything reads a message (bot/limits.py), without a server."""

from __future__ import annotations

from bot.limits import MAX_MESSAGE_CHARS, RateLimiter, clean, cut, was_cut


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_rate_limit_is_a_sliding_window_per_key():
    clock = Clock()
    limiter = RateLimiter(3, 10, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")
    clock.now = 9.9
    assert not limiter.allow("a")
    clock.now = 10.1
    assert limiter.allow("a") and limiter.allow("a") and limiter.allow("a") and not limiter.allow("a")


def test_quiet_keys_are_forgotten():
    clock = Clock()
    limiter = RateLimiter(3, 10, clock=clock)
    for key in ("a", "b", "c"):
        limiter.allow(key)
    clock.now = 25
    limiter.allow("d")
    assert list(limiter._seen) == ["d"]


def test_a_long_message_is_cut_after_redaction():
    text = "x" * (MAX_MESSAGE_CHARS - 5) + " ana.lopez@example.com and more"
    kept, was = cut(text)
    assert was and was_cut(kept) and len(kept) == MAX_MESSAGE_CHARS + 1
    assert "ana.lop" not in kept
    assert cut("short") == ("short", False)


def test_cleaning():
    assert clean("Ｉ ｗａｓ\u200b a nurse\u202e\x00") == "I was a nurse "
