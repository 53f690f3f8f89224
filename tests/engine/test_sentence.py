"""The job part of a sentence (bot/sentence.py)."""

from __future__ import annotations

import pytest

from bot.sentence import blank_address, job_part


@pytest.mark.parametrize(
    "text, job",
    [
        ("I do the accounts for a hospital", "I do the accounts"),
        ("I'm a postie in rural Donegal, 20 years on the same round", "I'm a postie"),
        ("I teach kids to swim at the leisure centre", "I teach kids to swim"),
        ("welder since 2019", "welder"),
    ],
)
def test_the_place_employer_or_time_is_cut_off(text, job):
    assert job_part(text) == job


@pytest.mark.parametrize("text", ["I work in a hospital", "nurse", "I've been at the council", "in sales"])
def test_a_sentence_with_nothing_before_the_phrase_stays_whole(text):
    assert job_part(text) is None


@pytest.mark.parametrize(
    "text, kept",
    [
        ("that's my actual job mate. what's next?", False),
        ("cheers mate", False),
        ("I was a first mate on a ferry", True),
        ("I worked as the ship's mate.", True),
        ("I was a mate.", True),
    ],
)
def test_words_of_address_are_blanked_but_not_the_job(text, kept):
    blanked = blank_address(text)
    assert len(blanked) == len(text) and ("mate" in blanked) == kept


def test_a_word_of_address_is_not_read_as_a_job(matcher):
    result = matcher.resolve("that's my actual job mate. what's the next step up from forklift driver?")
    assert result.best.code == "53-7051.00", result.to_dict()
    assert "mate" not in [tag.text for tag in matcher.tag("cheers mate, I drive a forklift")]
