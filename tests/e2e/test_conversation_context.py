"""Conversations that need context (issue 12), held with the running assistant over REST.

Each test is a short conversation a person might have; the messages are our own, not
from any evaluation set.
"""

from __future__ import annotations

import uuid

import pytest

from tests.e2e.conversation import buttons, payload_entities, texts

pytestmark = pytest.mark.e2e


def new_sender(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:8]}"


def titles(reply: list[dict]) -> list[str]:
    return [b["title"] for b in buttons(reply)]


def test_follow_ups_about_the_roles_just_listed(assistant, catalogue):
    sender = new_sender("followup")
    first = assistant.say(sender, "I spent ten years as a pharmacist and enjoyed it")
    assert "Pharmacists" in texts(first)
    offered = [payload_entities(b["payload"])["target_code"] for b in buttons(first) if "target_code" in b["payload"]]
    third = catalogue.occupations[offered[2]]
    reply = assistant.say(sender, "how much does the third one earn?")
    assert texts(reply).startswith(f"{third.title}:") and f"${third.median_wage:,}" in texts(reply)
    reply = assistant.say(sender, "is it in demand?")
    assert texts(reply).startswith(f"{third.title}:") and "projected to" in texts(reply)
    reply = assistant.say(sender, "which of those pays the most?")
    assert "best paid first" in texts(reply)


def test_the_list_again_is_the_same_list(assistant):
    sender = new_sender("again")
    first = assistant.say(sender, "I was a pharmacist for years, really liked it")
    listed = [b["title"] for b in buttons(first) if "target_code" in b["payload"]]
    assert len(listed) >= 3
    assistant.say(sender, "what does the second one pay?")
    for ask in ("show me the options again", "sorry what were those jobs again?"):
        reply = assistant.say(sender, ask)
        assert [b["title"] for b in buttons(reply)] == listed, texts(reply)


def test_question_about_an_occupation_out_of_the_blue(assistant):
    reply = assistant.say(new_sender("question"), "what does a sonographer actually do?")
    assert "Diagnostic Medical Sonographers:" in texts(reply) and "Typical tasks" in texts(reply)
    reply = assistant.say(new_sender("question"), "how much do electricians make")
    assert "Electricians:" in texts(reply) and "Median pay: $" in texts(reply)


def test_career_change_in_one_sentence(assistant):
    sender = new_sender("change")
    reply = assistant.say(sender, "I'm a paralegal but I want to move into being a lawyer")
    assert "Moving from Paralegals and Legal Assistants to Lawyers" in texts(reply)
    assert "wasn't for you" not in texts(reply)


def test_how_to_become_a_role_then_the_job_they_come_from(assistant):
    sender = new_sender("become")
    reply = assistant.say(sender, "how would I go about becoming a dental hygienist")
    assert "which job are you coming from" in texts(reply)
    # Their job, night shifts and all: not a wish about hours, and the goal is kept.
    reply = assistant.say(sender, "I stack shelves at a supermarket on the night shift")
    assert "Moving from Stockers and Order Fillers to Dental Hygienists" in texts(reply)
    assert "doesn't say working hours" not in texts(reply)
    # Someone with no job yet gets what it takes, not the same question again.
    sender = new_sender("become-student")
    assistant.say(sender, "what would it take for me to become a dental hygienist")
    reply = assistant.say(sender, "I don't have a job yet, I'm in college")
    assert "Typical entry education" in texts(reply) and "which job are you coming from" not in texts(reply)


@pytest.mark.parametrize(
    "message, steered",
    [
        ("I'm a dental assistant and want more money", "Roles related to dental assistants that pay more"),
        ("receptionist at a vet clinic, looking for better pay", "that pay more"),
        ("paramedic here, done with night shifts", "doesn't say working hours"),
    ],
)
def test_a_job_and_a_wish_in_the_first_message(assistant, message, steered):
    reply = assistant.say(new_sender("jobwish"), message)
    assert steered in texts(reply)


def test_clarifying_question_answered_in_words_and_corrected(assistant):
    sender = new_sender("clarify")
    reply = assistant.say(sender, "I was a doctor")
    for_children = [t for t in titles(reply) if t.startswith("Pediatric")]
    assert len(for_children) == 1, titles(reply)
    reply = assistant.say(sender, "the one who treats children")
    assert f"Got it: {for_children[0]}" in texts(reply)
    reply = assistant.say(sender, "no sorry, I meant a dentist")
    assert "Got it: Dentists, General" in texts(reply)


def test_dislike_asks_why_and_steers_away_from_it(assistant, catalogue):
    sender = new_sender("dislike")
    reply = assistant.say(sender, "I was a cashier at a supermarket and hated every day of it")
    assert "What did you dislike most" in texts(reply)
    reply = assistant.say(sender, "the pay was awful")
    own = catalogue.occupations["41-2011.00"].median_wage
    picks = [payload_entities(b["payload"])["target_code"] for b in buttons(reply) if "target_code" in b["payload"]]
    assert picks and all(catalogue.occupations[code].median_wage > own for code in picks)


def test_what_went_wrong_answered_in_words_like_a_button(assistant, catalogue):
    # "the tasks themselves" is a button's title: typed, it answers the question the
    # same way, not "Sorry, I didn't catch that".
    for answer in ("the tasks themselves", "mostly just the actual work"):
        sender = new_sender("dislike-tasks")
        reply = assistant.say(sender, "I hated being a cashier")
        assert "What did you dislike most" in texts(reply)
        reply = assistant.say(sender, answer)
        assert "Roles in other clusters that use different skills" in texts(reply), texts(reply)
        picks = [payload_entities(b["payload"])["target_code"] for b in buttons(reply) if "target_code" in b["payload"]]
        own = set(catalogue.occupations["41-2011.00"].clusters)
        assert picks and all(not own & set(catalogue.occupations[code].clusters) for code in picks)


def test_leaving_a_field_is_not_a_question_about_it(assistant, catalogue):
    sender = new_sender("leave-field")
    assistant.say(sender, "I've been a nurse for twelve years")
    reply = assistant.say(sender, "I want to get out of healthcare altogether")
    assert "Roles outside Healthcare & Human Services" in texts(reply), texts(reply)
    picks = [payload_entities(b["payload"])["target_code"] for b in buttons(reply) if "target_code" in b["payload"]]
    assert picks and all("Healthcare & Human Services" not in catalogue.occupations[c].clusters for c in picks)


@pytest.mark.parametrize("stop", ["stop", "never mind"])
def test_stop_in_the_guided_questions(assistant, stop):
    sender = new_sender("stop")
    reply = assistant.say(sender, "no clue what I want to do honestly")
    assert buttons(reply), texts(reply)
    reply = assistant.say(sender, stop)
    assert texts(reply).startswith("OK, I'll stop there."), texts(reply)
    # The questions are over: "yes" is no longer an answer to one.
    reply = assistant.say(sender, "I was a cook")
    assert "Cooks" in texts(reply) or "cook" in texts(reply).lower()


def test_constraint_without_data_is_said_plainly(assistant):
    sender = new_sender("constraint")
    assistant.say(sender, "I've been a truck driver for 20 years")
    reply = assistant.say(sender, "I want to work from home now")
    assert "doesn't say which jobs can be done from home" in texts(reply)


def test_someone_who_does_not_know_yet(assistant):
    sender = new_sender("unsure")
    reply = assistant.say(sender, "honestly I have no idea what I want to do")
    assert len(buttons(reply)) == 6
    pick = next(b for b in buttons(reply) if b["title"].startswith("Creating"))
    reply = assistant.say(sender, pick["payload"])
    schooling = next(b for b in buttons(reply) if b["title"].startswith("A degree"))
    reply = assistant.say(sender, schooling["payload"])
    assert "Artistic interest" in texts(reply) and "Arts, Entertainment, & Design" in texts(reply)


def test_a_bare_yes_or_no_during_the_guided_questions_keeps_to_them(assistant):
    sender = new_sender("unsure-yes")
    first = assistant.say(sender, "i'm 17 and have literally no clue what job i want")
    interests = titles(first)
    assert len(interests) == 6
    reply = assistant.say(sender, "yeah ok")
    assert titles(reply) == interests and "Tell me a job you liked" not in texts(reply)
    reply = assistant.say(sender, "nah not really")
    assert titles(reply) == interests and "something you've enjoyed" in texts(reply)
    pick = next(b for b in buttons(reply) if b["title"].startswith("Helping"))
    reply = assistant.say(sender, pick["payload"])
    assert "schooling" in texts(reply)
    reply = assistant.say(sender, "sure")
    assert [b["title"] for b in buttons(reply)] == titles(reply) and any(
        t.startswith("A degree") for t in titles(reply)
    )
    # Once the questions are over, a yes is only a yes.
    schooling = next(b for b in buttons(reply) if b["title"].startswith("A year"))
    assistant.say(sender, schooling["payload"])
    reply = assistant.say(sender, "ok")
    assert "Tell me a job you liked" in texts(reply)


def test_follow_up_questions_that_only_point_back(assistant, catalogue):
    sender = new_sender("point-back")
    reply = assistant.say(sender, "what's the pay like for an electrician")
    assert texts(reply).startswith("Electricians:")
    reply = assistant.say(sender, "do you need to do an apprenticeship for it")
    assert texts(reply).startswith("Electricians:") and "apprenticeship" in texts(reply)
    reply = assistant.say(sender, "and will there be work in twenty years?")
    assert texts(reply).startswith("Electricians:") and "projected to" in texts(reply)
    reply = assistant.say(sender, "hmm what about pipefitters")
    assert "Plumbers, Pipefitters, and Steamfitters" in texts(reply)
    reply = assistant.say(sender, "ok back to electricians, is it hard to get into?")
    assert texts(reply).startswith("Electricians:") and "Typical entry education" in texts(reply)


def test_the_same_question_about_another_job_and_comparing_the_two(assistant):
    sender = new_sender("compare")
    reply = assistant.say(sender, "how much does a welder earn?")
    assert texts(reply).startswith("Welders, Cutters") and "Median pay" in texts(reply)
    reply = assistant.say(sender, "ok and what about pipefitters")
    assert texts(reply).startswith("Plumbers, Pipefitters") and "Median pay" in texts(reply)
    reply = assistant.say(sender, "which of the two has the better outlook?")
    assert "best outlook first" in texts(reply)
    assert set(titles(reply)) == {"Welders, Cutters, Solderers, and Brazers", "Plumbers, Pipefitters, and Steamfitters"}


def test_a_job_with_what_was_wrong_and_a_question_about_something_else(assistant):
    reply = assistant.say(new_sender("screens"), "I was a software dev, honestly sick of staring at screens all day")
    assert "related to software developers" in texts(reply) and "more hands-on" in texts(reply)
    reply = assistant.say(new_sender("weather"), "what's the weather going to be like tomorrow?")
    assert "I can only help with careers" in texts(reply)


def test_the_guided_schooling_question_answered_in_words(assistant):
    sender = new_sender("unsure-words")
    first = assistant.say(sender, "no idea what career would suit me, just left school")
    creating = next(b for b in buttons(first) if b["title"].startswith("Creating"))
    reply = assistant.say(sender, creating["payload"])
    assert "schooling" in texts(reply)
    reply = assistant.say(sender, "i'd rather not do a degree")
    assert "Artistic interest" in texts(reply)
