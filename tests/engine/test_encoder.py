"""The sentence model (bot/encoder.py) and its stored vectors (bot/catalogue/sentences.py)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from bot import encoder as E
from bot.catalogue import sentences


@pytest.fixture(scope="module")
def model():
    return E.SentenceEncoder()


def test_same_similarities_as_the_reference_implementation(model):
    # The example of sentence-transformers' documentation for all-MiniLM-L6-v2, whose
    # published similarities are 0.6660, 0.1046 and 0.1411: our numpy forward pass must be
    # the same model, not an approximation of it.
    weather, sunny, stadium = model.embed(
        ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    )
    assert float(weather @ sunny) == pytest.approx(0.6660, abs=5e-4)
    assert float(weather @ stadium) == pytest.approx(0.1046, abs=5e-4)
    assert float(sunny @ stadium) == pytest.approx(0.1411, abs=5e-4)


def test_batching_and_padding_do_not_change_a_vector(model):
    texts = ["nurse", "I keep the company's servers patched and the backups running", "welder"]
    together = model.embed(texts, batch=3)
    alone = np.vstack([model.embed([text]) for text in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_the_committed_vectors_cover_the_catalogue_and_match_the_model(model):
    from bot.catalogue import load_catalogue, load_tasks

    catalogue = load_catalogue()
    texts = sentences.texts_of(catalogue, load_tasks(codes=set(catalogue.occupations)))
    counting = CountingEncoder(model)
    distinct, stored = sentences.vectors_for(texts, counting)
    assert counting.seen == [], "data/catalogue/sentences.npz is stale: run `make catalogue`"
    step = len(distinct) // 20
    sample = distinct[::step]
    for row, fresh in zip(stored[::step], model.embed(sample), strict=True):
        assert float(row @ fresh) > 0.999  # 8-bit storage, same direction


class CountingEncoder:
    dimensions = E.WIDTH

    def __init__(self, model):
        self.model = model
        self.seen: list[str] = []

    def embed(self, texts):
        self.seen.extend(texts)
        return self.model.embed(texts)


def test_only_texts_missing_from_the_file_are_embedded(model, tmp_path):
    catalogue_dir = tmp_path / "catalogue"
    shutil.copytree(sentences.DEFAULT_DIR, catalogue_dir, ignore=shutil.ignore_patterns(sentences.FILE))
    counting = CountingEncoder(model)
    # A file holding two texts: only the third is embedded.
    stored = model.embed(["Registered Nurses", "Welders"])
    sentences.save(catalogue_dir, ["Registered Nurses", "Welders"], stored)
    texts, matrix = sentences.vectors_for(
        ["Welders", "Registered Nurses", "Plumbers", "Welders"], counting, catalogue_dir
    )
    assert texts == ["Welders", "Registered Nurses", "Plumbers"]
    assert counting.seen == ["Plumbers"]
    assert matrix.shape == (3, E.WIDTH)
    assert float(matrix[1] @ stored[0]) > 0.999
