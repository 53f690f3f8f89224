"""A running assistant (action server + Rasa server) shared by the end-to-end tests."""

from __future__ import annotations

import pytest

from tests.e2e.servers import Servers


@pytest.fixture(scope="session")
def sqlite_db(tmp_path_factory):
    return tmp_path_factory.mktemp("tracker") / "conversations.db"


@pytest.fixture(scope="session")
def assistant(model, sqlite_db, tmp_path_factory):
    servers = Servers(tmp_path_factory.mktemp("servers"), {"TRACKER_DB": str(sqlite_db)}, model)
    servers.start()
    yield servers
    servers.stop()
