"""Roles described without a title, matched through O*NET task statements."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, code",
    [
        ("I fix cars for a living", "49-3023.00"),
        ("I drive a big rig", "53-3032.00"),
        ("I cut hair", "39-5012.00"),
        ("I do people's taxes", "13-2082.00"),
        ("I write code all day", "15-1251.00"),
        ("I fly planes", "53-2012.00"),
    ],
)
def test_activity_offers_the_occupation_first_or_second(matcher, text, code):
    # A description may fit two occupations by meaning ("a big rig" is also a drill rig);
    # then the assistant asks, and the intended one must be among the first choices.
    result = matcher.resolve(text)
    assert (
        result.kind == "role"
        and result.best.code == code
        or (result.kind == "ambiguous" and code in [m.code for m in result.matches[:2]])
    ), result.to_dict()


def test_teaching_little_kids_offers_preschool_teachers(matcher):
    result = matcher.resolve("I teach little kids")
    assert "25-2011.00" in [m.code for m in result.matches[:3]]


def test_vague_descriptions_ask_instead_of_answering(matcher):
    # Barbers and hairdressers both cut hair: the assistant must ask.
    result = matcher.resolve("I cut hair")
    assert result.kind == "ambiguous"
    assert {"39-5011.00", "39-5012.00"} <= {m.code for m in result.matches[:3]}


@pytest.mark.parametrize(
    "text", ["what's the weather like", "the cars outside are loud", "fix my laptop please", "how do I fix my wifi"]
)
def test_no_first_person_work_no_occupation(matcher, text):
    assert matcher.resolve(text).kind not in {"role", "ambiguous"}


def test_interests_are_not_mistaken_for_work(matcher):
    assert matcher.resolve("I like fixing things").kind == "interest"
