"""Decide what a person's message names: occupations (a role), clusters (an interest), or nothing.

The lexical passes, most certain first:
1. an exact title or alternate title inside the message ("...a dental hygienist for...");
2. a partial, rarity-weighted overlap with titles ("cybersecurity consultant");
3. a description of the work ("I fix cars for a living", bot/activities.py);
4. interest words and O*NET RIASEC keywords ("I love working with numbers").
Then meaning (bot/semantic.py) and software named (bot/tools.py) are weighed in. When
several occupations fit about equally, the result is `ambiguous` so the assistant asks
instead of guessing.

The titles and their word statistics live in bot/title_index.py, spelling correction in
bot/speller.py; this module only weighs the evidence they find.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

from bot import text as T
from bot.catalogue import Catalogue
from bot.sentence import blank_address, job_part
from bot.speller import Speller, Tokenised
from bot.title_index import FAMILY_CAP, FAMILY_STEP, INTEREST_SPAN, Key, TitleIndex

if TYPE_CHECKING:  # imported when first used: they load more data and libraries
    from bot.activities import ActivityIndex, ActivityMatch
    from bot.semantic import SemanticIndex, WordVectors
    from bot.tools import ToolIndex

# Occupation codes are O*NET-SOC ("15-1252.01"); code[:7] is the detailed occupation
# that a ".00" parent and its specialisms share.

MAX_CHARS = 1000  # longer messages are not a job title; the assistant asks for a shorter one
AMBIGUOUS_RATIO = 0.75  # a runner-up this close to the best match means "ask"
WEAK_SCORE = 0.45  # partial matches below this are offered as a question, not an answer
NONE_SCORE = 0.3  # weaker partial overlaps are coincidence, not worth offering even as a question
ACTIVITY_SURE = 0.5  # share of the query's words an activity match must cover to answer outright

# Combining spelling with meaning (bot/semantic.py). A message's semantic score per
# occupation is its closest title's cosine plus half its closest task's (about 0.5 for
# anything, 1.0 and more for a close fit); the lexical score (0 to 1) is added with this
# weight. Tuned on bench/devset.tsv and bench/fresh.yaml, checked on bench/heldout.yaml.
LEXICAL_WEIGHT = 0.3
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
# The floor for a message already known to be about a job ("I spent 15 years fitting
# kitchens and bathrooms"): gibberish and small talk still stay below it.
WORK_MEANING_FLOOR = 0.65
# When a place, employer or time follows the job (bot/sentence.py), the job part decides
# and the whole sentence keeps this share, so "teacher in special ed" still counts "special".
WHOLE_SENTENCE = 0.3
# Messages of up to this many words are fragments, read by the word vectors alone.
FRAGMENT_WORDS = 2
# Lexical plus semantic scores run to about 2; halving puts them back on the 0 to 1 scale.
MEANING_SCALE = 2

# An exact title found in the message (_from_span).
# The surest evidence there is, above any partial overlap (title_index.PARTIAL_CEILING),
# yet short of certain: the title may still be the wrong reading of the message.
EXACT_TITLE_CEILING = 0.95
# How much of a score the matched title's own weight decides; the rest is how strongly its
# detailed occupation (all its specialisms together) is named.
TITLE_SHARE = 0.1
# A detailed occupation counts its best title fully and its specialisms by this share, so
# "data analyst" across Data Scientists and BI Analysts still adds up.
SPECIALISM_SHARE = 0.25
# A one-word title that this many detailed occupations use ("engineer", "driver") is
# generic: the person has to say which.
GENERIC_OCCUPATIONS = 3
# ...when the runner-up is at least this share of the best, however the weights fall.
GENERIC_RUNNER_UP = 0.5
# A question offers only occupations at least this share as likely as the best.
OFFER_SHARE = 0.5
# Partial matches that fill up the list after an exact title never look as sure as it.
EXTRA_CEILING = 0.8
# "HVAC technician": the modifier and generic word together must overlap a title this well.
MODIFIED_GENERIC_SCORE = 0.6
# Partial scores (_from_scores) this close come only from title-weight tie-breaks
# (title_index.TIE_BASE): a different occupation that close is a draw, so ask.
CLOSE_RIVAL = 0.97
# Descriptions are vaguer than titles: answer only when the runner-up is below this share.
ACTIVITY_LEAD = 0.85
# Interests: clusters within this share of the best are named too, up to MAX_INTERESTS.
INTEREST_KEEP = 0.6
MAX_INTERESTS = 3
# tag(): an interest phrase is a listed word, fairly sure; roles get their own confidence.
INTEREST_TAG_CONFIDENCE = 0.8
TAG_CANDIDATES = 3  # candidate occupations kept per role tag

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
# Enjoying something is said of jobs as often as of pastimes ("I love caring for the
# residents"). What marks a pastime is a word only a fan uses (PASTIME), or enjoyment said
# of something done where, when or for whom nobody is paid (LEISURE). Either, with nothing
# that says it is the person's job (OWN_WORK), makes the message an interest, even where
# its words describe a job ("i love fixing up old motorbikes in my garage").
PASTIME = re.compile(
    r"\b(?:spare time|free time|for fun|hobby|hobbies|nerd|geek|enthusiast|fanatic|obsessed|hooked on|"
    r"fascinat\w*|passionate|my passion|(?:(?:is|are) my (?:whole )?(?:life|world)|my whole (?:life|world)|"
    r"everything to me)\b|best part of my (?:week|day)|(?:could|i) spend (?:all day|hours)|can'?t stop|"
    # said apart from work: "most evenings after work", "on my lunch break"
    r"after work|outside (?:of )?work|lunch break|in my own time)",
    re.I,
)
LEISURE = re.compile(
    r"\b(?:every (?:saturday|sunday)|in my (?:garage|shed|garden|bedroom|room)|on my allotment|"
    r"my (?:little |younger |big |older )?(?:brothers?|sisters?|cousins?|mates|friends|nephews?|nieces?)\b|"
    r"i volunteer|volunteering|school project|since i was (?:a kid|little|young))",
    re.I,
)
# Words that say a message is about a job the person holds or held ("I'm a", "my shift",
# "years as", "for a living", "Nurse here"), not a pastime.
OWN_WORK = re.compile(
    r"\b(?:(?:i'?m|i am|i was|i'?ve been|been|being) an? (?!(?:real |big |huge |total |bit of an? )?"
    r"(?:people person|fan|nerd|geek|enthusiast|natural)\b)|"
    # "being the librarian at our branch", not "I'm the type of person who"
    r"(?:i was|i'?ve been|been|being) the (?!(?:type|kind|sort|one|best|worst|only|same|first|last)\b)|"
    r"as an? (?!kid|child|teen|student|hobby)|"
    r"my (?:jobs?|work|role|shifts?|boss|manager|employer|career|trade|business|clients|customers|patients|team)\b|"
    r"i work|i worked|i'?ve worked|working (?:as|at|in|for|on)\b|job as|years (?:as|in|of|at)\b|"
    # a counted stretch of one's life: "spent ten years fixing cars" (not "spent years on it")
    r"spent (?:over |almost |nearly |about )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|a few|several) (?:years|decades)\b|"
    r"for a living|at work|used to be|trained as|qualified|retired|employed|"
    r"i run (?:a|my|the|our)\b|our (?:team|company|firm|clinic|practice|shop|store)\b|colleagues|"
    r"i manage|full[- ]time|part[- ]time|(?<!nerd)(?<!geek)(?<!fan) here\b|"
    # a workplace: "on the cardiac ward", "at the salon" (not "in my garage")
    r"(?:at|on) (?:the|a|an|our) (?:ward|salon|clinic|office|site|council|garage|shop|store|factory|plant|"
    r"warehouse|hospital|nursery|care home|home|kitchen|bank|restaurant|hotel|practice|surgery|depot|"
    r"yard|firm|company|call cent(?:re|er)|pharmacy|lab|studio|dealership|agency|mill|mine|port)\b)",
    re.I,
)


NOT_KNOWING = re.compile(
    r"\b(?:idk|dunno|don'?t know|dont know|no idea|no clue|not sure|unsure)\W+(?:\w+\W+){0,2}?(?:what|which|where)\b",
    re.I,
)
QUESTION_WORDS = frozenset({"what", "who", "where", "when", "why", "how", "which", "can", "could", "do", "does", "is"})
# Openings of a request to the assistant rather than a statement about oneself.
REQUESTS = frozenset(
    {"tell", "play", "sing", "write", "translate", "give", "show", "find", "order", "book", "make", "say", "help"}
    | {"please", "let's", "lets", "explain", "recommend", "search", "calculate", "open", "send", "call", "set"}
)
# described_work(): the sentence model's closeness (closest title plus half the closest
# task) from which a statement NLU did not place is taken as a description of work. On
# our development sets, role descriptions score 0.67 at the 10th percentile and 0.81 at
# the median; off-topic messages 0.56 at the median, most of those above 0.75 questions
# or requests.
DESCRIBED_WORK = 0.75


def _unreadable(text: str) -> bool:
    """Blank, or too long to be about one job (the assistant asks for a shorter message)."""
    return not text.strip() or len(text) > MAX_CHARS


# A field named ("graphic design") stands for its occupation from this meaning score up,
# and this far ahead of the next: the job's own field scores about 1.0-1.1, unrelated
# words under 0.8 (bot/semantic.py: title cosine plus half the best task's).
FIELD_MEANING = 0.95
FIELD_MARGIN = 0.05
WEAK_CUES = {("like",), ("into",)}
I_LIKE = re.compile(r"\bi (?:really |just |also )?like\b", re.I)


def _has_cue(tokens: list[str], cues: set[tuple[str, ...]]) -> bool:
    return any(tuple(tokens[i : i + len(cue)]) == cue for cue in cues for i in range(len(tokens)))


# Words that start what a person says they are ("as a", "I was"), so an action word before
# them belongs to something else. Forms of "be" and "have" are not actions done to anyone.
OWN_ROLE_START = {"as", "a", "an", "i", "im", "i'm", "my", "be", "have", "do", "get", "become"}
OBJECT_LOOKBACK = 4


def _typed(query: str, tokenised: Tokenised, index: int) -> str:
    start, end = tokenised.offsets[index]
    return query[start:end].lower()


def _acted_on(query: str, tokenised: Tokenised, start: int, length: int) -> bool:
    """Whether the title at tokens[start:start+length] is the people or things the person
    worked on, not what they were: said in the plural after an action ("I fixed laptops and
    printers", "I supervised cashiers", "helping doctors"). A job said as one's own is
    singular ("a printer") or follows "as" / a form of "be" ("we were nurses")."""
    last = start + length - 1
    typed = _typed(query, tokenised, last)
    if typed == tokenised.tokens[last] or not typed.endswith("s"):
        return False
    for i in range(start - 1, max(start - 1 - OBJECT_LOOKBACK, -1), -1):
        lemma = tokenised.tokens[i]
        if lemma in OWN_ROLE_START:
            return False
        word = _typed(query, tokenised, i)
        # An inflected action: "fixed", "helping", "sold", "ran" (its lemma differs).
        if word != lemma and not word.endswith("s") and word.isalpha():
            return True
    return False


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
    source: str = ""  # which pass found it: "title", "partial", "activity", "interest" or "pastime"
    # Whether the first match is a reading of `span`: meaning can outrank the words' own
    # candidates ("the meds rounds" matched a title, but care aides lead).
    span_leads: bool = True

    def to_dict(self) -> dict:
        """The public JSON contract of `python -m bot resolve --json`."""
        return {
            "query": self.query,
            "kind": self.kind,
            "matches": [asdict(m) for m in self.matches],
            "clusters": list(self.clusters),
        }

    @property
    def by_title(self) -> bool:
        """Whether it names a job (or a few) by one of their titles, not by loose words."""
        return self.kind in ("role", "ambiguous") and self.source == "title"

    @property
    def best(self) -> Match:
        """The first occupation; only for a role or an ambiguous resolution, which have one."""
        if not self.matches:
            raise ValueError(f"a {self.kind!r} resolution names no occupation")
        return self.matches[0]


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


@dataclass(frozen=True)
class _WordsReading:
    """What the words of a message say when meaning is still to be weighed in
    (Matcher._by_words)."""

    tokenised: Tokenised
    lexical: Resolution
    tools: dict[str, float]
    # The texts the meaning pass reads, each with its weight: as typed and as corrected.
    typed: list[tuple[str, float]]
    corrected: list[tuple[str, float]]


class Matcher:
    """Resolve messages to occupations or interests, over one catalogue's title index."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.index = TitleIndex(catalogue)
        self.speller = Speller(self.index)
        # Built on first use: they read more files and take seconds (see warm()).
        self._activities: ActivityIndex | None = None
        self._semantic: SemanticIndex | None = None
        self._vectors: WordVectors | None = None
        self._tools: ToolIndex | None = None

    @property
    def names(self) -> dict[Key, dict[str, float]]:
        """Every title as lemmas -> {occupation code: weight} (the index's own dict, not a copy)."""
        return self.index.names

    @property
    def vocab(self) -> set[str]:
        """Every word that occurs in some title."""
        return self.index.vocab

    # --- public ------------------------------------------------------------------

    def resolve(self, text: str, top: int = 5, about_work: bool = False) -> Resolution:
        """What the message names: up to `top` occupations, or clusters for an interest.

        `about_work`: the conversation already knows the message is about a job (NLU took
        it as a liked or disliked role), so meaning alone may suggest occupations from a
        lower floor; they are offered as a question, never as an answer."""
        query = blank_address(text) if isinstance(text, str) else ""
        if _unreadable(query):
            return Resolution(query=query, kind="none")
        reading = self._by_words(query, top, about_work)
        if isinstance(reading, Resolution):
            return reading  # the words decide
        return self._by_meaning(reading, top, about_work)

    def by_words(self, text: str, top: int = 5) -> Resolution:
        """resolve(text) before meaning is weighed in. Meaning may still change its kind
        and matches, never its `source` (the pass of the words that found it; only a
        message the words found nothing in can become "meaning"). It needs no meaning
        index, so the Rasa server can ask which pass a message reaches without holding one
        (adapters/components/catalogue_entities.py)."""
        query = blank_address(text) if isinstance(text, str) else ""
        if _unreadable(query):
            return Resolution(query=query, kind="none")
        reading = self._by_words(query, top, about_work=False)
        return reading if isinstance(reading, Resolution) else reading.lexical

    def _by_words(self, query: str, top: int, about_work: bool) -> Resolution | _WordsReading:
        """The answer when the words decide it, else what the meaning pass needs."""
        tokenised = self.speller.tokenise(query)
        lexical = self._lexical(query, tokenised, top)
        tools = self.tools().scores(query)
        pastime = self.pastime(query) if lexical.kind != "interest" else None
        if pastime:
            # "i love fixing up old motorbikes in my garage": a job's words, said as a pastime.
            return pastime
        if lexical.kind == "interest" and not OWN_WORK.search(query):
            if self._passion(query, tokenised.expanded):
                return lexical
            # "Revit and AutoCAD drawings": software named is work, not an interest; and
            # "on a surgical ward, post-op obs" is work when NLU already read it as a job
            # and the sentence model finds the job (interest words alone don't decide).
            if not (tools or (about_work and self._sentence_closeness(query) >= DESCRIBED_WORK)):
                return lexical
            lexical = Resolution(query=query, kind="none")
        elif lexical.kind == "interest":
            # "loved every minute of nursing on the cardiac ward": enjoying one's own job.
            lexical = Resolution(query=query, kind="none")
        job = job_part(query)
        typed, corrected = [(query, 1.0)], [(" ".join(tokenised.expanded), 1.0)]
        if job:
            # "I do the accounts for a hospital": the job is before the place.
            job_tokens = self.speller.tokenise(job)
            on_job = self._lexical(query, job_tokens, top)
            same_evidence = lexical.source == "title" and set(lexical.span.split()) <= set(job_tokens.expanded)
            if on_job.kind not in ("none", "interest") and not same_evidence:
                lexical = on_job
            typed = [(job, 1 - WHOLE_SENTENCE), (query, WHOLE_SENTENCE)]
            corrected = [(" ".join(job_tokens.expanded), 1 - WHOLE_SENTENCE), (corrected[0][0], WHOLE_SENTENCE)]
        return _WordsReading(tokenised, lexical, tools, typed, corrected)

    def _by_meaning(self, reading: _WordsReading, top: int, about_work: bool) -> Resolution:
        # The message as typed and as spell-corrected: a typo has no meaning, and a
        # correction can be wrong, so the better reading counts.
        semantic = self.semantic()
        readings = [reading.typed, reading.corrected] if self.speller.corrected(reading.tokenised) else [reading.typed]
        # A word or two ("farming", "physio") is a fragment, read by the words alone (see
        # bot/semantic.py SENTENCE_SHARE).
        as_sentence = len(reading.tokenised.tokens) > FRAGMENT_WORDS
        if as_sentence:
            semantic.sentence_vectors([text for parts in readings for text, _ in parts])  # in one pass
        words, sentence = semantic.tables([semantic.query(parts, sentence=as_sentence) for parts in readings])
        best = semantic.blend(words, sentence).max(axis=0)
        meaning = dict(zip(semantic.codes, best.tolist(), strict=True)) if best.any() else {}
        for code, share in reading.tools.items():
            meaning[code] = meaning.get(code, 0.0) + TOOL_WEIGHT * share
        floor = 0.0 if reading.tools else WORK_MEANING_FLOOR if about_work else MEANING_FLOOR
        # The floors keep small talk and gibberish out; they were set on the averaged
        # words' scale, which the sentence model's scores don't share.
        close_enough = bool(reading.tools) or float(words.max()) >= floor
        return self._with_meaning(reading.lexical, meaning, top, close_enough=close_enough)

    def described_work(self, text: str) -> Resolution | None:
        """The occupations a statement describes ("class 1 HGV, nights, trunking between the
        DC and the stores") when NLU called it off-topic or could not place it: only when
        the sentence model finds one close enough (DESCRIBED_WORK), which off-topic requests
        and questions on our development sets rarely reach, and only from a statement: "tell
        me a joke about dentists" and "who would win, a plumber or an electrician" are
        about jobs without describing one's work. Always offered as a question."""
        words = text.split()
        if _unreadable(text) or len(words) <= FRAGMENT_WORDS or text.rstrip().endswith("?"):
            return None
        # "what's", "who'd", "how're": a question word with its verb attached.
        opening = re.split(r"['\u2019]", words[0].lower().strip(",.!"))[0]
        if opening in QUESTION_WORDS | REQUESTS:
            return None
        found = self.resolve(text, about_work=True)
        if found.kind not in ("role", "ambiguous"):
            return None
        if self._sentence_closeness(text) < DESCRIBED_WORK:
            return None
        return Resolution(query=found.query, kind="ambiguous", matches=found.matches, source="meaning")

    def _sentence_closeness(self, text: str) -> float:
        """How close the sentence model finds the message to its closest occupation."""
        semantic = self.semantic()
        _, sentence = semantic.tables([semantic.query([(text, 1.0)])])
        return 0.0 if sentence is None else float(sentence.max())

    def names_work(self, text: str) -> bool:
        """Whether a message names or describes a job by its words (a title, part of one,
        the work's activities), not by meaning alone: for turns NLU gave to a question or
        a move, where "what does it pay" must not turn into bank clerks."""
        found = self.resolve(text, about_work=True)
        return found.kind in ("role", "ambiguous") and found.source != "meaning"

    def _field(self, text: str, top: int) -> list[tuple[str, float]]:
        """The `top` occupations closest in meaning to a field of work, with their scores,
        when the best is close enough to stand for the field; for a word or three."""
        if len(text.split()) > 3 or _unreadable(text):
            return []
        scores = self.semantic().scores(text, sentence=False)
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:top]
        return ranked if ranked and ranked[0][1] >= FIELD_MEANING else []

    def field_occupations(self, text: str, top: int = 5) -> list[str]:
        """The occupations a field of work stands for ("data science": statisticians, data
        scientists, ...), best first."""
        return [code for code, _ in self._field(text, top)]

    def field_occupation(self, text: str) -> str | None:
        """The one occupation a field stands for ("accounting", "graphic design"), when it is
        clearly ahead of the next."""
        ranked = self._field(text, 2)
        if len(ranked) < 2:
            return ranked[0][0] if ranked else None
        return ranked[0][0] if ranked[0][1] - ranked[1][1] >= FIELD_MARGIN else None

    def stated_interest(self, text: str) -> Resolution | None:
        """The clusters of an interest the message states as such ("baking is my absolute
        passion", "I love drawing but have no clue what job that could be"), or None: for
        turns NLU gave to something else, where only an outright statement should count."""
        if _unreadable(text):
            return None
        tokens = self.speller.tokenise(text).expanded
        # A question ("what's it like") is not a statement; the "but ..." of "I love X but
        # don't know what job" is, so only the part before it is checked for a question.
        # "Into" is too weak here ("tell me how to hack into ..."), as is a bare "like".
        statement = re.split(r"\bbut\b", text, maxsplit=1)[0]
        strong = _has_cue(tokens, INTEREST_CUES - WEAK_CUES) or bool(I_LIKE.search(text)) or self._pastime(text)
        first = statement.split()[0].lower() if statement.split() else ""
        if statement.rstrip().endswith("?") or first in QUESTION_WORDS or not strong:
            return None
        if NOT_KNOWING.search(text):
            # "dunno what I'd be good at": the interest is what they don't know yet, unless
            # another clause states one ("no idea what to do, I love animals though").
            clauses = [c for c in re.split(r"\bbut\b|\bthough\b|[,;.!]", text) if c.strip()]
            stated = [
                c
                for c in clauses
                if not NOT_KNOWING.search(c)
                and (_has_cue(self.speller.tokenise(c).expanded, INTEREST_CUES - WEAK_CUES) or I_LIKE.search(c))
            ]
            if not stated:
                return None

        found = self.interests(text)
        return found if found.kind == "interest" else None

    def interests(self, text: str) -> Resolution:
        """Read the message as an interest, even where it names a job-like word: "I love
        coding", "cybersecurity is my thing" are interests that O*NET also has titles for."""
        if _unreadable(text):
            return Resolution(query=text, kind="none")
        return self._interest_result(text, self.index.interests(self.speller.tokenise(text).expanded))

    def tag(self, text: str) -> list[Tag]:
        """Every role title and interest phrase in the message, left to right."""
        if _unreadable(text):
            return []
        t = self.speller.tokenise(blank_address(text))
        found = self.index.spans(t.tokens) if not t.prefers_expansion else []
        used, where = (t.tokens, list(range(len(t.tokens)))) if found else (t.expanded, t.origin)
        found = found or self.index.spans(t.expanded)
        tags: list[Tag] = []
        taken: set[int] = set()
        for start, length in sorted(found):
            result = self._from_span(text, used, [(start, length)], top=TAG_CANDIDATES)
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
                    confidence=result.matches[0].score if result.matches else 0.0,
                    ambiguous=result.kind == "ambiguous",
                )
            )
        for length in range(min(INTEREST_SPAN, len(t.tokens)), 0, -1):
            for start in range(len(t.tokens) - length + 1):
                clusters = self.index.interest_phrases.get(tuple(t.tokens[start : start + length]))
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
                            confidence=INTEREST_TAG_CONFIDENCE,
                        )
                    )
        return sorted(tags, key=lambda t: t.start)

    def warm(self) -> None:
        """Build every index now, so the first message doesn't wait for them."""
        self.semantic()
        self.tools()

    def tools(self) -> ToolIndex:
        """The software index (O*NET Technology Skills), built on first use."""
        if self._tools is None:
            from bot.catalogue import load_technology
            from bot.tools import ToolIndex

            vectors = self.word_vectors()
            self._tools = ToolIndex(
                load_technology(codes=set(self.catalogue.occupations)),
                common=lambda word: T.is_english_word(word) or vectors.whole_word(word),
            )
        return self._tools

    def semantic(self) -> SemanticIndex:
        """The word-vector index, built on first use (about two seconds)."""
        if self._semantic is None:
            from bot.semantic import SemanticIndex

            self._semantic = SemanticIndex(self.catalogue, self.activities().tasks, vectors=self.word_vectors())
        return self._semantic

    def word_vectors(self) -> WordVectors:
        """The sub-word vectors, shared by the meaning index and the software index (which
        only asks their vocabulary whether a word is common)."""
        if self._vectors is None:
            from bot.semantic import WordVectors

            self._vectors = WordVectors()
        return self._vectors

    def activities(self) -> ActivityIndex:
        """The task-statement index, built on first use (it reads tasks.yml)."""
        if self._activities is None:
            from bot.activities import ActivityIndex

            self._activities = ActivityIndex(self.catalogue)
        return self._activities

    # --- the passes of resolve() ---------------------------------------------------

    def _lexical(self, query: str, tokenised: Tokenised, top: int) -> Resolution:
        """Everything that reads the words (titles, partial overlap, descriptions, interests),
        before meaning is weighed in."""
        tokens, expanded = tokenised.tokens, tokenised.expanded
        spans = self.index.spans(tokens) if not tokenised.prefers_expansion else []
        used = tokens if spans else expanded
        spans = spans or self.index.spans(expanded)
        acted_on = [(s, n) for s, n in spans if used is tokens and _acted_on(query, tokenised, s, n)]
        if acted_on:
            # Read on without them: what the person did to them is left to the other passes.
            used = list(used)
            for s, n in acted_on:
                used[s : s + n] = [""] * n
            spans = [span for span in spans if span not in acted_on]
        cued = _has_cue(used, INTEREST_CUES)
        interests = self.index.interests(used)
        # A whole interest phrase ("start my own business") speaks for itself.
        cued = cued or self.index.long_interest(used)
        if spans:
            # "I'm into computers" is an interest even though "Computer" is a title.
            if cued and interests and all(n == 1 and (used[s],) in self.index.interest_phrases for s, n in spans):
                return self._interest_result(query, interests)
            # "I love coding", "cybersecurity is my thing": a passion whose only titles are
            # single words, none said as what the person is ("a nurse", "my job as a chef").
            if (
                self._passion(query, used)
                and not OWN_WORK.search(query)
                and all(n == 1 and used[s - 1 : s] not in (["a"], ["an"]) for s, n in spans)
            ):
                return self._interest_result(query, interests)
            phrase = self._modified_generic(used, spans)
            if phrase:
                return phrase
            return self._from_span(query, used, spans, top)
        if interests and cued:
            return self._interest_result(query, interests)
        fuzzy = self.index.fuzzy(used)
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

    def _with_meaning(self, lexical: Resolution, meaning: dict[str, float], top: int, close_enough: bool) -> Resolution:
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
        if lexical.kind == "none" and not close_enough:
            return lexical
        agrees = bool(lexical.matches) and lexical.best.code[:7] == best[:7]
        if lexical.kind == "role" and agrees:
            # Same occupation: keep the lexical best first (it names the exact specialism).
            order.remove(lexical.best.code)
            order.insert(0, lexical.best.code)
            kind = "role"
        else:
            kind = "ambiguous"
        # One candidate per detailed occupation, so a question offers real choices.
        picked: list[str] = []
        seen: set[str] = set()
        for code in order:
            if code[:7] not in seen:
                seen.add(code[:7])
                picked.append(code)
            if len(picked) == top:
                break
        matches = [self._match(code, min(combined[code] / MEANING_SCALE, 1.0)) for code in picked]
        return Resolution(
            query=lexical.query,
            kind=kind,
            matches=matches,
            clusters=matches[0].clusters if kind == "role" else [],
            span=lexical.span,
            source=lexical.source or "meaning",
            span_leads=picked[0] in self._readings_of(lexical),
        )

    def _readings_of(self, lexical: Resolution) -> set[str]:
        """The occupations the words' span names (its title's holders), else the words'
        candidates."""
        holders = self.index.names.get(tuple(T.lemma(w) for w in lexical.span.split()), {})
        return set(holders) or {m.code for m in lexical.matches}

    def _modified_generic(self, tokens: list[str], spans: list[tuple[int, int]]) -> Resolution | None:
        """ "HVAC technician" is not just any technician: when the only title found is one
        generic word and the word before it also appears in titles, score the two-word
        phrase by partial overlap instead."""
        start, length = max(spans, key=lambda s: s[1])
        if length != 1 or start == 0:
            return None
        modifier = tokens[start - 1]
        if (
            modifier in T.STOP
            or modifier not in self.index.idf
            or len({c[:7] for c in self.names[(tokens[start],)]}) < GENERIC_OCCUPATIONS
        ):
            return None
        scores = self.index.fuzzy([modifier, tokens[start]])
        if scores and max(scores.values()) >= MODIFIED_GENERIC_SCORE:
            result = self._from_scores(" ".join(tokens), scores, 5)
            result.source, result.span = "title", f"{modifier} {tokens[start]}"
            return result
        return None

    def _from_span(self, query: str, tokens: list[str], spans: list[tuple[int, int]], top: int) -> Resolution:
        """Rank the occupations of the longest (then heaviest) exact title found."""
        start, length = max(spans, key=lambda s: (s[1], sum(self.names[tuple(tokens[s[0] : s[0] + s[1]])].values())))
        key = tuple(tokens[start : start + length])
        weights = {
            c: w * (1 + FAMILY_STEP * min(self.index.family(c, key), FAMILY_CAP)) for c, w in self.names[key].items()
        }
        weights.update(self.index.family_rivals(key, weights))
        members: dict[str, list[float]] = defaultdict(list)
        for code, weight in weights.items():
            members[code[:7]].append(weight)
        groups = {g: max(ws) + SPECIALISM_SHARE * (sum(ws) - max(ws)) for g, ws in members.items()}
        ranked_groups = sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))
        best_group = ranked_groups[0][1]
        # Within one detailed SOC occupation, the ".00" parent is the general case.
        order = sorted(weights, key=lambda c: (-groups[c[:7]], -weights[c], c))
        heaviest = max(weights.values())
        scores = {
            c: EXACT_TITLE_CEILING
            * groups[c[:7]]
            / best_group
            * (1 - TITLE_SHARE + TITLE_SHARE * weights[c] / heaviest)
            for c in order
        }
        rivals = [g for g, w in ranked_groups[1:] if w >= AMBIGUOUS_RATIO * best_group]
        # "Engineer", "driver", "artist": one word that several different occupations use
        # as a title is generic.
        generic = (
            len(key) == 1
            and len(groups) >= GENERIC_OCCUPATIONS
            and ranked_groups[1][1] >= GENERIC_RUNNER_UP * best_group
        )
        kind = "ambiguous" if rivals or generic else "role"
        if kind == "ambiguous":
            # One candidate per detailed occupation, so the question offers real choices.
            seen, picked = set(), []
            for code in order:
                if code[:7] not in seen and groups[code[:7]] >= OFFER_SHARE * best_group:
                    seen.add(code[:7])
                    picked.append(code)
            order = picked + [c for c in order if c not in picked]
        matches = [self._match(c, scores[c]) for c in order[:top]]
        if len(matches) < top:
            extra = self.index.fuzzy(tokens)
            for code, score in sorted(extra.items(), key=lambda kv: (-kv[1], kv[0])):
                if len(matches) >= top:
                    break
                if code not in weights:
                    matches.append(self._match(code, min(score, EXTRA_CEILING)))
        clusters = matches[0].clusters if kind == "role" else []
        return Resolution(
            query=query, kind=kind, matches=matches, clusters=clusters, span=" ".join(key), source="title"
        )

    def _from_scores(self, query: str, scores: dict[str, float], top: int) -> Resolution:
        """A partial match (TitleIndex.fuzzy): an answer when strong and clearly ahead."""
        order = sorted(scores, key=lambda c: (-scores[c], c))
        best = scores[order[0]]
        rival = next((c for c in order[1:] if c[:7] != order[0][:7]), None)
        close = rival is not None and scores[rival] >= best * CLOSE_RIVAL
        kind = "ambiguous" if best < WEAK_SCORE or close else "role"
        matches = [self._match(c, scores[c]) for c in order[:top]]
        return Resolution(
            query=query,
            kind=kind,
            matches=matches,
            clusters=matches[0].clusters if kind == "role" else [],
            source="partial",
        )

    def _from_activities(self, query: str, described: list[ActivityMatch]) -> Resolution:
        """A description of the work (bot/activities.py), best match first."""
        best = described[0]
        rival = next((m for m in described[1:] if m.code[:7] != best.code[:7]), None)
        sure = best.score >= ACTIVITY_SURE and (rival is None or rival.score < ACTIVITY_LEAD * best.score)
        matches = [self._match(m.code, m.score) for m in described]
        kind = "role" if sure else "ambiguous"
        return Resolution(
            query=query, kind=kind, matches=matches, clusters=matches[0].clusters if sure else [], source="activity"
        )

    @staticmethod
    def _passion(query: str, tokens: list[str]) -> bool:
        """A statement (not a question) with an interest cue other than a bare "like",
        which is as often "what's it like" as "I like it"."""
        first = tokens[0] if tokens else ""
        if query.rstrip().endswith("?") or first in QUESTION_WORDS:
            return False
        return _has_cue(tokens, INTEREST_CUES - {("like",)})

    def _pastime(self, query: str) -> bool:
        """A statement about a pastime (PASTIME, or LEISURE with enjoyment) that never says
        it is the person's job ("I can't work every saturday" is neither)."""
        first = query.split()[0].lower() if query.split() else ""
        if query.rstrip().endswith("?") or first in QUESTION_WORDS or OWN_WORK.search(query):
            return False
        if PASTIME.search(query):
            return True
        enjoys = I_LIKE.search(query) or _has_cue(self.speller.tokenise(query).expanded, INTEREST_CUES - WEAK_CUES)
        return bool(enjoys and LEISURE.search(query))

    @staticmethod
    def own_work(text: str) -> bool:
        """Whether the message says it is about the person's job (OWN_WORK)."""
        return bool(OWN_WORK.search(text))

    def pastime(self, text: str) -> Resolution | None:
        """The clusters of a pastime the message describes, or None (see _pastime)."""
        if _unreadable(text) or not self._pastime(text):
            return None
        found = self.interests(text)
        return replace(found, source="pastime") if found.kind == "interest" else None

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
        clusters = [c for c, s in ranked if s >= INTEREST_KEEP * best][:MAX_INTERESTS]
        return Resolution(query=query, kind="interest", clusters=clusters, source="interest")

    def closest_in_cluster(self, text: str, cluster: str, limit: int = 3) -> list[str]:
        """The cluster's occupations closest in meaning to what the person said, best first:
        "restoring vintage bicycles" gives bicycle repairers before truck drivers. Catch-all
        "All Other" occupations only where nothing named fits."""
        meaning = self.semantic().scores(text, sentence=len(text.split()) > FRAGMENT_WORDS)
        members = [
            code
            for code in meaning
            if code.endswith(".00") and cluster in self.catalogue.occupations[code].cluster_names
        ]
        members.sort(key=lambda c: (self.catalogue.occupations[c].title.endswith("All Other"), -meaning[c], c))
        return members[:limit]

    def _cluster_meaning(self, query: str) -> dict[str, float]:
        """Clusters of the occupations closest in meaning, each weighted by its score."""
        meaning = self.semantic().scores(query)
        votes: dict[str, float] = defaultdict(float)
        for code in sorted(meaning, key=lambda c: -meaning[c])[:INTEREST_NEIGHBOURS]:
            for name in self.catalogue.occupations[code].cluster_names[:1]:
                votes[name] += meaning[code]
        return votes

    def _match(self, code: str, score: float) -> Match:
        occ = self.catalogue.occupations[code]
        return Match(code=code, title=occ.title, score=round(score, 3), clusters=occ.cluster_names)


_shared: dict[int, Matcher] = {}


def matcher_for(catalogue: Catalogue) -> Matcher:
    """One index per catalogue per process (building it takes a second or two)."""
    key = id(catalogue)
    if key not in _shared:
        _shared[key] = Matcher(catalogue)
    return _shared[key]
