"""Load and validate the committed catalogue (data/catalogue/*.yml).

A counselor may hand-edit these files, so every check names the file, the entry and
what is wrong, instead of failing later with a KeyError deep in the matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "data" / "catalogue"
CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
TIERS = ("Primary-Short", "Primary-Long", "Supplemental")
RIASEC_LETTERS = {
    "R": "Realistic",
    "I": "Investigative",
    "A": "Artistic",
    "S": "Social",
    "E": "Enterprising",
    "C": "Conventional",
}


class CatalogueError(ValueError):
    """The catalogue files are missing or an entry is malformed."""


@dataclass(frozen=True)
class AlternateTitle:
    title: str
    sources: tuple[str, ...]  # O*NET source codes that reported this title


@dataclass(frozen=True)
class Occupation:
    code: str
    title: str
    alternate_titles: tuple[AlternateTitle, ...]
    clusters: dict[str, tuple[str, ...]]
    classic_clusters: tuple[tuple[str, str], ...]
    job_zone: int | None
    education: str | None
    education_source: str | None
    experience: str | None
    training: str | None
    median_wage: int | None
    median_wage_top_coded: bool
    growth_percent: float | None
    openings_thousands: float | None
    employment_thousands: float | None
    bright_outlook: tuple[str, ...]
    riasec: dict[str, float]
    programs: tuple[tuple[str, str], ...]
    skills: dict[str, tuple[float, float]]
    knowledge: dict[str, tuple[float, float]]
    related: tuple[tuple[str, str], ...]
    description: str = ""
    stress_tolerance: float | None = None  # O*NET Work Styles importance, 1-5

    @property
    def cluster_names(self) -> list[str]:
        return list(self.clusters)


@dataclass(frozen=True)
class SubCluster:
    name: str
    occupations: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class Cluster:
    name: str
    description: str
    riasec: dict[str, float]
    leading_interests: tuple[str, ...]
    classic_aliases: tuple[str, ...]
    classic_pathways: tuple[str, ...]
    nicknames: tuple[str, ...]
    sub_clusters: tuple[SubCluster, ...]

    @property
    def occupation_codes(self) -> list[str]:
        seen: dict[str, None] = {}
        for sub in self.sub_clusters:
            seen.update(dict.fromkeys(sub.occupations))
        return list(seen)


@dataclass(frozen=True)
class Vocabulary:
    skills: tuple[str, ...]
    knowledge: tuple[str, ...]
    riasec_keywords: dict[str, tuple[str, ...]]
    job_zones: dict[int, dict[str, str]]
    abbreviations: dict[str, str]
    interest_words: dict[str, tuple[str, ...]]
    activity_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    preferred_abbreviations: tuple[str, ...] = ()
    # BLS "Total, all occupations": the yardstick for one occupation's pay and growth.
    all_occupations: dict[str, float] = field(default_factory=dict)


@dataclass
class Catalogue:
    occupations: dict[str, Occupation]
    clusters: dict[str, Cluster]
    vocabulary: Vocabulary
    framework: str = ""
    # Job names of other Englishes (regional_titles.yml, curated with sources): title -> code.
    regional_titles: dict[str, str] = field(default_factory=dict)
    _by_title: dict[str, str] = field(default_factory=dict, repr=False)

    def get(self, code: str) -> Occupation | None:
        return self.occupations.get(code)

    def find(self, code_or_title: str) -> Occupation | None:
        """An occupation by exact code, 6-digit SOC or exact (case-insensitive) title."""
        text = code_or_title.strip()
        if text in self.occupations:
            return self.occupations[text]
        if re.fullmatch(r"\d{2}-\d{4}", text) and f"{text}.00" in self.occupations:
            return self.occupations[f"{text}.00"]
        if not self._by_title:
            self._by_title = {o.title.lower(): o.code for o in self.occupations.values()}
        code = self._by_title.get(text.lower())
        return self.occupations[code] if code else None

    def cluster(self, name: str) -> Cluster | None:
        """A 2024 cluster by its name, a classic-16 name or pathway, or a nickname."""
        wanted = _fold(name)
        for cluster in self.clusters.values():
            names = (cluster.name, *cluster.classic_aliases, *cluster.nicknames)
            if wanted in {_fold(n) for n in names}:
                return cluster
        for cluster in self.clusters.values():
            if wanted in {_fold(n) for n in cluster.classic_pathways}:
                return cluster
        return None


def _fold(text: str) -> str:
    text = re.sub(r"\b(the|cluster|career|careers|pathway)\b", " ", text.lower().replace("&", " and "))
    return " ".join(re.findall(r"[a-z0-9]+", text)).replace(" and ", " ").strip()


class _Where:
    """Builds error messages that say where in which file a problem is."""

    def __init__(self, path: Path, entry: str):
        self.path, self.entry = path, entry

    def fail(self, problem: str) -> CatalogueError:
        return CatalogueError(f"{self.path}: {self.entry}: {problem}")


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise CatalogueError(f"{path}: file not found (build it with `make catalogue`)")
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise CatalogueError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise CatalogueError(f"{path}: expected a mapping at the top level")
    return data


def _optional_text(where: _Where, raw: dict, key: str) -> str | None:
    return None if raw.get(key) is None else _text(where, raw, key)


def _text(where: _Where, raw: dict, key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise where.fail(f"'{key}' must be non-empty text, got {value!r}")
    return value.strip()


def _number(where: _Where, raw: dict, key: str, low: float, high: float, kind: type = float) -> Any:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise where.fail(f"'{key}' must be a number from {low} to {high}, got {value!r}")
    return kind(value)


def _lines(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [line.strip() for line in str(value).splitlines() if line.strip()]


def _alternate_titles(where: _Where, value: Any) -> tuple[AlternateTitle, ...]:
    titles = []
    for line in _lines(value):
        title, _, sources = line.partition(" | ")
        codes = tuple(s for s in sources.split(",") if s)
        if not title.strip() or not all(c.isdigit() for c in codes):
            raise where.fail(f"'alternate_titles' line {line!r} must read 'Title | 02,04'")
        titles.append(AlternateTitle(title.strip(), codes))
    return tuple(titles)


def _ratings(where: _Where, value: Any, key: str, names: set[str]) -> dict[str, tuple[float, float]]:
    ratings = {}
    for line in _lines(value):
        name, _, numbers = line.rpartition(":")
        parts = numbers.split()
        try:
            importance, level = float(parts[0]), float(parts[1])
        except (IndexError, ValueError):
            raise where.fail(f"'{key}' line {line!r} must read 'Name: importance level'") from None
        if name not in names:
            raise where.fail(f"'{key}' names unknown element {name!r} (see vocabulary.yml)")
        if not (1 <= importance <= 5 and 0 <= level <= 7):
            raise where.fail(f"'{key}' {name!r}: importance must be 1-5 and level 0-7, got {importance} {level}")
        ratings[name] = (importance, level)
    return ratings


def _occupation(where: _Where, raw: Any, vocab: Vocabulary) -> Occupation:
    if not isinstance(raw, dict):
        raise where.fail("each occupation must be a mapping")
    code = _text(where, raw, "code")
    if not CODE.match(code):
        raise where.fail(f"'code' must look like 29-1141.00, got {code!r}")
    clusters: dict[str, list[str]] = {}
    for item in _lines(raw.get("clusters")):
        cluster, sep, sub = item.partition(" / ")
        if not sep:
            raise where.fail(f"'clusters' item {item!r} must read 'Cluster / Sub-cluster'")
        clusters.setdefault(cluster, []).append(sub)
    if not clusters:
        raise where.fail("'clusters' must list at least one cluster")
    classic = []
    for item in _lines(raw.get("classic_clusters")):
        cluster, sep, pathway = item.partition(" / ")
        if not sep:
            raise where.fail(f"'classic_clusters' item {item!r} must read 'Cluster / Pathway'")
        classic.append((cluster, pathway))
    riasec = {}
    for part in str(raw.get("riasec") or "").split():
        letter, _, number = part.partition("=")
        if letter not in RIASEC_LETTERS.values():
            raise where.fail(f"'riasec' has unknown interest {letter!r}")
        try:
            riasec[letter] = float(number)
        except ValueError:
            raise where.fail(f"'riasec' value for {letter} must be a number, got {number!r}") from None
    related = []
    for item in _lines(raw.get("related")):
        other, _, tier = item.partition(" ")
        if not CODE.match(other) or tier not in TIERS:
            raise where.fail(f"'related' item {item!r} must read 'CODE Tier' with a tier from {TIERS}")
        related.append((other, tier))
    programs = []
    for item in _lines(raw.get("programs")):
        cip, _, title = item.partition(" ")
        if not re.fullmatch(r"\d{2}\.\d{4}", cip) or not title:
            raise where.fail(f"'programs' item {item!r} must read 'CIP-code Title'")
        programs.append((cip, title))
    return Occupation(
        code=code,
        title=_text(where, raw, "title"),
        alternate_titles=_alternate_titles(where, raw.get("alternate_titles")),
        clusters={k: tuple(v) for k, v in clusters.items()},
        classic_clusters=tuple(classic),
        job_zone=_number(where, raw, "job_zone", 1, 5, int),
        education=_optional_text(where, raw, "education"),
        education_source=_optional_text(where, raw, "education_source"),
        experience=_optional_text(where, raw, "experience"),
        training=_optional_text(where, raw, "training"),
        median_wage=_number(where, raw, "median_wage", 0, 10_000_000, int),
        median_wage_top_coded=bool(raw.get("median_wage_top_coded")),
        growth_percent=_number(where, raw, "growth_percent", -100, 1000),
        openings_thousands=_number(where, raw, "openings_thousands", 0, 100_000),
        employment_thousands=_number(where, raw, "employment_thousands", 0, 1_000_000),
        bright_outlook=tuple(_lines(raw.get("bright_outlook"))),
        riasec=riasec,
        programs=tuple(programs),
        skills=_ratings(where, raw.get("skills"), "skills", set(vocab.skills)),
        knowledge=_ratings(where, raw.get("knowledge"), "knowledge", set(vocab.knowledge)),
        related=tuple(related),
        description=_optional_text(where, raw, "description") or "",
        stress_tolerance=_number(where, raw, "stress_tolerance", 1, 5),
    )


def _vocabulary(path: Path) -> Vocabulary:
    raw = _read(path)
    where = _Where(path, "vocabulary")
    for key in ("skills", "knowledge", "abbreviations", "interest_words", "job_zones"):
        if key not in raw:
            raise where.fail(f"missing '{key}'")
    return Vocabulary(
        skills=tuple(raw["skills"]),
        knowledge=tuple(raw["knowledge"]),
        riasec_keywords={k: tuple(v) for k, v in (raw.get("riasec_keywords") or {}).items()},
        job_zones={int(k): v for k, v in raw["job_zones"].items()},
        abbreviations={str(k).lower(): str(v) for k, v in raw["abbreviations"].items()},
        interest_words={str(k): tuple(v) for k, v in raw["interest_words"].items()},
        activity_words={str(k): tuple(v) for k, v in (raw.get("activity_words") or {}).items()},
        preferred_abbreviations=tuple(str(k).lower() for k in raw.get("preferred_abbreviations") or ()),
        all_occupations={str(k): float(v) for k, v in (raw.get("all_occupations") or {}).items()},
    )


def _clusters(path: Path, codes: set[str]) -> tuple[str, dict[str, Cluster]]:
    raw = _read(path)
    clusters = {}
    for index, item in enumerate(raw.get("clusters") or []):
        where = _Where(path, f"cluster #{index + 1} ({item.get('name', '?') if isinstance(item, dict) else '?'})")
        if not isinstance(item, dict):
            raise where.fail("each cluster must be a mapping")
        subs = []
        for sub in item.get("sub_clusters") or []:
            unknown = [c for c in sub.get("occupations", []) if c not in codes]
            if unknown:
                raise where.fail(f"sub-cluster {sub.get('name')!r} lists unknown occupation codes {unknown[:3]}")
            if not str(sub.get("description") or "").strip():
                raise where.fail(f"sub-cluster {sub.get('name')!r} needs a description")
            subs.append(
                SubCluster(
                    name=str(sub["name"]),
                    occupations=tuple(sub.get("occupations", [])),
                    description=str(sub["description"]).strip(),
                )
            )
        if not subs:
            raise where.fail("must have at least one sub-cluster")
        cluster = Cluster(
            name=_text(where, item, "name"),
            description=_text(where, item, "description"),
            riasec=dict(item.get("riasec") or {}),
            leading_interests=tuple(item.get("leading_interests") or []),
            classic_aliases=tuple(item.get("classic_aliases") or []),
            classic_pathways=tuple(item.get("classic_pathways") or []),
            nicknames=tuple(item.get("nicknames") or []),
            sub_clusters=tuple(subs),
        )
        clusters[cluster.name] = cluster
    if not clusters:
        raise CatalogueError(f"{path}: no clusters listed")
    return str(raw.get("framework", "")), clusters


def load_catalogue(directory: Path | str | None = None) -> Catalogue:
    """Read and validate the catalogue; raise CatalogueError naming file, entry and problem."""
    directory = Path(directory) if directory else DEFAULT_DIR
    vocab = _vocabulary(directory / "vocabulary.yml")
    path = directory / "occupations.yml"
    raw = _read(path)
    occupations: dict[str, Occupation] = {}
    for index, item in enumerate(raw.get("occupations") or []):
        label = item.get("code", "?") if isinstance(item, dict) else "?"
        occupation = _occupation(_Where(path, f"occupation #{index + 1} ({label})"), item, vocab)
        if occupation.code in occupations:
            raise CatalogueError(f"{path}: occupation #{index + 1}: duplicate code {occupation.code}")
        occupations[occupation.code] = occupation
    if not occupations:
        raise CatalogueError(f"{path}: no occupations listed")
    framework, clusters = _clusters(directory / "clusters.yml", set(occupations))
    for occupation in occupations.values():
        where = _Where(path, f"occupation {occupation.code}")
        for name in occupation.clusters:
            if name not in clusters:
                raise where.fail(f"cluster {name!r} is not defined in clusters.yml")
        for other, _ in occupation.related:
            if other not in occupations:
                raise where.fail(f"related occupation {other} does not exist")
    regional = _regional_titles(directory / "regional_titles.yml", set(occupations))
    return Catalogue(
        occupations=occupations, clusters=clusters, vocabulary=vocab, framework=framework, regional_titles=regional
    )


def _regional_titles(path: Path, codes: set[str]) -> dict[str, str]:
    """title -> occupation code, each entry with the source it rests on; the file is
    optional (a test's own catalogue may have none)."""
    if not path.exists():
        return {}
    found = {}
    for index, item in enumerate(_read(path).get("regional_titles") or []):
        where = f"{path}: entry #{index + 1}"
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("title", "code", "source")):
            raise CatalogueError(f"{where}: needs a title, a code and a source")
        if item["code"] not in codes:
            raise CatalogueError(f"{where}: unknown occupation code {item['code']!r}")
        if not item["source"].strip():
            raise CatalogueError(f"{where}: the source is empty")
        found[item["title"]] = item["code"]
    return found


def _lines_per_code(
    directory: Path | str | None, name: str, what: str, codes: set[str] | None
) -> dict[str, tuple[str, ...]]:
    """A `name`.yml file mapping occupation codes to one text per line (`what` names them in errors)."""
    path = (Path(directory) if directory else DEFAULT_DIR) / f"{name}.yml"
    raw = _read(path).get(name)
    if not isinstance(raw, dict):
        raise CatalogueError(f"{path}: expected '{name}' mapping occupation codes to {what}")
    per_code = {}
    for code, lines in raw.items():
        if not CODE.match(str(code)) or (codes is not None and code not in codes):
            raise CatalogueError(f"{path}: {name} for unknown occupation code {code!r}")
        per_code[code] = tuple(_lines(lines))
    return per_code


def load_tasks(directory: Path | str | None = None, codes: set[str] | None = None) -> dict[str, tuple[str, ...]]:
    """O*NET task statements per occupation (tasks.yml), read only when activities are matched."""
    return _lines_per_code(directory, "tasks", "task lines", codes)


def load_technology(directory: Path | str | None = None, codes: set[str] | None = None) -> dict[str, tuple[str, ...]]:
    """O*NET Technology Skills examples per occupation (technology.yml)."""
    return _lines_per_code(directory, "technology", "software names", codes)


def shared_catalogue(directory: str | None = None) -> Catalogue:
    """One catalogue per process: the action server and the CLI load it once.
    shared_catalogue() and shared_catalogue(None) are the same one (lru_cache alone
    would key them apart and load, and index, the catalogue twice)."""
    return _loaded_once(str(directory) if directory else None)


@lru_cache(maxsize=4)
def _loaded_once(directory: str | None) -> Catalogue:
    return load_catalogue(directory)
