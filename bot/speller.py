"""Read a message as the title index's words: lemmas, typos fixed, compounds split, abbreviations spelled out.

Corrections only ever lead to words that occur in some title (bot/title_index.py), so
a typo in a job title is fixed and an everyday English word is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import text as T
from bot.title_index import LONG_WORD, SHORTEST_TYPO, TitleIndex

# Shorter words split into chance pairs of short title words.
SHORTEST_COMPOUND = 8
SHORTEST_HALF = 3


@dataclass
class Tokenised:
    """A message in the index's words, with the way back to the characters typed."""

    raw: list[str]  # words as typed
    tokens: list[str]  # lemmas with typos fixed and compounds split
    offsets: list[tuple[int, int]]  # characters of the typed word each token came from
    expanded: list[str]  # tokens with abbreviations spelled out
    origin: list[int]  # the token each expanded token came from
    prefers_expansion: bool


class Speller:
    """Spelling correction, compound splitting and abbreviations over one TitleIndex."""

    def __init__(self, index: TitleIndex):
        self.index = index

    def correct(self, word: str) -> str:
        """Fix a typo in a word no dictionary knows, using the words of the titles."""
        index = self.index
        lower = word.lower()
        lem = T.lemma(lower)
        # "pipefitters", a plural the lemma table doesn't know: the titles' singular.
        singular = next((f for f in T.singular_forms(lower) if f in index.vocab), None) if lem == lower else None
        if singular and not T.is_english_word(lower):
            return singular
        if lem in index.vocab:
            return lem
        # "call centre", "labourer", "paediatric": the American spelling the titles use.
        american = next((T.lemma(f) for f in T.american_forms(lower) if T.lemma(f) in index.vocab), None)
        if american:
            return american
        if T.is_english_word(lower) or len(lower) < SHORTEST_TYPO or not lower.isalpha():
            return lem
        # "bartending" is no dictionary's word but is the work of a bartender: the agent
        # noun, rather than the nearest title word by spelling ("bending").
        agent = next((a for a in T.agent_nouns(lower) if a in index.vocab), None)
        if agent:
            return agent
        limit = 1 if len(lower) < LONG_WORD else 2
        candidates = set()
        variants = T.deletes(lower)
        if limit == 2:  # "practioner" is two letters short of "practitioner"
            variants = {v2 for v in variants for v2 in T.deletes(v)}
        for variant in variants:
            candidates |= index.deletes.get(variant, set())
        # Closest first; then a title's last word, then the commoner word.
        scored = sorted(
            (T.edit_distance(lower, c, limit), c not in index.heads, -len(index.postings[c]), c) for c in candidates
        )
        if not scored and limit == 2:
            # Two letters missing ("practioner") escape the deletion index; long words are
            # rare enough to compare with the few title words that start the same way.
            scored = sorted(
                (T.edit_distance(lower, c, limit), c not in index.heads, -len(index.postings[c]), c)
                for c in index.by_prefix.get(lower[:3], ())
                if abs(len(c) - len(lower)) <= 2
            )
        if scored and scored[0][0] <= limit:
            return scored[0][3]
        return lem

    def split_compound(self, word: str) -> list[str] | None:
        """ "stockbroker" -> ["stock", "broker"] when both halves are title words."""
        vocab = self.index.vocab
        lower = word.lower()
        if len(lower) < SHORTEST_COMPOUND or not lower.isalpha() or T.lemma(lower) in vocab:
            return None
        for cut in range(SHORTEST_HALF, len(lower) - SHORTEST_HALF + 1):
            head, tail = T.lemma(lower[:cut]), T.lemma(lower[cut:])
            if head in vocab and tail in vocab and (head, tail) in self.index.bigrams:
                return [head, tail]
        return None

    def tokenise(self, text: str) -> Tokenised:
        """One pass over the message, shared by Matcher.resolve() and Matcher.tag()."""
        raw: list[str] = []
        words: list[str] = []
        offsets: list[tuple[int, int]] = []
        for word, start, end in T.word_spans(text):
            raw.append(word)
            for part in self.split_compound(word) or [word]:
                words.append(part)
                offsets.append((start, end))
        tokens = [self.correct(w) for w in words]
        expanded: list[str] = []
        origin: list[int] = []
        for index, (word, token) in enumerate(zip(words, tokens, strict=False)):
            abbreviation = self.index.abbreviations.get(word.lower())
            # Capitals ("IT") or a word no dictionary knows ("cpa") is an abbreviation; "it" is a
            # word. A curated one of three letters or more ("dev") is one in any case; shorter
            # ones are too often other things in chat ("pt" part-time, "hr" hour).
            curated = len(word) >= 3 and word.lower() in self.index.preferred
            parts = (
                list(abbreviation)
                if abbreviation and (word.isupper() or curated or not T.is_english_word(word))
                else [token]
            )
            expanded.extend(parts)
            origin.extend([index] * len(parts))
        # A curated abbreviation in capitals ("PT") means what we say it means, even
        # where some O*NET title uses the same letters for something else.
        preferred = any(w.isupper() and w.lower() in self.index.preferred for w in raw)
        return Tokenised(raw, tokens, offsets, expanded, origin, preferred)

    @staticmethod
    def corrected(tokenised: Tokenised) -> bool:
        """Whether spelling correction, compound splitting or an abbreviation changed a word."""
        return tokenised.expanded != tokenised.tokens or any(
            T.lemma(raw.lower()) != token for raw, token in zip(tokenised.raw, tokenised.tokens, strict=False)
        )
