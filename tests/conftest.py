"""Shared fixtures. The catalogue and the matcher are built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def catalogue():
    from bot.catalogue import shared_catalogue

    return shared_catalogue()


@pytest.fixture(scope="session")
def matcher(catalogue):
    from bot.matching import matcher_for

    return matcher_for(catalogue)


@pytest.fixture(scope="session")
def model():
    from tests.e2e.servers import trained_model

    found = trained_model()
    if found is None:
        pytest.skip("no trained model: run `make test` (it trains first) or `make train`")
    return found
