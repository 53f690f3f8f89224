"""Reading follow-up questions: which occupation a message refers to and what it asks.

A conversation shows lists of occupations (related roles, the choices of a clarifying
question) and then people refer back: "the first one", "the one for kids", "what does it
pay", "which of those don't need a degree". These functions turn such a message plus the
codes the person last saw into plain data the replies can act on; nothing here knows Rasa.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.catalogue import Catalogue
from bot.related import education_rank

ORDINALS = {
    "first": 0, "1st": 0, "one": 0, "1": 0,
    "second": 1, "2nd": 1, "two": 1, "2": 1,
    "third": 2, "3rd": 2, "three": 2, "3": 2,
    "fourth": 3, "4th": 3, "four": 3, "4": 3,
    "fifth": 4, "5th": 4, "five": 4, "5": 4,
}  # fmt: skip
# "the first", "option 2", "#3", "number two", "the last one": a position in the list shown.
POSITION = re.compile(
    r"\b(?:the\s+)?(?P<ord>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last)\b"
    r"|(?:option|number|no\.?|#)\s*(?P<num>[1-5]|one|two|three|four|five)\b"
    r"|^\s*(?P<bare>[1-5])\s*[.!?]*\s*$",
    re.I,
)
# "that one", "this job", "it": the single occupation the conversation is about.
THAT_ONE = re.compile(r"\b(?:that|this|the same)\s+(?:one|job|role|career|occupation|option)\b", re.I)
# "the security one", "the one for kids", "the one with animals", "the software option"
DESCRIBED = re.compile(
    r"\bthe\s+(?P<before>[\w'-]+(?:\s+[\w'-]+)?)\s+(?:one|option|job|role)\b"
    r"|\bthe\s+one\s+(?:for|with|in|about|that|where|working with)\s+(?P<after>[\w' -]+)",
    re.I,
)
CORRECTION = re.compile(
    r"^\s*(?:no+|nope|not that|wrong|sorry|actually)[\s,.!-]+(?:(?:i|I)\s+(?:meant|mean|said)|it'?s|it was|i'?m|i am|i was)?"
    r"\s*(?P<rest>.+)$",
    re.I,
)
# "Sorry, I am not advertising manager. I am accountant": the job after the denial.
NOT_THAT_BUT = re.compile(
    r"\b(?:i'?m|i am|i was) not (?:an? |the )?[^.,;!?]+[.,;!?]?\s*(?:but |rather )?(?:i'?m|i am|i was|i work as)\s+(?P<rest>.+)$",
    re.I,
)

ASPECTS: dict[str, re.Pattern[str]] = {
    "pay": re.compile(r"\b(pay|pays|paid|salary|salaries|earn\w*|make|makes|money|wages?|income)\b", re.I),
    "education": re.compile(
        r"\b(school\w*|degree|education|stud(y|ies)|train\w*|qualif\w*|quals?|certif\w*|licen[cs]\w*|college|"
        r"university|uni|apprentice\w*|become|long|get (?:into|in to|started)|break into)\b",
        re.I,
    ),
    "outlook": re.compile(
        r"\b(demand|outlook|growth|growing|future|openings?|prospects?|hiring|jobs? out there|job market|"
        r"(?:still|always) be (?:jobs|work)|in (?:\d+|five|ten|twenty) years)\b",
        re.I,
    ),
    "tasks": re.compile(r"\b(do|does|duties|tasks|involve\w*|day[- ]to[- ]day|typical day|actually|about)\b", re.I),
    "cluster": re.compile(r"\bclusters?\b", re.I),
    "stress": re.compile(r"\bstress\w*\b", re.I),
    "verdict": re.compile(r"\b(good|worth|decent|smart|bad)\b.{0,20}\b(career|job|choice|idea|option|it)\b", re.I),
}
# "which of those ...": a question about the list, answered by ranking it.
WHICH_OF = re.compile(r"\b(which|what)\s+(?:of\s+(?:those|these|them)|ones?|one of (?:those|these))\b", re.I)
RANKINGS: list[tuple[str, re.Pattern[str]]] = [
    ("stress", re.compile(r"\b(stress\w*|calm\w*|relax\w*|easy[- ]going|pressure)\b", re.I)),
    (
        "schooling",
        re.compile(
            r"\b(degree|school\w*|quick\w*|fast\w*|short\w*|educat\w*|train\w*|study|college|uni\w*|diploma)\b", re.I
        ),
    ),
    ("outlook", re.compile(r"\b(demand|growth|growing|openings|outlook|future|secure)\b", re.I)),
    ("pay", re.compile(r"\b(pay\w*|paid|salary|money|earn\w*)\b", re.I)),
]


# How close in meaning "the one for kids" must be to one choice (cosine of titles plus half
# the best task's), and ahead of the next: "kids" gives pediatricians 0.55 against 0.24,
# a typo like "frist" gives every choice about 0.3.
CLEAR_MEANING = 0.4
QUESTION_STARTS = {"what", "whats", "what's", "wat", "wats", "hows", "how's", "how", "which", "why", "when", "where", "who", "is", "are", "do",
                   "does", "can", "could", "would", "should", "will"}  # fmt: skip
# An answer in words to "which one is closest?" is short; longer messages are new statements.
LONGEST_ANSWER = 10
CLEAR_MARGIN = 0.1


@dataclass(frozen=True)
class Question:
    aspects: tuple[str, ...]  # what is asked: pay, education, outlook, tasks, cluster, stress, verdict
    ranking: str | None = None  # "which of those ..." by stress, schooling, outlook or pay


def read_question(text: str) -> Question:
    """The aspects a question about an occupation asks for; none means "tell me about it"."""
    found = [name for name, pattern in ASPECTS.items() if pattern.search(text)]
    if "verdict" in found:
        found = ["verdict"]
    elif len(found) > 1 and "tasks" in found:
        # "do" and "does" come with every question ("what does it pay"); tasks only when alone.
        found.remove("tasks")
    ranking = None
    if WHICH_OF.search(text):
        ranking = next((name for name, pattern in RANKINGS if pattern.search(text)), None)
    return Question(aspects=tuple(found), ranking=ranking)


def position(text: str, count: int) -> int | None:
    """The index a message points at in a list of `count` items, if it names a position."""
    found = POSITION.search(text)
    if not found or count == 0:
        return None
    word = (found.group("ord") or found.group("num") or found.group("bare") or "").lower()
    index = count - 1 if word == "last" else ORDINALS.get(word)
    return index if index is not None and index < count else None


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z]{3,}", text.lower())} - {"the", "one", "and", "for", "with"}


def by_description(catalogue: Catalogue, words: str, codes: list[str]) -> str | None:
    """Which listed occupation "the security one" or "the one for kids" means: a word of
    its titles first; failing that, the closest in meaning (titles and tasks), if clearly."""
    wanted = _words(words)
    if not wanted:
        return None
    overlaps = {}
    for code in codes:
        occupation = catalogue.occupations[code]
        titles = " ".join([occupation.title, *(alt.title for alt in occupation.alternate_titles)])
        overlaps[code] = (len(wanted & _words(titles)), len(wanted & _words(occupation.title)))
    most = max(overlaps.values(), default=(0, 0))
    # "customer service reps": the choice whose titles hold most of the words, its own
    # title first among equals.
    hits = [code for code in codes if most[0] and overlaps[code] == most]
    if len(hits) == 1:
        return hits[0]
    from bot.matching import matcher_for  # the word vectors load on first use

    matcher = matcher_for(catalogue)
    if not hits:
        named = matcher.resolve(words)
        if named.kind == "role" and named.source == "title" and named.best.code not in codes:
            return None  # "carpenter" after a list without carpenters: a job of its own, not a choice
    scores = matcher.semantic().scores(words, sentence=False)
    ranked = sorted(hits or codes, key=lambda c: scores.get(c, 0.0), reverse=True)
    if len(ranked) == 1:
        return ranked[0]
    best, second = (scores.get(c, 0.0) for c in ranked[:2])
    return ranked[0] if best >= CLEAR_MEANING and best - second >= CLEAR_MARGIN else None


def referent(catalogue: Catalogue, text: str, listed: list[str] | None, subject: str | None = None) -> str | None:
    """The occupation a message refers back to among `listed` (the codes the person last
    saw, in order), or the conversation's `subject` for "that one"."""
    codes = [c for c in (listed or []) if c in catalogue.occupations]
    index = position(text, len(codes))
    if index is not None:
        return codes[index]
    described = DESCRIBED.search(text)
    if described and codes:
        words = described.group("before") or described.group("after") or ""
        if words.lower() not in {"same", "other", "next", "last", "first", "second", "third"}:
            found = by_description(catalogue, words, codes)
            if found:
                return found
    if THAT_ONE.search(text) and subject in catalogue.occupations:
        return subject
    return None


def choice_in_words(catalogue: Catalogue, text: str, candidates: list[str]) -> str | None:
    """An answer to "which one is closest?" typed instead of clicked: a position, a
    description, or words of exactly one candidate's titles ("paediatrics", "the vet")."""
    found = referent(catalogue, text, candidates)
    if found:
        return found
    if len(text.split()) > LONGEST_ANSWER or is_question(text):
        return None  # "what career cluster would that fall under" asks; it doesn't choose
    return by_description(catalogue, text, candidates) if _words(text) else None


# Words a follow-up opens with before its question ("and what schooling would I need").
LEAD_INS = {"and", "but", "so", "ok", "okay", "also", "then", "well", "oh", "right", "cool", "great", "thanks",
            # "oh actually quick one, is being a flight attendant a good job"
            "actually", "btw", "hey", "wait", "hmm", "anyway", "quick", "one", "random", "q", "question", "now",
            "alright", "sorry"}  # fmt: skip


def is_question(text: str) -> bool:
    words = [w.strip(",.!:-") for w in text.strip().lower().split()]
    while words and words[0] in LEAD_INS:
        words = words[1:]
    if text.rstrip().endswith("?") or bool(words and words[0] in QUESTION_STARTS):
        return True
    # "art director. what would I need to learn": a later sentence asks.
    later = [sentence.split() for sentence in re.split(r"[.!;:]\s+", text.strip().lower())[1:]]
    return any(sentence and sentence[0] in QUESTION_STARTS for sentence in later)


# "are those pounds?", "what would that be in rupees": about the currency of the figures.
OTHER_CURRENCY = re.compile(
    r"(?:£|€|₹)|\b(?:pounds?|quid|gbp|euros?|rupees?|inr|lakhs?|aud|cad|nzd|"
    r"(?:australian|canadian|nz|new zealand) dollars|in (?:the )?(?:uk|britain|england|scotland|ireland|australia|"
    r"canada|india|new zealand|nz|europe))\b",
    re.I,
)


def asks_about_currency(text: str) -> bool:
    return bool(
        OTHER_CURRENCY.search(text)
        and (is_question(text) or re.search(r"\b(pay|paid|salary|wage|money|those|that)\b", text, re.I))
    )


# "do you need a degree for it", "hows the job market for them": the occupation just discussed.
# "do you have to do an apprenticeship": anyone in that job.
PRONOUN = re.compile(r"\b(?:it|its|that|them|they|their|this|you (?:need|have to|require|get))\b", re.I)
# "and the money?", "what quals do you need": too short to be about anything but what was just said.
SHORT_FOLLOW_UP = 10
# "what jobs pay well", "anything else with less school": about other roles, not this one.
OTHER_ROLES = re.compile(r"\b(jobs?|roles?|careers?|options?|something|anything|else|other|alternatives?)\b", re.I)


# "pay difference between the two?", "compare them": the two occupations just talked about.
BOTH = re.compile(r"\b(?:the|these|those) two\b|\bboth\b|\bbetween them\b|\bcompar\w*\b", re.I)


# "what about plumbers?", "hmm, and electricians?": the last question again, about another occupation.
WHAT_ABOUT = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:what|how)(?:'s|s| is)?\s+about\b|^\W*and\s+(?:for\s+)?(?:an?\s+)?\w+", re.I
)
# "show me the options again", "what were those jobs again?", "go back to the list": the
# last list as it was, not the next page of it.
LIST_AGAIN = re.compile(
    r"\b(?:again|repeat|remind me|what were|back to (?:the|that|those|your) (?:list|options|jobs|roles|ones))\b", re.I
)
# Pointing back at a list: "the options", "those", not "nursing jobs".
LISTED = re.compile(
    r"\b(?:(?:the|those|these|your) (?:options?|list|jobs|roles|ones|suggestions|choices)|those|them)\b", re.I
)


def wants_list_again(text: str) -> bool:
    return bool(LIST_AGAIN.search(text) and LISTED.search(text))


# "how do I switch into it", "how would I get into that one": the move, from the job they have.
MOVE_ASK = re.compile(
    r"\b(learn|carr(?:y|ies) over|transferable|skills gap|get there|switch\w*|move into|moving into|"
    r"get into|transition\w*|make the (?:jump|move|switch)|becom(?:e|ing))\b",
    re.I,
)


def refers_back(text: str, question: Question) -> str | None:
    """How a question refers to what the conversation was just discussing: "pronoun"
    ("is it growing", "do you need a degree for it"), "elliptic" (a few words that can
    only be about it: "and the money?", "what quals do you need"), or None."""
    if not question.aspects or not is_question(text):
        return None
    if PRONOUN.search(text):
        return "pronoun"
    other = OTHER_ROLES.search(text) and question.aspects != ("outlook",)  # "will there still be jobs"
    if len(text.split()) <= SHORT_FOLLOW_UP and question.aspects != ("tasks",) and not other:
        return "elliptic"
    return None


# "ok back to data science, what degree do i need": the conversation returns to a subject.
BACK_TO = re.compile(
    r"\b(?:go(?:ing)?\s+|get(?:ting)?\s+|com(?:e|ing)\s+)?back\s+to\s+"
    # "without going back to school", "back to work", "back to me": not a subject to return to.
    r"(?!(?:school|uni|university|college|study|studying|education|work|basics|my|me|mine|our|us|the start)\b)"
    r"(?P<topic>[a-z][\w'& -]*?)"
    r"(?=\s*[,.;:?!]|\s+(?:what|whats|what's|which|how|is|are|do|does|can|could|and|then)\b|\s*$)",
    re.I,
)


def returned_to(text: str) -> str | None:
    """The words for the subject a message goes back to ("data science"), if it says so."""
    found = BACK_TO.search(text)
    return found.group("topic").strip() if found else None


def described_words(text: str) -> str | None:
    """The describing words of "the physical one" / "the one for kids", if the message has them."""
    found = DESCRIBED.search(text)
    return (found.group("before") or found.group("after")) if found else None


def shared_head(catalogue: Catalogue, codes: list[str]) -> str | None:
    """The last word most of the candidates' titles share ("Therapists" for art, recreational
    and marriage and family therapists): what the clarifying question was about."""
    heads = [catalogue.occupations[c].title.split(",")[0].split()[-1] for c in codes if c in catalogue.occupations]
    if not heads:
        return None
    best = max(set(heads), key=heads.count)
    return best if heads.count(best) * 2 > len(heads) else None


# "none of those. legal secretary": the answer to "which one?" is the words after the refusal.
NONE_OF_THESE = re.compile(
    r"^\W*(?:no+[,.!]?\s+)?(?:none of (?:those|these|them|the above|that)|neither(?: of (?:those|these|them))?|"
    r"not (?:those|these|any of (?:those|these|them)))\b\W*(?P<rest>.*)$",
    re.I,
)


def after_none_of_these(text: str) -> str | None:
    """The job said after "none of those", or None when nothing follows."""
    found = NONE_OF_THESE.match(text)
    rest = found.group("rest").strip() if found else ""
    return rest if _words(rest) else None


def correction(text: str) -> str | None:
    """ "no, I meant a vet" -> "a vet": the words a correction puts in place of the last reading."""
    found = NOT_THAT_BUT.search(text) or CORRECTION.match(text)
    rest = found.group("rest").strip() if found else ""
    return rest if len(_words(rest)) >= 1 else None


def rank(catalogue: Catalogue, codes: list[str], ranking: str) -> list[str]:
    """The listed occupations, best first for a "which of those" question; those the data
    has nothing on are left out."""
    occupations = [catalogue.occupations[c] for c in codes if c in catalogue.occupations]
    keys = {
        "stress": lambda o: o.stress_tolerance,
        "schooling": lambda o: education_rank(o) if education_rank(o) is not None else o.job_zone,
        "outlook": lambda o: -o.growth_percent if o.growth_percent is not None else None,
        "pay": lambda o: -o.median_wage if o.median_wage else None,
    }
    key = keys[ranking]
    known = [o for o in occupations if key(o) is not None]
    return [o.code for o in sorted(known, key=key)]
