"""Build the career cluster catalogue from the public source files.

Reads ../shared/data (O*NET 29.3 Excel, Advance CTE 2024 crosswalks, the O*NET OnLine
classic-16 export, BLS Employment Projections, the Bright Outlook list) and writes YAML
under data/catalogue/. The output is deterministic: everything is sorted and numbers
are rounded, so rebuilding from the same sources gives byte-identical files.

Only this module reads the raw sources; the rest of the project reads the catalogue.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from bot.catalogue import wording

ONET = "onet/db_29_3_excel"
CTE = "clusters/advance_cte_2024_framework"
CLASSIC = "clusters/onet_online_16_clusters/All_Career_Clusters.csv"
BLS = "bls/occupation.xlsx"
BRIGHT = "onet_online/All_Bright_Outlook_Occupations.csv"

# BLS Employment Projections publish some occupations only as aggregates; the
# crosswalk uses the same aggregate codes. Listed in shared/data/SOURCES.md §2a.
BLS_AGGREGATES: dict[str, list[str]] = {
    "13-1020": ["13-1021", "13-1022", "13-1023"],
    "13-2020": ["13-2022", "13-2023"],
    "21-1018": ["21-1011", "21-1014"],
    "25-2052": ["25-2055", "25-2056"],
    "25-9045": ["25-9042", "25-9043", "25-9049"],
    "29-2010": ["29-2011", "29-2012"],
    "31-1120": ["31-1121", "31-1122"],
    "39-7010": ["39-7011", "39-7012"],
    "47-4090": ["47-4091", "47-4099"],
    "51-2028": ["51-2022", "51-2023"],
    "51-2090": ["51-2092", "51-2099"],
    "53-1047": ["53-1042", "53-1043", "53-1044", "53-1049"],
}
SOC_TO_AGGREGATE = {soc: agg for agg, socs in BLS_AGGREGATES.items() for soc in socs}

RIASEC = ["Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional"]
TIER_ORDER = {"Primary-Short": 0, "Primary-Long": 1, "Supplemental": 2}


def read_xlsx(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the rows of a one-sheet O*NET workbook as dicts keyed by the header row."""
    import openpyxl  # only the build needs it

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [str(h) for h in next(rows)]
        for row in rows:
            yield dict(zip(header, row, strict=False))
    finally:
        book.close()


def read_sheet(path: Path, sheet: str, header_row: int = 0) -> list[tuple]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return list(book[sheet].iter_rows(values_only=True))[header_row:]
    finally:
        book.close()


def clean(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def onet(source: Path, name: str) -> Iterator[dict[str, Any]]:
    return read_xlsx(source / ONET / f"{name}.xlsx")


def soc6(code: str) -> str:
    return code[:7]


def r2(value: Any) -> float:
    return round(float(value), 2)


# --- sources -------------------------------------------------------------------


def load_occupations(source: Path) -> dict[str, dict[str, Any]]:
    occupations = {}
    for row in onet(source, "Occupation Data"):
        code = row["O*NET-SOC Code"]
        occupations[code] = {"code": code, "title": clean(row["Title"]), "description": clean(row["Description"])}
    return occupations


def load_titles(source: Path, occupations: dict) -> tuple[dict[str, list[list]], dict[str, str]]:
    """Alternate titles per occupation with the O*NET sources that reported each one,
    and abbreviations mined from 'Title (ABBR)' pairs."""
    titles: dict[str, dict[str, str]] = defaultdict(dict)
    sources: dict[tuple[str, str], set] = defaultdict(set)
    abbreviations: dict[str, Counter] = defaultdict(Counter)
    for row in onet(source, "Alternate Titles"):
        code = row["O*NET-SOC Code"]
        reported_by = {s.strip() for s in str(row["Source(s)"] or "").split(",") if s.strip()}
        for text in (row["Alternate Title"], row["Short Title"]):
            text = clean(text)
            if not text or text.lower() == "n/a":
                continue
            titles[code].setdefault(text.lower(), text)
            sources[(code, text.lower())] |= reported_by
            # "Registered Nurse (RN)" teaches us that RN means registered nurse.
            found = re.fullmatch(r"(.+?) \(([A-Za-z]{2,6})\)", text)
            if found and found.group(2).isupper():
                abbreviations[found.group(2).lower()][found.group(1).lower()] += 1
    result = {}
    for code, occ in occupations.items():
        own = occ["title"].lower()
        result[code] = sorted([t, sorted(sources[(code, k)])] for k, t in titles[code].items() if k != own)
    mined = {abbr: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for abbr, c in abbreviations.items()}
    return result, mined


def load_reported_titles(source: Path) -> list[list[str]]:
    rows = [
        [row["O*NET-SOC Code"], clean(row["Reported Job Title"])] for row in onet(source, "Sample of Reported Titles")
    ]
    return sorted(rows)


def load_tasks(source: Path) -> dict[str, list[str]]:
    """O*NET task statements per occupation, core tasks first (used to match activities)."""
    rows: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for row in onet(source, "Task Statements"):
        core = 0 if row["Task Type"] == "Core" else 1
        rows[row["O*NET-SOC Code"]].append((core, int(row["Task ID"]), clean(row["Task"])))
    return {code: [task for _, _, task in sorted(tasks)] for code, tasks in sorted(rows.items())}


def load_technology(source: Path) -> dict[str, list[str]]:
    """O*NET Technology Skills: the software named for each occupation ("Intuit QuickBooks")."""
    rows: dict[str, set[str]] = defaultdict(set)
    for row in onet(source, "Technology Skills"):
        rows[row["O*NET-SOC Code"]].add(clean(row["Example"]))
    return {code: sorted(examples) for code, examples in sorted(rows.items())}


def load_job_zones(source: Path) -> dict[str, int]:
    return {row["O*NET-SOC Code"]: int(row["Job Zone"]) for row in onet(source, "Job Zones")}


def load_job_zone_reference(source: Path) -> dict[int, dict[str, str]]:
    ref = {}
    for row in onet(source, "Job Zone Reference"):
        ref[int(row["Job Zone"])] = {"name": clean(row["Name"]), "education": clean(row["Education"])}
    return ref


def load_onet_education(source: Path) -> dict[str, str]:
    """Most common required education level per occupation (O*NET RL scale).

    Used only where BLS has no typical education (military occupations)."""
    names = {}
    for row in onet(source, "Education, Training, and Experience Categories"):
        if row["Scale ID"] == "RL":
            names[int(row["Category"])] = clean(row["Category Description"])
    best: dict[str, tuple[float, int]] = {}
    for row in onet(source, "Education, Training, and Experience"):
        if row["Scale ID"] != "RL":
            continue
        code, category, value = row["O*NET-SOC Code"], int(row["Category"]), float(row["Data Value"])
        if code not in best or (value, -category) > (best[code][0], -best[code][1]):
            best[code] = (value, category)
    return {code: names[cat] for code, (_, cat) in best.items()}


def load_ratings(source: Path, name: str) -> tuple[list[str], dict[str, dict[str, list[float]]]]:
    """Importance (IM, 1-5) and level (LV, 0-7) for each element, per occupation."""
    elements: dict[str, str] = {}
    ratings: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for row in onet(source, name):
        element = clean(row["Element Name"])
        elements[row["Element ID"]] = element
        pair = ratings[row["O*NET-SOC Code"]].setdefault(element, [0.0, 0.0])
        if row["Scale ID"] == "IM":
            pair[0] = r2(row["Data Value"])
        elif row["Scale ID"] == "LV":
            # O*NET marks a level as not relevant when importance is too low to rate it.
            pair[1] = 0.0 if row.get("Not Relevant") == "Y" else r2(row["Data Value"])
    ordered = [elements[k] for k in sorted(elements)]
    return ordered, ratings


def load_stress_tolerance(source: Path) -> dict[str, float]:
    """O*NET Work Styles "Stress Tolerance" importance (1-5): how much the job asks a person
    to accept criticism and deal calmly with high-stress situations. The only stress measure
    in the database, used to answer "which of those is the least stressful"."""
    return {
        row["O*NET-SOC Code"]: r2(row["Data Value"])
        for row in onet(source, "Work Styles")
        if clean(row["Element Name"]) == "Stress Tolerance" and row["Scale ID"] == "IM"
    }


def load_interests(source: Path) -> dict[str, dict[str, float]]:
    profile: dict[str, dict[str, float]] = defaultdict(dict)
    for row in onet(source, "Interests"):
        if row["Scale ID"] == "OI" and row["Element Name"] in RIASEC:
            profile[row["O*NET-SOC Code"]][row["Element Name"]] = r2(row["Data Value"])
    return profile


def load_related(source: Path) -> dict[str, list[list]]:
    related: dict[str, list[tuple]] = defaultdict(list)
    for row in onet(source, "Related Occupations"):
        related[row["O*NET-SOC Code"]].append(
            (int(row["Index"]), row["Related O*NET-SOC Code"], clean(row["Relatedness Tier"]))
        )
    return {code: [[c, tier] for _, c, tier in sorted(rows)] for code, rows in related.items()}


def load_riasec_keywords(source: Path) -> dict[str, list[str]]:
    words: dict[str, set] = defaultdict(set)
    for row in onet(source, "RIASEC Keywords"):
        words[clean(row["Element Name"])].add(clean(row["Keyword"]).lower())
    return {k: sorted(v) for k, v in sorted(words.items())}


def load_modern_clusters(source: Path) -> dict[str, list[tuple[str, str]]]:
    """6-digit SOC -> [(cluster, sub-cluster)] from the 2024 framework crosswalk."""
    rows = read_sheet(source / CTE / "SOC_Career_Clusters_Crosswalk.xlsx", "SOC - CC - Sub-Clusters", 1)
    # The workbook spells one sub-cluster in two cases ("Water Systems"/"water systems").
    canonical: dict[str, str] = {}
    for _, _, _cluster, sub in rows:
        if sub:
            canonical.setdefault(clean(sub).lower(), clean(sub)) if clean(sub)[0].isupper() else None
    mapping: dict[str, set] = defaultdict(set)
    for soc, _, cluster, sub in rows:
        if not soc:
            continue
        sub = canonical.get(clean(sub).lower(), clean(sub))
        for code in BLS_AGGREGATES.get(soc, [soc]):
            mapping[code].add((clean(cluster), sub))
    return {k: sorted(v) for k, v in mapping.items()}


NO_PROGRAMME = "99.9999"


def load_programs(source: Path) -> dict[str, list[list[str]]]:
    """6-digit SOC -> CIP 2020 programmes of study (Advance CTE Full Framework Crosswalk)."""
    rows = read_sheet(source / CTE / "Full_Framework_Crosswalk.xlsx", "SOC - CIP - CC", 1)
    programs: dict[str, dict[str, str]] = defaultdict(dict)
    for _, _, soc, _, cip, cip_title, *_ in rows:
        # 99.9999 "NO MATCH" is the crosswalk saying no programme leads to the job.
        if not soc or not cip or str(cip) == NO_PROGRAMME:
            continue
        for code in BLS_AGGREGATES.get(soc, [soc]):
            programs[code][str(cip)] = clean(cip_title).rstrip(".")
    return {soc: [[c, t] for c, t in sorted(p.items())] for soc, p in programs.items()}


def load_classic_clusters(source: Path) -> dict[str, list[tuple[str, str]]]:
    result: dict[str, set] = defaultdict(set)
    with open(source / CLASSIC, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            clusters = row["Career Cluster"].split("; ")
            pathways = row["Career Pathway"].split("; ")
            for cluster, pathway in zip(clusters, pathways, strict=False):
                result[row["Code"]].add((clean(cluster), clean(pathway)))
    return {k: sorted(v) for k, v in result.items()}


def load_bls(source: Path) -> dict[str, dict[str, Any]]:
    rows = read_sheet(source / BLS, "Table 1.2", 2)
    result = {}
    for row in rows:
        if row[1] == "00-0000":
            result["all occupations"] = {"growth_percent": row[8], "median_wage": row[11]}
        if not row[1] or row[2] != "Line item":
            continue

        def known(value: Any) -> Any:
            return None if value in (None, "—", "-", "") else value

        result[row[1]] = {
            "employment_thousands": known(row[3]),
            "growth_percent": known(row[8]),
            "openings_thousands": known(row[10]),
            "median_wage": known(row[11]),
            "education": known(row[12]),
            "experience": known(row[13]),
            "training": known(row[14]),
        }
    return result


def load_bright_outlook(source: Path) -> dict[str, list[str]]:
    with open(source / BRIGHT, newline="", encoding="utf-8") as handle:
        return {row["Code"]: sorted(row["Categories"].split("; ")) for row in csv.DictReader(handle)}


def parse_wage(value: Any) -> tuple[int | None, bool]:
    """BLS prints wages above its survey ceiling as '>=$239,200'; keep the number and say so."""
    if value is None:
        return None, False
    if isinstance(value, (int, float)):
        return int(value), False
    return int(re.sub(r"[^0-9]", "", str(value))), str(value).startswith(">")


# --- assembling -----------------------------------------------------------------


def majority_map(votes: list[str]) -> str:
    counts = Counter(votes)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def build_clusters(occupations: list[dict], riasec_keywords: dict) -> dict[str, Any]:
    """Clusters with sub-clusters, classic-16 aliases mapped by where their occupations went."""
    subs: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    classic_votes: dict[str, list[str]] = defaultdict(list)
    pathway_votes: dict[tuple[str, str], list[str]] = defaultdict(list)
    riasec_sum: dict[str, Counter] = defaultdict(Counter)
    for occ in occupations:
        modern = [c for c in occ["clusters"]]
        for cluster, sub_list in occ["clusters"].items():
            for sub in sub_list:
                subs[cluster][sub].append(occ["code"])
            for letter, value in occ.get("riasec", {}).items():
                riasec_sum[cluster][letter] += value
        for classic, pathway in occ.get("classic_clusters", []):
            classic_votes[classic].extend(modern)
            pathway_votes[(classic, pathway)].extend(modern)

    clusters = []
    for name in sorted(subs):
        n = sum(1 for o in occupations if name in o["clusters"])
        profile = {k: round(v / n, 2) for k, v in sorted(riasec_sum[name].items())}
        top = sorted(profile.items(), key=lambda kv: -kv[1])[:2]
        sub_entries = []
        for sub in sorted(subs[name]):
            codes = sorted(subs[name][sub])
            sub_entries.append(
                {"name": sub, "description": wording.SUB_CLUSTER_DESCRIPTIONS[sub], "occupations": codes}
            )
        aliases = sorted({c for c, votes in classic_votes.items() if majority_map(votes) == name})
        pathways = sorted({p for (c, p), votes in pathway_votes.items() if majority_map(votes) == name})
        nicknames = sorted(k for k, v in wording.CLUSTER_NICKNAMES.items() if v == name)
        clusters.append(
            {
                "name": name,
                "description": wording.CLUSTER_DESCRIPTIONS[name],
                "riasec": profile,
                "leading_interests": [k for k, _ in top],
                "classic_aliases": aliases,
                "classic_pathways": pathways,
                "nicknames": nicknames,
                "sub_clusters": sub_entries,
            }
        )
    return {
        "framework": "National Career Clusters Framework (2024): 14 clusters, 72 sub-clusters",
        "clusters": clusters,
    }


def build(source: Path) -> dict[str, Any]:
    """Read every source and return the catalogue documents, keyed by file name."""
    occupations = load_occupations(source)
    alt_titles, mined_abbr = load_titles(source, occupations)
    job_zones = load_job_zones(source)
    zone_ref = load_job_zone_reference(source)
    onet_education = load_onet_education(source)
    skill_names, skills = load_ratings(source, "Skills")
    knowledge_names, knowledge = load_ratings(source, "Knowledge")
    interests = load_interests(source)
    related = load_related(source)
    modern = load_modern_clusters(source)
    programs = load_programs(source)
    classic = load_classic_clusters(source)
    bls = load_bls(source)
    bright = load_bright_outlook(source)
    riasec_keywords = load_riasec_keywords(source)
    stress = load_stress_tolerance(source)

    out: list[dict[str, Any]] = []
    for code in sorted(occupations):
        soc = soc6(code)
        stats = bls.get(soc) or bls.get(SOC_TO_AGGREGATE.get(soc, ""), {})
        wage, top_coded = parse_wage(stats.get("median_wage"))
        cluster_map: dict[str, list[str]] = defaultdict(list)
        for cluster, sub in modern.get(soc, []):
            cluster_map[cluster].append(sub)
        entry: dict[str, Any] = {
            "code": code,
            "title": occupations[code]["title"],
            "description": occupations[code]["description"],
            "alternate_titles": alt_titles[code],
            "clusters": {k: sorted(v) for k, v in sorted(cluster_map.items())},
            "classic_clusters": [list(p) for p in classic.get(code, [])],
            "job_zone": job_zones.get(code),
            "education": stats.get("education") or onet_education.get(code),
            "education_source": "BLS" if stats.get("education") else ("O*NET" if code in onet_education else None),
            "experience": stats.get("experience"),
            "training": stats.get("training"),
            "median_wage": wage,
            "median_wage_top_coded": top_coded,
            "growth_percent": stats.get("growth_percent"),
            "openings_thousands": stats.get("openings_thousands"),
            "employment_thousands": stats.get("employment_thousands"),
            "bright_outlook": bright.get(code, []),
            "riasec": interests.get(code, {}),
            "programs": programs.get(soc, []),
            "skills": skills.get(code, {}),
            "knowledge": knowledge.get(code, {}),
            "related": related.get(code, []),
            "stress_tolerance": stress.get(code),
        }
        if not entry["clusters"]:
            raise ValueError(f"{code} {entry['title']}: no 2024 cluster in the crosswalk")
        out.append(entry)

    abbreviations = dict(sorted(mined_abbr.items()))
    abbreviations.update(wording.ABBREVIATIONS)
    interest_words = {k: list(v) for k, v in sorted(wording.INTEREST_WORDS.items())}
    meta = {
        "skills": skill_names,
        "knowledge": knowledge_names,
        "riasec": RIASEC,
        "riasec_keywords": riasec_keywords,
        "job_zones": {k: zone_ref[k] for k in sorted(zone_ref)},
        "abbreviations": dict(sorted(abbreviations.items())),
        "preferred_abbreviations": sorted(wording.ABBREVIATIONS),
        "interest_words": interest_words,
        "activity_words": {k: list(v) for k, v in sorted(wording.ACTIVITY_WORDS.items())},
        "all_occupations": bls["all occupations"],
    }
    return {
        "occupations.yml": {"occupations": out},
        "clusters.yml": build_clusters(out, riasec_keywords),
        "vocabulary.yml": meta,
        "reported_titles.yml": {"reported_titles": load_reported_titles(source)},
        "tasks.yml": {"tasks": {code: "".join(f"{t}\n" for t in tasks) for code, tasks in load_tasks(source).items()}},
        "technology.yml": {
            "technology": {code: "".join(f"{t}\n" for t in tools) for code, tools in load_technology(source).items()}
        },
    }


HEADER = (
    "# Generated by `python -m bot.catalogue build` from the public sources listed in\n"
    "# data/catalogue/SOURCES.md. Edits are checked by the loader; rebuild to refresh.\n"
)


def serialise_occupation(entry: dict[str, Any]) -> dict[str, Any]:
    """Write the bulky fields as one text block or line each.

    PyYAML builds every node in Python, so a nested list per skill would make loading
    the catalogue take seconds; a block of "name: importance level" lines reads just
    as well by eye and loads in a fraction of the time (see bot/catalogue/loader.py).
    """
    out = dict(entry)
    # "Title | 02,04": the O*NET source codes that reported the title (see SOURCES.md).
    out["alternate_titles"] = "".join(f"{t} | {','.join(s)}\n" for t, s in entry["alternate_titles"])
    out["clusters"] = [f"{c} / {s}" for c, subs in entry["clusters"].items() for s in subs]
    out["classic_clusters"] = [f"{c} / {p}" for c, p in entry["classic_clusters"]]
    out["riasec"] = " ".join(f"{k}={v:.2f}" for k, v in entry["riasec"].items())
    out["programs"] = [f"{c} {t}" for c, t in entry["programs"]]
    for field in ("skills", "knowledge"):
        out[field] = "".join(f"{k}: {i:.2f} {lv:.2f}\n" for k, (i, lv) in entry[field].items())
    out["related"] = [f"{c} {tier}" for c, tier in entry["related"]]
    return out


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(document: dict[str, Any]) -> str:
    text = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=4096,
        default_flow_style=None,
    )
    return HEADER + text


def write(documents: dict[str, Any], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in documents.items():
        if name == "occupations.yml":
            document = {"occupations": [serialise_occupation(o) for o in document["occupations"]]}
        path = out / name
        path.write_text(dump(document), encoding="utf-8")
        written.append(path)
    return written
