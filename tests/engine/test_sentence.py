"""The job part of a sentence (bot/sentence.py)."""

from __future__ import annotations

import pytest

from bot.sentence import job_part


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
