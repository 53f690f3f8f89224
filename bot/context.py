"""What the conversation so far makes of a message: answers to the last question typed
in words, corrections, references back to a list, and questions about an occupation.

The actions read these facts from the tracker's slots into a `Context`; everything here
takes and returns plain data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot import answers, guide, leaving, replies, steering
from bot.catalogue import Catalogue
from bot.matching import matcher_for
from bot.messages import Message, Reply
from bot.questions import (
    BOTH,
    MOVE_ASK,
    OTHER_CURRENCY,
    OTHER_ROLES,
    WHAT_ABOUT,
    Question,
    asks_about_currency,
    choice_in_words,
    correction,
    described_words,
    is_question,
    read_question,
    referent,
    refers_back,
    returned_to,
    shared_head,
    wants_list_again,
)

# "what would I need to learn", "what carries over": about the move, not the job alone.
# What the person would need ("what schooling do I need?", "would I have to retrain"):
# about getting into a role, not about the job they have.
OWN_NEED = re.compile(
    r"\b(?:(?:do|would|will|should|must) i (?:need|have to|require)|i(?:'d| would| will)? need)\b", re.I
)
ABOUT_THE_MOVE = re.compile(r"\b(learn|carr(?:y|ies) over|transferable|transfer|skills gap|get there|switch)\b", re.I)


# "jobs like loan officer", "anything similar to it?": the related roles, not facts.
SIMILAR = re.compile(
    r"\b(similar|jobs like|roles like|careers like|related|alternatives|like (?:it|that|this))\b", re.I
)


@dataclass
class Context:
    current_code: str | None = None  # the person's own job, liked or not
    subject_code: str | None = None  # the occupation last talked about
    target_code: str | None = None  # the role they asked to move into
    listed_codes: list[str] = field(default_factory=list)  # the occupations on the last buttons, in order
    candidate_codes: list[str] = field(default_factory=list)  # the choices of a pending "which one?"
    candidate_intent: str | None = None  # what a choice leads to: "choose_occupation" or "pick_role"
    previous_subject: str | None = None  # the occupation talked about before subject_code
    asked_aspects: list[str] = field(default_factory=list)  # what the last answer about an occupation told
    guide_pending: bool = False  # a guided question (bot/guide.py) waits for its answer
    guide_riasec: str | None = None  # the interest answered already, if the second question waits
    reason_pending: bool = False  # "what did you dislike about it?" waits for its answer
    listing: Message | None = None  # the last message that listed occupations, as it was sent


# "stop", "never mind", "forget it": whatever was asked, the person wants out of it.
STOP = re.compile(
    r"^\W*(?:ok(?:ay)?\W+)?(?:stop(?: it| this| asking)?|cancel|quit|exit|never ?mind|nvm|forget (?:it|that)|"
    r"no more questions|enough(?: questions)?)\W*(?:please|pls|thanks)?\W*$",
    re.I,
)
STOPPED = (
    "OK, I'll stop there. Whenever you want to pick this up again, tell me a job you've had "
    'or something you enjoy, like "I love working with numbers".'
)


def _choice(catalogue: Catalogue, code: str, context: Context) -> Reply:
    if context.candidate_intent == "pick_role":
        return replies.advice(catalogue, context.current_code, code)
    if context.target_code and not context.current_code and context.candidate_intent == "choose_occupation":
        # Which of these is the job they come from, on the way to the role they asked about.
        return _from_job(catalogue, code, context.target_code)
    intent, _, reason = (context.candidate_intent or "").partition(":")
    if intent == "constraint" and reason:
        # "hated working retail, the customers were awful" -> which job -> away from customers.
        return steering.constraint(catalogue, "", reason, context, chosen=code) or replies.role_overview(
            catalogue, code
        )
    return replies.role_overview(catalogue, code)


NO_JOB_YET = re.compile(
    r"\b(no job|don'?t have a job|never (?:had a job|worked)|not working|unemployed|haven'?t worked|"
    r"(?:still )?in (?:high )?school|(?:i'?m|im|i am) (?:still )?(?:a )?student)\b",
    re.I,
)


def _from_job(catalogue: Catalogue, code: str, target: str) -> Reply:
    reply = replies.advice(catalogue, code, target)
    reply.slots.update({"current_code": code, "current_title": catalogue.occupations[code].title})
    return reply


# "how do i get there from physio", "what carries over from my graphic design": the role
# just discussed, from the job the message names.
THERE_FROM = re.compile(
    r"\b(?:get (?:there|into (?:it|that|this))|switch|move|transition|carr(?:y|ies) over)\b.*?\bfrom "
    r"(?:my |being an? |an? |the )?(?P<source>[\w' -]+?)\W*$",
    re.I,
)


def _there_from(catalogue: Catalogue, text: str, context: Context) -> Reply | None:
    target = context.target_code or context.subject_code
    found = THERE_FROM.search(text)
    if not found or target not in catalogue.occupations:
        return None
    source = matcher_for(catalogue).resolve(found["source"], about_work=True)
    if source.kind != "role" or source.best.code == target:
        return None
    return _from_job(catalogue, source.best.code, target)


def answer_to_which_job(catalogue: Catalogue, text: str, context: Context) -> Reply | None:
    """The answer to "which job are you coming from?": "stacking shelves on nights at the
    moment" is their job, not a wish about hours, and the role they asked about stays the
    goal. None for a message that doesn't name a job, or asks something instead."""
    if context.candidate_intent != replies.FROM_JOB or not context.target_code:
        return None
    if NO_JOB_YET.search(text):
        # "i dont have a job, im in high school": nothing to compare; what it takes to get in.
        return answers.occupation_facts(catalogue, context.target_code, Question(("education", "pay", "outlook")))
    question = read_question(text)
    if "?" in text or question.aspects or question.ranking or replies.parse_move(text)[1]:
        return None
    found = matcher_for(catalogue).resolve(text, about_work=True)
    if found.kind == "role" and found.best.code != context.target_code:
        return _from_job(catalogue, found.best.code, context.target_code)
    if found.kind == "ambiguous":
        return replies.clarify(found)  # a choice goes on to the advice (_choice)
    return None


def what_went_wrong(catalogue: Catalogue, text: str, context: Context) -> Reply | None:
    """The answer to "what did you dislike most about it?" typed in words: "the tasks
    themselves", "the customers tbh". As an answer, "the people" or "the tasks" is what to
    steer away from, which out of the blue it is not ("I love helping people"). None for
    a message that names no strain, or names a job by its title instead."""
    if not context.reason_pending or not context.current_code:
        return None
    reason = steering.reason_in(text)
    if reason is None or "?" in text:
        return None
    found = matcher_for(catalogue).resolve(text)
    if found.by_title:
        return None
    return steering.steer_reply(catalogue, context.current_code, reason)


def _list_again(listing: Message) -> Reply:
    """The list as it was, from its heading on: "Got it: Pharmacists ..." before it, or an
    earlier "Here they are again", is not repeated."""
    lines = listing.text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.endswith(":")), 0)
    return Reply(messages=[Message("\n".join(["Here they are again.", *lines[start:]]), listing.buttons)])


def _listed_role_named(catalogue: Catalogue, text: str, fixed: str | None, context: Context) -> str | None:
    """The role of the last list a short message names by its title (after "no," when it
    is a correction), when the person's own job is known and the message does not say the
    role is theirs ("no, I was a ...")."""
    if not context.current_code or context.candidate_codes or len(context.listed_codes) < 2:
        return None
    words = fixed or text
    if len(words.split()) > 8 or is_question(words) or matcher_for(catalogue).own_work(text):
        return None
    named = answers.named_occupation(catalogue, words)
    return named if named in context.listed_codes and named != context.current_code else None


def first_reading(catalogue: Catalogue, text: str, context: Context) -> Reply | None:
    """What comes before the intent: the conversation's context (`in_context`), then a move
    said outright ("I want to switch careers from accounting to data science") or a field
    left ("out of healthcare altogether"), whichever intent NLU gave it."""
    found = in_context(catalogue, text, context)
    if found is None and not text.startswith("/") and replies.parse_move(text)[1]:
        moved = move(catalogue, text, context)
        found = None if moved.missed else moved
    if found is None and not text.startswith("/"):
        # "I want to get out of healthcare altogether": names a cluster, to leave it.
        found = leaving.outside_field(catalogue, text, context.current_code)
    return found


# The wish each follow-up button stands for, in bot.steering's terms.
FOLLOW_UP_REASONS = {"less_schooling": "schooling", "higher_pay": "pay"}


def another_wish(catalogue: Catalogue, text: str, context: Context, intent: str) -> Reply | None:
    """A follow-up typed with a wish other than the one NLU heard: "what else could I do
    that's less physical?" came in as less schooling. The wish the words name decides."""
    reason = steering.reason_in(text) if not text.startswith("/") else None
    if reason is None or reason == FOLLOW_UP_REASONS.get(intent):
        return None
    return steering.steer_in_context(catalogue, text, context)


def _occupations_of(catalogue: Catalogue, words: str) -> list[str]:
    """The occupation some words name ("welding"), or the few a field covers ("data science")."""
    code = answers.named_occupation(catalogue, words)
    return [code] if code else matcher_for(catalogue).field_occupations(words)


def in_context(catalogue: Catalogue, text: str, context: Context) -> Reply | None:
    """A reply for a message that only makes sense against what was just said, or None
    when the message stands on its own (then its intent decides)."""
    if not text or text.startswith("/"):
        return None
    if STOP.match(text):
        return Reply(messages=[Message(STOPPED)])
    if asks_about_currency(text) and not answers.named_occupation(catalogue, OTHER_CURRENCY.sub(" ", text)):
        # "are those pounds?": the figures are US ones ("how much do nurses make in the uk?"
        # names a job and gets its figures, which say they are the BLS's).
        return Reply(messages=[Message(answers.US_FIGURES)])
    if context.guide_pending:
        # "probably figuring stuff out, i like science", "a year or so of training".
        typed = guide.typed_answer(catalogue, text, context.guide_riasec)
        if typed:
            return typed
    answered = (
        answer_to_which_job(catalogue, text, context)
        or what_went_wrong(catalogue, text, context)
        or _there_from(catalogue, text, context)
    )
    if answered:
        return answered
    if context.listing and wants_list_again(text) and not read_question(text).aspects:
        return _list_again(context.listing)  # before corrections: "sorry, what were those again?"
    fixed = correction(text)
    listed = _listed_role_named(catalogue, text, fixed, context)
    if listed:
        # "no, occupational therapists" or "Information Technology Project Managers" typed
        # after a list of roles to move to: that role, from their job, not a new job of theirs.
        return replies.advice(catalogue, context.current_code, listed)
    # "no, I meant a vet": read the new words as the role, if they name one.
    if (
        fixed
        and (context.candidate_codes or context.current_code)
        and matcher_for(catalogue).resolve(fixed).kind in ("role", "ambiguous")
    ):
        return replies.liked_role(catalogue, fixed)
    if context.candidate_codes:
        picked = choice_in_words(catalogue, text, context.candidate_codes)
        if picked:
            return _choice(catalogue, picked, context)
        # "the physical one" when physical therapists were not among the therapists offered:
        # the describing words with what the question was about.
        words, head = described_words(text), shared_head(catalogue, context.candidate_codes)
        if words and head:
            found = matcher_for(catalogue).resolve(f"{words} {head}")
            if found.kind == "role" and found.source == "title":
                return _choice(catalogue, found.best.code, context)
    question = read_question(text)
    if question.ranking and context.listed_codes:
        return answers.ranked_list(catalogue, context.listed_codes, question.ranking)
    topic = returned_to(text)
    back = _occupations_of(catalogue, topic) if topic else []
    if back and question.aspects and question.aspects != ("tasks",):
        # "ok back to data science, what degree do i need": the subject they return to,
        # not the one talked about last.
        if len(back) == 1:
            return answers.occupation_facts(catalogue, back[0], question, context.current_code)
        return answers.listed_figures(catalogue, back, question)
    code = referent(catalogue, text, context.listed_codes, context.subject_code)
    discussed = list(
        dict.fromkeys(
            c
            for c in (context.subject_code, context.target_code, context.current_code, context.previous_subject)
            if c in catalogue.occupations
        )
    )
    if code is None and question.aspects and BOTH.search(text) and is_question(text) and len(discussed) >= 2:
        # "pay difference between the two?", "which of the two has better prospects":
        # the two occupations talked about last.
        return answers.listed_figures(catalogue, discussed[:2], question)
    how = refers_back(text, question) if code is None else None
    if how == "pronoun" and matcher_for(catalogue).names_work(text):
        how = None  # "do welders need a licence for it": a job of its own
    named = answers.named_occupation(catalogue, text) if how == "elliptic" else None
    if how == "elliptic" and (named or steering.WISH.search(text)):
        how = None  # "what about vet assistants", "I want more money, can you help?"
    if how:
        # "do you need a degree for it", "and the money?": about the occupation just
        # discussed, or, after a list or a "which one?", about each role on it.
        choices = context.candidate_codes or context.listed_codes
        if context.subject_code in catalogue.occupations and not context.candidate_codes:
            code = context.subject_code
        elif choices:
            return answers.listed_figures(catalogue, choices, question)
    again = bool(context.asked_aspects and WHAT_ABOUT.search(text) and question.aspects in ((), ("tasks",)))
    if again:
        # "what about plumbers?" right after electricians' pay: their pay.
        question = Question(tuple(context.asked_aspects))
    if code is None and (context.current_code or "verdict" in question.aspects or again) and is_question(text):
        # "what about dispatcher? is that a desk job", "art director. what would I need to
        # learn": a role they are weighing, asked about from the job they have; "is being a
        # flight attendant a good job" whatever came before.
        code = named or answers.named_occupation(catalogue, text)
        code = None if code == context.current_code else code
    if code is None:
        return None
    if context.current_code and context.current_code != code and MOVE_ASK.search(text):
        # "the first one - how do I switch into it": the move from their job.
        return replies.advice(catalogue, context.current_code, code)
    if question.aspects:
        return answers.occupation_facts(catalogue, code, question, context.current_code)
    if context.current_code and context.current_code != code:
        return replies.advice(catalogue, context.current_code, code)
    return answers.occupation_facts(catalogue, code, Question(()), context.current_code)


def answer_question(catalogue: Catalogue, text: str, context: Context) -> Reply:
    """A question about an occupation: the one it names, the one it points back to, or
    the one the conversation is about."""
    question = read_question(text)
    if question.ranking and context.listed_codes:
        return answers.ranked_list(catalogue, context.listed_codes, question.ranking)
    asks = is_question(text)
    if not asks:
        # "I'm a dental assistant and want more money": a wish about the next job, not a
        # question about this one's pay.
        steered = steering.steer_in_context(catalogue, text, context)
        if steered:
            return steered
    if not question.aspects and not asks and matcher_for(catalogue).names_work(text):
        # "I'm a paralegal": a statement of their own job, whatever NLU made of it.
        return replies.liked_role(catalogue, text)
    pointed = referent(catalogue, text, context.listed_codes, context.subject_code) or answers.named_occupation(
        catalogue, text
    )
    code = pointed or context.subject_code or context.target_code or context.current_code
    own_job_by_default = not pointed and code is not None and code == context.current_code
    if own_job_by_default and len(context.listed_codes) > 1 and question.aspects and OWN_NEED.search(text):
        # "what schooling do I need?" after a list of roles to move into: the person has
        # their own job's schooling already; the question is about the roles offered.
        return answers.listed_figures(catalogue, context.listed_codes, question)
    if code is None and context.listed_codes and question.aspects:
        # "how long would the training take?" after a list: that figure for each of them.
        return answers.listed_figures(catalogue, context.listed_codes, question)
    if code is None:
        stated = matcher_for(catalogue).stated_interest(text)
        if stated:
            # "I love drawing but have no clue what job that could be": the interest answers it.
            return replies.interest(catalogue, text, stated)
        if matcher_for(catalogue).names_work(text):
            # "I teach Year 4 at a primary ... would like to know what else is out there".
            return replies.liked_role(catalogue, text)
    wish = steering.reason_in(text)
    if code is None and wish and (not question.aspects or OTHER_ROLES.search(text)):
        # "what's a good job for an introvert", "any jobs where I can work alone?": a wish
        # with no job to start from.
        return steering.steer_reply(catalogue, None, wish, best_paid=bool(steering.BEST_PAID.search(text)))
    if code is None or code not in catalogue.occupations:
        return Reply(
            messages=[Message('Which job would you like to know about? For example: "What does an actuary do?"')],
            missed=True,
        )
    if ABOUT_THE_MOVE.search(text) and context.current_code and context.current_code != code:
        return replies.advice(catalogue, context.current_code, code)
    if ABOUT_THE_MOVE.search(text) and code == context.current_code and len(context.listed_codes) > 1:
        # "what would I need to learn" after a list of moves: which move, not their own job.
        names = ", ".join(
            catalogue.occupations[c].title for c in context.listed_codes[:5] if c in catalogue.occupations
        )
        return Reply(
            messages=[
                Message(
                    f"Which of those roles? Pick one and I'll tell you what carries over and what to learn: {names}."
                )
            ]
        )
    if SIMILAR.search(text):
        return replies.role_overview(catalogue, code, heading=f"Roles like {catalogue.occupations[code].title}.")
    return answers.occupation_facts(catalogue, code, question, context.current_code)


def move(catalogue: Catalogue, text: str, context: Context) -> Reply:
    """ "How do I get from X to Y" and its shorter forms: the move said in full, a job
    named without the "from" ("what would the estimator job need from me"), the move
    already being discussed ("what from my job would carry over?"), or a direction said
    as an interest ("something medical, I like helping people")."""
    if replies.parse_move(text)[1] or text.startswith("/"):
        moved = replies.how_to_move(catalogue, text, context.current_code)
        if not moved.missed or text.startswith("/"):
            return moved
    named = answers.named_occupation(catalogue, text)
    if named and context.current_code and named != context.current_code:
        return replies.advice(catalogue, context.current_code, named)
    discussed = context.target_code or context.subject_code
    if context.current_code and discussed and discussed != context.current_code:
        return replies.advice(catalogue, context.current_code, discussed)
    if matcher_for(catalogue).names_work(text):
        # "Hotel front desk: check-ins, Opera PMS, complaints at 2am": their own job.
        return replies.liked_role(catalogue, text)
    stated = matcher_for(catalogue).stated_interest(text)
    if stated:
        return replies.interest(catalogue, text, stated)
    return replies.how_to_move(catalogue, text, context.current_code)


def other_readings(catalogue: Catalogue, text: str, context: Context) -> Reply | None:
    """What a turn may still be when its intent's own reading found nothing, or NLU called
    it off-topic: a move ("i do landscaping but i want to get into farming"), an interest
    stated outright, a wish about the next job ("no nights or weekends"), someone who
    doesn't know yet, or work described without a title. None when it is none of these."""
    if text.startswith("/"):
        return None
    if replies.parse_move(text)[1]:
        moved = move(catalogue, text, context)
        if not moved.missed:
            return moved
    matcher = matcher_for(catalogue)
    stated = matcher.stated_interest(text)
    if stated:
        return replies.interest(catalogue, text, stated)
    reason = steering.reason_in(text)
    wish = reason is not None and (reason not in ("people", "tasks") or steering.AWAY.search(text))
    named = matcher.resolve(text)
    if wish and not named.by_title:
        # A job named by title comes first ("bank teller, no customers"); a loose reading
        # of the words ("two little kids") doesn't outweigh the wish.
        return steering.steer_reply(
            catalogue, context.current_code, reason or "", best_paid=bool(steering.BEST_PAID.search(text))
        )
    if guide.UNSURE.search(text) and not context.current_code:
        return guide.first_question()
    # "milking twice a day on a 250 cow dairy farm": work described, whatever NLU thought.
    described = matcher.described_work(text)
    return replies.clarify(described) if described else None


def unsure(catalogue: Catalogue, text: str, context: Context) -> Reply:
    """ "I don't know what I want": the two questions, unless the message (or the
    conversation) says more than that: a move ("bartender, want to do something with
    computers but idk what"), a job ("CNA, burnt out"), or a wish about the next job."""
    if not text.startswith("/"):
        found = in_context(catalogue, text, context) or steering.steer_in_context(catalogue, text, context)
        if found:
            return found
        if replies.parse_move(text)[1]:
            moved = replies.how_to_move(catalogue, text, context.current_code)
            if not moved.missed:
                return moved
        resolution = matcher_for(catalogue).resolve(text)
        if resolution.kind == "role" and resolution.source == "title":
            return replies.liked_role(catalogue, text)
        stated = matcher_for(catalogue).stated_interest(text)
        if stated:
            return replies.interest(catalogue, text, stated)
    return guide.first_question()
