"""Roles described by what people do ("I fix cars for a living", "I cut hair").

Each occupation is a bag of words from its O*NET task statements and titles; a message is
scored against all of them with BM25 (rare words count more, repeats saturate, long task
lists are not penalised much) after everyday words are mapped to the words task
statements use ("fix" -> repair, "car" -> automobile).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from bot import text as T
from bot.catalogue import Catalogue, load_tasks

# First-person cues that a message describes the speaker's own work ("I fix cars");
# "my" alone is not one ("fix my laptop" is a request).
SELF = {"i", "we", "i'm", "im"}
FILLER = {
    "living",
    "day",
    "daily",
    "everyday",
    "people",
    "thing",
    "stuff",
    "job",
    "work",
    "lot",
    "bunch",
    "kind",
    "sort",
    # how people feel about the work says nothing about what the work is
    "want",
    "again",
    "hate",
    "love",
    "like",
    "enjoy",
    "miss",
    "year",
    "time",
    "good",
    "bad",
    "worst",
    "best",
    "still",
}
MIN_SCORE = 0.12
QUESTION_WORDS = {
    "how",
    "can",
    "could",
    "should",
    "where",
    "what",
    "when",
    "why",
    "do",
    "does",
    "will",
    "would",
    "is",
    "are",
}


@dataclass(frozen=True)
class ActivityMatch:
    code: str
    score: float


class ActivityIndex:
    def __init__(self, catalogue: Catalogue, tasks: dict[str, tuple[str, ...]] | None = None):
        self.catalogue = catalogue
        tasks = tasks if tasks is not None else load_tasks(codes=set(catalogue.occupations))
        self.tasks = tasks  # shared with the semantic index, which reads the same statements
        self.synonyms = {T.lemma(k): [T.lemma(w) for w in v] for k, v in catalogue.vocabulary.activity_words.items()}
        documents: dict[str, Counter] = {}
        self.verbs: set[str] = set()
        for code, lines in tasks.items():
            bag: Counter = Counter()
            for line in lines:
                words = [w for w in T.lemmas(line) if w.isalpha() and w not in T.STOP]
                if words:
                    self.verbs.add(words[0])
                bag.update(words)
            occupation = catalogue.occupations[code]
            for title in [occupation.title, *(t.title for t in occupation.alternate_titles)]:
                bag.update(w for w in T.lemmas(title) if w.isalpha() and w not in T.STOP)
            documents[code] = bag
        self.verbs |= {w for words in self.synonyms.values() for w in words}
        frequency = Counter(word for bag in documents.values() for word in bag)
        total = len(documents)
        self.idf = {w: math.log(1 + (total - n + 0.5) / (n + 0.5)) for w, n in frequency.items()}
        self.bags = documents
        self.lengths = {code: sum(bag.values()) for code, bag in documents.items()}
        self.mean_length = sum(self.lengths.values()) / max(total, 1)
        self.postings: dict[str, list[str]] = defaultdict(list)
        for code, bag in documents.items():
            for word in bag:
                self.postings[word].append(code)

    def describes_own_work(self, words: list[str]) -> bool:
        lowered = [w.lower() for w in words]
        # "How do I fix my wifi?" asks how to do something; it does not say what one does.
        if lowered and lowered[0] in QUESTION_WORDS:
            return False
        cue = any(T.lemma(w) in self.verbs or T.lemma(w) in self.synonyms for w in lowered)
        return bool(SELF & set(lowered)) and cue

    def query(self, words: list[str]) -> dict[str, float]:
        weights: dict[str, float] = defaultdict(float)
        for word in words:
            lemma = T.lemma(word)
            if lemma in T.STOP or lemma in FILLER or not lemma.isalpha():
                continue
            weights[lemma] = max(weights[lemma], 1.0)
            for synonym in self.synonyms.get(lemma, []):
                weights[synonym] = max(weights[synonym], 0.8)
        return {w: n for w, n in weights.items() if w in self.idf}

    def match(self, words: list[str], top: int = 5) -> list[ActivityMatch]:
        """Occupations whose tasks best match a first-person description of work."""
        if not self.describes_own_work(words):
            return []
        query = self.query(words)
        if not query:
            return []
        k1, b = 1.2, 0.5
        scores: dict[str, float] = defaultdict(float)
        for word, weight in query.items():
            for code in self.postings.get(word, ()):
                tf = self.bags[code][word]
                norm = tf * (k1 + 1) / (tf + k1 * (1 - b + b * self.lengths[code] / self.mean_length))
                scores[code] += weight * self.idf[word] * norm
        # Scale by the best possible score for this query, so 1.0 means every word matched.
        ceiling = sum(weight * self.idf[word] * (k1 + 1) for word, weight in query.items()) or 1.0
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            ActivityMatch(code, round(score / ceiling, 3))
            for code, score in ranked[:top]
            if score / ceiling >= MIN_SCORE
        ]
