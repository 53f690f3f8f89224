"""Transition advice for a move from one occupation to another, composed from catalogue facts.

Every number in the text comes from the catalogue; no O*NET description text is reused.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from bot.catalogue import Catalogue, Occupation
from bot.messages import lower_first
from bot.related import education_rank, similarity

IMPORTANT = 3.0  # O*NET importance (1-5) from which a skill matters in a job
GAP = 0.75  # level points (0-7) by which the target must exceed the current job to count as a gap
SHOWN = 5


@dataclass(frozen=True)
class Rating:
    name: str
    kind: str  # "skill" or "knowledge"
    level_from: float
    level_to: float
    importance_to: float


@dataclass
class Advice:
    from_code: str
    from_title: str
    to_code: str
    to_title: str
    similarity: float
    carry_over: list[Rating]
    gaps: list[Rating]
    job_zone_from: int | None
    job_zone_to: int | None
    education_from: str | None
    education_to: str | None
    experience_to: str | None
    training_to: str | None
    wage_from: int | None
    wage_to: int | None
    growth_to: float | None
    bright_outlook_to: list[str]
    programs: list[tuple[str, str]]
    summary: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def wage_change(self) -> int | None:
        return self.wage_to - self.wage_from if self.wage_to and self.wage_from else None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["wage_change"] = self.wage_change
        return data


def _ratings(a: Occupation, b: Occupation) -> list[Rating]:
    rows = []
    for kind, ra, rb in (("skill", a.skills, b.skills), ("knowledge", a.knowledge, b.knowledge)):
        for name, (importance, level) in rb.items():
            if importance >= IMPORTANT and name in ra:
                rows.append(Rating(name, kind, ra[name][1], level, importance))
    return rows


def money(value: int | None, top_coded: bool = False) -> str:
    if value is None:
        return "not published"
    return f"{'at least ' if top_coded else ''}${value:,}"


def _education_sentence(a: Occupation, b: Occupation) -> str:
    ra, rb = education_rank(a), education_rank(b)
    if not b.education:
        return ""
    entry = lower_first(b.education)
    if ra is not None and rb is not None and rb > ra:
        return f"It usually asks for more schooling: {entry} (you may have {(a.education or '').lower()})."
    if ra is not None and rb is not None and rb < ra:
        return f"It usually needs less formal schooling than your current field: {entry}."
    return f"The usual entry education is the same level: {entry}."


def compose_summary(advice: Advice, a: Occupation, b: Occupation) -> str:
    """A short plain-language paragraph built only from the facts in `advice`."""
    parts = []
    if advice.carry_over:
        names = ", ".join(r.name.lower() for r in advice.carry_over[:3])
        parts.append(f"From {a.title.lower()} you bring {names}.")
    if advice.gaps:
        names = ", ".join(r.name.lower() for r in advice.gaps[:3])
        parts.append(f"To work as {b.title.lower()}, build up {names}.")
    education = _education_sentence(a, b)
    if education:
        parts.append(education)
    if advice.wage_from and advice.wage_to:
        change = advice.wage_to - advice.wage_from
        direction = "more" if change > 0 else "less"
        parts.append(
            f"The median pay is {money(advice.wage_to, b.median_wage_top_coded)} a year, "
            f"{money(abs(change))} {direction} than {money(advice.wage_from, a.median_wage_top_coded)}."
            if change
            else f"The median pay is about the same, {money(advice.wage_to)} a year."
        )
    elif advice.wage_to:
        parts.append(f"The median pay is {money(advice.wage_to, b.median_wage_top_coded)} a year.")
    if advice.growth_to is not None:
        trend = "grow" if advice.growth_to > 0 else "shrink" if advice.growth_to < 0 else "stay flat"
        outlook = f"Jobs are projected to {trend} {abs(advice.growth_to):g}% from 2024 to 2034"
        bright = bright_outlook(advice.bright_outlook_to)
        parts.append(outlook + (f" ({bright})." if bright else "."))
    return " ".join(parts)


def bright_outlook(categories: list[str] | tuple[str, ...]) -> str:
    """O*NET's Bright Outlook label with its reason: a job can shrink and still have
    "Numerous Job Openings", and without the reason the two read as a contradiction."""
    if not categories:
        return ""
    return "a Bright Outlook occupation: " + " and ".join(c.lower() for c in categories)


def transition_advice(catalogue: Catalogue, from_code: str, to_code: str) -> Advice:
    """What carries over, what to learn, schooling, pay and outlook for a move A -> B."""
    a, b = catalogue.get(from_code), catalogue.get(to_code)
    if a is None or b is None:
        missing = from_code if a is None else to_code
        raise KeyError(f"no occupation with code {missing!r}")
    rows = _ratings(a, b)
    carry = sorted(
        (r for r in rows if r.level_from >= r.level_to - 0.5 and catalogue_importance(a, r) >= IMPORTANT),
        key=lambda r: (-r.importance_to, -r.level_to, r.name),
    )
    gaps = sorted(
        (r for r in rows if r.level_to - r.level_from >= GAP),
        key=lambda r: (-(r.level_to - r.level_from), -r.importance_to, r.name),
    )
    notes = []
    if not (a.skills and b.skills):
        notes.append("O*NET has no skill ratings for one of these occupations, so skills are not compared.")
    advice = Advice(
        from_code=a.code,
        from_title=a.title,
        to_code=b.code,
        to_title=b.title,
        similarity=round(similarity(a, b), 3),
        carry_over=carry[:SHOWN],
        gaps=gaps[:SHOWN],
        job_zone_from=a.job_zone,
        job_zone_to=b.job_zone,
        education_from=a.education,
        education_to=b.education,
        experience_to=b.experience,
        training_to=b.training,
        wage_from=a.median_wage,
        wage_to=b.median_wage,
        growth_to=b.growth_percent,
        bright_outlook_to=list(b.bright_outlook),
        programs=ranked_programs(b),
        notes=notes,
    )
    advice.summary = compose_summary(advice, a, b)
    return advice


def ranked_programs(occupation: Occupation) -> list[tuple[str, str]]:
    """Programmes of study, most typical first: the crosswalk lists every CIP that can
    lead to the job, so the families (first two CIP digits) named most often lead."""
    families: dict[str, int] = {}
    for cip, _ in occupation.programs:
        families[cip[:2]] = families.get(cip[:2], 0) + 1
    return sorted(occupation.programs, key=lambda p: (-families[p[0][:2]], p[0]))


def catalogue_importance(occupation: Occupation, rating: Rating) -> float:
    table = occupation.skills if rating.kind == "skill" else occupation.knowledge
    return table.get(rating.name, (0.0, 0.0))[0]
