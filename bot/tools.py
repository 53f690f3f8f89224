"""Software named in a message as evidence of the job: "Revit and AutoCAD", "Opera PMS",
"QuickBooks". O*NET lists the software used in each occupation (Technology Skills,
data/catalogue/technology.yml); a tool few occupations use says a lot, Excel says nothing.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable

from bot import text as T

# A tool word used by more occupations than this is office software, not evidence.
MAX_OCCUPATIONS = 200
NAME_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#]*")


class ToolIndex:
    """`common(word)` says whether a lower-case word is everyday language ("simply",
    "power"), which counts as a tool name only when capitalised inside a sentence."""

    def __init__(self, technology: dict[str, tuple[str, ...]], common: Callable[[str], bool] = T.is_english_word):
        self.common = common
        holders: dict[str, set[str]] = defaultdict(set)
        for code, names in technology.items():
            for name in names:
                for word in NAME_WORD.findall(name):
                    if len(word) > 2:
                        holders[word.lower()].add(code)
        total = max(len(technology), 1)
        self.holders = {w: codes for w, codes in holders.items() if len(codes) <= MAX_OCCUPATIONS}
        self.idf = {w: math.log(total / len(codes)) for w, codes in self.holders.items()}

    def named(self, text: str) -> list[str]:
        """Tool words in the message. An everyday English word counts only when written
        with a capital inside a sentence ("Opera PMS", not "I love opera")."""
        found = []
        for index, (word, _, _) in enumerate(T.word_spans(text)):
            lower = word.lower()
            if lower not in self.holders:
                continue
            if self.common(lower) and (index == 0 or not word[:1].isupper()):
                continue
            found.append(lower)
        return list(dict.fromkeys(found))

    def scores(self, text: str) -> dict[str, float]:
        """Per occupation that uses a named tool: the rarity of the tools it shares with
        the message, scaled so the best occupation has 1."""
        totals: dict[str, float] = defaultdict(float)
        for word in self.named(text):
            for code in self.holders[word]:
                totals[code] += self.idf[word]
        best = max(totals.values(), default=0.0)
        return {code: value / best for code, value in totals.items()} if best else {}
