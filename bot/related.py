"""Rank related roles for an occupation, each with the reasons it was chosen."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.catalogue import Catalogue, Occupation

TIER_SCORE = {"Primary-Short": 0.4, "Primary-Long": 0.3, "Supplemental": 0.15}
TIER_WORDS = {
    "Primary-Short": "closely related in O*NET",
    "Primary-Long": "related in O*NET",
    "Supplemental": "loosely related in O*NET",
}

# BLS "typical education needed for entry", lowest first. O*NET's own categories
# (used for military occupations) are placed by their first words.
EDUCATION_ORDER = [
    "No formal educational credential",
    "High school diploma or equivalent",
    "Some college, no degree",
    "Postsecondary nondegree award",
    "Associate's degree",
    "Bachelor's degree",
    "Master's degree",
    "Doctoral or professional degree",
]
ONET_EDUCATION_RANK = {
    "Less than a High School": 0,
    "High School": 1,
    "Post-Secondary Certificate": 3,
    "Some College": 2,
    "Associate": 4,
    "Bachelor": 5,
    "Post-Baccalaureate": 6,
    "Master": 6,
    "Post-Master": 7,
    "First Professional": 7,
    "Doctoral": 7,
    "Post-Doctoral": 7,
}

FILTERS = ("same_cluster", "less_schooling", "higher_pay", "bright_outlook")


def education_rank(occupation: Occupation) -> int | None:
    text = occupation.education
    if not text:
        return None
    if text in EDUCATION_ORDER:
        return EDUCATION_ORDER.index(text)
    for prefix, rank in ONET_EDUCATION_RANK.items():
        if text.startswith(prefix):
            return rank
    return None


@dataclass
class RelatedRole:
    code: str
    title: str
    score: float
    reasons: list[str]
    tier: str | None
    similarity: float
    same_cluster: bool
    same_sub_cluster: bool
    job_zone_change: int | None
    wage_change: int | None
    bright_outlook: bool
    clusters: list[str] = field(default_factory=list)
    sub_clusters: list[tuple[str, str]] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """One line for a button caption or a list item."""
        return "; ".join(self.reasons[:3])


def _vector(occupation: Occupation) -> dict[str, float]:
    """Importance x level per skill and knowledge area, both scaled to 0..1."""
    vector = {}
    for prefix, ratings in (("s:", occupation.skills), ("k:", occupation.knowledge)):
        for name, (importance, level) in ratings.items():
            vector[prefix + name] = (importance - 1) / 4 * level / 7
    return vector


def _cosine(va: dict[str, float], vb: dict[str, float]) -> float:
    dot = sum(va[k] * vb.get(k, 0.0) for k in va)
    norm = math.sqrt(sum(x * x for x in va.values())) * math.sqrt(sum(x * x for x in vb.values()))
    return dot / norm if norm else 0.0


def similarity(a: Occupation, b: Occupation) -> float:
    """Cosine similarity of the skill and knowledge profiles.

    About 140 occupations (Software Developers among them) have no skill ratings in
    O*NET 29.3; for those the RIASEC interest profile stands in, centred so that two
    flat profiles do not look alike."""
    if a.skills and b.skills:
        return _cosine(_vector(a), _vector(b))
    if a.riasec and b.riasec:
        centred = [{k: v - sum(o.riasec.values()) / len(o.riasec) for k, v in o.riasec.items()} for o in (a, b)]
        # Interests say less about transferable skills than skill ratings do.
        return 0.8 * max(_cosine(*centred), 0.0)
    return 0.0


def _sub_clusters(occupation: Occupation) -> set[tuple[str, str]]:
    return {(c, s) for c, subs in occupation.clusters.items() for s in subs}


def _describe(source: Occupation, role: RelatedRole, target: Occupation) -> list[str]:
    reasons = []
    if role.same_sub_cluster:
        sub = sorted(_sub_clusters(source) & _sub_clusters(target))[0][1]
        reasons.append(f"same sub-cluster ({sub})")
    elif role.same_cluster:
        reasons.append(f"same cluster ({sorted(set(source.clusters) & set(target.clusters))[0]})")
    if role.similarity >= 0.9:
        reasons.append("very similar skills")
    elif role.similarity >= 0.8:
        reasons.append("similar skills")
    if role.tier:
        reasons.append(TIER_WORDS[role.tier])
    if role.wage_change is not None and target.median_wage:
        if role.wage_change > 0:
            reasons.append(f"pays more (${target.median_wage:,} median)")
        elif role.wage_change < 0:
            reasons.append(f"pays less (${target.median_wage:,} median)")
    if role.job_zone_change is not None and role.job_zone_change < 0:
        reasons.append("less preparation needed")
    elif role.job_zone_change is not None and role.job_zone_change > 0:
        reasons.append("more preparation needed")
    if role.bright_outlook:
        reasons.append("bright outlook")
    return reasons


def _evaluate(catalogue: Catalogue, source: Occupation, target: Occupation, tier: str | None) -> RelatedRole:
    sim = similarity(source, target)
    same_sub = bool(_sub_clusters(source) & _sub_clusters(target))
    same_cluster = bool(set(source.clusters) & set(target.clusters))
    zone_change = (
        target.job_zone - source.job_zone if target.job_zone is not None and source.job_zone is not None else None
    )
    wage_change = target.median_wage - source.median_wage if target.median_wage and source.median_wage else None
    score = TIER_SCORE.get(tier or "", 0.0) + 0.5 * sim + (0.1 if same_sub else 0.05 if same_cluster else 0.0)
    score += 0.05 if target.bright_outlook else 0.0
    if wage_change is not None and source.median_wage:
        # People rarely move to earn much less; a step up in pay is a point in favour.
        score += 0.1 * max(-0.5, min(0.5, wage_change / source.median_wage))
    role = RelatedRole(
        code=target.code,
        title=target.title,
        score=round(score, 3),
        reasons=[],
        tier=tier,
        similarity=round(sim, 3),
        same_cluster=same_cluster,
        same_sub_cluster=same_sub,
        job_zone_change=zone_change,
        wage_change=wage_change,
        bright_outlook=bool(target.bright_outlook),
        clusters=target.cluster_names,
        sub_clusters=sorted(_sub_clusters(target)),
    )
    role.reasons = _describe(source, role, target)
    return role


def _passes(source: Occupation, target: Occupation, role: RelatedRole, filters: set[str]) -> bool:
    if "same_cluster" in filters and not role.same_cluster:
        return False
    if "less_schooling" in filters:
        a, b = education_rank(source), education_rank(target)
        fewer_years = role.job_zone_change is not None and role.job_zone_change < 0
        if not ((a is not None and b is not None and b < a) or (a == b and fewer_years)):
            return False
    if "higher_pay" in filters and not (role.wage_change and role.wage_change > 0):
        return False
    if "bright_outlook" in filters and not role.bright_outlook:
        return False
    return True


def _with_data(catalogue: Catalogue, source: Occupation) -> Occupation:
    """O*NET rates no skills and lists no related roles for residual occupations such as
    "Physicians, All Other"; a specialism in the same SOC group stands in for them."""
    if source.related or source.skills:
        return source
    for other in sorted(catalogue.occupations.values(), key=lambda o: o.code):
        if other.code[:7] == source.code[:7] and other.related and other.skills:
            return other
    return source


def related_roles(
    catalogue: Catalogue,
    code: str,
    filters: set[str] | frozenset[str] = frozenset(),
    limit: int = 5,
    exclude: set[str] | frozenset[str] = frozenset(),
) -> list[RelatedRole]:
    """Related roles for `code`, best first: O*NET's related occupations plus cluster peers.

    Cluster peers matter because O*NET's list is short: from Registered Nurses it does
    not name Medical and Health Services Managers, the usual "hospital administrator" move.
    """
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise ValueError(f"unknown filter(s) {sorted(unknown)}; choose from {list(FILTERS)}")
    source = catalogue.get(code)
    if source is None:
        raise KeyError(f"no occupation with code {code!r}")
    source = _with_data(catalogue, source)
    tiers = {other: tier for other, tier in source.related}
    # O*NET's lists are not symmetric: Registered Nurses appear in Medical and Health
    # Services Managers' list but not the other way round. Count the reverse link one
    # tier lower.
    for other in catalogue.occupations.values():
        for back, tier in other.related:
            if back == code and other.code not in tiers:
                tiers[other.code] = "Supplemental" if tier != "Supplemental" else tier
    candidates = set(tiers)
    for cluster_name in source.clusters:
        candidates.update(catalogue.clusters[cluster_name].occupation_codes)
    # Specialisms of the same detailed occupation (29-1141.01 for 29-1141.00) are the
    # same job with a narrower focus, not a move; leave them out.
    candidates = {c for c in candidates if c[:7] != code[:7] and c not in exclude}
    roles = []
    for candidate in candidates:
        target = catalogue.occupations[candidate]
        role = _evaluate(catalogue, source, target, tiers.get(candidate))
        # Sharing only a broad cluster is not a reason to suggest a move.
        if role.tier is None and role.similarity < 0.6:
            continue
        if _passes(source, target, role, set(filters)):
            roles.append(role)
    return _diverse(roles, source, limit)


def _diverse(roles: list[RelatedRole], source: Occupation, limit: int) -> list[RelatedRole]:
    """Best first, but each further role from an already-used sub-cluster counts for less,
    so five suggestions are not five versions of the same clinical job."""
    remaining = sorted(roles, key=lambda r: (-r.score, r.code))[: max(limit * 6, 30)]
    picked: list[RelatedRole] = []
    used: dict[tuple[str, str], int] = defaultdict(int)
    subs_of = {r.code: r.sub_clusters for r in remaining}
    while remaining and len(picked) < limit:

        def adjusted(role: RelatedRole) -> float:
            return role.score - 0.15 * max((used[s] for s in subs_of[role.code]), default=0)

        best = max(remaining, key=lambda r: (adjusted(r), -int(r.code[:2]), r.code))
        picked.append(best)
        remaining.remove(best)
        for sub in subs_of[best.code]:
            used[sub] += 1
    return picked


def spread_over_clusters(occupations: Iterable[Occupation], limit: int, per_cluster: int = 2) -> list[Occupation]:
    """The first `limit` occupations in the order given, at most `per_cluster` from each
    (first-named) cluster, so a short list shows different directions."""
    picked: list[Occupation] = []
    counts: Counter[str] = Counter()
    for occupation in occupations:
        cluster = occupation.cluster_names[0] if occupation.cluster_names else ""
        if counts[cluster] < per_cluster:
            picked.append(occupation)
            counts[cluster] += 1
        if len(picked) == limit:
            break
    return picked


def comparable(catalogue: Catalogue) -> list[Occupation]:
    """The occupations a move to can be compared with: main occupations (a specialism,
    ".01", shares its parent's pay and outlook) with skills rated and a median pay."""
    return [o for o in catalogue.occupations.values() if o.code.endswith(".00") and o.skills and o.median_wage]


def contrasting_roles(catalogue: Catalogue, code: str, limit: int = 5) -> list[RelatedRole]:
    """For a role the person disliked: roles in other clusters that need different skills.

    Among occupations sharing no cluster with it, prefer the least similar skill profile,
    then a bright outlook and more openings, so the suggestions are real jobs."""
    source = catalogue.get(code)
    if source is None:
        raise KeyError(f"no occupation with code {code!r}")
    roles = []
    for target in comparable(catalogue):
        if set(target.clusters) & set(source.clusters):
            continue
        role = _evaluate(catalogue, source, target, None)
        openings = min((target.openings_thousands or 0.0) / 100.0, 1.0)
        role.score = round((1 - role.similarity) + 0.1 * role.bright_outlook + 0.2 * openings, 3)
        role.reasons = [f"different cluster ({target.cluster_names[0]})", "different skills"] + [
            r for r in role.reasons if r.startswith(("pays", "bright"))
        ]
        roles.append(role)
    roles.sort(key=lambda r: (-r.score, r.code))
    # One role per cluster first, so the suggestions really differ from each other.
    picked, seen = [], set()
    for role in roles:
        if role.clusters[0] not in seen:
            picked.append(role)
            seen.add(role.clusters[0])
        if len(picked) == limit:
            break
    return picked


def roles_outside(catalogue: Catalogue, code: str, left: set[str], limit: int = 5) -> list[RelatedRole]:
    """For someone leaving a field ("get out of healthcare altogether"): roles in none of
    the clusters they leave where their skills carry over, best first. Unlike
    contrasting_roles, similar skills are the point: the field is what they leave, not
    what they know."""
    source = catalogue.get(code)
    if source is None:
        raise KeyError(f"no occupation with code {code!r}")
    source = _with_data(catalogue, source)
    tiers = dict(source.related)
    roles = []
    for target in comparable(catalogue):
        if target.code[:7] == code[:7] or set(target.clusters) & left:
            continue
        role = _evaluate(catalogue, source, target, tiers.get(target.code))
        if role.tier is None and role.similarity < 0.8:
            continue
        before, after = education_rank(source), education_rank(target)
        if before is not None and after is not None and after > before + 1:
            continue  # a new field is enough of a step without years of new schooling
        role.reasons = [f"{target.cluster_names[0]} cluster"] + role.reasons if target.cluster_names else role.reasons
        roles.append(role)
    return _diverse(roles, source, limit)


def cluster_examples(catalogue: Catalogue, cluster_name: str, limit: int = 5) -> list[Occupation]:
    """Example roles for a cluster: one per sub-cluster, the most common jobs first."""
    cluster = catalogue.cluster(cluster_name)
    if cluster is None:
        raise KeyError(f"no cluster named {cluster_name!r}")
    picked: list[Occupation] = []
    for sub in cluster.sub_clusters:
        members = [catalogue.occupations[c] for c in sub.occupations if c.endswith(".00")]
        members.sort(key=lambda o: (-(o.employment_thousands or 0.0), o.code))
        for occ in members:
            if occ not in picked:
                picked.append(occ)
                break
    picked.sort(key=lambda o: (-(o.employment_thousands or 0.0), o.code))
    return picked[:limit]
