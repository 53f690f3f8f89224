"""The catalogue's titles and task statements, embedded by the sentence model (bot/encoder.py).

Embedding all 70,000 of them takes about ten minutes on two cores, far too long for a
process start, so `make catalogue` does it once and commits the result beside the texts
(data/catalogue/sentences.npz, 8-bit: quantising lost nothing measurable on the
development sets). A text that is not in the file (a test's own catalogue, a title added
by hand) is embedded when the index is built, so the file is a cache of the catalogue,
never a second source of truth.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from bot.catalogue.loader import DEFAULT_DIR, Catalogue, load_catalogue, load_tasks

FILE = "sentences.npz"


def texts_of(catalogue: Catalogue, tasks: dict[str, tuple[str, ...]]) -> list[str]:
    """Every title, alternate title and task statement, once each, in a stable order."""
    found: set[str] = set()
    for occupation in catalogue.occupations.values():
        found.add(occupation.title)
        found.update(alt.title for alt in occupation.alternate_titles)
    for lines in tasks.values():
        found.update(lines)
    return sorted(found)


def _quantised(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scales = np.abs(rows).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    return np.round(rows / scales[:, None]).astype(np.int8), scales.astype(np.float32)


def _stored(directory: Path | None) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """The committed file as it is: text -> row, the 8-bit rows and their scales."""
    path = (directory or DEFAULT_DIR) / FILE
    if not path.exists():
        return {}, np.zeros((0, 0), np.int8), np.zeros(0, np.float32)
    with np.load(path) as stored:
        texts = bytes(stored["texts"]).decode("utf-8").split("\n")
        return {text: i for i, text in enumerate(texts)}, stored["vectors"], stored["scales"]


def stored_digest(directory: Path | None = None) -> str:
    """sha256 of the committed file (empty when there is none): what rows built from it
    are kept under (bot/semantic.py)."""
    path = (directory or DEFAULT_DIR) / FILE
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def vectors_for(
    texts: Iterable[str], encoder, directory: Path | None = None, zero_rows: int = 0
) -> tuple[list[str], np.ndarray]:
    """The distinct texts and one unit row each: stored rows where the file has them, the
    rest embedded now; then `zero_rows` rows of zeros (for texts that have no vector).
    Only the rows wanted are widened to float, so a process holds one float copy of the
    catalogue's vectors, not three."""
    wanted = list(dict.fromkeys(texts))
    row, vectors, scales = _stored(directory)
    matrix = np.zeros((len(wanted) + zero_rows, encoder.dimensions), np.float32)
    found = [i for i, text in enumerate(wanted) if text in row]
    if found:
        rows = np.array([row[wanted[i]] for i in found])
        matrix[found] = _unit(vectors[rows].astype(np.float32) * scales[rows, None])
    missing = [i for i, text in enumerate(wanted) if text not in row]
    if missing:
        matrix[missing] = encoder.embed([wanted[i] for i in missing])
    return wanted, matrix


def build(directory: Path, encoder) -> Path:
    """Write directory/sentences.npz for the catalogue in `directory`, embedding only the
    texts the previous file lacks."""
    catalogue = load_catalogue(directory)
    texts = texts_of(catalogue, load_tasks(directory, codes=set(catalogue.occupations)))
    print(f"sentences: {len(texts):,} texts; those not in {FILE} yet are embedded now", file=sys.stderr)
    distinct, rows = vectors_for(texts, encoder, directory)
    return save(directory, distinct, rows)


def save(directory: Path, texts: list[str], rows: np.ndarray) -> Path:
    """Write the texts (one per line: titles and task statements have no line breaks) and
    their rows, 8-bit."""
    vectors, scales = _quantised(rows)
    path = directory / FILE
    joined = np.frombuffer("\n".join(texts).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(path, texts=joined, vectors=vectors, scales=scales)
    return path
