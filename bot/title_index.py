"""Index every title, alternate title and interest phrase in the catalogue, and look them up.

Built once per catalogue (`bot.matching.matcher_for`). It answers questions about words
and titles (which runs of words are a title, which titles share words with a message,
which clusters an interest phrase names); deciding what the person meant is
`bot.matching`'s job, and fixing their spelling is `bot.speller`'s.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable

from bot import text as T
from bot.catalogue import Catalogue

# A title as the index keys it: its lemmas, in order ("registered", "nurse").
Key = tuple[str, ...]

MAX_SPAN = 8  # the longest title looked for in a message, in words

# How strongly a title names its occupation.
PRIMARY_WEIGHT = 3.0
PART_WEIGHT = 1.5  # "Accountants" from "Accountants and Auditors"
# "Kindergarten Teachers" from "Kindergarten Teachers, Except Special Education": a little
# below a full title, so an occupation whose whole title it is still comes first.
HEAD_SHARE = 0.9
ALTERNATE_WEIGHT = 1.0
# Titles reported by several independent O*NET sources are the usual names.
SOURCE_BONUS = 0.5

# Spelling (bot/speller.py): shorter words are too often other real words to correct, and
# long words may be two letters out, which needs an index of their own.
SHORTEST_TYPO = 4
LONG_WORD = 7

INTEREST_SPAN = 4  # the longest interest phrase looked for, in words
# An interest word's first cluster is the one it names; the others are near it.
SECONDARY_CLUSTER = 0.7

# Each title of an occupation that shares the matched title's modifiers counts a tenth,
# up to ten: a whole family of "regulatory" titles outweighs one stray alternate title.
FAMILY_STEP = 0.1
FAMILY_CAP = 10
# Fewer titles built from the same words than this are coincidence, not a family.
RIVAL_MIN_TITLES = 3

# Partial overlap (fuzzy).
SUPPORT_F1 = 0.5  # only titles that share at least half their words count as support
# Heavier (more often reported) titles break ties between equal overlaps; at most 3%
# (0.97 + 0.01 x 3), so weight decides only between about equal overlaps.
TIE_BASE = 0.97
TIE_STEP = 0.01
TIE_CAP = 3.0
# Several titles of one occupation overlapping the message are more convincing than one.
SUPPORT_STEP = 0.01
SUPPORT_CAP = 5
# A partial match is never as sure as an exact title (bot.matching scores those up to 0.95).
PARTIAL_CEILING = 0.85


def _variants(title: str) -> Iterable[str]:
    """'Registered Nurse (RN)' -> 'Registered Nurse (RN)', 'Registered Nurse', 'RN'."""
    yield title
    found = re.fullmatch(r"(.+?)\s*\(([^)]+)\)\s*", title)
    if found:
        yield found.group(1)
        yield found.group(2)


class TitleIndex:
    """Every title and interest phrase in the catalogue, as lemmas, with word statistics."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        # title -> {occupation code: how strongly the title names it}
        self.names: dict[Key, dict[str, float]] = defaultdict(dict)
        self._build_names()
        self._build_fuzzy()
        self._build_interests()

    # --- building --------------------------------------------------------------

    def _add(self, text: str, code: str, weight: float) -> None:
        tokens = T.lemmas(text)
        if len(tokens) == 1 and text.lower().endswith("er") and not tokens[0].endswith("er"):
            # A one-word title in -er that the lemma table reads as a comparative ("Rounder"
            # -> "round", "Tamer", "Gamer"): the key would be a common word, and "doing the
            # meds rounds" asked whether "round" meant a printing press or shoe machine operator.
            return
        if tokens and not all(t in T.STOP for t in tokens):
            entry = self.names[tokens]
            entry[code] = max(entry.get(code, 0.0), weight)

    def _build_names(self) -> None:
        # Occupations whose own title holds each word: "police" is in five titles.
        in_titles: dict[str, set[str]] = defaultdict(set)
        for occ in self.catalogue.occupations.values():
            for word in T.lemmas(occ.title):
                in_titles[word].add(occ.code)
        for occ in self.catalogue.occupations.values():
            self._add(occ.title, occ.code, PRIMARY_WEIGHT)
            # "Kindergarten Teachers, Except Special Education" is what people call
            # kindergarten teachers; the qualifier after the comma is O*NET's scope note.
            head = re.split(r",\s+(?:Except|Including|General)\b", occ.title)[0]
            if head != occ.title:
                self._add(head, occ.code, PRIMARY_WEIGHT * HEAD_SHARE)
            # "Accountants and Auditors" names two roles; "Medical and Health Services
            # Managers" or "Therapists, All Other" do not, so split only plain plural pairs.
            parts = occ.title.split(" and ")
            if "," not in occ.title and len(parts) > 1 and all(p.strip().endswith("s") for p in parts):
                for part in parts:
                    self._add(part, occ.code, PART_WEIGHT)
            for alt in occ.alternate_titles:
                words = T.lemmas(alt.title)
                if (
                    len(alt.sources) == 1
                    and len(words) == 1
                    and len(in_titles[words[0]] - {occ.code}) >= RIVAL_MIN_TITLES
                ):
                    # One source's one-word title ("Police", listed for secretaries) that
                    # several other occupations carry in their own titles names none of them.
                    continue
                weight = ALTERNATE_WEIGHT + SOURCE_BONUS * max(len(alt.sources) - 1, 0)
                for variant in _variants(alt.title):
                    self._add(variant, occ.code, weight)
        for title, code in self.catalogue.regional_titles.items():
            self._add(title, code, ALTERNATE_WEIGHT)

    def _build_fuzzy(self) -> None:
        self.name_list = list(self.names)
        # word -> positions in name_list of the titles that contain it
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, tokens in enumerate(self.name_list):
            for token in set(tokens):
                if token not in T.STOP:
                    self.postings[token].append(index)
        total = len(self.name_list)
        self.idf = {t: math.log(total / len(ids)) for t, ids in self.postings.items()}
        self.name_mass = [sum(self.idf.get(t, 0.0) for t in set(n) if t not in T.STOP) for n in self.name_list]
        self.vocab = set(self.postings)
        # Last words of titles ("nurse", "analyst"): a partial match needs one, and spelling
        # corrections prefer one.
        self.heads = {n[-1] for n in self.name_list if n[-1] not in T.STOP and len(n[-1]) > 2}
        # Per occupation: which of its titles contain each word (for family()).
        self.code_tokens: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for index, tokens in enumerate(self.name_list):
            for code in self.names[tokens]:
                for token in tokens:
                    self.code_tokens[code][token].add(index)
        # Adjacent word pairs in titles, so compounds split only where titles do.
        self.bigrams = {pair for name in self.name_list for pair in zip(name, name[1:], strict=False)}
        self.by_prefix: dict[str, list[str]] = defaultdict(list)
        for word in self.vocab:
            if len(word) >= LONG_WORD and word.isalpha():
                self.by_prefix[word[:3]].append(word)
        self.deletes: dict[str, set[str]] = defaultdict(set)
        for word in self.vocab:
            if len(word) >= SHORTEST_TYPO and word.isalpha():
                for variant in T.deletes(word):
                    self.deletes[variant].add(word)
        # Letters that are a title as typed stay that title, unless we curated the abbreviation.
        curated = set(self.catalogue.vocabulary.preferred_abbreviations)
        self.abbreviations = {
            k: T.lemmas(v)
            for k, v in self.catalogue.vocabulary.abbreviations.items()
            if (k,) not in self.names or k in curated
        }
        self.preferred = curated

    def _build_interests(self) -> None:
        self.interest_phrases: dict[Key, list[str]] = {}
        for phrase, clusters in self.catalogue.vocabulary.interest_words.items():
            self.interest_phrases[T.lemmas(phrase)] = list(clusters)
        by_interest: dict[str, list[str]] = defaultdict(list)
        for cluster in self.catalogue.clusters.values():
            if cluster.leading_interests:
                by_interest[cluster.leading_interests[0]].append(cluster.name)
        # The words we list come first; RIASEC keywords fill in for the clusters they lead.
        for interest, keywords in self.catalogue.vocabulary.riasec_keywords.items():
            for keyword in keywords:
                key = T.lemmas(keyword)
                if key and key not in self.interest_phrases and by_interest.get(interest):
                    self.interest_phrases[key] = sorted(by_interest[interest])

    # --- lookups ---------------------------------------------------------------

    def spans(self, tokens: list[str]) -> list[tuple[int, int]]:
        """Maximal (start, length) runs of tokens that are exactly a known title."""
        found: list[tuple[int, int]] = []
        for length in range(min(MAX_SPAN, len(tokens)), 0, -1):
            for start in range(len(tokens) - length + 1):
                key = tuple(tokens[start : start + length])
                if self.names.get(key) and not any(s <= start and start + length <= s + n for s, n in found):
                    found.append((start, length))
        return found

    def family(self, code: str, key: Key) -> int:
        """How many of the occupation's other titles share the matched title's modifiers.

        "Regulatory Analyst" is one alternate title each for three occupations, but only
        Regulatory Affairs Specialists have two dozen more "regulatory" titles."""
        modifiers = [t for t in key[:-1] if t not in T.STOP] or [key[-1]]
        holders = self.code_tokens[code]
        sets = [holders.get(t, set()) for t in modifiers]
        shared = set.intersection(*sets) if sets else set()
        return len(shared) - (1 if key in self.names and code in self.names[key] else 0)

    def family_rivals(self, key: Key, exclude: dict[str, float]) -> dict[str, float]:
        """Occupations without this exact title whose titles are mostly built from its words,
        each weighted as the size of its family."""
        modifiers = [t for t in key[:-1] if t not in T.STOP]
        if not modifiers:
            return {}
        rarest = min(modifiers, key=lambda t: len(self.postings.get(t, ())))
        counts: dict[str, int] = defaultdict(int)
        for index in self.postings.get(rarest, ()):
            if all(t in self.name_list[index] for t in modifiers):
                for code in self.names[self.name_list[index]]:
                    counts[code] += 1
        # One rival per detailed occupation: a family of specialisms is one alternative.
        rivals: dict[str, tuple[int, str]] = {}
        for code, n in counts.items():
            if code not in exclude and n >= RIVAL_MIN_TITLES and code[:7] not in {c[:7] for c in exclude}:
                rivals[code[:7]] = max(rivals.get(code[:7], (0, "")), (n, code))
        return {code: FAMILY_STEP * min(n, FAMILY_CAP) for n, code in rivals.values()}

    def fuzzy(self, tokens: list[str]) -> dict[str, float]:
        """Occupations whose titles share rare words with the tokens: a rarity-weighted F1
        per title, best title per occupation, up to PARTIAL_CEILING."""
        query = {t for t in tokens if t in self.idf and t not in T.STOP}
        if not query or not any(t in self.heads for t in query):
            return {}
        query_mass = sum(self.idf[t] for t in query)
        overlap: dict[int, float] = defaultdict(float)
        for token in query:
            for index in self.postings[token]:
                overlap[index] += self.idf[token]
        best: dict[str, float] = {}
        support: dict[str, int] = defaultdict(int)
        for index, mass in overlap.items():
            precision = mass / self.name_mass[index] if self.name_mass[index] else 0.0
            recall = mass / query_mass
            f1 = 2 * precision * recall / (precision + recall)
            for code, weight in self.names[self.name_list[index]].items():
                if f1 >= SUPPORT_F1:
                    support[code] += 1
                score = f1 * (TIE_BASE + TIE_STEP * min(weight, TIE_CAP))
                if score > best.get(code, 0.0):
                    best[code] = score
        return {c: min(s + SUPPORT_STEP * min(support[c], SUPPORT_CAP), 1.0) * PARTIAL_CEILING for c, s in best.items()}

    def interests(self, tokens: list[str]) -> dict[str, float]:
        """Clusters named by the interest phrases in the tokens; longer phrases count more."""
        scores: dict[str, float] = defaultdict(float)
        for length in range(min(INTEREST_SPAN, len(tokens)), 0, -1):
            for start in range(len(tokens) - length + 1):
                clusters = self.interest_phrases.get(tuple(tokens[start : start + length]))
                for rank, cluster in enumerate(clusters or []):
                    scores[cluster] += length * (1.0 if rank == 0 else SECONDARY_CLUSTER)
        return scores

    def long_interest(self, tokens: list[str]) -> bool:
        """Whether the tokens hold an interest phrase of two words or more."""
        return any(
            tuple(tokens[i : i + n]) in self.interest_phrases
            for n in range(2, INTEREST_SPAN + 1)
            for i in range(len(tokens) - n + 1)
        )
