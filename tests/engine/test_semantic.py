"""The word-vector index (bot/semantic.py): files checked (its and the sentence model's),
embeddings cached exactly."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from bot import encoder, semantic


@pytest.fixture(scope="module")
def vectors():
    return semantic.WordVectors()


def test_related_words_are_closer_than_unrelated_ones(vectors):
    nurse, midwife, welder = vectors.embed(["nurse", "midwife", "welder"])
    assert float(nurse @ midwife) > float(nurse @ welder)


@pytest.mark.parametrize(
    "package_dir, files, load, refusal",
    [
        (semantic._package_dir, (semantic.WEIGHTS, semantic.TOKENIZER), semantic.WordVectors, semantic.VectorsMissing),
        (encoder.package_dir, (encoder.WEIGHTS, encoder.TOKENIZER), encoder.SentenceEncoder, encoder.EncoderMissing),
    ],
    ids=["word vectors", "sentence model"],
)
def test_a_different_weights_file_is_refused(tmp_path, package_dir, files, load, refusal):
    source = package_dir()
    for relative in files:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / relative, tmp_path / relative)
    with open(tmp_path / files[0], "r+b") as handle:  # the weights
        handle.seek(-4, 2)
        handle.write(b"\x00\x01\x02\x03")
    with pytest.raises(refusal, match="not the file"):
        load(tmp_path)


def test_embeddings_come_back_from_the_cache_unchanged(vectors, tmp_path, monkeypatch):
    monkeypatch.setenv("CAREER_CACHE_DIR", str(tmp_path))
    texts = ["Registered Nurses", "Welders, Cutters, Solderers, and Brazers", ""]
    first = semantic._embedded(vectors, texts)
    assert len(list(tmp_path.glob("*.npy"))) == 1
    monkeypatch.setattr(vectors, "embed", lambda texts: pytest.fail("embedded again instead of read"))
    assert np.array_equal(semantic._embedded(vectors, texts), first)


def test_a_broken_cache_file_is_rebuilt(vectors, tmp_path, monkeypatch):
    monkeypatch.setenv("CAREER_CACHE_DIR", str(tmp_path))
    texts = ["Plumbers", "Electricians"]
    first = semantic._embedded(vectors, texts)
    (cached,) = tmp_path.glob("*.npy")
    cached.write_bytes(b"not an array")
    assert np.array_equal(semantic._embedded(vectors, texts), first)
    assert np.array_equal(np.load(cached), first)
