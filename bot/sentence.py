"""Find the job in a sentence: what someone does, without where, for whom or how long.

"I do the accounts for a hospital" is about accounts, not hospitals; "I'm a postie in
rural Donegal, 20 years on the same round" is about a postie. A place, an employer or a
duration usually follows the job as a phrase opened by a preposition, so the job is what
comes before the first such phrase, as long as that part says something on its own ("I
work in a hospital" does not, and stays whole).
"""

from __future__ import annotations

import re

from bot import text as T

# Words that open the phrase after a job: a place ("at a cafe", "in Salford"), an
# employer ("for the council", "with Ryanair"), a time ("since 2019").
OPENERS = frozenset({"at", "for", "in", "with", "on", "near", "from", "across", "around", "since", "during"})
# Verbs that say nothing about the work by themselves: "I work", "I've been", "spent".
EMPTY = frozenset({"work", "be", "do", "have", "get", "spend", "use", "go", "start", "employ", "base", "help"})


def _says_something(words: list[str]) -> bool:
    return any(w.isalpha() and w not in T.STOP and T.lemma(w) not in EMPTY for w in words)


def job_part(text: str) -> str | None:
    """The message up to the first place, employer or time phrase, or None when there is
    none or what comes before it is too empty to stand alone."""
    spans = T.word_spans(text)
    for index, (word, start, _) in enumerate(spans):
        if index and word.lower() in OPENERS and _says_something([w.lower() for w, _, _ in spans[:index]]):
            return text[:start].rstrip(" ,;:-–(")
    return None


# Words people call each other ("cheers mate", "that's my actual job mate."): when one
# ends a clause and nothing makes it a noun ("a mate", "first mate", "the ship's mate"),
# it addresses the reader and names no job.
ADDRESS = re.compile(r"(?<![\w'])(?:mate|buddy|pal|bro|dude)(?=\s*(?:[,.!?;]|$))", re.I)
NOT_ADDRESS_AFTER = frozenset(
    {"a", "an", "the", "first", "second", "third", "chief", "my", "his", "her", "your", "our"}
)


def blank_address(text: str) -> str:
    """The message with words of address blanked out, same length (offsets stay true)."""

    def blank(found: re.Match[str]) -> str:
        before = text[: found.start()].split()
        previous = before[-1].lower().strip(",.!?;") if before else ""
        if previous in NOT_ADDRESS_AFTER or previous.endswith("'s"):
            return found.group(0)
        return " " * len(found.group(0))

    return ADDRESS.sub(blank, text)
