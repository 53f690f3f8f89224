"""Is a message in English? The assistant only understands English, and a French or
Chinese message must get a polite explanation, not a wrong occupation."""

from __future__ import annotations

import re

from bot import text as T

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def looks_english(message: str, vocabulary: set[str] | frozenset[str] = frozenset()) -> bool:
    """False when most words are unknown to English word lists and to the job titles.

    Short messages ("RN", "hi") and messages that are mostly titles pass: a wrong "no"
    would refuse a real question, a wrong "yes" only reaches the usual matcher."""
    words = WORD.findall(message)
    if not words:
        return True
    letters = "".join(words)
    non_latin = sum(1 for ch in letters if ord(ch) > 0x24F)
    if non_latin > len(letters) / 2:
        return False
    if len(words) < 3:
        return True
    known = sum(1 for w in words if T.is_english_word(w) or T.lemma(w) in vocabulary)
    return known / len(words) >= 0.6


def knows_no_word(message: str, vocabulary: set[str] | frozenset[str]) -> bool:
    """True when the message has words and not one of them is English, a catalogue word
    or a word of the vocabulary ("qwerty uiop", "blorp zzzt").

    A classifier still gives such a message some intent, now and then a confident one
    ("thank"), and the person would get a reply to something they never said."""
    words = WORD.findall(message)
    return bool(words) and not any(
        T.is_english_word(w) or w.lower() in vocabulary or T.lemma(w) in vocabulary for w in words
    )
