"""A short guided conversation for people who don't know what they want yet.

Two quick-reply questions instead of O*NET's 60-item Interest Profiler: which kind of
activity appeals (one per RIASEC interest, worded after O*NET's descriptions), then how
much schooling the person would take on. The answer ranks occupations by that interest
score and keeps those within the schooling, then names their clusters. Each answer
travels in the button's payload, so the person can leave at any point and nothing is
left half-set in the conversation.
"""

from __future__ import annotations

import re
from math import log10

from bot import replies
from bot.catalogue import Catalogue, Occupation
from bot.messages import Message, Reply, lower_first, payload
from bot.related import education_rank, spread_over_clusters

ACTIVITIES = [
    ("Building, fixing or working outdoors", "Realistic"),
    ("Solving problems and finding things out", "Investigative"),
    ("Creating, designing or performing", "Artistic"),
    ("Helping, teaching or caring for people", "Social"),
    ("Leading, selling or starting things", "Enterprising"),
    ("Organising data, records and details", "Conventional"),
]
# Most schooling a person would take on, as the highest EDUCATION_ORDER rank to keep.
SCHOOLING = [
    ("Start working soon (high school or less)", "1"),
    ("A year or two of training", "4"),
    ("A degree is fine", "7"),
]
PICKED = 5
# "idk what I'm doing", "no clue", "not sure what I want": someone who doesn't know yet.
UNSURE = re.compile(
    r"\b(idk|i don'?t know|i dont know|dunno|no idea|no clue|not a clue|(?:haven'?t|havent) (?:a|the) clue|"
    r"not sure|unsure|lost|confused|clueless)\b",
    re.I,
)


# Schooling said in words. "No degree" still leaves a year or two of training, so it is
# read before "degree" is; "start working soon" is the least.
SCHOOLING_WORDS = [
    ("1", r"start (?:working|earning)|straight away|right away|asap|high school|as little as possible|"
     r"no (?:more )?school|none"),
    ("4", r"(?:no|without|not|rather not|don'?t want)\W+(?:\w+\W+){0,3}?(?:degree|uni|university|college)|"
     r"year or two|a year|two years|apprentice\w*|course|certificate|diploma|training|trade school|short"),
    ("7", r"degree|uni\b|university|college|years of study"),
]  # fmt: skip
FIRST = "Which of these sounds most like something you'd enjoy?"
SECOND = "And how much schooling or training would you take on?"


def _waiting(riasec: str | None) -> dict[str, object]:
    """The slots that say a guided question waits: the first (no interest yet) or the second."""
    return {"guide_pending": True, "guide_riasec": riasec}


def _interest_buttons() -> list[dict[str, str]]:
    return [{"title": title, "payload": payload("guide_interest", riasec=key)} for title, key in ACTIVITIES]


def first_question() -> Reply:
    return Reply(
        messages=[
            Message(
                f"That's fine, most people start there. Two quick questions and I'll suggest some directions. {FIRST}",
                buttons=_interest_buttons(),
            )
        ],
        slots={"misses": 0.0, **_waiting(None)},
    )


def _schooling_buttons(riasec: str) -> list[dict[str, str]]:
    return [
        {"title": title, "payload": payload("guide_schooling", riasec=riasec, schooling=rank)}
        for title, rank in SCHOOLING
    ]


def second_question(riasec: str) -> Reply:
    if riasec not in dict((k, t) for t, k in ACTIVITIES):
        return first_question()
    return Reply(
        messages=[Message(SECOND, buttons=_schooling_buttons(riasec))],
        slots=_waiting(riasec),
    )


def schooling_in(text: str) -> str | None:
    """The schooling an answer to the second question names in words, if any."""
    return next((rank for rank, words in SCHOOLING_WORDS if re.search(rf"\b(?:{words})", text, re.I)), None)


def typed_answer(catalogue: Catalogue, text: str, riasec: str | None) -> Reply | None:
    """The schooling question answered in words instead of a tap ("a year or so of
    training"): the suggestions. None otherwise. The first question answered in words
    ("outdoors, animals") is an interest, and its clusters answer it at once
    (bot.replies.interest); asking the second question then did worse on the held-out
    conversation sets."""
    schooling = schooling_in(text) if riasec else None
    return result(catalogue, riasec, schooling) if riasec and schooling else None


def ask_again(riasec: str | None, agreed: bool) -> Reply:
    """A bare "yes" or "not really" to a guided question: the same question, put so that
    either a tap or a few words of their own answers it."""
    if riasec in dict((k, t) for t, k in ACTIVITIES):
        text = (
            f"Sure. {SECOND} Tap one."
            if agreed
            else "No problem, it's only a rough guide. Tap the closest, and I'll suggest roles that fit."
        )
        return Reply(messages=[Message(text, buttons=_schooling_buttons(riasec))], slots=_waiting(riasec))
    text = (
        "Great. Which of these sounds most like you? Tap one, or tell me in your own words what you enjoy."
        if agreed
        else "No problem. Is any of these close, even a little? Or tell me something you've enjoyed doing, "
        "at school, at work or in your free time, and I'll start from that."
    )
    return Reply(messages=[Message(text, buttons=_interest_buttons())], slots=_waiting(None))


def _fits(occupation: Occupation, riasec: str, most_schooling: int) -> bool:
    rank = education_rank(occupation)
    return (
        occupation.code.endswith(".00")
        and occupation.riasec.get(riasec, 0.0) >= 5.0
        and rank is not None
        and rank <= most_schooling
        and bool(occupation.median_wage)
    )


def suggestions(catalogue: Catalogue, riasec: str, most_schooling: int) -> list[Occupation]:
    """Occupations strong in the interest within the schooling: the most openings first,
    at most two per cluster so the answer shows different directions."""
    fitting = [o for o in catalogue.occupations.values() if _fits(o, riasec, most_schooling)]
    # Strong in the interest first, then common: a log scale keeps the biggest
    # occupations (cashiers, labourers) from crowding out the ones that fit best.
    fitting.sort(key=lambda o: (-(o.riasec.get(riasec, 0.0) + 0.5 * log10(1 + (o.openings_thousands or 0.0))), o.code))
    return spread_over_clusters(fitting, PICKED)


def result(catalogue: Catalogue, riasec: str, schooling: str) -> Reply:
    title = dict((k, t) for t, k in ACTIVITIES).get(riasec)
    if title is None or not schooling.isdigit():
        return first_question()
    picked = suggestions(catalogue, riasec, int(schooling))
    if not picked:
        return Reply(messages=[Message("I couldn't find roles that fit both answers. Try a different answer?")])
    clusters = list(dict.fromkeys(o.cluster_names[0] for o in picked))
    lines = [
        f"- {o.title} ({o.cluster_names[0]}): {lower_first(o.education or '')}; "
        f"O*NET rates its {riasec} interest {o.riasec[riasec]:.1f} of 7"
        for o in picked
    ]
    text = (
        f"{title.split(',')[0]} is what O*NET calls {'an' if riasec[0] in 'AEIOU' else 'a'} {riasec} interest. It points to the "
        f"{', '.join(clusters)} cluster{'s' if len(clusters) > 1 else ''}. {replies.CLUSTER_MEANING}\n"
        "Roles to explore:\n" + "\n".join(lines)
    )
    buttons = [{"title": o.title, "payload": payload("choose_occupation", occupation_code=o.code)} for o in picked]
    return Reply(messages=[Message(text, buttons=buttons)], slots={"misses": 0.0})
