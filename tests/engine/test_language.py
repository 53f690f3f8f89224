"""Messages in other languages are recognised, English with typos and jargon is not refused."""

from __future__ import annotations

import pytest

from bot.language import looks_english


@pytest.mark.parametrize(
    "text",
    [
        "Je suis infirmière et j'adore mon travail",
        "Ich war Krankenschwester und habe es geliebt",
        "Yo era enfermera y me encantaba mi trabajo",
        "Eu sou enfermeira e adoro",
        "我是一名护士",
        "أنا ممرضة",
    ],
)
def test_other_languages(matcher, text):
    assert not looks_english(text, matcher.vocab)


@pytest.mark.parametrize(
    "text",
    ["RN", "hi", "im a sofware engineer lol", "I am a CNA in a SNF", "I was a phlebotomist and enjoyed it", "🙂", ""],
)
def test_english_passes(matcher, text):
    assert looks_english(text, matcher.vocab)
