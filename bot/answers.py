"""Answers to questions about one occupation, or about the list the person was shown.

"What does an actuary do", "how much does it pay", "is welding a good career", "which of
those don't need a degree": the facts come from the catalogue (O*NET description, tasks,
job zone, Work Styles; BLS pay, education, projections), never an opinion.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from bot.advice import bright_outlook, money
from bot.catalogue import Catalogue, Occupation
from bot.matching import matcher_for
from bot.messages import Message, Reply, lower_first, payload
from bot.questions import Question, rank
from bot.replies import where_in

TOP_TASKS = 3
# Question words around an occupation's name, dropped before the name is looked up.
QUESTION_WORDS = re.compile(
    r"\b(what|whats|what's|how|much|many|does|do|did|is|are|an?|the|in|it|of|for|to|need|needs|i|me|you|"
    r"tell|more|about|make|makes|earn|earns|pay|pays|paid|get|become|good|career|job|jobs|salary|"
    r"schooling|education|degree|training|school|outlook|demand|future|cluster|which|typical|"
    r"day|work|like|actually|really|someone|person|who|as|average|median|there|worth|should|"
    r"study|studies|take|takes|long|stressful|stress|qualifications|requirements|"
    # lead-ins of a follow-up: "ok and what about pipefitters", "hmm, so welders then?"
    r"and|ok|okay|so|hmm+|um+|well|then|also|oh|btw|instead|please|pls)\b",
    re.I,
)


def _stress_levels(catalogue: Catalogue) -> list[float]:
    return sorted(o.stress_tolerance for o in catalogue.occupations.values() if o.stress_tolerance is not None)


def named_occupation(catalogue: Catalogue, text: str) -> str | None:
    """The occupation a question names outright ("what does an actuary do"), if one
    title stands out; the question's own words are taken off first."""
    # "is plumbing a good career in 2025": a year or a figure is never part of a title.
    rest = re.sub(r"\s+", " ", QUESTION_WORDS.sub(" ", re.sub(r"\d+", " ", text))).strip(" ?!.,")
    if not rest:
        return None
    resolution = matcher_for(catalogue).resolve(rest)
    if resolution.kind == "role" and resolution.source in ("title", "partial"):
        return resolution.best.code
    # "is welding a good career", "what cluster is nursing in": a word or two for the work
    # itself; its most likely occupation answers the question better than no answer.
    if len(rest.split()) > 2:
        return None
    if resolution.kind in ("role", "ambiguous"):
        return resolution.best.code
    # "graphic design", "dental hygiene": the field, read as an interest; its own occupation
    # is there by meaning when one stands clearly first.
    return matcher_for(catalogue).field_occupation(rest)


US_FIGURES = (
    "The pay figures are US dollars: yearly medians for the United States from the Bureau of "
    "Labor Statistics (2024), and the schooling and outlook are US figures too. Pay elsewhere "
    "differs, so for local figures look at your country's official statistics or job adverts. "
    "What carries over and what to learn between jobs holds in most places."
)


def pay(o: Occupation, catalogue: Catalogue) -> str:
    if not o.median_wage:
        return f"BLS doesn't publish a median wage for {o.title.lower()}."
    text = f"Median pay: {money(o.median_wage, o.median_wage_top_coded)} a year (BLS, 2024"
    overall = catalogue.vocabulary.all_occupations.get("median_wage")
    return text + (f"; all occupations: {money(int(overall))})." if overall else ").")


def education(o: Occupation, catalogue: Catalogue) -> str:
    bits = []
    if o.education:
        bits.append(f"Typical entry education: {lower_first(o.education)}.")
    if o.training and o.training.lower() not in ("none", "n/a"):
        bits.append(f"On-the-job training: {lower_first(o.training)}.")
    if o.experience and o.experience.lower() not in ("none", "n/a"):
        bits.append(f"Work experience asked for: {lower_first(o.experience)}.")
    zone = catalogue.vocabulary.job_zones.get(o.job_zone) if o.job_zone else None
    if zone and zone.get("name"):
        # O*NET names a zone "Job Zone Four: Considerable Preparation Needed".
        preparation = zone["name"].split(": ", 1)[-1].lower()
        bits.append(f"O*NET job zone {o.job_zone} of 5: {preparation}.")
    if o.programs:
        bits.append("Programmes of study: " + "; ".join(t for _, t in o.programs[:3]) + ".")
    return " ".join(bits) or "The data I have doesn't say what schooling it takes."


def outlook(o: Occupation, catalogue: Catalogue) -> str:
    if o.growth_percent is None:
        return "BLS publishes no projection for it."
    trend = "grow" if o.growth_percent > 0 else "shrink" if o.growth_percent < 0 else "stay about flat"
    text = f"Outlook: employment is projected to {trend} {abs(o.growth_percent):g}% from 2024 to 2034"
    overall = catalogue.vocabulary.all_occupations.get("growth_percent")
    text += f" (BLS; all occupations: {overall:g}%)" if overall is not None else " (BLS)"
    if o.openings_thousands:
        text += f", with about {o.openings_thousands * 1000:,.0f} openings a year"
    text += "."
    if o.bright_outlook:
        text += f" O*NET lists it as {bright_outlook(o.bright_outlook)}."
    return text


def tasks(o: Occupation, catalogue: Catalogue) -> str:
    lines = [o.description] if o.description else []
    top = matcher_for(catalogue).activities().tasks.get(o.code, ())[:TOP_TASKS]
    if top:
        lines.append("Typical tasks:\n" + "\n".join(f"- {t}" for t in top))
    return "\n".join(lines) or "The data I have has no description of this job."


def stress(o: Occupation, catalogue: Catalogue) -> str:
    if o.stress_tolerance is None:
        return "O*NET has no stress rating for it."
    levels = _stress_levels(catalogue)
    share = round(100 * bisect_left(levels, o.stress_tolerance) / len(levels))
    return (
        f"Stress: O*NET rates stress tolerance {o.stress_tolerance:.1f} of 5 in importance for this job, "
        f"more than {share}% of occupations."
    )


def occupation_facts(catalogue: Catalogue, code: str, question: Question, current_code: str | None = None) -> Reply:
    """The facts a question asks for about one occupation, with the next steps as buttons."""
    o = catalogue.occupations[code]
    aspects = set(question.aspects) or {"tasks", "pay", "education", "outlook", "cluster"}
    if "verdict" in aspects:
        aspects = {"pay", "education", "outlook", "cluster"}
    parts = [f"{o.title}:"]
    if "tasks" in aspects:
        parts.append(tasks(o, catalogue))
    if "pay" in aspects:
        parts.append(pay(o, catalogue))
        own = catalogue.occupations.get(current_code or "")
        if own and own.code != code and own.median_wage and o.median_wage:
            change = o.median_wage - own.median_wage
            parts.append(
                f"That's {money(abs(change))} {'more' if change >= 0 else 'less'} than {own.title.lower()} "
                f"({money(own.median_wage)})."
            )
    if "education" in aspects:
        parts.append(education(o, catalogue))
    if "outlook" in aspects:
        parts.append(outlook(o, catalogue))
    if "stress" in aspects:
        parts.append(stress(o, catalogue))
    if "cluster" in aspects:
        parts.append(f"It's in {where_in(o)}.")
    if "verdict" in question.aspects:
        parts.append("Whether it's a good career for you depends on what you enjoy; those are the facts to weigh.")
    buttons = [{"title": "Similar roles", "payload": payload("choose_occupation", occupation_code=code)}]
    if current_code and current_code != code and current_code in catalogue.occupations:
        buttons.insert(0, {"title": "How do I get there?", "payload": payload("pick_role", target_code=code)})
    more = [("What they do", "tasks"), ("Pay", "pay"), ("Schooling", "education"), ("Outlook", "outlook")]
    buttons += [
        {"title": title, "payload": f"What about the {aspect} of {o.title}?"}
        for title, aspect in more
        if aspect not in aspects
    ][:2]
    # What was asked, so that "what about plumbers?" next asks it again about them.
    asked = list(question.aspects) if question.aspects else None
    return Reply(
        messages=[Message("\n".join(parts), buttons=buttons)],
        slots={"subject_code": code, "misses": 0.0, "asked_aspects": asked},
    )


RANKING_HEADINGS = {
    "stress": "least stressful first",
    "schooling": "quickest to train for first",
    "outlook": "best outlook first",
    "pay": "best paid first",
}


def ranked_list(catalogue: Catalogue, codes: list[str], ranking: str) -> Reply:
    """ "Which of those ..." answered by ordering the list just shown, with the figure."""
    ordered = rank(catalogue, codes, ranking)
    if not ordered:
        return Reply(
            messages=[Message("The data I have doesn't compare those roles on that. Ask me about one of them.")]
        )
    lines = []
    for code in ordered:
        o = catalogue.occupations[code]
        figure = {
            "stress": f"stress tolerance {o.stress_tolerance:.1f}/5" if o.stress_tolerance else "",
            "schooling": lower_first(o.education or f"job zone {o.job_zone}"),
            "outlook": f"{o.growth_percent:+g}% by 2034" if o.growth_percent is not None else "",
            "pay": f"median {money(o.median_wage, o.median_wage_top_coded)}",
        }[ranking]
        lines.append(f"- {o.title}: {figure}")
    heading = RANKING_HEADINGS[ranking]
    note = ""
    if ranking == "stress":
        note = "\n(O*NET's stress measure is how important stress tolerance is in the job.)"
    buttons = [
        {"title": catalogue.occupations[c].title, "payload": payload("pick_role", target_code=c)} for c in ordered
    ]
    return Reply(
        messages=[Message(f"Those roles, {heading}:\n" + "\n".join(lines) + note, buttons=buttons)],
        slots={"subject_code": ordered[0]},
    )


# The figure a question asks for, per aspect, when it is asked of a whole list.
LISTED_RANKING = {"education": "schooling", "pay": "pay", "outlook": "outlook", "stress": "stress"}


def listed_figures(catalogue: Catalogue, codes: list[str], question: Question) -> Reply:
    """A question about "them" after a list: the asked figure for each role listed."""
    aspect = next((a for a in question.aspects if a in LISTED_RANKING or a == "cluster"), None)
    if aspect in LISTED_RANKING:
        return ranked_list(catalogue, codes, LISTED_RANKING[aspect])
    known = [catalogue.occupations[c] for c in codes if c in catalogue.occupations]
    if aspect == "cluster" and known:
        lines = [f"- {o.title}: {', '.join(o.clusters)}" for o in known]
        return Reply(messages=[Message("Their career clusters:\n" + "\n".join(lines))])
    return Reply(
        messages=[Message("Which of those would you like to know about? Tap one, or ask about the first, second …")],
        missed=True,
    )
