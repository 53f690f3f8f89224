"""Turn text into comparable tokens: spaCy tokenizer + lookup lemmatizer, offline.

A blank English pipeline with the lemma lookup table from spacy-lookups-data needs no
model download, so the assistant starts the same way on every machine.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


# Words that carry no role or interest however they are used in a chat message.
EXTRA_STOP = {"job", "work", "career", "year", "years", "time", "lot", "thing", "stuff", "really", "like", "love"}
STOP = _stop_words() | EXTRA_STOP


@lru_cache(maxsize=1)
def nlp():  # -> spacy.language.Language
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    return pipeline


@lru_cache(maxsize=1)
def _lemma_table() -> dict:
    return nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


@lru_cache(maxsize=1)
def _base_forms() -> frozenset[str]:
    """Every word the table names as a lemma: base forms such as "number" or "rain"."""
    return frozenset(_lemma_table().values())


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Lower-case lemma of one word ("Nurses" -> "nurse").

    The lookup table also maps some base forms onward ("number" -> "numb", as if it
    meant "more numb"; "planer" -> "plane"), so a word that is itself some other word's
    lemma stays as it is: "numbers" and "number" both become "number"."""
    lower = word.lower()
    if lower in _base_forms():
        return lower
    return _lemma_table().get(lower, lower)


@lru_cache(maxsize=1)
def _adverbs() -> frozenset[str]:
    """WordNet's adverbs, from the rule lemmatizer's index in spacy-lookups-data.

    The lookup table lists inflected words, and adverbs don't inflect: without these,
    "actually" would be read as a typo of "actuary" and "basically" as one of "basket"."""
    from spacy.lookups import load_lookups

    return frozenset(load_lookups("en", ["lemma_index"]).get_table("lemma_index")["adv"])


# Chat words no dictionary lists; "dunno" is not a typo of a title word.
CHAT_WORDS = frozenset(
    "dunno gonna wanna gotta kinda sorta lemme gimme innit ngl tbh idk imo imho lol lmao omg pls plz thx cuz coz "
    "tho yeah yep yup nope nah hmm hmmm umm uhh ok okay".split()
)


def is_english_word(word: str) -> bool:
    """True when the lemma table, WordNet's adverbs, the stop-word list or CHAT_WORDS know
    the word, in any form."""
    lower = word.lower()
    return (
        lower in STOP or lower in CHAT_WORDS or lower in _lemma_table() or lower in _base_forms() or lower in _adverbs()
    )


def words(text: str) -> list[str]:
    """The word tokens of text, in order, punctuation and spaces dropped."""
    return [t.text for t in nlp().tokenizer(text) if not (t.is_punct or t.is_space)]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Like words(), with each word's start and end character offsets."""
    return [(t.text, t.idx, t.idx + len(t.text)) for t in nlp().tokenizer(text) if not (t.is_punct or t.is_space)]


def lemmas(text: str) -> tuple[str, ...]:
    return tuple(lemma(w) for w in words(text))


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, stopping past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def deletes(word: str) -> set[str]:
    """The word and every string one deletion away (the SymSpell neighbourhood)."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


# British spellings and their American forms, in which O*NET writes nearly every title:
# "centre", "labourer", "paediatric", "counsellor", "programme", "licence".
BRITISH = [
    (re.compile(r"(?<=[^aeiou])re(?=s?$)"), "er"),
    (re.compile(r"our(?=(?:er|ers|s|ing|ed)?$)"), "or"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe(?=[^s]|$)"), "e"),
    (re.compile(r"is(?=(?:e|es|ed|er|ers|ing|ation|ations)$)"), "iz"),
    (re.compile(r"ys(?=(?:e|es|ed|er|ers|ing)$)"), "yz"),
    (re.compile(r"ogue(?=s?$)"), "og"),
    (re.compile(r"ll(?=(?:or|ors|er|ers|ing|ed)$)"), "l"),
    (re.compile(r"mme(?=s?$)"), "m"),
    (re.compile(r"ence(?=s?$)"), "ense"),
]


def american_forms(word: str) -> list[str]:
    """The American spellings a (possibly British) word could stand for, one rule at a time."""
    lower = word.lower()
    forms = []
    for pattern, replacement in BRITISH:
        changed = pattern.sub(replacement, lower)
        if changed != lower and changed not in forms:
            forms.append(changed)
    return forms


def singular_forms(word: str) -> list[str]:
    """What a plural the lemma table doesn't list may be the plural of: "pipefitters"."""
    lower = word.lower()
    if not lower.endswith("s") or lower.endswith("ss") or len(lower) < 4:
        return []
    forms = [lower[:-1]]
    if lower.endswith("ies"):
        forms.insert(0, lower[:-3] + "y")
    elif lower.endswith("es"):
        forms.append(lower[:-2])
    return forms


def agent_nouns(word: str) -> list[str]:
    """Who does what an -ing word names: "bartending" -> "bartender", "consulting" -> "consultant"."""
    lower = word.lower()
    if not lower.endswith("ing") or len(lower) < 6:
        return []
    stem = lower[:-3]
    return [stem + "er", stem + "or", stem + "ant", stem + "ist", stem + "r", stem]
