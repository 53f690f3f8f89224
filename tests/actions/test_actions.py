"""Every custom action, run the way the action server runs it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import career
from bot.catalogue import shared_catalogue as catalogue
from bot.messages import payload_entities as parse_payload
from bot.related import education_rank


def payload_entities(text: str) -> list[dict]:
    """What Rasa's parser makes of a button payload such as /constraint{"reason":"pay"}."""
    found = parse_payload(text)
    return [{"entity": name, "value": value} for name, value in found.items()]


def make_tracker(text: str, intent: str, slots: dict[str, Any] | None = None) -> Tracker:
    return Tracker(
        sender_id="test-user",
        slots=slots or {},
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 0.95},
            "entities": payload_entities(text),
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


async def run(action_class, text: str, intent: str, **slots: Any) -> tuple[list[dict], dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = await action_class().run(dispatcher, make_tracker(text, intent, slots), domain={})
    slot_values = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return dispatcher.messages, slot_values


def code_of(button: dict) -> str:
    entities = json.loads(button["payload"][button["payload"].index("{") :])
    return entities.get("target_code") or entities["occupation_code"]


def buttons(messages: list[dict]) -> list[dict]:
    return [b for m in messages for b in (m.get("buttons") or [])]


def all_text(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


async def test_liked_role_confirms_title_cluster_and_offers_related_roles():
    messages, slots = await run(career.ActionLikedRole, "I loved my years as a nurse", "liked_role")
    text = all_text(messages)
    assert "Registered Nurses" in text and "Healthcare & Human Services" in text
    picks = [b for b in buttons(messages) if b["payload"].startswith("/pick_role")]
    assert 3 <= len(picks) <= 5
    assert any(b["title"] == "Nurse Practitioners" for b in picks)
    titles = {b["title"] for b in buttons(messages)}
    assert {"More options", "Less schooling", "Higher pay", "Same cluster"} <= titles
    assert slots["current_code"] == "29-1141.00"
    assert len(slots["offered_codes"]) == len(picks)
    for line in text.splitlines():
        if line.startswith("- "):
            assert ": " in line, "every related role has a one-line reason"


@pytest.mark.parametrize(
    "text, title",
    [("none of those. legal secretary", "Legal Secretaries"), ("no none of them, I was a paralegal", "Paralegals")],
)
async def test_none_of_these_with_the_job_said(text, title):
    messages, slots = await run(career.ActionNoneOfThese, text, "none_of_these")
    assert all_text(messages).startswith(f"Got it: {title}")
    assert slots["current_code"]


async def test_none_of_these_alone_asks_for_a_description():
    for text in ("none of these", "/none_of_these"):
        messages, _ = await run(career.ActionNoneOfThese, text, "none_of_these")
        assert [m.get("response") for m in messages] == ["utter_describe_role"]


async def test_ambiguous_role_asks_with_candidates_and_none_of_these():
    messages, slots = await run(career.ActionLikedRole, "I was a doctor", "liked_role")
    assert "Which one" in all_text(messages)
    options = buttons(messages)
    assert options[-1] == {"title": "None of these", "payload": "/none_of_these"}
    assert all(b["payload"].startswith("/choose_occupation") for b in options[:-1])
    assert len(slots["candidate_codes"]) >= 2
    assert "current_code" not in slots


async def test_choosing_a_candidate_continues_with_it():
    asked, _ = await run(career.ActionLikedRole, "doctor", "liked_role")
    first = buttons(asked)[0]["payload"]  # /choose_occupation{"occupation_code": "..."}
    code = json.loads(first[first.index("{") :])["occupation_code"]
    messages, slots = await run(career.ActionLikedRole, "/choose_occupation", "choose_occupation", occupation_code=code)
    assert slots["current_code"] == code
    assert any(b["payload"].startswith("/pick_role") for b in buttons(messages))


async def test_unknown_role_asks_again_and_counts_a_miss():
    messages, slots = await run(career.ActionLikedRole, "I was a flibbertigibbet", "liked_role")
    assert "couldn't match" in all_text(messages)
    assert slots["misses"] == 1


async def test_huge_message_gets_a_clear_reply():
    messages, _ = await run(career.ActionLikedRole, "nurse " * 500, "liked_role")
    assert "long message" in all_text(messages)


@pytest.mark.parametrize("text", ["I was a journo", "I worked as a postie for 6 years"])
async def test_a_bare_job_heard_as_a_dislike_is_taken_as_the_job(text):
    # NLU now and then hears a dislike in a word it never saw; nothing in the words says so.
    messages, slots = await run(career.ActionDislikedRole, text, "disliked_role")
    assert all_text(messages).startswith("Got it:") and "What did you dislike" not in all_text(messages)


@pytest.mark.parametrize("text", ["I was a journo, never again", "I was a postie and it was miserable"])
async def test_a_job_said_with_dislike_is_still_a_dislike(text):
    messages, _ = await run(career.ActionDislikedRole, text, "disliked_role")
    assert "What did you dislike" in all_text(messages) or "wasn't" in all_text(messages)


async def test_disliked_role_asks_what_was_wrong_then_steers_away_from_it():
    messages, slots = await run(career.ActionDislikedRole, "I was a cashier and hated it", "disliked_role")
    assert "cashiers" in all_text(messages).lower() and "What did you dislike most" in all_text(messages)
    reasons = {b["title"]: b["payload"] for b in buttons(messages)}
    assert {"The people or customers", "The stress", "The pay", "The hours"} <= set(reasons)
    assert slots["current_code"] == "41-2011.00"

    messages, _ = await run(career.ActionSteer, reasons["The pay"], "constraint", current_code="41-2011.00")
    picks = [b for b in buttons(messages) if b["payload"].startswith("/pick_role")]
    cashier_pay = catalogue().occupations["41-2011.00"].median_wage
    assert picks and all(catalogue().occupations[code_of(b)].median_wage > cashier_pay for b in picks)

    messages, _ = await run(career.ActionSteer, "just different work", "constraint", current_code="41-2011.00")
    assert "Sorry" not in all_text(messages)
    messages, _ = await run(
        career.ActionSteer, reasons["The tasks themselves"], "constraint", current_code="41-2011.00"
    )
    assert "other clusters" in all_text(messages)


async def test_interest_names_clusters_explains_and_offers_examples():
    messages, _ = await run(career.ActionInterest, "I'm good with numbers", "interest")
    text = all_text(messages)
    assert "Financial Services" in text and "A career cluster is" in text
    assert any(b["payload"].startswith("/choose_occupation") for b in buttons(messages))


@pytest.mark.parametrize(
    "text",
    ["I really enjoy my shifts on the forklift at the depot", "loved my years on the ward, twelve hour shifts and all"],
)
async def test_enjoying_ones_own_job_is_not_answered_as_an_interest(text):
    messages, _ = await run(career.ActionInterest, text, "interest")
    said = all_text(messages)
    assert not said.startswith("That points to"), said


async def test_interest_examples_are_the_roles_nearest_what_was_said():
    messages, _ = await run(career.ActionInterest, "restoring old bicycles is my hobby", "interest")
    titles = [b["title"] for b in buttons(messages)]
    assert "Bicycle Repairers" in titles[:3], titles


@pytest.mark.parametrize(
    "action, intent",
    [
        (career.ActionSteer, "constraint"),  # "at weekends" is not a wish about hours here
        (career.ActionLikedRole, "liked_role"),
        (career.ActionOutOfScope, "out_of_scope"),
    ],
)
async def test_a_pastime_is_answered_as_an_interest_whatever_nlu_made_of_it(action, intent):
    text = "i love rebuilding old lawnmower engines in my shed at weekends"
    messages, slots = await run(action, text, intent)
    said = all_text(messages)
    assert said.startswith("That points to"), said
    assert not slots.get("current_code"), "a pastime is not the person's job"


async def test_less_schooling_uses_the_role_already_discussed():
    messages, slots = await run(
        career.ActionMoreRoles, "what about something with less schooling?", "less_schooling", current_code="29-1141.00"
    )
    text = all_text(messages)
    assert "less schooling than Registered Nurses" in text
    assert "Licensed Practical" in text


async def test_a_follow_up_with_another_wish_is_answered_for_that_wish():
    # NLU heard "less schooling"; the person asked for less physical work.
    messages, _ = await run(
        career.ActionMoreRoles,
        "what else could I do that's less physical?",
        "less_schooling",
        current_code="47-2031.00",
    )
    text = all_text(messages)
    assert "physical" in text and "less schooling" not in text, text


async def test_more_options_skips_roles_already_offered():
    first, slots = await run(career.ActionLikedRole, "nurse", "liked_role")
    offered = slots["offered_codes"]
    messages, more = await run(
        career.ActionMoreRoles, "more options", "more_options", current_code="29-1141.00", offered_codes=offered
    )
    codes = [b["payload"] for b in buttons(messages)]
    assert codes and not any(code in payload for code in offered for payload in codes)
    assert set(offered) <= set(more["offered_codes"])


async def test_follow_up_without_a_role_asks_for_one():
    messages, _ = await run(career.ActionMoreRoles, "higher pay", "higher_pay")
    assert "Which job should I start from" in all_text(messages)


async def test_transition_advice_for_picked_role():
    messages, _ = await run(
        career.ActionTransitionAdvice, "/pick_role", "pick_role", current_code="29-1141.00", target_code="29-1171.00"
    )
    text = all_text(messages)
    assert "Moving from Registered Nurses to Nurse Practitioners" in text
    assert "What carries over" in text and "What to learn" in text and "$129,210" in text


async def test_how_to_move_answers_directly():
    messages, slots = await run(
        career.ActionHowToMove, "how do I get from nurse to hospital administrator?", "how_to_move"
    )
    assert "Moving from Registered Nurses to Medical and Health Services Managers" in all_text(messages)
    assert slots["current_code"] == "29-1141.00"


async def test_how_to_move_uses_context_for_the_starting_role():
    messages, _ = await run(
        career.ActionHowToMove, "how do I become a nurse practitioner?", "how_to_move", current_code="29-1141.00"
    )
    assert "Moving from Registered Nurses to Nurse Practitioners" in all_text(messages)


async def test_explain_and_describe_clusters():
    messages, _ = await run(career.ActionExplainClusters, "what are career clusters?", "explain_clusters")
    text = all_text(messages)
    assert "14 clusters" in text and "Digital Technology" in text
    messages, slots = await run(career.ActionDescribeCluster, "tell me about the IT cluster", "describe_cluster")
    text = all_text(messages)
    assert (
        text.startswith("Digital Technology") and "Sub-clusters" in text and "Network Systems & Cybersecurity" in text
    )
    assert slots["cluster"] is None


async def test_fallback_tries_the_engine_then_offers_a_counselor_after_two_misses():
    messages, slots = await run(career.ActionFallback, "doctor", "nlu_fallback")
    assert "Which one" in all_text(messages)
    messages, slots = await run(career.ActionFallback, "blorp zzzt", "nlu_fallback")
    assert slots["misses"] == 1 and "didn't catch" in all_text(messages)
    messages, slots = await run(career.ActionFallback, "qwerty", "nlu_fallback", misses=1.0)
    assert slots["misses"] == 2
    assert {"title": "Yes, connect me", "payload": "/request_counselor"} in buttons(messages)


async def test_counselor_request_is_recorded_in_the_conversation():
    messages, slots = await run(career.ActionRequestCounselor, "I want to speak to a counselor", "request_counselor")
    assert slots["counselor_requested"] is True
    assert "counselor" in all_text(messages)


@pytest.mark.parametrize(
    "action",
    [
        a
        for a in vars(career).values()
        if isinstance(a, type) and a.__module__ == career.__name__ and a is not career.Action
    ],
)
def test_every_action_has_a_domain_entry(action):
    import yaml

    from tests.conftest import ROOT

    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    assert action().name() in domain["actions"]


@pytest.mark.parametrize(
    "action", [career.ActionLikedRole, career.ActionDislikedRole, career.ActionInterest, career.ActionFallback]
)
async def test_other_languages_get_a_polite_english_only_reply(action):
    messages, slots = await run(action, "Je suis infirmière et j'adore mon travail", "liked_role")
    text = all_text(messages)
    assert "only understand English" in text
    assert "Registered Nurses" not in text and not buttons(messages)


def tracker_with_entities(text: str, intent: str, entities: list[dict]) -> Tracker:
    tracker = make_tracker(text, intent)
    tracker.latest_message["entities"] = entities
    return tracker


async def test_several_roles_start_from_the_first_and_offer_the_others():
    entities = [
        {"entity": "role", "value": "waiter", "occupation_codes": ["35-3031.00"], "ambiguous": False},
        {"entity": "role", "value": "bartender", "occupation_codes": ["35-3011.00"], "ambiguous": False},
    ]
    dispatcher = CollectingDispatcher()
    events = await career.ActionLikedRole().run(
        dispatcher, tracker_with_entities("I was a waiter and then a bartender", "liked_role", entities), {}
    )
    text = all_text(dispatcher.messages)
    assert "Got it: Waiters and Waitresses" in text
    assert "You also mentioned bartender" in text
    assert {"title": "Bartenders", "payload": '/choose_occupation{"occupation_code":"35-3011.00"}'} in buttons(
        dispatcher.messages
    )
    assert SlotSet("current_code", "35-3031.00") in events


async def test_correction_continues_with_the_corrected_role():
    entities = [
        {"entity": "role", "value": "physical therapist", "occupation_codes": ["29-1123.00"], "ambiguous": False}
    ]
    dispatcher = CollectingDispatcher()
    events = await career.ActionLikedRole().run(
        dispatcher, tracker_with_entities("no, I meant a physical therapist", "liked_role", entities), {}
    )
    assert "Got it: Physical Therapists" in all_text(dispatcher.messages)
    assert SlotSet("current_code", "29-1123.00") in events


async def test_a_described_job_gets_a_question_about_the_job():
    messages, slots = await run(career.ActionLikedRole, "I cut hair", "liked_role")
    assert all_text(messages).startswith("That sounds like one of these jobs")
    assert {"Barbers", "Hairdressers, Hairstylists, and Cosmetologists"} <= {b["title"] for b in buttons(messages)}


async def test_moving_towards_a_direction_rather_than_a_job_shows_where_it_leads():
    # Used to raise AttributeError (no occupation to move into) and reach the person as
    # "part of me isn't responding".
    messages, _ = await run(career.ActionHowToMove, "how do I get from nursing to working outdoors?", "how_to_move")
    text = all_text(messages)
    assert "Energy & Natural Resources" in text or "Agriculture" in text


@pytest.mark.parametrize(
    "text, words, tagged, wanted",
    [
        ("I answer the phones for a team of plumbers", "plumbers", "47-2152.00", "43-2011.00"),
        ("I do the payroll for the paramedics", "paramedics", "29-2043.00", "43-3051.00"),
    ],
)
async def test_one_tagged_title_is_weighed_against_the_whole_message(text, words, tagged, wanted):
    # The only title in the message names the customers, not the job: the reply must
    # come from the whole message (answered or asked), never from the tag alone.
    entities = [{"entity": "role", "value": words, "occupation_codes": [tagged], "ambiguous": False}]
    dispatcher = CollectingDispatcher()
    events = await career.ActionLikedRole().run(dispatcher, tracker_with_entities(text, "liked_role", entities), {})
    assert SlotSet("current_code", tagged) not in events
    offered = [b["payload"] for b in buttons(dispatcher.messages)]
    assert SlotSet("current_code", wanted) in events or any(wanted in p for p in offered), all_text(dispatcher.messages)


async def test_a_second_miss_of_any_kind_offers_a_counselor():
    # A message taken as a role that matches nothing is a miss like a fallback is.
    messages, slots = await run(career.ActionLikedRole, "zxq vbnm", "liked_role")
    assert slots["misses"] == 1 and not buttons(messages)
    messages, slots = await run(career.ActionLikedRole, "zxq vbnm", "liked_role", misses=1.0)
    assert slots["misses"] == 2
    assert {"title": "Yes, connect me", "payload": "/request_counselor"} in buttons(messages)


# The conversation's context (issue 12): what the person last saw decides what a
# follow-up means.
DOCTORS = ["29-1221.00", "29-1215.00", "29-1216.00", "29-1229.00"]


@pytest.mark.parametrize(
    "answer, code",
    [("the one for kids", "29-1221.00"), ("the second", "29-1215.00"), ("internal medicine", "29-1216.00")],
)
async def test_a_clarifying_question_answered_in_words(answer, code):
    for action, intent in [(career.ActionLikedRole, "liked_role"), (career.ActionInterest, "interest"),
                           (career.ActionFallback, "nlu_fallback")]:  # fmt: skip
        messages, slots = await run(action, answer, intent, candidate_codes=DOCTORS, listed_codes=DOCTORS)
        assert f"Got it: {catalogue().occupations[code].title}" in all_text(messages), (action, answer)
        assert slots["current_code"] == code


async def test_follow_ups_refer_back_to_the_list_shown():
    _, slots = await run(career.ActionLikedRole, "I loved my years as a nurse", "liked_role")
    listed, current = slots["listed_codes"], slots["current_code"]
    second = catalogue().occupations[listed[1]]
    messages, after = await run(
        career.ActionAboutOccupation, "what does the second one pay?", "ask_occupation",
        listed_codes=listed, current_code=current, subject_code=current,
    )  # fmt: skip
    assert f"{second.title}:" in all_text(messages) and f"${second.median_wage:,}" in all_text(messages)
    assert after["subject_code"] == second.code
    messages, _ = await run(
        career.ActionAboutOccupation, "and what schooling would I need", "ask_occupation",
        listed_codes=listed, current_code=current, subject_code=second.code,
    )  # fmt: skip
    assert f"{second.title}:" in all_text(messages) and "Typical entry education" in all_text(messages)


async def test_which_of_those_ranks_the_list_shown():
    messages, _ = await run(
        career.ActionAboutOccupation, "which of those don't need a degree?", "ask_occupation", listed_codes=DOCTORS[:3]
    )
    assert "quickest to train for first" in all_text(messages)
    messages, _ = await run(
        career.ActionAboutOccupation,
        "which of these is the least stressful",
        "ask_occupation",
        listed_codes=DOCTORS[:3],
    )
    lines = [line for line in all_text(messages).splitlines() if line.startswith("- ")]
    levels = [float(line.rsplit("stress tolerance ", 1)[1].split("/")[0]) for line in lines]
    assert len(levels) == 3 and levels == sorted(levels)


@pytest.mark.parametrize(
    "question, title, fact",
    [
        ("what does an actuary do", "Actuaries", "Typical tasks"),
        ("how much does a dental hygienist make", "Dental Hygienists", "Median pay: $"),
        ("what schooling does an electrician need", "Electricians", "Typical entry education"),
        ("is welding a good career", "Welders, Cutters, Solderers, and Brazers", "Outlook"),
        ("what cluster is nursing in", "Registered Nurses", "Healthcare & Human Services"),
    ],
)
async def test_questions_about_an_occupation_with_no_story(question, title, fact):
    messages, slots = await run(career.ActionAboutOccupation, question, "ask_occupation")
    assert all_text(messages).startswith(f"{title}:") and fact in all_text(messages)


async def test_a_career_change_in_one_sentence_is_a_move_not_a_dislike():
    messages, slots = await run(
        career.ActionHowToMove, "I'm a bank teller and I want to move into being a loan officer", "how_to_move"
    )
    assert "Moving from Tellers to Loan Officers" in all_text(messages)
    assert slots["current_code"] == "43-3071.00"


async def test_burned_out_but_loving_it_keeps_the_skills_and_lowers_the_strain():
    messages, slots = await run(
        career.ActionDislikedRole, "I'm a high school math teacher and I'm burned out", "disliked_role"
    )
    text = all_text(messages)
    assert "Burnout" in text and "stress tolerance as less important" in text
    teacher = catalogue().occupations[slots["current_code"]]
    picks = [b for b in buttons(messages) if b["payload"].startswith("/pick_role")]
    assert picks and all(catalogue().occupations[code_of(b)].stress_tolerance < teacher.stress_tolerance for b in picks)


async def test_a_constraint_the_data_cannot_answer_is_said_plainly():
    messages, _ = await run(career.ActionSteer, "I want to work from home", "constraint", current_code="53-3032.00")
    assert "doesn't say which jobs can be done from home" in all_text(messages)
    assert {"Less stress", "Higher pay"} <= {b["title"] for b in buttons(messages)}


async def test_someone_who_does_not_know_yet_gets_two_questions_then_roles():
    messages, _ = await run(career.ActionGuide, "im 16 what jobs can i do", "unsure")
    first = {b["title"]: b["payload"] for b in buttons(messages)}
    assert len(first) == 6 and "?" in all_text(messages)
    messages, _ = await run(career.ActionGuide, first["Helping, teaching or caring for people"], "guide_interest")
    second = {b["title"]: b["payload"] for b in buttons(messages)}
    assert len(second) == 3
    messages, _ = await run(career.ActionGuide, second["A year or two of training"], "guide_schooling")
    picks = [code_of(b) for b in buttons(messages)]
    assert "Social interest" in all_text(messages) and picks
    for code in picks:
        occupation = catalogue().occupations[code]
        assert occupation.riasec["Social"] >= 5.0 and education_rank(occupation) <= 4


async def test_a_constraint_turn_that_only_names_a_job_is_read_as_the_job():
    messages, slots = await run(career.ActionSteer, "I work the front desk at a hotel", "constraint")
    assert "Hotel, Motel, and Resort Desk Clerks" in all_text(messages) + str([b["title"] for b in buttons(messages)])


async def test_a_clarifying_question_answered_in_words_whatever_the_intent():
    messages, slots = await run(
        career.ActionSteer, "the second", "constraint", candidate_codes=DOCTORS, listed_codes=DOCTORS
    )
    assert "Got it: Family Medicine Physicians" in all_text(messages)


async def test_a_turn_that_was_understood_ends_the_run_of_misses():
    # "Two misses in a row": a clarifying question answered in between starts the count again.
    messages, slots = await run(
        career.ActionLikedRole, "I ran the front desk at a dental office", "liked_role", misses=1.0
    )
    assert slots["misses"] == 0 and buttons(messages)
    assert {"title": "Yes, connect me", "payload": "/request_counselor"} not in buttons(messages)
