"""Meaning, not spelling: how close a message is to each occupation's titles and tasks.

The lexical matcher knows O*NET's 56,000 titles word for word, and fails on the ways people
describe a job without one ("I keep the servers patched"), with words O*NET doesn't use
("cabin crew", "sparky") or with a workplace that shares a word with some title ("a round",
"the base"). Static word vectors generalise across those: a text is the average of its
sub-word vectors, and related words sit close together.

The vectors are WordLlama's `l2_supercat_256` (256 dimensions, 32,000 sub-words), which
ship inside the `wordllama` wheel from PyPI (requirements-vectors.lock). We read its two
data files and do the averaging ourselves: nothing is downloaded at run time, and the
wordllama package itself is never imported.

Averaged words lose order and context, so a sentence model (bot/encoder.py) reads the same
titles and tasks as whole sentences; its vectors are precomputed in the catalogue
(bot/catalogue/sentences.py). The two closeness scores are averaged: each finds right
occupations the other misses (docs/benchmarks.md, "Sentence meaning").
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from bot import text as T
from bot.catalogue import Catalogue, load_tasks
from bot.catalogue.sentences import stored_digest, vectors_for
from bot.encoder import SHA256 as ENCODER_SHA256
from bot.encoder import SentenceEncoder
from bot.settings import settings

WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
# The files these scores were tuned with; another build of the package gives other numbers.
SHA256 = {
    WEIGHTS: "64b47a2dc493cb8e85944076601189739852d7b64e0e1eedcb1937a251cd9fd5",
    TOKENIZER: "93248f2a9ec36c7b35f700a033d5f36228aae48db61aee31007fa49062cdeb68",
}
# A task statement that fits counts half as much as a title that fits: tasks are long and
# share generic verbs ("coordinate", "prepare"), titles are what people call the job.
TASK_WEIGHT = 0.5
# The sentence model's share of the meaning of a message, the averaged words' the rest.
# A fragment of a word or two ("data science", "the physical one") is read by the words
# alone: the sentence model was trained on sentences, and every threshold on fragments
# (bot/matching.py FIELD_MEANING, bot/questions.py CLEAR_MEANING) is on the words' scale.
SENTENCE_SHARE = 0.5
# Messages whose sentence vectors are kept (a few turns' worth of readings).
SENTENCE_CACHE = 256


class VectorsMissing(RuntimeError):
    """The word vectors are not installed (scripts/setup.sh installs them)."""


def _package_dir() -> Path:
    # find_spec locates the package without running its __init__, which would import
    # numpy>=2 and pydantic>=2.
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise VectorsMissing("the word vectors are missing: run `make setup` (it installs requirements-vectors.lock)")
    return Path(next(iter(spec.submodule_search_locations)))


def _checked(path: Path) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    expected = SHA256[str(path.relative_to(path.parents[1]))]
    if digest != expected:
        raise VectorsMissing(f"{path} is not the file this matcher was tuned with (sha256 {digest})")
    return path


class WordVectors:
    """Text -> unit vector: the mean of its sub-word vectors."""

    def __init__(self, directory: Path | None = None):
        from tokenizers import Tokenizer

        self.base = directory or _package_dir()
        self.tokenizer = Tokenizer.from_file(str(_checked(self.base / TOKENIZER)))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.weights = _checked(self.base / WEIGHTS)  # refused now, not at the first message

    @cached_property
    def table(self) -> np.ndarray:
        """Read on first use: a process that only asks whole_word() (the Rasa server, for
        the software index) never holds it."""
        from safetensors.numpy import load_file

        return load_file(str(self.weights))["embedding.weight"].astype(np.float32)

    def whole_word(self, word: str) -> bool:
        """Whether the vocabulary has the word as one piece: frequent words do ("simply",
        "python"), product names mostly don't ("autocad" is aut+oc+ad)."""
        return len(self.tokenizer.encode(word, add_special_tokens=False).ids) == 1

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length row per text (zeros for a text without sub-words)."""
        rows = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        for row, encoding in enumerate(self.tokenizer.encode_batch(texts, add_special_tokens=False)):
            if encoding.ids:
                rows[row] = self.table[encoding.ids].mean(axis=0)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return rows / norms


def content_words(text: str) -> str:
    """The message without function words ("I", "was", "a", "at"), which would otherwise
    pull every long message toward the same average."""
    words = [word for word, _, _ in T.word_spans(text)]
    kept = [word for word in words if word.lower() not in T.STOP]
    return " ".join(kept or words)


@dataclass
class _Rows:
    """Embedded texts grouped by occupation, so a per-occupation maximum is one reduceat."""

    matrix: np.ndarray
    starts: np.ndarray  # first row of each occupation in `codes` order
    present: np.ndarray  # which occupations have any rows
    texts: list[str]  # what each row embeds
    # Row i of the grouping is matrix[take[i]] (a title several occupations share is
    # embedded once); None when the matrix is already in grouping order.
    take: np.ndarray | None = None


@dataclass(frozen=True)
class Query:
    """A message as both models read it: averaged words and the sentence (None when only
    the words are wanted)."""

    words: np.ndarray
    sentence: np.ndarray | None


def cache_dir() -> Path | None:
    """Where embedded catalogues are kept between runs (CAREER_CACHE_DIR, default
    ~/.cache/career-assistant/vectors; "off" disables the cache)."""
    setting = settings().career_cache_dir
    if setting.lower() == "off":
        return None
    return Path(setting) if setting else Path.home() / ".cache" / "career-assistant" / "vectors"


def _embedded(vectors: WordVectors, texts: list[str]) -> np.ndarray:
    """vectors.embed(texts), from the cache when these exact texts were embedded with
    these exact vectors before: embedding 80,000 texts is most of a cold start."""
    digest = hashlib.sha256("\n".join([SHA256[WEIGHTS], SHA256[TOKENIZER], *texts]).encode()).hexdigest()
    return kept(digest, (len(texts), vectors.table.shape[1]), lambda: vectors.embed(texts))


def kept(digest: str, shape: tuple[int, int], compute: Callable[[], np.ndarray]) -> np.ndarray:
    """compute(), kept as a file in the cache folder and mapped read-only from there.

    The Rasa server and the action server both hold this index; mapped from one file,
    its pages are in memory once for every process on the machine (and every replica)
    instead of a private copy each. `digest` names what was computed from what. A file is
    only ever replaced (os.replace), never rewritten, so a running process keeps reading
    the rows it mapped."""
    folder = cache_dir()
    if folder is None:
        return compute()
    path = folder / f"{digest[:32]}.npy"
    try:
        matrix = np.load(path, mmap_mode="r")
        if matrix.shape == shape and matrix.dtype == np.float32:
            return matrix
    except (OSError, ValueError):
        pass
    matrix = compute().astype(np.float32, copy=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with open(partial, "wb") as handle:
            np.save(handle, matrix)
        os.replace(partial, path)  # readers never see half a file
        return np.load(path, mmap_mode="r")
    except (OSError, ValueError):
        return matrix  # a read-only home only costs the next start two seconds


def _grouped(texts_by_code: dict[str, list[str]], codes: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    texts: list[str] = []
    starts: list[int] = []
    present: list[bool] = []
    for code in codes:
        own = texts_by_code.get(code) or []
        starts.append(len(texts))
        present.append(bool(own))
        texts.extend(own or [""])  # an empty row keeps reduceat's segments aligned
    return texts, np.array(starts), np.array(present)


def _rows(vectors: WordVectors, texts_by_code: dict[str, list[str]], codes: list[str]) -> _Rows:
    texts, starts, present = _grouped(texts_by_code, codes)
    return _Rows(_embedded(vectors, texts), starts, present, texts)


def _sentence_rows(encoder: SentenceEncoder, per_code: list[dict[str, list[str]]], codes: list[str]) -> list[_Rows]:
    """One grouping per dict of texts, all sharing one matrix of distinct texts."""
    grouped = [_grouped(texts_by_code, codes) for texts_by_code in per_code]
    # The last row, zeros, stands for the empty text of an occupation without any.
    distinct = list(dict.fromkeys(text for texts, _, _ in grouped for text in texts if text))
    digest = hashlib.sha256("\n".join([*ENCODER_SHA256.values(), stored_digest(), *distinct]).encode()).hexdigest()
    matrix = kept(
        digest, (len(distinct) + 1, encoder.dimensions), lambda: vectors_for(distinct, encoder, zero_rows=1)[1]
    )
    row = {text: i for i, text in enumerate(distinct)}
    empty = len(distinct)
    return [
        _Rows(matrix, starts, present, texts, take=np.array([row.get(text, empty) for text in texts]))
        for texts, starts, present in grouped
    ]


class SemanticIndex:
    """Every occupation's titles (own and alternate) and task statements, embedded once."""

    def __init__(
        self,
        catalogue: Catalogue,
        tasks: dict[str, tuple[str, ...]] | None = None,
        vectors: WordVectors | None = None,
        encoder: SentenceEncoder | None = None,
    ):
        self.vectors = vectors or WordVectors()
        self.encoder = encoder or SentenceEncoder()
        self.codes = sorted(catalogue.occupations)
        titles = {
            code: [occ.title, *(alt.title for alt in occ.alternate_titles)]
            for code, occ in catalogue.occupations.items()
        }
        for title, code in catalogue.regional_titles.items():
            titles[code].append(title)
        if tasks is None:
            tasks = load_tasks(codes=set(catalogue.occupations))
        task_lines = {code: list(lines) for code, lines in tasks.items()}
        self.titles = _rows(self.vectors, titles, self.codes)
        self.tasks = _rows(self.vectors, task_lines, self.codes)
        self.sentence_titles, self.sentence_tasks = _sentence_rows(self.encoder, [titles, task_lines], self.codes)
        # One turn reads the same message several times (the intent's reply, the checks
        # around it, described work): the sentence model, the costly part, runs once per
        # text, the most recently used texts kept.
        self._sentences: OrderedDict[str, np.ndarray] = OrderedDict()

    def sentence_vectors(self, texts: list[str]) -> np.ndarray:
        """One row per text. Texts not read lately go through the sentence model together,
        in one pass: a message's readings (as typed, corrected, its job part) cost about
        what one does."""
        missing = [text for text in dict.fromkeys(texts) if text not in self._sentences]
        if missing:
            rows = self.encoder.embed(missing)
            rows.flags.writeable = False  # shared by every caller of the cache
            self._sentences.update(zip(missing, rows, strict=True))
        for text in texts:
            self._sentences.move_to_end(text)
        found = np.stack([self._sentences[text] for text in texts])
        while len(self._sentences) > max(SENTENCE_CACHE, len(texts)):
            self._sentences.popitem(last=False)
        return found

    @staticmethod
    def _best(rows: _Rows, queries: np.ndarray, products: np.ndarray | None = None) -> np.ndarray:
        """Per occupation and query, the closest of its rows (`products`: matrix @ queries,
        when the caller shares one matrix between groupings)."""
        scores = rows.matrix @ queries if products is None else products
        if rows.take is not None:
            scores = scores[rows.take]
        best = np.maximum.reduceat(scores, rows.starts, axis=0)
        best[~rows.present] = 0.0
        return best

    def query(self, parts: list[tuple[str, float]], sentence: bool = True) -> Query:
        """One query for weighted parts of a message ("the job" 0.7, "the whole sentence"
        0.3): cosine is linear in the query, so this weighs their scores alike at the cost
        of one pass over the matrices instead of one per part."""
        weights = np.asarray([weight for _, weight in parts], dtype=np.float32)

        def blended(vectors: np.ndarray) -> np.ndarray:
            mixed = weights @ vectors
            norm = np.linalg.norm(mixed)
            return mixed / norm if norm else mixed

        # Function words are noise to averaged words, but grammar to the sentence model.
        words = self.vectors.embed([content_words(text) for text, _ in parts])
        if not sentence:
            return Query(blended(words), None)
        return Query(blended(words), blended(self.sentence_vectors([text for text, _ in parts])))

    def _closeness(self, titles: _Rows, tasks: _Rows, stacked: np.ndarray) -> np.ndarray:
        """Per occupation and query: its closest title's cosine plus TASK_WEIGHT times its
        closest task's."""
        products = titles.matrix @ stacked if titles.matrix is tasks.matrix else None
        total = self._best(titles, stacked, products) + TASK_WEIGHT * self._best(tasks, stacked, products)
        total[:, ~stacked.any(axis=0)] = 0.0
        return total

    def tables(self, queries: list[Query]) -> tuple[np.ndarray, np.ndarray | None]:
        """Per query (rows) and occupation (columns, in `codes` order): the averaged words'
        closeness, and the sentence model's (None for queries of words only)."""
        words = self._closeness(self.titles, self.tasks, np.stack([q.words for q in queries], axis=1)).T
        sentences = [q.sentence for q in queries]
        if any(s is None for s in sentences):
            return words, None
        stacked = np.stack(sentences, axis=1)  # type: ignore[arg-type]
        return words, self._closeness(self.sentence_titles, self.sentence_tasks, stacked).T

    @staticmethod
    def blend(words: np.ndarray, sentence: np.ndarray | None) -> np.ndarray:
        """The two closeness tables weighed by SENTENCE_SHARE (the words' alone for
        queries of words only)."""
        return words if sentence is None else (1 - SENTENCE_SHARE) * words + SENTENCE_SHARE * sentence

    def table(self, queries: list[Query]) -> np.ndarray:
        return self.blend(*self.tables(queries))

    def scores(self, *texts: str, sentence: bool = True) -> dict[str, float]:
        """Per occupation, the best of `texts` (e.g. a message as typed and as
        spell-corrected: a typo has no meaning, and a correction can be wrong).
        `sentence=False` for a fragment of a word or two (see SENTENCE_SHARE)."""
        queries = [self.query([(text, 1.0)], sentence=sentence) for text in dict.fromkeys(texts)]
        best = self.table(queries).max(axis=0)
        return dict(zip(self.codes, best.tolist(), strict=True)) if best.any() else {}
