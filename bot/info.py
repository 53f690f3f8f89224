"""Questions about an occupation, asked without a story around them: "what does an actuary
do", "how much do welders make", "is nursing a good career". Answered with the catalogue's
facts (O*NET tasks, BLS pay, education and projections), never an opinion."""

from __future__ import annotations

import re

from bot.advice import money, outlook_sentence
from bot.catalogue import Catalogue, Occupation
from bot.matching import matcher_for
from bot.replies import Message, Reply, check_input, clarify, payload

ASPECTS = {
    "pay": re.compile(r"\b(pay|pays|paid|make|makes|earn|earns|earning|salary|salaries|wage|wages|money)\b", re.I),
    "schooling": re.compile(
        r"\b(degree|school|schooling|qualifications?|qualified|study|studies|train|training|education|"
        r"certifi\w*|licen[cs]e\w*|apprentice\w*|college|university|need to become|requirements?)\b",
        re.I,
    ),
    "outlook": re.compile(r"\b(demand|outlook|future|growing|growth|openings|jobs out there|hiring|shortage)\b", re.I),
    # "what does an actuary do", "what's a quantity surveyor": not every "do" ("how much do
    # welders make" asks about pay).
    "work": re.compile(
        r"\b(duties|tasks|day to day|day-to-day|involve\w*)\b|\bdo(?:es)?\s*[?.!]*\s*$|^\s*what(?:'s| is) an?\b", re.I
    ),
}
# "Is X a good career" asks for a judgement; the facts that bear on it are all of these.
VERDICT = re.compile(r"\b(good|bad|worth|decent|smart|right)\b.*\b(career|job|choice|idea|path|option)\b", re.I)
TASKS_SHOWN = 3
WHICH_JOB = 'Which job would you like to know about? For example: "What does an actuary do?"'


def aspects_asked(text: str) -> list[str]:
    """The aspects a question asks about, in a fixed order; all of them when it names none."""
    if VERDICT.search(text):
        return ["work", "pay", "schooling", "outlook"]
    asked = [name for name, pattern in ASPECTS.items() if pattern.search(text)]
    return [a for a in ("work", "pay", "schooling", "outlook") if a in asked] or ["work", "pay", "schooling", "outlook"]


def facts(occupation: Occupation, aspects: list[str], tasks: tuple[str, ...]) -> list[str]:
    lines = []
    if "work" in aspects and tasks:
        lines.append("What they do:\n" + "\n".join(f"- {t}" for t in tasks[:TASKS_SHOWN]))
    if "pay" in aspects:
        lines.append(
            f"Pay: the median is {money(occupation.median_wage, occupation.median_wage_top_coded)} a year (BLS)."
            if occupation.median_wage
            else "Pay: BLS publishes no median for this occupation."
        )
    if "schooling" in aspects:
        schooling = f"usually {occupation.education[0].lower() + occupation.education[1:]}" if occupation.education else "not published"
        extra = []
        if occupation.training and occupation.training != "None":
            extra.append(f"then {occupation.training.lower()}")
        if occupation.experience == "Less than 5 years":
            extra.append("plus some experience in a related job (under 5 years)")
        elif occupation.experience and occupation.experience != "None":
            extra.append(f"plus {occupation.experience.lower()} of experience in a related job")
        lines.append(f"Schooling: {schooling}" + (f", {', '.join(extra)}" if extra else "") + " (BLS).")
    if "outlook" in aspects:
        if occupation.growth_percent is not None:
            openings = (
                f" About {occupation.openings_thousands * 1000:,.0f} openings a year." if occupation.openings_thousands else ""
            )
            lines.append("Outlook: " + outlook_sentence(occupation.growth_percent, bool(occupation.bright_outlook)) + openings)
        else:
            lines.append("Outlook: BLS publishes no projection for this occupation.")
    return lines


GERUND = re.compile(r"\b([a-z]{3,})ing\b", re.I)


def _as_job(text: str) -> list[str]:
    """ "is welding a good career": the work named by its activity; try the worker's title
    (welding -> welder, coding -> coder, engineering -> engineer)."""
    found = GERUND.search(text)
    if not found:
        return []
    stem = found.group(1)
    return [text[: found.start()] + word + text[found.end() :] for word in (stem + "er", stem, stem + "e")]


def occupation_info(catalogue: Catalogue, text: str, context_code: str | None = None) -> Reply:
    """Facts about the occupation a question names (or, when it names none, the one the
    conversation is about), for the aspects it asks about."""
    problem = check_input(catalogue, text)
    if problem:
        return problem
    matcher = matcher_for(catalogue)
    found = matcher.resolve(text)
    for rewritten in _as_job(text) if found.kind not in ("role", "ambiguous") else []:
        candidate = matcher.resolve(rewritten)
        if candidate.kind in ("role", "ambiguous") and candidate.source == "title":
            found = candidate
            break
    if found.kind == "ambiguous":
        return clarify(found)
    code = found.best.code if found.kind == "role" and found.best else context_code
    if not code or code not in catalogue.occupations:
        return Reply(messages=[Message(WHICH_JOB)], missed=True)
    occupation = catalogue.occupations[code]
    aspects = aspects_asked(text)
    tasks = matcher.activities().leading_tasks.get(code, ())
    cluster = ", ".join(occupation.cluster_names) or "no cluster"
    heading = f"{occupation.title} ({cluster})."
    if VERDICT.search(text):
        heading += " Whether it's a good fit depends on what matters to you; here are the facts."
    body = "\n".join([heading, *facts(occupation, aspects, tasks)])
    buttons = [{"title": f"Roles related to {occupation.title}"[:75], "payload": payload("choose_occupation", occupation_code=code)}]
    return Reply(messages=[Message(body, buttons=buttons)], slots={"misses": 0.0})
