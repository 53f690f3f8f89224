"""Related roles and transition advice, checked against the catalogue's own numbers."""

from __future__ import annotations

import re

import pytest

from bot import leaving, related
from bot.advice import transition_advice
from bot.messages import payload_entities
from bot.related import FILTERS, cluster_examples, contrasting_roles, education_rank, related_roles


def test_nurse_is_offered_nurse_practitioner_and_health_services_manager(catalogue):
    codes = [r.code for r in related_roles(catalogue, "29-1141.00", limit=5)]
    assert "29-1171.00" in codes
    assert "11-9111.00" in codes
    assert not any(c.startswith("29-1141") for c in codes), "specialisms of the same job are not moves"


def test_every_related_role_says_why(catalogue):
    for role in related_roles(catalogue, "13-2011.00"):
        assert role.reasons and role.reason


def test_less_schooling_filter(catalogue):
    nurse = catalogue.occupations["29-1141.00"]
    roles = related_roles(catalogue, nurse.code, {"less_schooling"})
    assert roles
    for role in roles:
        target = catalogue.occupations[role.code]
        assert education_rank(target) < education_rank(nurse) or (
            education_rank(target) == education_rank(nurse) and target.job_zone < nurse.job_zone
        )


def test_higher_pay_filter(catalogue):
    source = catalogue.occupations["13-2011.00"]
    roles = related_roles(catalogue, source.code, {"higher_pay"})
    assert roles and all(catalogue.occupations[r.code].median_wage > source.median_wage for r in roles)


def test_same_cluster_and_bright_outlook_filters(catalogue):
    roles = related_roles(catalogue, "15-1252.00", {"same_cluster", "bright_outlook"})
    assert roles
    for role in roles:
        target = catalogue.occupations[role.code]
        assert "Digital Technology" in target.clusters or "Arts, Entertainment, & Design" in target.clusters
        assert target.bright_outlook


def test_unknown_filter_and_code_are_clear_errors(catalogue):
    with pytest.raises(ValueError, match="unknown filter"):
        related_roles(catalogue, "29-1141.00", {"cheaper"})
    with pytest.raises(KeyError):
        related_roles(catalogue, "99-9999.00")
    assert set(FILTERS) == {"same_cluster", "less_schooling", "higher_pay", "bright_outlook"}


def test_contrasting_roles_are_in_other_clusters(catalogue):
    source = catalogue.occupations["41-2031.00"]  # Retail Salespersons
    roles = contrasting_roles(catalogue, source.code)
    assert len(roles) == 5
    assert len({r.clusters[0] for r in roles}) == 5
    for role in roles:
        assert not set(role.clusters) & set(source.clusters)


def test_cluster_examples(catalogue):
    examples = cluster_examples(catalogue, "Health Science")
    assert examples and all("Healthcare & Human Services" in o.clusters for o in examples)


def test_advice_nurse_to_health_services_manager(catalogue):
    advice = transition_advice(catalogue, "29-1141.00", "11-9111.00")
    carried = {r.name for r in advice.carry_over}
    gaps = {r.name for r in advice.gaps}
    assert carried and gaps and not carried & gaps
    assert "Administration and Management" in gaps
    for gap in advice.gaps:
        assert gap.level_to - gap.level_from >= 0.75
    assert advice.programs[0][0].startswith("51.")  # health programmes first


def test_advice_numbers_come_from_the_catalogue(catalogue):
    a, b = catalogue.occupations["29-1141.00"], catalogue.occupations["29-1171.00"]
    advice = transition_advice(catalogue, a.code, b.code)
    text = advice.summary
    assert f"${b.median_wage:,}" in text
    assert f"${a.median_wage:,}" in text
    assert f"${b.median_wage - a.median_wage:,}" in text
    assert f"{b.growth_percent:g}%" in text
    assert b.education.lower() in text.lower()
    numbers = set(re.findall(r"\$[\d,]+|\d+(?:\.\d+)?%", text))
    expected = {f"${v:,}" for v in (a.median_wage, b.median_wage, b.median_wage - a.median_wage)}
    expected |= {f"{b.growth_percent:g}%"}
    assert numbers <= expected | {"2024", "2034"}


def test_advice_text_is_not_copied_from_onet_descriptions(catalogue):
    advice = transition_advice(catalogue, "13-2011.00", "13-2051.00")
    assert "Conduct quantitative analyses" not in advice.summary
    assert len(advice.summary.split()) < 120


def test_advice_for_unrated_occupation_says_so(catalogue):
    advice = transition_advice(catalogue, "13-2011.00", "15-1252.00")
    assert advice.notes and "no skill ratings" in advice.notes[0]
    assert advice.summary


def test_a_shrinking_bright_outlook_job_says_why_it_is_bright(catalogue):
    # Farmers are projected to shrink yet have numerous openings; "shrink 1.3% (a Bright
    # Outlook occupation)" alone reads as a contradiction.
    from bot import answers

    summary = transition_advice(catalogue, "41-2011.00", "11-9013.00").summary
    assert "shrink" in summary and "Bright Outlook occupation: numerous job openings" in summary
    said = answers.outlook(catalogue.occupations["35-2011.00"], catalogue)  # fast-food cooks
    assert "shrink" in said and "Bright Outlook occupation: numerous job openings" in said


@pytest.mark.parametrize(
    "text, code, left",
    [
        ("I want to get out of healthcare altogether", "29-1141.00", "Healthcare & Human Services"),
        ("anything outside of education?", "25-2021.00", "Education"),
        ("honestly I want to quit teaching", "25-2021.00", "Education"),
        ("get me out of retail", "41-2011.00", "Marketing & Sales"),
        ("I'd like to leave this field entirely", "47-2031.00", "Construction"),
    ],
)
def test_leaving_a_field_gives_roles_outside_it_that_use_the_same_skills(catalogue, text, code, left):
    reply = leaving.outside_field(catalogue, text, code)
    assert reply is not None and f"Roles outside {left}" in reply.messages[0].text
    picks = [payload_entities(b["payload"])["target_code"] for b in reply.messages[0].buttons]
    assert len(picks) >= 3
    for pick in picks:
        assert left not in catalogue.occupations[pick].clusters
        role = next(r for r in related.roles_outside(catalogue, code, {left}) if r.code == pick)
        assert role.tier or role.similarity >= 0.8


@pytest.mark.parametrize(
    "text",
    [
        "I want to leave my job",
        "I hate being away from family",
        "done with night shifts",
        "I want to get into healthcare",
    ],
)
def test_no_field_left(catalogue, text):
    assert leaving.outside_field(catalogue, text, "29-1141.00") is None


def test_leaving_a_field_with_no_job_known_asks_for_it(catalogue):
    reply = leaving.outside_field(catalogue, "I want out of healthcare", None)
    assert reply is not None and "Which job do you do now?" in reply.messages[0].text


@pytest.mark.parametrize("code", ["55-3011.00", "55-1016.00", "55-2012.00"])
def test_a_military_role_gets_civilian_work_like_it(catalogue, code):
    # O*NET rates no skills and lists no related roles for military occupations.
    from bot.replies import role_overview

    assert not catalogue.occupations[code].skills and not catalogue.occupations[code].related
    reply = role_overview(catalogue, code)
    text = reply.messages[0].text
    assert "doesn't rate the skills" in text and "what you did day to day" in text
    picks = [payload_entities(b["payload"])["target_code"] for b in reply.messages[0].buttons]
    assert len(picks) == 5 and not any(p.startswith("55-") for p in picks)
    assert all(catalogue.occupations[p].skills for p in picks)
    assert reply.slots["current_code"] == code


@pytest.mark.parametrize(
    "text", ["I served in the navy for 8 years", "army veteran", "I was in the air force for 6 years"]
)
def test_service_said_without_the_role_asks_for_it(catalogue, text):
    from bot.replies import liked_role

    reply = liked_role(catalogue, text)
    assert reply.messages[0].text.startswith("Thanks for serving.") and not reply.messages[0].buttons
    # With the role said, the role: "navy nurse" is a nurse.
    assert liked_role(catalogue, "navy nurse for 10 years").messages[0].text.startswith("Got it: Registered Nurses")
