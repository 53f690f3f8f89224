"""Steering away from what a person didn't like, and towards what they ask for.

"I hated it" says little: the people, the physical work, the stress, the pay and the
tasks themselves each call for different suggestions. So a disliked job gets a question
first, and each answer (or a constraint said outright: "less stress", "no customers")
ranks roles by the one figure in the data that speaks to it. Where no data answers a
constraint (remote work, sitting, hours) the reply says so and offers what it can do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.advice import money
from bot.catalogue import Catalogue, Occupation

if TYPE_CHECKING:
    from bot.context import Context
from bot.matching import matcher_for
from bot.messages import Message, Reply, lower_first, payload, role_list
from bot.related import RelatedRole, contrasting_roles, education_rank, related_roles, spread_over_clusters

# What a person may have disliked, as (button title, reason key).
DISLIKE_REASONS = [
    ("The people or customers", "people"),
    ("The physical work", "physical"),
    ("The stress", "stress"),
    ("The pay", "pay"),
    ("The hours", "hours"),
    ("The tasks themselves", "tasks"),
]
REASON_WORDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "stress",
        re.compile(
            r"\b(stress\w*|burn(?:ed|t)?[- ]?out|burnout|exhaust\w*|pressure|overwhelm\w*|anxi\w*|chao\w*|hectic|calm\w*)\b",
            re.I,
        ),
    ),
    # Tired of sitting ("stuck behind a desk all day"): a wish for more hands-on, active
    # work, the opposite direction from a body worn out by physical work.
    (
        "active",
        re.compile(
            r"\b(sitting|sit (?:at|behind) a desk|(?:at|behind) a desk all day|desk job|stuck (?:inside|indoors)|"
            r"(?:a|the) (?:screen|computer) all day|(?:staring at|looking at|in front of) (?:a |the )?screens?)\b",
            re.I,
        ),
    ),
    (
        "physical",
        re.compile(
            # "my back is shot", not "back to data science"; "sit down", not "situation".
            r"\b(physical\w*|back(?!\s+(?:to|into|in|on|at|then|when|home|again)\b)|knees?|lifting|heavy|on my feet|"
            r"standing|tiring|injur\w*|body|sit|sits|sitting|seated)\b",
            re.I,
        ),
    ),
    (
        "people",
        re.compile(
            r"\b(customers?|clients?|people|public|patients|rude|dealing with|no one|nobody|alone|on my own|by myself|"
            # "the phone ringing all day": answering people is the strain (not "on call", hours).
            r"solo|introvert\w*|phones?|phone calls|callers|ringing)\b",
            re.I,
        ),
    ),
    ("pay", re.compile(r"\b(pay|paid|salary|money|wages?|earn\w*)\b", re.I)),
    (
        "hours",
        re.compile(
            r"\b(hours|nights?|weekends?|shifts?|schedule|overtime|holidays|on call|9 to 5|"
            # time away from home is when the work happens: "hate being away from family"
            r"away from (?:home|family|my family|the family|my kids|the kids)|time away)\b",
            re.I,
        ),
    ),
    ("remote", re.compile(r"\b(remote\w*|from home|wfh|online job|home office)\b", re.I)),
    # A wish about schooling ("without going back to school", "no degree", "less schooling"),
    # not a school as a workplace ("I taught high school chemistry").
    (
        "schooling",
        re.compile(
            r"\bschooling\b|\b(?:no|without|less|fewer|little|minimal|don'?t|dont|not|never|avoid|skip|quick\w*|"
            r"short\w*|back to|more|hate\w*)\b(?:\W+\w+){0,4}?\W+"
            r"(?:school\w*|degree|college|uni|university|study|studying|education|training)\b",
            re.I,
        ),
    ),
    (
        "tasks",
        re.compile(
            r"\b(work itself|tasks|boring|repetitive|the job itself|what i did|actual work|the work|different work|"
            r"day[- ]to[- ]day)\b",
            re.I,
        ),
    ),
]
# Words that turn "people" or "the tasks" into something to get away from.
AWAY = re.compile(
    r"\b(no|not|don'?t|dont|without|less|fewer|hate\w*|can'?t|cant|never|too|away|rude|awful|sick of|tired of|"
    r"alone|on my own|by myself|solo|introvert\w*)\b",
    re.I,
)
# Words that make a named strain a wish about the next job rather than a remark on this one.
WISH = re.compile(
    r"\b(want|wanna|need|looking for|prefer|rather|would like|i'?d like|zero|no more|without|less|fewer|"
    r"more|higher|better|away from|done with|sick of|tired of|fed up|"
    # "hate the night shifts": a strain said with dislike is one to get away from.
    r"hate|hating|can'?t stand|cant stand|couldn'?t stand)\b",
    re.I,
)
# A job said with dislike: "hate being away from family", "got sick of staring at screens".
DISLIKED = re.compile(
    r"\b(hate[ds]?|hating|sick of|tired of|fed up|can'?t stand|couldn'?t stand|loath\w*|despise\w*|miserable|"
    r"worst|awful|terrible|never again|broke me|wrecked me|burn(?:ed|t)?[- ]?out|burnout|done with)\b",
    re.I,
)
BURNOUT = re.compile(r"\b(burn(?:ed|t|ing)?[- ]?out|burnout|exhausted|overworked|stressed out)\b", re.I)
# Constraints the data can't speak to, and what the reply says about them.
NO_DATA = {
    "hours": "working hours, nights or weekends",
    "remote": "which jobs can be done from home",
    "physical": "how physical a job is or how much of it is spent sitting",
    "active": "how much of a job is spent sitting",
}


def reason_in(text: str) -> str | None:
    """The kind of strain or wish a message names, if any. Pay said as the order of a list
    of jobs without a degree ("highest paid jobs that don't need a degree") is the order,
    and the schooling the wish."""
    found = next((key for key, pattern in REASON_WORDS if pattern.search(text)), None)
    if found == "pay" and BEST_PAID.search(text) and dict(REASON_WORDS)["schooling"].search(text):
        return "schooling"
    return found


def burned_out(text: str) -> bool:
    return bool(BURNOUT.search(text))


def _customers(o: Occupation) -> float | None:
    rating = o.knowledge.get("Customer and Personal Service")
    return rating[0] if rating else None


def _realistic(o: Occupation) -> float | None:
    return o.riasec.get("Realistic")


def _less_realistic(o: Occupation) -> float | None:
    realistic = _realistic(o)
    return None if realistic is None else -realistic


# Per reason, the figure to lower (a smaller value is better for the person), and by how
# much at least, so "less" is a difference a person would notice (importance is 1-5,
# interest 1-7, pay in dollars).
FIGURES: dict[str, Callable[[Occupation], float | None]] = {
    "stress": lambda o: o.stress_tolerance,
    "people": _customers,
    "physical": _realistic,
    "active": _less_realistic,
    "pay": lambda o: -o.median_wage if o.median_wage else None,
    "helping": lambda o: -o.riasec["Social"] if "Social" in o.riasec else None,
}
CLOSE_SKILLS = 0.75  # related.similarity from which two jobs count as using much the same skills
MARGIN = {"stress": 0.2, "people": 0.5, "physical": 0.5, "active": 0.5, "pay": 0.0, "helping": 0.5}
SAYING = {
    "stress": "where O*NET rates stress tolerance as less important",
    "people": "where O*NET rates customer and personal service as less important",
    "physical": "with less hands-on, physical work (a lower Realistic interest score in O*NET)",
    "active": "with more hands-on, active work (a higher Realistic interest score in O*NET)",
    "pay": "that pay more",
    "helping": "where helping people is more of the work (a higher Social interest score in O*NET)",
}
# "maybe helping people", "more people contact, not less": people as the wish, not the strain.
MORE_PEOPLE = re.compile(
    r"\b(?:help(?:ing|s)? (?:people|others|the community|the public)|more (?:people|contact|time with people)|"
    r"people contact|work(?:ing)? with people|people person)\b",
    re.I,
)
FEWER_PEOPLE = re.compile(
    r"\b(?:less|fewer|no|without|away from|not|hate\w*|sick of|tired of)\s+(?:\w+\s+){0,2}?(?:people|customers|public)\b",
    re.I,
)


# Words that put a liking into the next job: "maybe helping people", "I want to help people".
NEXT_JOB = re.compile(r"\b(?:maybe|something|somewhere|a job|a role|instead)\b|" + WISH.pattern, re.I)


def wants_more_people(text: str) -> bool:
    return bool(MORE_PEOPLE.search(text)) and not FEWER_PEOPLE.search(text)


def steer(catalogue: Catalogue, code: str, reason: str, limit: int = 5) -> list[RelatedRole]:
    """Roles that use much the same skills as `code` but are better on `reason`."""
    figure = FIGURES.get(reason)
    source = catalogue.occupations[code]
    if figure is None:
        return contrasting_roles(catalogue, code, limit=limit)
    own = figure(source)
    pool = related_roles(catalogue, code, limit=25)
    values = {r.code: figure(catalogue.occupations[r.code]) for r in pool}
    ceiling = None if own is None else own - MARGIN[reason]
    # A move keeps the skills: O*NET names it as related, or the skill profiles are close.
    pool = [r for r in pool if r.tier is not None or r.similarity >= CLOSE_SKILLS]
    better = [r for r in pool if values[r.code] is not None and (ceiling is None or values[r.code] < ceiling)]  # type: ignore[operator]
    # Of those clearly better on the figure, the closest moves first.
    if not better and own is not None:
        # Nothing clearly better: those no worse, so the person still sees where to look.
        better = [r for r in pool if values[r.code] is not None and values[r.code] <= own]  # type: ignore[operator]
    better.sort(key=lambda r: values[r.code])  # type: ignore[arg-type,return-value]
    return sorted(better[: limit * 2], key=lambda r: -r.score)[:limit]


# What the person can ask an employer about a role where the data is silent.
HOW_TO_CHECK = {
    "hours": "ask employers about shifts and schedules",
    "remote": "ask which employers let you work from home",
}


def no_data_for(reason: str) -> str | None:
    return NO_DATA.get(reason)


def _roles_message(intro: str, roles: list[RelatedRole]) -> Message:
    listing = role_list(roles)
    return Message(f"{intro}\n{listing.text}", buttons=listing.buttons)


def ask_what_went_wrong(catalogue: Catalogue, code: str, hedge: str = "") -> Reply:
    """A disliked job: ask what about it, so the suggestions steer away from that."""
    occupation = catalogue.occupations[code]
    buttons = [{"title": title, "payload": payload("constraint", reason=key)} for title, key in DISLIKE_REASONS]
    buttons.append({"title": "Just show me different work", "payload": payload("constraint", reason="tasks")})
    text = (
        f"Sorry that job wasn't for you{hedge or f' ({occupation.title})'}. "
        "What did you dislike most about it? That tells me what to steer away from."
    )
    return Reply(
        messages=[Message(text, buttons=buttons)],
        slots={"current_code": code, "current_title": occupation.title, "misses": 0.0, "reason_pending": True},
    )


# With no job to start from, the commonest jobs among the best quarter on the figure.
BEST_SHARE = 0.25
HIGH_SCHOOL_RANK = 1  # bot.related.EDUCATION_ORDER: high school diploma or less
NO_DEGREE_RANK = 3  # up to a postsecondary nondegree award (a trade certificate)
# "what's the best paying job without a degree": the list by pay, not by openings.
BEST_PAID = re.compile(
    r"\b(?:best|highest|top|most|well|good|high)[- ]?(?:pay\w*|paid|earning|money|salar\w*)\b|\bpays? (?:the )?(?:most|best|well)\b",
    re.I,
)


def without_a_job(catalogue: Catalogue, reason: str, limit: int = 5, best_paid: bool = False) -> list[Occupation]:
    """ "What's a good job for an introvert", "jobs that don't need a degree", asked with no
    job known: the occupations with most openings (or, asked for the best paid, the best
    paid) among those best on the reason's figure, at most two per cluster. Empty for a
    reason no figure answers."""
    pool = [o for o in catalogue.occupations.values() if o.code.endswith(".00") and o.median_wage]
    if reason == "schooling":
        ranks = {o.code: education_rank(o) for o in pool}
        highest = NO_DEGREE_RANK if best_paid else HIGH_SCHOOL_RANK
        fitting = [o for o in pool if (rank := ranks[o.code]) is not None and rank <= highest]
    elif reason in FIGURES:
        rated = sorted((v, o.code) for o in pool if (v := FIGURES[reason](o)) is not None)
        best = {c for _, c in rated[: max(1, int(len(rated) * BEST_SHARE))]}
        fitting = [o for o in pool if o.code in best]
    else:
        return []
    if best_paid:
        fitting.sort(key=lambda o: (-(o.median_wage or 0), o.code))
    else:
        fitting.sort(key=lambda o: (-(o.openings_thousands or 0.0), o.code))
    return spread_over_clusters(fitting, limit)


def _without_a_job_reply(catalogue: Catalogue, reason: str, best_paid: bool = False) -> Reply | None:
    picked = without_a_job(catalogue, reason, best_paid=best_paid)
    if not picked:
        return None
    if reason == "schooling":
        saying = "that need no degree" if best_paid else "that need a high school diploma or less"
    else:
        saying = SAYING[reason]
    order = "best paid first" if best_paid else "most openings first"
    lines = [
        f"- {o.title}: median pay {money(o.median_wage)}; "
        f"{lower_first(o.education) if o.education else 'education not listed'}"
        for o in picked
    ]
    text = (
        f"{'Jobs' if best_paid else 'Common jobs'} {saying}, {order}:\n" + "\n".join(lines) + "\n"
        "Tell me a job you've done and I'll look for ones that use the same skills."
    )
    buttons = [{"title": o.title, "payload": payload("choose_occupation", occupation_code=o.code)} for o in picked]
    return Reply(messages=[Message(text, buttons=buttons)], slots={"misses": 0.0})


def steer_reply(
    catalogue: Catalogue, code: str | None, reason: str, liked: bool = False, best_paid: bool = False
) -> Reply:
    """Roles away from what the person named (a dislike reason or a constraint)."""
    missing = no_data_for(reason)
    if not code or code not in catalogue.occupations:
        if not missing:
            listed = _without_a_job_reply(catalogue, reason, best_paid)
            if listed:
                return listed
        note = f"The public data I use doesn't say {missing}, but I can still help. " if missing else ""
        return Reply(messages=[Message(note + "Which job are you coming from? I'll start from there.")])
    occupation = catalogue.occupations[code]
    messages = []
    if missing:
        messages.append(
            Message(f"The public data I use (O*NET and BLS) doesn't say {missing}, so I can't filter on that honestly.")
        )
    if reason in FIGURES:
        roles = steer(catalogue, code, reason)
        base = "Roles that use much of the same skills as" if liked else "Roles related to"
        intro = f"{base} {occupation.title.lower()} {SAYING[reason]}:"
    elif reason == "schooling":
        roles = related_roles(catalogue, code, {"less_schooling"}, limit=5)
        intro = f"Roles related to {occupation.title.lower()} that need less schooling:"
    elif reason in ("hours", "remote"):
        # The schedule was the trouble, not the work: a nurse done with night shifts
        # still has a nurse's skills, and the same field has day jobs and desk jobs.
        roles = related_roles(catalogue, code, limit=5)
        intro = f"Roles that use the same skills as {occupation.title.lower()} ({HOW_TO_CHECK[reason]}):"
    elif reason == "tasks":
        roles = contrasting_roles(catalogue, code, limit=4)
        intro = "Roles in other clusters that use different skills:"
    else:
        roles = []
        intro = ""
    if roles:
        messages.append(_roles_message(intro, roles))
    elif not missing:
        messages.append(
            Message(f"I couldn't find related roles clearly better on that than {occupation.title.lower()}.")
        )
    options = [("Less stress", "stress"), ("Less dealing with people", "people"), ("Higher pay", "pay"),
               ("Less schooling", "schooling")]  # fmt: skip
    messages.append(
        Message(
            "I can also look for:",
            buttons=[{"title": t, "payload": payload("constraint", reason=k)} for t, k in options if k != reason],
        )
    )
    return Reply(messages=messages, slots={"misses": 0.0})


def burnout_reply(catalogue: Catalogue, code: str) -> Reply:
    """ "Burned out but I love teaching": the same skills with less of the strain."""
    occupation = catalogue.occupations[code]
    reply = steer_reply(catalogue, code, "stress", liked=True)
    reply.messages[0].text = (
        f"Burnout is common in work as demanding as {occupation.title.lower()}, and it doesn't mean the work "
        "is wrong for you. " + reply.messages[0].text
    )
    reply.slots.update({"current_code": code, "current_title": occupation.title})
    return reply


def constraint(
    catalogue: Catalogue, text: str, reason: str | None, context: Context, chosen: str | None = None
) -> Reply | None:
    """A constraint said outright, or the answer to "what did you dislike most?"; None for
    a message that turns out to name only a job. `chosen`: the job picked from a question
    this function asked."""
    reason = reason or reason_in(text)
    code = chosen if chosen in catalogue.occupations else context.current_code
    if reason == "people" and text and not text.startswith("/") and wants_more_people(text):
        reason = "helping"  # NLU hears "people" in "maybe helping people" too
    # No words to read: a button's payload, or a choice answered for a question this asked.
    read = text and not text.startswith("/")
    resolution = matcher_for(catalogue).resolve(text, about_work=True) if read else None
    if resolution is not None and matcher_for(catalogue).pastime(text):
        # "i love fixing up old motorbikes in my garage on the weekends": not a wish about
        # hours but an interest, which the caller reads as one.
        return None
    names_a_job = resolution is not None and resolution.kind in ("role", "ambiguous")
    if names_a_job and reason is None:
        # A job and no wish ("I work the front desk at a hotel"): the caller reads it as the role.
        return None
    if names_a_job and code is None and resolution.kind == "ambiguous":  # type: ignore[union-attr]
        # "hated working retail, the customers were awful": which job first; the wish rides
        # along with the choice (context._choice, the buttons' payloads).
        from bot import replies  # here: bot.replies imports this module

        return replies.clarify(resolution, intent="constraint", reason=reason)  # type: ignore[arg-type]
    if code is None and names_a_job:
        # "bank teller, want a job with zero customer contact": the job comes with the wish.
        code = resolution.best.code  # type: ignore[union-attr]
    if reason is None:
        return Reply(
            messages=[
                Message(
                    "What should the next job avoid or offer? I can look for less stress, less dealing with people, "
                    "higher pay or less schooling.",
                    buttons=[{"title": t, "payload": payload("constraint", reason=k)} for t, k in DISLIKE_REASONS[:4]],
                )
            ],
            missed=True,
        )
    reply = steer_reply(catalogue, code, reason)
    if code and code != context.current_code and code in catalogue.occupations:
        reply.slots.update({"current_code": code, "current_title": catalogue.occupations[code].title})
    return reply


def job_with_a_wish(catalogue: Catalogue, text: str, reason: str, context: Context) -> Reply | None:
    """ "waited tables for six years, now I want a job with no customers": the job and the
    wish in one message, whatever NLU made of it. The job is read from the words before the
    wish, whose own words ("more pay") would otherwise be read as jobs; "the pay was great"
    is no wish, and a wish with no job before it is left to the caller."""
    wish = WISH.search(text)
    if not wish or burned_out(text):  # burnout has its own reply (burnout_reply)
        return None
    job = matcher_for(catalogue).resolve(text[: wish.start()], about_work=True)
    if job.kind == "ambiguous":
        from bot import replies  # here: bot.replies imports this module

        return replies.clarify(job, intent="constraint", reason=reason)
    if job.kind != "role":
        return None
    return constraint(catalogue, "", reason, context, chosen=job.best.code)


def steer_in_context(catalogue: Catalogue, text: str, context: Context) -> Reply | None:
    """For a message NLU could not place ("are there jobs like mine I could do from home?",
    "ok but I'm not doing 4 years of college"): once the conversation has a job, a wish or
    strain the message names is a constraint on the next one, unless it names a job itself."""
    reason = reason_in(text)
    if reason is None or text.startswith("/"):
        return None
    if reason == "people" and context.current_code and wants_more_people(text) and NEXT_JOB.search(text):
        # "no, I want to help people": a wish for the next job ("I love helping people"
        # alone says what they like, which the intent reads).
        return steer_reply(catalogue, context.current_code, "helping")
    if reason in ("people", "tasks") and not AWAY.search(text):
        return None  # "I love helping people" is a wish for more of it, not less
    if not context.current_code:
        return job_with_a_wish(catalogue, text, reason, context)
    found = matcher_for(catalogue).resolve(text)
    if found.kind == "role" and found.source == "title":
        return None
    return steer_reply(catalogue, context.current_code, reason)
