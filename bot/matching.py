"""Resolve what a person typed to occupations (or, for interests, to clusters).

Three passes, most certain first:
1. an exact title or alternate title inside the message ("...a dental hygienist for...");
2. a partial, rarity-weighted overlap with titles ("cybersecurity consultant");
3. interest words and O*NET RIASEC keywords ("I love working with numbers").
When several occupations fit about equally, the result is `ambiguous` so the
assistant asks instead of guessing.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from bot import text as T
from bot.catalogue import Catalogue
from bot.sentence import job_part

MAX_CHARS = 1000  # longer messages are not a job title; the assistant asks for a shorter one
MAX_SPAN = 8
AMBIGUOUS_RATIO = 0.75  # a runner-up this close to the best match means "ask"
WEAK_SCORE = 0.45  # partial matches below this are offered as a question, not an answer
NONE_SCORE = 0.3
ACTIVITY_SURE = 0.5  # share of the query's words an activity match must cover to answer outright

# Combining spelling with meaning (bot/semantic.py). A message's semantic score per
# occupation is its closest title's cosine plus half its closest task's (about 0.5 for
# anything, 1.0 and more for a close fit); the lexical score (0 to 1) is added with this
# weight. Tuned on bench/devset.tsv and bench/fresh.yaml, checked on bench/heldout.yaml.
LEXICAL_WEIGHT = 0.6
# A one-word title found in a sentence ("round", "base", "host") is weak evidence: many
# everyday words are somebody's alternate title.
ONE_WORD_TITLE = 0.5
# With no title or description found, meaning alone may suggest occupations (as a
# question) only when this close; small talk and gibberish stay below it.
MEANING_FLOOR = 0.95
# Interests through occupations: the clusters of the closest INTEREST_NEIGHBOURS
# occupations vote, and count INTEREST_MEANING times as much as the interest words we list.
INTEREST_NEIGHBOURS = 15
INTEREST_MEANING = 0.7
# Software named in the message (bot/tools.py) adds up to this much to the occupations
# that use it, the rarest tools most.
TOOL_WEIGHT = 0.2
# When a place, employer or time follows the job (bot/sentence.py), the job part decides
# and the whole sentence keeps this share, so "teacher in special ed" still counts "special".
WHOLE_SENTENCE = 0.3

PRIMARY_WEIGHT = 3.0
PART_WEIGHT = 1.5  # "Accountants" from "Accountants and Auditors"

INTEREST_CUES = {
    ("like",),
    ("love",),
    ("enjoy",),
    ("into",),
    ("interested",),
    ("interest",),
    ("passion",),
    ("passionate",),
    ("good", "at"),
    ("good", "with"),
    ("fascinate",),
    ("curious",),
    ("fan",),
    ("keen",),
    ("care", "about"),
    ("favorite",),
    ("favourite",),
    ("dream",),
    ("obsessed",),
    ("obsess",),
    ("hobby",),
    ("for", "fun"),
    ("spare", "time"),
    ("my", "thing"),
    ("my", "jam"),
}


QUESTION_WORDS = frozenset({"what", "who", "where", "when", "why", "how", "which", "can", "could", "do", "does", "is"})


@dataclass(frozen=True)
class Match:
    code: str
    title: str
    score: float
    clusters: list[str]


@dataclass
class Resolution:
    query: str
    kind: str  # "role" | "ambiguous" | "interest" | "none"
    matches: list[Match] = field(default_factory=list)
    clusters: list[str] = field(default_factory=list)
    span: str = ""  # the words that matched, for the assistant's wording and for review
    source: str = ""  # which pass found it: "title", "partial", "activity" or "interest"

    def to_dict(self) -> dict:
        """The public JSON contract of `python -m bot resolve --json`."""
        return {
            "query": self.query,
            "kind": self.kind,
            "matches": [asdict(m) for m in self.matches],
            "clusters": list(self.clusters),
        }

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None


@dataclass(frozen=True)
class Tag:
    """A stretch of a message that names a role or an interest, with character offsets."""

    kind: str  # "role" | "interest"
    start: int
    end: int
    text: str
    codes: tuple[str, ...] = ()  # roles: candidate occupations, best first
    clusters: tuple[str, ...] = ()  # interests: matching clusters
    confidence: float = 0.0
    ambiguous: bool = False


@dataclass
class _Tokenised:
    raw: list[str]  # words as typed
    tokens: list[str]  # lemmas with typos fixed and compounds split
    offsets: list[tuple[int, int]]  # characters of the typed word each token came from
    expanded: list[str]  # tokens with abbreviations spelled out
    origin: list[int]  # the token each expanded token came from
    prefers_expansion: bool


def _variants(title: str) -> Iterable[str]:
    """'Registered Nurse (RN)' -> 'Registered Nurse (RN)', 'Registered Nurse', 'RN'."""
    yield title
    found = re.fullmatch(r"(.+?)\s*\(([^)]+)\)\s*", title)
    if found:
        yield found.group(1)
        yield found.group(2)


class Matcher:
    """An index over every title and alternate title in the catalogue."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.names: dict[tuple[str, ...], dict[str, float]] = defaultdict(dict)
        self._build_names()
        self._build_fuzzy()
        self._build_interests()
        self._activities = None
        self._semantic = None
        self._tools = None

    # --- index ---------------------------------------------------------------

    def _add(self, text: str, code: str, weight: float) -> None:
        tokens = T.lemmas(text)
        if tokens and not all(t in T.STOP for t in tokens):
            entry = self.names[tokens]
            entry[code] = max(entry.get(code, 0.0), weight)

    def _build_names(self) -> None:
        for occ in self.catalogue.occupations.values():
            self._add(occ.title, occ.code, PRIMARY_WEIGHT)
            # "Kindergarten Teachers, Except Special Education" is what people call
            # kindergarten teachers; the qualifier after the comma is O*NET's scope note.
            head = re.split(r",\s+(?:Except|Including|General)\b", occ.title)[0]
            if head != occ.title:
                self._add(head, occ.code, PRIMARY_WEIGHT * 0.9)
            # "Accountants and Auditors" names two roles; "Medical and Health Services
            # Managers" or "Therapists, All Other" do not, so split only plain plural pairs.
            parts = occ.title.split(" and ")
            if "," not in occ.title and len(parts) > 1 and all(p.strip().endswith("s") for p in parts):
                for part in parts:
                    self._add(part, occ.code, PART_WEIGHT)
            for alt in occ.alternate_titles:
                # Titles reported by several independent O*NET sources are the usual names.
                weight = 1.0 + 0.5 * max(len(alt.sources) - 1, 0)
                for variant in _variants(alt.title):
                    self._add(variant, occ.code, weight)

    def _build_fuzzy(self) -> None:
        self.name_list = list(self.names)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, tokens in enumerate(self.name_list):
            for token in set(tokens):
                if token not in T.STOP:
                    self.postings[token].append(index)
        total = len(self.name_list)
        self.idf = {t: math.log(total / len(ids)) for t, ids in self.postings.items()}
        self.name_mass = [sum(self.idf.get(t, 0.0) for t in set(n) if t not in T.STOP) for n in self.name_list]
        self.vocab = set(self.postings)
        self.heads = {n[-1] for n in self.name_list if n[-1] not in T.STOP and len(n[-1]) > 2}
        # Per occupation: which of its titles contain each word (for _family).
        self.code_tokens: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for index, tokens in enumerate(self.name_list):
            for code in self.names[tokens]:
                for token in tokens:
                    self.code_tokens[code][token].add(index)
        # Adjacent word pairs in titles, so compounds split only where titles do.
        self.bigrams = {pair for name in self.name_list for pair in zip(name, name[1:], strict=False)}
        self.by_prefix: dict[str, list[str]] = defaultdict(list)
        for word in self.vocab:
            if len(word) >= 7 and word.isalpha():
                self.by_prefix[word[:3]].append(word)
        self.deletes: dict[str, set[str]] = defaultdict(set)
        for word in self.vocab:
            if len(word) >= 4 and word.isalpha():
                for variant in T.deletes(word):
                    self.deletes[variant].add(word)
        curated = set(self.catalogue.vocabulary.preferred_abbreviations)
        self.abbreviations = {
            k: T.lemmas(v)
            for k, v in self.catalogue.vocabulary.abbreviations.items()
            if (k,) not in self.names or k in curated
        }
        self.preferred = curated

    def _build_interests(self) -> None:
        self.interest_phrases: dict[tuple[str, ...], list[str]] = {}
        for phrase, clusters in self.catalogue.vocabulary.interest_words.items():
            self.interest_phrases[T.lemmas(phrase)] = list(clusters)
        by_interest: dict[str, list[str]] = defaultdict(list)
        for cluster in self.catalogue.clusters.values():
            if cluster.leading_interests:
                by_interest[cluster.leading_interests[0]].append(cluster.name)
        for interest, keywords in self.catalogue.vocabulary.riasec_keywords.items():
            for keyword in keywords:
                key = T.lemmas(keyword)
                if key and key not in self.interest_phrases and by_interest.get(interest):
                    self.interest_phrases[key] = sorted(by_interest[interest])

    # --- query -----------------------------------------------------------------

    def _correct(self, word: str) -> str:
        """Fix a typo in a word no dictionary knows, using the words of the titles."""
        lower = word.lower()
        lem = T.lemma(lower)
        if lem in self.vocab or T.is_english_word(lower) or len(lower) < 4 or not lower.isalpha():
            return lem
        limit = 1 if len(lower) < 7 else 2
        candidates = set()
        variants = T.deletes(lower)
        if limit == 2:  # "practioner" is two letters short of "practitioner"
            variants = {v2 for v in variants for v2 in T.deletes(v)}
        for variant in variants:
            candidates |= self.deletes.get(variant, set())
        scored = sorted(
            (T.edit_distance(lower, c, limit), c not in self.heads, -len(self.postings[c]), c) for c in candidates
        )
        if not scored and limit == 2:
            # Two letters missing ("practioner") escape the deletion index; long words are
            # rare enough to compare with the few title words that start the same way.
            scored = sorted(
                (T.edit_distance(lower, c, limit), c not in self.heads, -len(self.postings[c]), c)
                for c in self.by_prefix.get(lower[:3], ())
                if abs(len(c) - len(lower)) <= 2
            )
        if scored and scored[0][0] <= limit:
            return scored[0][3]
        return lem

    def _split_compound(self, word: str) -> list[str] | None:
        """ "stockbroker" -> ["stock", "broker"] when both halves are title words."""
        lower = word.lower()
        if len(lower) < 8 or not lower.isalpha() or T.lemma(lower) in self.vocab:
            return None
        for cut in range(3, len(lower) - 2):
            head, tail = T.lemma(lower[:cut]), T.lemma(lower[cut:])
            if head in self.vocab and tail in self.vocab and (head, tail) in self.bigrams:
                return [head, tail]
        return None

    def _tokenise(self, text: str) -> _Tokenised:
        """One pass over the message, shared by resolve() and tag()."""
        raw: list[str] = []
        words: list[str] = []
        offsets: list[tuple[int, int]] = []
        for word, start, end in T.word_spans(text):
            raw.append(word)
            for part in self._split_compound(word) or [word]:
                words.append(part)
                offsets.append((start, end))
        tokens = [self._correct(w) for w in words]
        expanded: list[str] = []
        origin: list[int] = []
        for index, (word, token) in enumerate(zip(words, tokens, strict=False)):
            abbreviation = self.abbreviations.get(word.lower())
            parts = list(abbreviation) if abbreviation and (word.isupper() or not T.is_english_word(word)) else [token]
            expanded.extend(parts)
            origin.extend([index] * len(parts))
        # A curated abbreviation in capitals ("PT") means what we say it means, even
        # where some O*NET title uses the same letters for something else.
        preferred = any(w.isupper() and w.lower() in self.preferred for w in raw)
        return _Tokenised(raw, tokens, offsets, expanded, origin, preferred)

    def tokens(self, text: str) -> tuple[list[str], list[str]]:
        """Lemmas with typos fixed, and the same with known abbreviations spelled out."""
        tokenised = self._tokenise(text)
        return tokenised.tokens, tokenised.expanded

    def _spans(self, tokens: list[str]) -> list[tuple[int, int]]:
        """Maximal (start, length) runs of tokens that are exactly a known title."""
        found: list[tuple[int, int]] = []
        for length in range(min(MAX_SPAN, len(tokens)), 0, -1):
            for start in range(len(tokens) - length + 1):
                key = tuple(tokens[start : start + length])
                if self.names.get(key) and not any(s <= start and start + length <= s + n for s, n in found):
                    found.append((start, length))
        return found

    def _family(self, code: str, key: tuple[str, ...]) -> int:
        """How many of the occupation's other titles share the matched title's modifiers.

        "Regulatory Analyst" is one alternate title each for three occupations, but only
        Regulatory Affairs Specialists have two dozen more "regulatory" titles."""
        modifiers = [t for t in key[:-1] if t not in T.STOP] or [key[-1]]
        holders = self.code_tokens[code]
        sets = [holders.get(t, set()) for t in modifiers]
        shared = set.intersection(*sets) if sets else set()
        return len(shared) - (1 if key in self.names and code in self.names[key] else 0)

    def _family_rivals(self, key: tuple[str, ...], exclude: dict[str, float]) -> dict[str, float]:
        """Occupations without this exact title whose titles are mostly built from its words."""
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
            if code not in exclude and n >= 3 and code[:7] not in {c[:7] for c in exclude}:
                rivals[code[:7]] = max(rivals.get(code[:7], (0, "")), (n, code))
        return {code: 0.1 * min(n, 10) for n, code in rivals.values()}

    def _fuzzy(self, tokens: list[str]) -> dict[str, float]:
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
                if f1 >= 0.5:
                    support[code] += 1
                # Heavier (more often reported) titles break ties between equal overlaps.
                score = f1 * (0.97 + 0.01 * min(weight, 3.0))
                if score > best.get(code, 0.0):
                    best[code] = score
        return {c: min(s + 0.01 * min(support[c], 5), 1.0) * 0.85 for c, s in best.items()}

    @staticmethod
    def _passion(query: str, tokens: list[str]) -> bool:
        """A statement (not a question) with an interest cue other than a bare "like",
        which is as often "what's it like" as "I like it"."""
        first = tokens[0] if tokens else ""
        if query.rstrip().endswith("?") or first in QUESTION_WORDS:
            return False
        return any(
            tuple(tokens[i : i + len(cue)]) == cue for cue in INTEREST_CUES - {("like",)} for i in range(len(tokens))
        )

    def _long_interest(self, tokens: list[str]) -> bool:
        return any(
            tuple(tokens[i : i + n]) in self.interest_phrases for n in (2, 3, 4) for i in range(len(tokens) - n + 1)
        )

    def _interests(self, tokens: list[str]) -> dict[str, float]:
        scores: dict[str, float] = defaultdict(float)
        for length in range(min(4, len(tokens)), 0, -1):
            for start in range(len(tokens) - length + 1):
                clusters = self.interest_phrases.get(tuple(tokens[start : start + length]))
                for rank, cluster in enumerate(clusters or []):
                    scores[cluster] += length * (1.0 if rank == 0 else 0.7)
        return scores

    def tag(self, text: str) -> list[Tag]:
        """Every role title and interest phrase in the message, left to right."""
        if not text or len(text) > MAX_CHARS:
            return []
        t = self._tokenise(text)
        found = self._spans(t.tokens) if not t.prefers_expansion else []
        used, where = (t.tokens, list(range(len(t.tokens)))) if found else (t.expanded, t.origin)
        found = found or self._spans(t.expanded)
        tags: list[Tag] = []
        taken: set[int] = set()
        for start, length in sorted(found):
            result = self._from_span(text, used, [(start, length)], top=3)
            first, last = where[start], where[start + length - 1]
            taken.update(range(first, last + 1))
            begin, end = t.offsets[first][0], t.offsets[last][1]
            tags.append(
                Tag(
                    kind="role",
                    start=begin,
                    end=end,
                    text=text[begin:end],
                    codes=tuple(m.code for m in result.matches),
                    confidence=result.best.score if result.best else 0.0,
                    ambiguous=result.kind == "ambiguous",
                )
            )
        for length in range(min(4, len(t.tokens)), 0, -1):
            for start in range(len(t.tokens) - length + 1):
                clusters = self.interest_phrases.get(tuple(t.tokens[start : start + length]))
                if clusters and not taken & set(range(start, start + length)):
                    taken.update(range(start, start + length))
                    begin, end = t.offsets[start][0], t.offsets[start + length - 1][1]
                    tags.append(
                        Tag(
                            kind="interest",
                            start=begin,
                            end=end,
                            text=text[begin:end],
                            clusters=tuple(clusters),
                            confidence=0.8,
                        )
                    )
        return sorted(tags, key=lambda t: t.start)

    def _match(self, code: str, score: float) -> Match:
        occ = self.catalogue.occupations[code]
        return Match(code=code, title=occ.title, score=round(score, 3), clusters=occ.cluster_names)

    def resolve(self, text: str, top: int = 5) -> Resolution:
        query = text if isinstance(text, str) else ""
        if not query.strip() or len(query) > MAX_CHARS:
            return Resolution(query=query, kind="none")
        tokenised = self._tokenise(query)
        lexical = self._lexical(query, tokenised, top)
        tools = self.tools().scores(query)
        if lexical.kind == "interest":
            if not tools or lexical.source == "interest" and self._passion(query, tokenised.expanded):
                return lexical
            # "Revit and AutoCAD drawings": software named is work, not an interest.
            lexical = Resolution(query=query, kind="none")
        job = job_part(query)
        typed, corrected = [(query, 1.0)], [(" ".join(tokenised.expanded), 1.0)]
        if job:
            # "I do the accounts for a hospital": the job is before the place.
            job_tokens = self._tokenise(job)
            on_job = self._lexical(query, job_tokens, top)
            same_evidence = lexical.source == "title" and set(lexical.span.split()) <= set(job_tokens.expanded)
            if on_job.kind not in ("none", "interest") and not same_evidence:
                lexical = on_job
            typed = [(job, 1 - WHOLE_SENTENCE), (query, WHOLE_SENTENCE)]
            corrected = [(" ".join(job_tokens.expanded), 1 - WHOLE_SENTENCE), (corrected[0][0], WHOLE_SENTENCE)]
        # The message as typed and as spell-corrected: a typo has no meaning, and a
        # correction can be wrong, so the better reading counts.
        semantic = self.semantic()
        readings = [typed, corrected] if self._corrected(tokenised) else [typed]
        best = semantic.table([semantic.query(parts) for parts in readings]).max(axis=0)
        meaning = dict(zip(semantic.codes, best.tolist(), strict=True)) if best.any() else {}
        for code, share in tools.items():
            meaning[code] = meaning.get(code, 0.0) + TOOL_WEIGHT * share
        return self._with_meaning(lexical, meaning, top, floor=MEANING_FLOOR if not tools else 0.0)

    def _lexical(self, query: str, tokenised: _Tokenised, top: int) -> Resolution:
        tokens, expanded = tokenised.tokens, tokenised.expanded
        spans = self._spans(tokens) if not tokenised.prefers_expansion else []
        used = tokens if spans else expanded
        spans = spans or self._spans(expanded)
        cued = any(tuple(used[i : i + len(cue)]) == cue for cue in INTEREST_CUES for i in range(len(used)))
        interests = self._interests(used)
        # A whole interest phrase ("start my own business") speaks for itself.
        cued = cued or self._long_interest(used)
        if spans:
            # "I'm into computers" is an interest even though "Computer" is a title.
            if cued and interests and all(n == 1 and (used[s],) in self.interest_phrases for s, n in spans):
                return self._interest_result(query, interests)
            # "I love coding", "cybersecurity is my thing": a passion whose only titles are
            # single words, none said as what the person is ("a nurse", "my job as a chef").
            if self._passion(query, used) and all(n == 1 and used[s - 1 : s] not in (["a"], ["an"]) for s, n in spans):
                return self._interest_result(query, interests)
            phrase = self._modified_generic(used, spans)
            if phrase:
                return phrase
            return self._from_span(query, used, spans, top)
        if interests and cued:
            return self._interest_result(query, interests)
        fuzzy = self._fuzzy(used)
        if fuzzy and max(fuzzy.values()) >= WEAK_SCORE:
            return self._from_scores(query, fuzzy, top)
        # "I fix cars for a living": no title, but a description of the work.
        described = self.activities().match(tokenised.raw, top=top)
        if described:
            return self._from_activities(query, described)
        if fuzzy and max(fuzzy.values()) >= NONE_SCORE:
            return self._from_scores(query, fuzzy, top)
        if interests:
            return self._interest_result(query, interests)
        if self._passion(query, used):
            # "drones fascinate me": a passion with no interest word we list; the
            # occupations it evokes say which cluster.
            return self._interest_result(query, {})
        return Resolution(query=query, kind="none")

    @staticmethod
    def _corrected(tokenised: _Tokenised) -> bool:
        """Whether spelling correction, compound splitting or an abbreviation changed a word."""
        return tokenised.expanded != tokenised.tokens or any(
            T.lemma(raw.lower()) != token for raw, token in zip(tokenised.raw, tokenised.tokens, strict=False)
        )

    def _with_meaning(self, lexical: Resolution, meaning: dict[str, float], top: int, floor: float) -> Resolution:
        """Rank the lexical candidates and the semantically closest occupations together.

        Agreement keeps the lexical answer; disagreement turns it into a question, because
        then either reading may be the wrong one."""
        if not meaning:
            return lexical
        weight = LEXICAL_WEIGHT
        if lexical.source == "title" and len(lexical.span.split()) == 1:
            weight *= ONE_WORD_TITLE
        combined = dict(meaning)
        for match in lexical.matches:
            combined[match.code] = combined.get(match.code, 0.0) + weight * match.score
        order = sorted(combined, key=lambda c: (-combined[c], c))
        best = order[0]
        if lexical.kind == "none" and meaning[best] < floor:
            return lexical
        agrees = lexical.best is not None and lexical.best.code[:7] == best[:7]
        if lexical.kind == "role" and agrees:
            # Same occupation: keep the lexical best first (it names the exact specialism).
            order.remove(lexical.best.code)
            order.insert(0, lexical.best.code)
            kind = "role"
        else:
            kind = "ambiguous"
        # One candidate per detailed occupation, so a question offers real choices.
        picked: list[str] = []
        for code in order:
            if code[:7] not in {p[:7] for p in picked}:
                picked.append(code)
            if len(picked) == top:
                break
        matches = [self._match(code, min(combined[code] / 2, 1.0)) for code in picked]
        return Resolution(
            query=lexical.query,
            kind=kind,
            matches=matches,
            clusters=matches[0].clusters if kind == "role" else [],
            span=lexical.span,
            source=lexical.source or "meaning",
        )

    def tools(self):
        """The software index (O*NET Technology Skills), built on first use."""
        if self._tools is None:
            from bot.catalogue import load_technology
            from bot.tools import ToolIndex

            vectors = self.semantic().vectors
            self._tools = ToolIndex(
                load_technology(codes=set(self.catalogue.occupations)),
                common=lambda word: T.is_english_word(word) or vectors.whole_word(word),
            )
        return self._tools

    def warm(self) -> None:
        """Build every index now, so the first message doesn't wait for them."""
        self.semantic()
        self.tools()

    def semantic(self):
        """The word-vector index, built on first use (about two seconds)."""
        if self._semantic is None:
            from bot.semantic import SemanticIndex

            self._semantic = SemanticIndex(self.catalogue, self.activities().tasks)
        return self._semantic

    def _modified_generic(self, tokens: list[str], spans: list[tuple[int, int]]) -> Resolution | None:
        """ "HVAC technician" is not just any technician: when the only title found is one
        generic word and the word before it also appears in titles, score the two-word
        phrase by partial overlap instead."""
        start, length = max(spans, key=lambda s: s[1])
        if length != 1 or start == 0:
            return None
        modifier = tokens[start - 1]
        if modifier in T.STOP or modifier not in self.idf or len({c[:7] for c in self.names[(tokens[start],)]}) < 3:
            return None
        scores = self._fuzzy([modifier, tokens[start]])
        if scores and max(scores.values()) >= 0.6:
            result = self._from_scores(" ".join(tokens), scores, 5)
            result.source, result.span = "title", f"{modifier} {tokens[start]}"
            return result
        return None

    def _from_span(self, query: str, tokens: list[str], spans: list[tuple[int, int]], top: int) -> Resolution:
        start, length = max(spans, key=lambda s: (s[1], sum(self.names[tuple(tokens[s[0] : s[0] + s[1]])].values())))
        key = tuple(tokens[start : start + length])
        weights = {c: w * (1 + 0.1 * min(self._family(c, key), 10)) for c, w in self.names[key].items()}
        weights.update(self._family_rivals(key, weights))
        # A detailed occupation counts its best title fully and its specialisms by a quarter,
        # so "data analyst" across Data Scientists and BI Analysts still adds up.
        members: dict[str, list[float]] = defaultdict(list)
        for code, weight in weights.items():
            members[code[:7]].append(weight)
        groups = {g: max(ws) + 0.25 * (sum(ws) - max(ws)) for g, ws in members.items()}
        ranked_groups = sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))
        best_group = ranked_groups[0][1]
        # Within one detailed SOC occupation, the ".00" parent is the general case.
        order = sorted(weights, key=lambda c: (-groups[c[:7]], -weights[c], c))
        scores = {
            c: 0.95 * groups[c[:7]] / best_group * (0.9 + 0.1 * weights[c] / max(weights.values())) for c in order
        }
        rivals = [g for g, w in ranked_groups[1:] if w >= AMBIGUOUS_RATIO * best_group]
        # "Engineer", "driver", "artist": one word that three or more different occupations
        # use as a title is generic, however the weights fall.
        generic = len(key) == 1 and len(groups) >= 3 and ranked_groups[1][1] >= 0.5 * best_group
        kind = "ambiguous" if rivals or generic else "role"
        if kind == "ambiguous":
            # One candidate per detailed occupation, so the question offers real choices.
            seen, picked = set(), []
            for code in order:
                if code[:7] not in seen and groups[code[:7]] >= 0.5 * best_group:
                    seen.add(code[:7])
                    picked.append(code)
            order = picked + [c for c in order if c not in picked]
        matches = [self._match(c, scores[c]) for c in order[:top]]
        if len(matches) < top:
            extra = self._fuzzy(tokens)
            for code, score in sorted(extra.items(), key=lambda kv: (-kv[1], kv[0])):
                if len(matches) >= top:
                    break
                if code not in weights:
                    matches.append(self._match(code, min(score, 0.8)))
        clusters = matches[0].clusters if kind == "role" else []
        return Resolution(
            query=query, kind=kind, matches=matches, clusters=clusters, span=" ".join(key), source="title"
        )

    def _from_scores(self, query: str, scores: dict[str, float], top: int) -> Resolution:
        order = sorted(scores, key=lambda c: (-scores[c], c))
        best = scores[order[0]]
        rival = next((c for c in order[1:] if c[:7] != order[0][:7]), None)
        close = rival is not None and scores[rival] >= best * 0.97
        kind = "ambiguous" if best < WEAK_SCORE or close else "role"
        matches = [self._match(c, scores[c]) for c in order[:top]]
        return Resolution(
            query=query,
            kind=kind,
            matches=matches,
            clusters=matches[0].clusters if kind == "role" else [],
            source="partial",
        )

    def activities(self):
        """The task-statement index, built on first use (it reads tasks.yml)."""
        if self._activities is None:
            from bot.activities import ActivityIndex

            self._activities = ActivityIndex(self.catalogue)
        return self._activities

    def _from_activities(self, query: str, described: list) -> Resolution:
        best = described[0]
        rival = next((m for m in described[1:] if m.code[:7] != best.code[:7]), None)
        # Descriptions are vaguer than titles: answer only when one occupation clearly leads.
        sure = best.score >= ACTIVITY_SURE and (rival is None or rival.score < 0.85 * best.score)
        matches = [self._match(m.code, m.score) for m in described]
        kind = "role" if sure else "ambiguous"
        return Resolution(
            query=query, kind=kind, matches=matches, clusters=matches[0].clusters if sure else [], source="activity"
        )

    def interests(self, text: str) -> Resolution:
        """Read the message as an interest, even where it names a job-like word: "I love
        coding", "cybersecurity is my thing" are interests that O*NET also has titles for."""
        if not text.strip() or len(text) > MAX_CHARS:
            return Resolution(query=text, kind="none")
        return self._interest_result(text, self._interests(self._tokenise(text).expanded))

    def _cluster_meaning(self, query: str) -> dict[str, float]:
        """Clusters of the occupations closest in meaning, each weighted by its score."""
        meaning = self.semantic().scores(query)
        votes: dict[str, float] = defaultdict(float)
        for code in sorted(meaning, key=lambda c: -meaning[c])[:INTEREST_NEIGHBOURS]:
            for name in self.catalogue.occupations[code].cluster_names[:1]:
                votes[name] += meaning[code]
        return votes

    def _interest_result(self, query: str, scores: dict[str, float]) -> Resolution:
        """Interest words we list (scores), and the clusters of the occupations the message
        evokes, each scaled to 1 for its best cluster."""
        combined: dict[str, float] = defaultdict(float)
        for source, weight in ((scores, 1.0), (self._cluster_meaning(query), INTEREST_MEANING)):
            top = max(source.values(), default=0.0)
            for name, value in source.items():
                combined[name] += weight * value / top
        if not combined:
            return Resolution(query=query, kind="none")
        best = max(combined.values())
        ranked = sorted(combined.items(), key=lambda kv: (-kv[1], kv[0]))
        clusters = [c for c, s in ranked if s >= 0.6 * best][:3]
        return Resolution(query=query, kind="interest", clusters=clusters, source="interest")


_shared: dict[int, Matcher] = {}


def matcher_for(catalogue: Catalogue) -> Matcher:
    """One index per catalogue per process (building it takes a second or two)."""
    key = id(catalogue)
    if key not in _shared:
        _shared[key] = Matcher(catalogue)
    return _shared[key]
