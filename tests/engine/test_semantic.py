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
    first = np.array(semantic._embedded(vectors, texts))  # a copy: the file is overwritten in place below
    (cached,) = tmp_path.glob("*.npy")
    cached.write_bytes(b"not an array")
    assert np.array_equal(semantic._embedded(vectors, texts), first)
    assert np.array_equal(np.load(cached), first)


def test_the_sentence_rows_are_mapped_from_one_file_that_every_process_shares(tmp_path, monkeypatch):
    """The Rasa server and the action server map the same cached file (its pages are in
    memory once) and read the rows a private computation gives."""
    sentence_model = encoder.SentenceEncoder()
    codes = ["29-1141.00", "47-2111.00", "51-4121.00"]
    per_code = [
        {"29-1141.00": ["Registered Nurses", "Charge Nurse"], "47-2111.00": ["Electricians"]},
        {"29-1141.00": ["Monitor patients' condition"], "47-2111.00": ["Install wiring"]},
    ]
    monkeypatch.setenv("CAREER_CACHE_DIR", "off")
    private = semantic._sentence_rows(sentence_model, per_code, codes)
    monkeypatch.setenv("CAREER_CACHE_DIR", str(tmp_path))
    first = semantic._sentence_rows(sentence_model, per_code, codes)
    monkeypatch.setattr(semantic, "vectors_for", lambda *a, **k: pytest.fail("computed again instead of mapped"))
    second = semantic._sentence_rows(sentence_model, per_code, codes)
    for rows in (first[0].matrix, second[0].matrix):
        assert isinstance(rows, np.memmap) and not rows.flags.writeable
        assert str(tmp_path) in str(rows.filename)
        assert np.array_equal(rows, private[0].matrix)
    assert first[0].matrix.filename == second[0].matrix.filename
    assert [r.take.tolist() for r in second] == [r.take.tolist() for r in private]


def test_the_word_rows_are_mapped_from_the_cache_file(vectors, tmp_path, monkeypatch):
    monkeypatch.setenv("CAREER_CACHE_DIR", str(tmp_path))
    texts = ["Registered Nurses", "Electricians"]
    first, second = semantic._embedded(vectors, texts), semantic._embedded(vectors, texts)
    assert isinstance(first, np.memmap) and isinstance(second, np.memmap)
    assert first.filename == second.filename
