"""Reading follow-ups (bot/questions.py) and answering them from the catalogue
(bot/answers.py, bot/context.py, bot/steering.py, bot/guide.py), without Rasa."""

from __future__ import annotations

import json

import pytest

from bot import guide, steering
from bot.answers import named_occupation, occupation_facts
from bot.context import Context, answer_question, in_context, what_went_wrong
from bot.messages import Message, payload_entities
from bot.questions import correction, position, read_question, referent

DOCTORS = ["29-1221.00", "29-1215.00", "29-1216.00", "29-1229.00"]


@pytest.mark.parametrize(
    "text, index",
    [("the first one", 0), ("what about option 3", 2), ("2", 1), ("the last one", 3), ("#4 please", 3),
     ("tell me more", None), ("the one I had", None)],
)  # fmt: skip
def test_position_in_the_list(text, index):
    assert position(text, 4) == index


def test_a_position_past_the_end_of_the_list_is_no_reference():
    assert position("the fifth", 4) is None


@pytest.mark.parametrize(
    "text, code",
    [("the one for kids", "29-1221.00"), ("the family one", "29-1215.00"), ("the internal medicine one", "29-1216.00")],
)
def test_described_reference(catalogue, text, code):
    assert referent(catalogue, text, DOCTORS) == code


def test_that_one_means_the_subject_and_nothing_else_is_a_reference(catalogue):
    assert referent(catalogue, "tell me more about that one", DOCTORS, subject="29-1215.00") == "29-1215.00"
    assert referent(catalogue, "I liked my job", DOCTORS, subject="29-1215.00") is None


@pytest.mark.parametrize(
    "text, aspects, ranking",
    [
        ("what does it pay", ("pay",), None),
        ("what schooling do I need for that", ("education",), None),
        ("is it in demand", ("outlook",), None),
        ("what do they actually do all day", ("tasks",), None),
        ("is nursing a good career", ("verdict",), None),
        ("which of those don't need a degree", ("education",), "schooling"),
        ("which of these is the least stressful", ("stress",), "stress"),
    ],
)
def test_what_a_question_asks(text, aspects, ranking):
    question = read_question(text)
    assert question.aspects == aspects and question.ranking == ranking


def test_corrections():
    assert correction("no, I meant a vet") == "a vet"
    assert correction("nope i meant physical therapist") == "physical therapist"
    assert correction("I was a vet") is None


@pytest.mark.parametrize(
    "text, code",
    [
        ("what does a cartographer do", "17-1021.00"),
        ("how much do plumbers make?", "47-2152.00"),
        ("whats the outlook for radiologic technologists", "29-2034.00"),
        ("what's the weather like", None),
    ],
)
def test_the_occupation_a_question_names(catalogue, text, code):
    assert named_occupation(catalogue, text) == code


def test_facts_come_from_the_catalogue(catalogue):
    plumbers = catalogue.occupations["47-2152.00"]
    text = occupation_facts(catalogue, plumbers.code, read_question("is it a good career")).messages[0].text
    assert f"${plumbers.median_wage:,}" in text and f"{plumbers.growth_percent:g}%" in text
    assert plumbers.education.lower() in text.lower()
    assert f"${int(catalogue.vocabulary.all_occupations['median_wage']):,}" in text  # the BLS yardstick
    tasks = occupation_facts(catalogue, plumbers.code, read_question("what do they do")).messages[0].text
    assert plumbers.description in tasks and "Typical tasks" in tasks


def test_a_question_falls_back_on_the_conversation(catalogue):
    context = Context(current_code="29-1141.00", subject_code="29-1171.00")
    reply = answer_question(catalogue, "what does it pay", context)
    assert reply.messages[0].text.startswith("Nurse Practitioners:")
    reply = answer_question(catalogue, "what would I need to learn?", context)
    assert reply.messages[0].text.startswith("Moving from Registered Nurses to Nurse Practitioners")
    assert answer_question(catalogue, "what does it pay", Context()).missed


def test_a_message_that_stands_alone_is_left_to_its_intent(catalogue):
    context = Context(current_code="29-1141.00", listed_codes=DOCTORS)
    assert in_context(catalogue, "I also worked as a barista", context) is None
    assert in_context(catalogue, "/pick_role", context) is None


def test_steering_on_a_figure_keeps_the_skills_and_improves_the_figure(catalogue):
    teacher = catalogue.occupations["25-2031.00"]
    roles = steering.steer(catalogue, teacher.code, "stress")
    assert roles and all(catalogue.occupations[r.code].stress_tolerance < teacher.stress_tolerance for r in roles)
    assert all(r.similarity > 0.6 for r in roles)


@pytest.mark.parametrize(
    "text, reason",
    [("the customers were rude", "people"), ("my back gave out", "physical"), ("the night shifts", "hours"),
     ("I want to work from home", "remote"), ("burned out", "stress"), ("I'd like more money", "pay"),
     ("I hate sitting at a desk all day", "active"), ("sick of staring at a screen all day", "active"),
     ("I couldn't stand the phone ringing all day", "people"), ("being on call every other weekend", "hours")],
)  # fmt: skip
def test_reasons(text, reason):
    assert steering.reason_in(text) == reason


def test_tired_of_sitting_steers_to_more_hands_on_work_not_less(catalogue):
    """ "I hate sitting at a desk all day" after naming an office job: the roles offered are
    more hands-on (O*NET's Realistic interest) than the job, and the reply says so."""
    support = Context(current_code="15-1232.00")  # Computer User Support Specialists
    reply = steering.steer_in_context(catalogue, "I hate sitting at a desk all day though", support)
    assert reply is not None
    text = " ".join(m.text for m in reply.messages)
    assert "more hands-on" in text and "less hands-on" not in text, text
    own = catalogue.occupations["15-1232.00"].riasec["Realistic"]
    offered = [b["payload"] for m in reply.messages for b in m.buttons if b["payload"].startswith("/pick_role")]
    codes = [json.loads(p[len("/pick_role") :])["target_code"] for p in offered]
    assert codes and all(catalogue.occupations[c].riasec["Realistic"] > own for c in codes), codes


@pytest.mark.parametrize("wish", ["done with night shifts and weekends", "I want something I can do from home"])
def test_a_wish_the_data_cannot_filter_keeps_the_persons_field(catalogue, wish):
    """An ER nurse done with nights still has a nurse's skills: with no data on hours or
    home working, the roles offered are the nurse's related ones, not other clusters."""
    nurse = Context(current_code="29-1141.00")  # Registered Nurses
    reply = steering.steer_in_context(catalogue, wish, nurse)
    assert reply is not None
    text = " ".join(m.text for m in reply.messages)
    assert "doesn't say" in text and "other clusters" not in text, text
    offered = [b["payload"] for m in reply.messages for b in m.buttons if b["payload"].startswith("/pick_role")]
    codes = [json.loads(p[len("/pick_role") :])["target_code"] for p in offered]
    own = set(catalogue.occupations["29-1141.00"].clusters)
    assert codes and all(own & set(catalogue.occupations[c].clusters) for c in codes), codes


def test_the_job_someone_comes_from_answers_how_to_become_a_role(catalogue):
    """ "how would I go about becoming a dental hygienist" asks which job they come from; the answer is
    their job even when it mentions nights, and the advice goes to the role they asked
    about, also after a "which one?" about their job."""
    from bot import replies
    from bot.context import in_context

    hygienist = "29-1292.00"
    asked = replies.advice(catalogue, None, hygienist)
    assert "which job are you coming from" in asked.messages[0].text
    pending = Context(
        target_code=asked.slots["target_code"],
        subject_code=asked.slots["subject_code"],
        candidate_intent=asked.slots["candidate_intent"],
    )
    direct = in_context(catalogue, "I stack shelves at a supermarket on the night shift", pending)
    assert direct is not None and direct.messages[0].text.startswith("Moving from Stockers and Order Fillers to Dental")
    assert direct.slots["current_code"] == "53-7065.00"
    which = in_context(catalogue, "I drive a forklift at a distribution centre", pending)
    assert which is not None and which.slots.get("candidate_codes"), which.messages[0].text
    chosen = Context(
        target_code=hygienist,
        subject_code=hygienist,
        candidate_codes=which.slots["candidate_codes"],
        candidate_intent=which.slots["candidate_intent"],
    )
    first = catalogue.occupations[which.slots["candidate_codes"][0]].title
    moved = in_context(catalogue, "the first one", chosen)
    assert moved is not None and moved.messages[0].text.startswith(f"Moving from {first} to Dental Hygienists")
    # A question in the meantime is still a question about the role.
    asked = in_context(catalogue, "what does it pay?", pending) or answer_question(
        catalogue, "what does it pay?", pending
    )
    assert asked.messages[0].text.startswith("Dental Hygienists:") and "Median pay" in asked.messages[0].text
    # No job yet: what it takes to get in, not the same question again.
    student = in_context(catalogue, "I don't have a job yet, I'm in college", pending)
    assert student is not None and student.messages[0].text.startswith("Dental Hygienists:")
    assert "Typical entry education" in student.messages[0].text


def test_a_job_and_a_wish_in_the_first_message_steer_at_once(catalogue):
    """Whatever intent NLU gives it, a first message with a job and a wish about the next
    one is steered by the wish; the wish's own words are not read as a job."""
    ambiguous = steering.steer_in_context(
        catalogue, "waited tables for six years, now I want a job with no customers at all", Context()
    )
    assert ambiguous is not None and ambiguous.slots["candidate_intent"] == "constraint:people"
    assert "Waiters and Waitresses" in [b["title"] for b in ambiguous.messages[0].buttons]
    paid = steering.steer_in_context(catalogue, "I'm a dental assistant and want more money", Context())
    assert paid is not None and paid.slots["current_code"] == "31-9091.00"
    own = catalogue.occupations["31-9091.00"].median_wage
    offered = [b["payload"] for m in paid.messages for b in m.buttons if b["payload"].startswith("/pick_role")]
    codes = [json.loads(p[len("/pick_role") :])["target_code"] for p in offered]
    assert codes and all(catalogue.occupations[c].median_wage > own for c in codes), codes
    for remark in ("I was a nurse, the pay was great", "I want more pay", "teacher, burned out, need less stress"):
        assert steering.steer_in_context(catalogue, remark, Context()) is None, remark


def test_guided_suggestions_fit_both_answers(catalogue):
    picked = guide.suggestions(catalogue, "Investigative", 5)
    assert len(picked) == guide.PICKED
    assert all(o.riasec["Investigative"] >= 5 for o in picked)
    assert len({o.cluster_names[0] for o in picked}) >= 3


def test_a_move_in_short_forms(catalogue):
    from bot.context import move

    carpenter = Context(current_code="47-2031.00")
    reply = move(catalogue, "what would the cost estimator job need from me", carpenter)
    assert reply.messages[0].text.startswith("Moving from Carpenters to Cost Estimators")
    discussing = Context(current_code="41-1011.00", target_code="13-1071.00")
    reply = move(catalogue, "what from my current job would carry over?", discussing)
    assert reply.messages[0].text.startswith("Moving from First-Line Supervisors of Retail Sales Workers")
    reply = move(catalogue, "been a cop for years, thinking about switching to paramedic instead", Context())
    assert reply.messages[0].text.startswith("Moving from Police and Sheriff's Patrol Officers to Paramedics")


def test_a_question_about_them_after_a_list_answers_for_each(catalogue):
    reply = answer_question(catalogue, "how long would the training take?", Context(listed_codes=DOCTORS[:3]))
    assert "quickest to train for first" in reply.messages[0].text
    reply = answer_question(catalogue, "jobs similar to it?", Context(subject_code="27-1024.00"))
    assert reply.messages[0].text.startswith("Roles like Graphic Designers.")
    assert reply.slots["current_code"] == "27-1024.00"


def test_liking_people_is_not_a_wish_to_get_away_from_them(catalogue):
    nurse = Context(current_code="29-1141.00")
    assert steering.steer_in_context(catalogue, "I love helping people", nurse) is None
    assert steering.steer_in_context(catalogue, "I'm sick of dealing with people", nurse) is not None
    assert steering.steer_in_context(catalogue, "ok but I'm not doing 4 years of college", nurse) is not None


def test_a_described_answer_outside_the_choices_is_read_with_what_was_asked(catalogue):
    therapists = Context(
        candidate_codes=["29-1125.00", "29-1129.01", "21-1013.00"], candidate_intent="choose_occupation"
    )
    reply = in_context(catalogue, "the physical one", therapists)
    assert reply is not None and reply.messages[0].text.startswith("Got it: Physical Therapists")


def test_other_readings_of_a_turn_nlu_could_not_place(catalogue):
    from bot.context import other_readings

    move = other_readings(catalogue, "i do landscaping but i want to get into farming", Context())
    assert move is not None and any(b["title"].startswith("Farm") for b in move.messages[0].buttons)
    hours = other_readings(catalogue, "no nights or weekends, I have two little kids", Context())
    assert hours is not None and "doesn't say working hours" in hours.messages[0].text
    unsure = other_readings(catalogue, "idk what im doing, graduated hs last year", Context())
    assert unsure is not None and len(unsure.messages[0].buttons) == 6
    assert other_readings(catalogue, "what's the weather like tomorrow", Context()) is None


def test_moves_between_fields_of_work(catalogue):
    from bot import replies

    reply = replies.how_to_move(catalogue, "I want to switch careers from accounting to data science", None)
    assert reply.messages[0].text.startswith('"data science" covers a few roles. From accountants and auditors')
    assert {"Data Scientists", "Statisticians"} <= {b["title"] for b in reply.messages[0].buttons}
    assert replies.parse_move("worked in hospitality for 10 years, want something in HR") == (
        "worked in hospitality for 10 years",
        "HR",
    )
    assert replies.parse_move("from nursing to healthcare administration - where do I start")[1] == (
        "healthcare administration"
    )


def test_a_question_is_not_an_answer_to_which_one(catalogue):
    from bot.questions import choice_in_words

    farm = ["45-2092.00", "11-9013.00", "45-2093.00"]
    assert choice_in_words(catalogue, "what career cluster would that fall under", farm) is None
    assert choice_in_words(catalogue, "the managers one", farm) == "11-9013.00"


def test_a_statement_of_ones_job_is_not_answered_as_a_question(catalogue):
    reply = answer_question(catalogue, "I'm a paralegal", Context())
    assert reply.messages[0].text.startswith("Got it: Paralegals and Legal Assistants")
    reply = answer_question(catalogue, "what does a paralegal do?", Context())
    assert reply.messages[0].text.startswith("Paralegals and Legal Assistants:")


def test_schooling_names_the_job_zone_as_a_person_reads_it(catalogue):
    from bot.answers import education

    text = education(catalogue.occupations["29-1141.00"], catalogue)  # Registered Nurses
    assert "O*NET job zone 4 of 5: considerable preparation needed." in text, text
    assert "Job Zone" not in text and "job Zone" not in text


def test_work_described_where_nlu_saw_small_talk_is_asked_about(catalogue):
    from bot import replies
    from bot.context import other_readings

    # Off-topic to NLU, work to the sentence model: a question with the jobs it describes.
    forklift = other_readings(catalogue, "twelve years driving a forklift in a warehouse", Context())
    assert forklift is not None, "read as off-topic"
    assert forklift.messages[0].text.startswith("That sounds like one of these jobs")
    assert "Industrial Truck and Tractor Operators" in [b["title"] for b in forklift.messages[0].buttons]
    # NLU unsure on the first try: asked about, not "Sorry, I didn't catch that".
    kerbs = replies.fallback(catalogue, "pouring concrete and laying kerbs on new estates", None)
    assert kerbs.messages[0].buttons, kerbs.messages[0].text
    assert "Cement Masons and Concrete Finishers" in [b["title"] for b in kerbs.messages[0].buttons]
    # Requests, questions and small talk about jobs or nothing stay what they were.
    for text in (
        "tell me a joke about nurses",
        "who earns more, a plumber or an electrician",
        "I had pasta for lunch",
        "what's the gold price doing",
    ):
        assert other_readings(catalogue, text, Context()) is None, text


def test_a_job_typed_instead_of_a_choice_is_not_forced_onto_the_choices(catalogue):
    from bot.questions import choice_in_words

    # what "I'm a tradie, been a chippy for 12 years" was asked about (none of them carpenters)
    offered = ["13-1161.00", "41-3031.00", "51-4032.00", "13-1121.00", "43-4011.00"]
    assert choice_in_words(catalogue, "carpenter", offered) is None
    assert choice_in_words(catalogue, "event planner", offered) == "13-1121.00"
    assert choice_in_words(catalogue, "the machine one", offered) == "51-4032.00"


def test_what_i_would_need_after_a_list_of_moves_is_about_the_roles_offered(catalogue):
    # "I'm a software engineer but I want to move into cybersecurity" -> a list of roles.
    moving = Context(
        current_code="15-1252.00", subject_code="15-1252.00", listed_codes=["15-1299.06", "15-1212.00", "13-1199.07"]
    )
    reply = answer_question(catalogue, "what schooling do I need?", moving)
    assert "quickest to train for first" in reply.messages[0].text
    assert "Software Developers" not in reply.messages[0].text
    # Asked about the job itself, or with no list offered, it is still their own job.
    assert (
        answer_question(catalogue, "what schooling does it take?", moving)
        .messages[0]
        .text.startswith("Software Developers")
    )
    alone = Context(current_code="15-1252.00", subject_code="15-1252.00")
    assert (
        answer_question(catalogue, "what schooling do I need?", alone)
        .messages[0]
        .text.startswith("Software Developers")
    )


def test_a_wish_said_with_an_unclear_job_is_kept_while_asking_which_job(catalogue):
    text = "honestly i hated working retail, the customers were awful"
    asked = steering.constraint(catalogue, text, None, Context())
    assert asked is not None and "Which one is closest?" in asked.messages[0].text
    assert asked.slots["candidate_intent"] == "constraint:people"
    assert all('"reason":"people"' in b["payload"] for b in asked.messages[0].buttons[:-1])
    pending = Context(candidate_codes=asked.slots["candidate_codes"], candidate_intent="constraint:people")
    # Answered in words: steered away from customers, from the job picked.
    reply = in_context(catalogue, "the first one", pending)
    assert reply is not None
    assert "customer and personal service as less important" in reply.messages[0].text
    assert reply.slots["current_code"] == asked.slots["candidate_codes"][0]
    # Answered with a button: the payload's job and wish.
    tapped = steering.constraint(catalogue, "/constraint", "people", Context(), chosen="41-2031.00")
    assert tapped is not None and "customer and personal service as less important" in tapped.messages[0].text
    assert tapped.slots["current_code"] == "41-2031.00"


def test_working_alone_is_a_wish_to_get_away_from_people(catalogue):
    cashier = Context(current_code="41-2011.00")
    reply = steering.constraint(catalogue, "something where I work alone", None, cashier)
    assert reply is not None and "customer and personal service as less important" in reply.messages[0].text


@pytest.mark.parametrize(
    "text, asked",
    [("and what schooling would I need", True), ("ok so how long is the training", True),
     ("so I was a nurse", False), ("and I want more pay", False),
     ("art director. what would I need to learn", True), ("I was a nurse. I liked it", False)],
)  # fmt: skip
def test_a_follow_up_that_opens_with_and_or_so_is_still_a_question(text, asked):
    from bot.questions import is_question

    assert is_question(text) is asked


def test_a_role_asked_about_by_name_is_one_they_weigh_not_their_job(catalogue):
    """With a job known, "what about a dispatcher? is that a desk job" asks about
    dispatchers; it does not make dispatching the person's job."""
    from bot.context import in_context

    stocker = Context(current_code="53-7065.00", subject_code="53-7065.00")
    reply = in_context(catalogue, "what about a dispatcher? is that a desk job", stocker)
    assert reply is not None and reply.messages[0].text.startswith("Dispatchers, Except Police")
    assert reply.slots.get("current_code") in (None, "53-7065.00")
    asked = in_context(catalogue, "what does it pay?", stocker) or answer_question(
        catalogue, "what does it pay?", stocker
    )
    assert asked.messages[0].text.startswith("Stockers and Order Fillers:")


PLUMBERS, FLIGHT_ATTENDANTS = "47-2152.00", "53-2031.00"


@pytest.mark.parametrize(
    "text, heading, figure",
    [
        ("would you need a licence for it?", "Plumbers", "Typical entry education"),
        ("is there an apprenticeship you have to do", "Plumbers", "apprenticeship"),
        ("and the money?", "Plumbers", "Median pay"),
        ("how's the job market for them", "Plumbers", "projected"),
    ],
)
def test_a_question_that_points_back_is_about_the_occupation_just_discussed(catalogue, text, heading, figure):
    # However NLU labels it: the actions ask in_context first.
    reply = in_context(catalogue, text, Context(subject_code=PLUMBERS))
    assert reply is not None
    assert reply.messages[0].text.startswith(heading) and figure in reply.messages[0].text


def test_a_question_that_points_back_at_a_pending_choice_answers_for_each_choice(catalogue):
    pending = Context(candidate_codes=DOCTORS[:3], listed_codes=DOCTORS[:3], candidate_intent="choose_occupation")
    reply = in_context(catalogue, "would I need to go to college for it?", pending)
    assert reply is not None and reply.messages[0].text.startswith("Those roles")
    assert all(catalogue.occupations[c].title in reply.messages[0].text for c in DOCTORS[:3])


def test_a_question_naming_another_job_is_not_about_the_one_just_discussed(catalogue):
    reply = in_context(catalogue, "do welders need a licence for it?", Context(subject_code=PLUMBERS))
    assert reply is None or not reply.messages[0].text.startswith("Plumbers")


def test_going_back_to_an_earlier_subject_answers_about_it(catalogue):
    reply = in_context(catalogue, "right, going back to welding: is it growing?", Context(subject_code=PLUMBERS))
    assert reply is not None and reply.messages[0].text.startswith("Welders, Cutters")
    assert "projected" in reply.messages[0].text
    # A field of several occupations: the figure for each.
    reply = in_context(catalogue, "ok back to data science. what degree would I need", Context(subject_code=PLUMBERS))
    assert reply is not None and "Data Scientists" in reply.messages[0].text
    # "Back to school" is schooling, not a subject.
    assert in_context(catalogue, "can I do it without going back to school?", Context()) is None


@pytest.mark.parametrize(
    "text, code",
    [
        ("hmm actually, quick question: is being a flight attendant a good job", FLIGHT_ATTENDANTS),
        ("is plumbing still a good career in 2026?", PLUMBERS),
    ],
)
def test_is_x_a_good_career_is_answered_with_facts_whatever_came_before(catalogue, text, code):
    reply = in_context(catalogue, text, Context(current_code="13-2011.00", subject_code="13-2011.00"))
    assert reply is not None
    assert reply.messages[0].text.startswith(catalogue.occupations[code].title) and "Median pay" in (
        reply.messages[0].text
    )
    assert named_occupation(catalogue, text) == code


@pytest.mark.parametrize(
    "text, reason",
    [
        ("ok back to nursing then, anything with fewer nights?", "hours"),
        ("what's the situation with pay", "pay"),
        ("I need to sit down more, my knees", "physical"),
    ],
)
def test_back_to_and_situation_are_not_physical_strain(text, reason):
    assert steering.reason_in(text) == reason


def test_a_bare_yes_or_no_to_a_guided_question_asks_it_again():
    interests = [b["title"] for b in guide.first_question().messages[0].buttons]
    yes = guide.ask_again(None, agreed=True)
    no = guide.ask_again(None, agreed=False)
    for reply in (yes, no):
        assert [b["title"] for b in reply.messages[0].buttons] == interests
        assert reply.slots["guide_pending"] is True
    assert "in your own words" in yes.messages[0].text and "something you've enjoyed" in no.messages[0].text
    schooling = guide.ask_again("Social", agreed=True)
    assert all('"riasec":"Social"' in b["payload"] for b in schooling.messages[0].buttons)


def test_the_two_occupations_just_discussed_are_compared(catalogue):
    # A hairdresser asked about becoming a registered nurse, then about the LPN route.
    context = Context(current_code="39-5012.00", target_code="29-1141.00", subject_code="29-2061.00")
    reply = in_context(catalogue, "what's the pay difference between the two?", context)
    assert reply is not None and "best paid first" in reply.messages[0].text
    assert [b["title"] for b in reply.messages[0].buttons] == [
        "Registered Nurses",
        "Licensed Practical and Licensed Vocational Nurses",
    ]


def test_a_wish_is_not_a_question_about_the_job_just_discussed(catalogue):
    context = Context(subject_code=PLUMBERS)
    assert in_context(catalogue, "I'd like to earn more money, any ideas?", context) is None
    reply = in_context(catalogue, "and will there still be work for them in ten years?", context)
    assert reply is not None and reply.messages[0].text.startswith("Plumbers") and "projected" in reply.messages[0].text


ELECTRICIANS = "47-2111.00"


def test_what_about_another_job_asks_the_last_question_again(catalogue):
    after_pay = Context(subject_code=ELECTRICIANS, asked_aspects=["pay"])
    reply = in_context(catalogue, "hmm what about plumbers?", after_pay)
    assert (
        reply is not None and reply.messages[0].text.startswith("Plumbers") and "Median pay" in (reply.messages[0].text)
    )
    assert reply.slots["asked_aspects"] == ["pay"]


def test_which_of_the_two_compares_this_subject_with_the_one_before(catalogue):
    context = Context(subject_code=PLUMBERS, previous_subject=ELECTRICIANS)
    reply = in_context(catalogue, "ok which of the two has the better job prospects?", context)
    assert reply is not None and "best outlook first" in reply.messages[0].text
    assert {b["title"] for b in reply.messages[0].buttons} == {
        "Electricians",
        "Plumbers, Pipefitters, and Steamfitters",
    }


def test_asking_how_to_switch_into_a_listed_role_gives_the_move(catalogue):
    secretary = Context(current_code="43-6014.00", listed_codes=["11-3012.00", "43-4171.00"])
    reply = in_context(catalogue, "first one, how do I switch into it?", secretary)
    assert reply is not None and reply.messages[0].text.startswith("Moving from Secretaries")
    assert "Administrative Services" in reply.messages[0].text


def test_a_choice_in_words_takes_the_option_whose_titles_hold_most_of_them(catalogue):
    from bot.questions import choice_in_words

    offered = ["41-3091.00", "43-4051.00", "41-9041.00"]  # sales reps of services, customer service reps, telemarketers
    assert choice_in_words(catalogue, "customer service rep, yep", offered) == "43-4051.00"


@pytest.mark.parametrize("text", ["dunno what i'd be good at tbh", "havent a clue what job to go for"])
def test_more_ways_of_not_knowing(catalogue, text):
    reply = in_context(catalogue, text, Context()) or __import__("bot.context").context.unsure(
        catalogue, text, Context()
    )
    assert len(reply.messages[0].buttons) == len(guide.ACTIVITIES)


@pytest.mark.parametrize(
    "text, code, said",
    [
        ("ok so. i drive trucks, long haul. hate being away from my family", "53-3032.00", "working hours"),
        ("was a software dev for years, sick of staring at a screen", "15-1252.00", "spent sitting"),
    ],
)
def test_a_job_said_with_what_was_wrong_is_read_even_when_nlu_cannot_place_it(catalogue, text, code, said):
    from bot import replies

    reply = replies.role_in_words(catalogue, text)
    assert reply is not None and reply.slots.get("current_code") == code
    assert said in reply.messages[0].text


def test_thinking_about_a_field_is_a_move():
    from bot import replies

    assert replies.parse_move("I do IT support, been thinking about cybersecurity. is that realistic?")[1] == (
        "cybersecurity"
    )


@pytest.mark.parametrize(
    "text, check",
    [
        (
            "which jobs don't need a degree at all?",
            lambda o: o.education.lower().startswith(("no formal", "high school")),
        ),
        ("any low stress jobs out there?", lambda o: o.stress_tolerance is not None),
    ],
)
def test_a_wish_with_no_job_known_lists_common_jobs_that_fit_it(catalogue, text, check):
    reply = answer_question(catalogue, text, Context())
    assert not reply.missed and "most openings first" in reply.messages[0].text
    codes = [
        json.loads(b["payload"][len("/choose_occupation") :])["occupation_code"] for b in reply.messages[0].buttons
    ]
    assert len(codes) == 5 and all(check(catalogue.occupations[c]) for c in codes)
    if "stress" in text:
        cut = sorted(o.stress_tolerance for o in catalogue.occupations.values() if o.stress_tolerance is not None)
        median = cut[len(cut) // 2]
        assert all(catalogue.occupations[c].stress_tolerance < median for c in codes)


def test_the_guided_schooling_question_answered_in_words(catalogue):
    second = Context(guide_pending=True, guide_riasec="Investigative")
    reply = in_context(catalogue, "a year or so of training, maybe an apprenticeship", second)
    assert reply is not None and "Investigative interest" in reply.messages[0].text
    assert reply.messages[0].text == guide.result(catalogue, "Investigative", "4").messages[0].text
    reply = in_context(catalogue, "honestly I'd rather not do a degree", second)
    assert reply is not None
    assert reply.messages[0].text == guide.result(catalogue, "Investigative", "4").messages[0].text
    reply = in_context(catalogue, "uni is fine, I'd do a degree", second)
    assert reply is not None
    assert reply.messages[0].text == guide.result(catalogue, "Investigative", "7").messages[0].text
    # Words that answer neither question are left to the rest of the conversation.
    assert in_context(catalogue, "what's the weather like", second) is None


def test_what_went_wrong_answered_in_words(catalogue):
    asked = steering.ask_what_went_wrong(catalogue, "41-2011.00")
    pending = Context(current_code="41-2011.00", reason_pending=bool(asked.slots.get("reason_pending")))
    by_button = steering.constraint(catalogue, "", "tasks", pending)
    assert by_button is not None
    for typed in ("the tasks themselves", "mostly just the actual work", "the customers tbh"):
        reply = in_context(catalogue, typed, pending)
        assert reply is not None, typed
    assert in_context(catalogue, "the tasks themselves", pending).messages[0].text == by_button.messages[0].text
    # Only as an answer: out of the blue, "the tasks" says nothing to get away from.
    assert in_context(catalogue, "the tasks themselves", Context(current_code="41-2011.00")) is None
    # A job named by its title is not an answer to that question.
    assert what_went_wrong(catalogue, "the customers at the bank, I was a bank teller", pending) is None
    assert what_went_wrong(catalogue, "the customers at the bank", pending) is not None


@pytest.mark.parametrize(
    "text",
    [
        "show me the options again",
        "sorry what were those jobs again?",
        "can you repeat the list",
        "go back to the list",
    ],
)
def test_the_list_again(catalogue, text):
    listed = "Roles you could move to:\n- A\n- B"
    listing = Message(f"Got it: Pharmacists.\n{listed}", buttons=[{"title": "A", "payload": "/pick_role"}])
    reply = in_context(catalogue, text, Context(current_code="29-1051.00", listing=listing))
    assert reply is not None and reply.messages[-1].buttons == listing.buttons
    assert reply.messages[-1].text == f"Here they are again.\n{listed}"
    # Asked twice, said once.
    assert in_context(catalogue, text, Context(listing=reply.messages[-1])).messages[-1].text == reply.messages[-1].text
    # With nothing listed yet there is nothing to repeat; "what's the pay again" is a question.
    unlisted = in_context(catalogue, text, Context(current_code="29-1051.00"))
    assert unlisted is None or "again" not in unlisted.messages[0].text
    asked = in_context(catalogue, "what's the pay again?", Context(subject_code="29-1051.00", listing=listing))
    assert asked is not None and "Median pay" in asked.messages[0].text
    assert in_context(catalogue, "show me nursing jobs again", Context(listing=listing)) is None


@pytest.mark.parametrize("text", ["stop", "Stop please", "never mind", "ok forget it", "no more questions"])
def test_stop_ends_the_question_it_was_asked(text):
    for context in (Context(guide_pending=True), Context(candidate_codes=DOCTORS), Context()):
        reply = in_context(None, text, context)  # type: ignore[arg-type]
        assert reply is not None and reply.messages[0].text.startswith("OK, I'll stop there.")
        assert not reply.messages[0].buttons


def test_stop_inside_a_sentence_is_not_stopping(catalogue):
    reply = in_context(catalogue, "I want to stop working nights", Context(guide_pending=True))
    assert reply is None or not reply.messages[0].text.startswith("OK, I'll stop")


def test_burnout_rides_along_with_the_choice_of_job(catalogue):
    from bot.replies import liked_role

    asked = liked_role(catalogue, "I'm a teacher, burnt out")
    assert asked.slots["candidate_intent"] == "constraint:stress"
    context = Context(candidate_codes=asked.slots["candidate_codes"], candidate_intent="constraint:stress")
    reply = in_context(catalogue, "elementary", context)
    assert reply is not None and "stress tolerance as less important" in reply.messages[0].text


@pytest.mark.parametrize(
    "text", ["whats the best paying job without a degree", "highest paid jobs that dont need a degree?"]
)
def test_best_paid_without_a_degree_is_ordered_by_pay(catalogue, text):
    from bot.related import education_rank

    reply = answer_question(catalogue, text, Context())
    assert "need no degree, best paid first" in reply.messages[0].text
    listed = [
        catalogue.occupations[payload_entities(b["payload"])["occupation_code"]] for b in reply.messages[0].buttons
    ]
    assert len(listed) == 5 and all(education_rank(o) <= steering.NO_DEGREE_RANK for o in listed)
    assert [o.median_wage for o in listed] == sorted((o.median_wage for o in listed), reverse=True)
    # The commonest such jobs pay far less: the order is what was asked.
    common = steering.without_a_job(catalogue, "schooling")
    assert min(o.median_wage for o in listed) > max(o.median_wage for o in common)


@pytest.mark.parametrize(
    "text", ["are those pounds? seems high for NHS", "what would that be in rupees", "is that in AUD?"]
)
def test_the_figures_are_said_to_be_us_dollars(catalogue, text):
    reply = in_context(catalogue, text, Context(subject_code="29-1141.00"))
    assert reply is not None and reply.messages[0].text.startswith("The pay figures are US dollars")


def test_a_job_in_another_country_is_still_a_job(catalogue):
    reply = in_context(catalogue, "how much do nurses make in the uk?", Context())
    assert reply is None or "US dollars" not in reply.messages[0].text


@pytest.mark.parametrize(
    "text", ["no, occupational therapists", "Occupational Therapists", "occupational therapist then"]
)
def test_a_listed_role_named_is_the_move_not_a_new_job(catalogue, text):
    nurse, therapists = "29-1141.00", "29-1122.00"
    context = Context(current_code=nurse, subject_code=nurse, listed_codes=["29-1171.00", therapists, "11-9111.00"])
    reply = in_context(catalogue, text, context)
    assert reply is not None and "Moving from Registered Nurses to Occupational Therapists" in reply.messages[0].text
    # Said as their own job, it is their job.
    own = in_context(catalogue, "no, I was an occupational therapist", context)
    assert own is None or "Moving from" not in own.messages[0].text


@pytest.mark.parametrize("text", ["maybe helping people", "no, I WANT to help people. more people contact not less"])
def test_helping_people_is_more_people_not_fewer(catalogue, text):
    cop = "33-3051.00"
    for reply in (
        steering.constraint(catalogue, text, "people", Context(current_code=cop)),  # NLU heard "people"
        steering.steer_in_context(catalogue, text, Context(current_code=cop)),
    ):
        assert reply is not None and "helping people is more of the work" in reply.messages[0].text
        codes = [payload_entities(b["payload"])["target_code"] for b in reply.messages[0].buttons]
        own = catalogue.occupations[cop].riasec["Social"]
        assert codes and all(catalogue.occupations[c].riasec["Social"] > own for c in codes)
    fewer = steering.constraint(catalogue, "less dealing with people", "people", Context(current_code=cop))
    assert fewer is not None and "customer and personal service as less important" in fewer.messages[0].text


@pytest.mark.parametrize(
    "text, title",
    [
        ("Sorry, I am not advertising manager. I am accountant in a CA firm", "Accountants and Auditors"),
        ("I'm not a nurse, I'm a midwife", "Midwives"),
    ],
)
def test_a_denied_reading_and_the_job_said_instead(catalogue, text, title):
    reply = in_context(catalogue, text, Context(current_code="11-2011.00", subject_code="11-2011.00"))
    assert reply is not None and reply.messages[0].text.startswith(f"Got it: {title}"), reply and reply.messages[0].text


@pytest.mark.parametrize(
    "text, title",
    [
        ("Im a registered nurse in Manchester, hate the night shifts and the paperwork", "registered nurses"),
        ("been a paramedic 10 years, cant stand the night shifts anymore", "paramedics"),
    ],
)
def test_a_job_and_a_strain_said_with_dislike(catalogue, text, title):
    reply = steering.steer_in_context(catalogue, text, Context())
    assert reply is not None and "doesn't say working hours" in reply.messages[0].text
    assert f"same skills as {title}" in reply.messages[1].text


@pytest.mark.parametrize(
    "text", ["how do i get there from physio", "what carries over from being a physical therapist?"]
)
def test_the_role_discussed_from_the_job_named(catalogue, text):
    trainers = "29-9091.00"
    reply = in_context(catalogue, text, Context(subject_code=trainers))
    assert reply is not None and reply.messages[0].text.startswith(
        "Moving from Physical Therapists to Athletic Trainers"
    )
    assert reply.slots["current_code"] == "29-1123.00"
