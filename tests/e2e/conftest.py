"""A running assistant (action server + Rasa server) shared by the end-to-end tests."""

from __future__ import annotations

import pytest

from tests.e2e.servers import Servers


@pytest.fixture(scope="session")
def sqlite_db(tmp_path_factory):
    return tmp_path_factory.mktemp("tracker") / "conversations.db"


@pytest.fixture(scope="session")
def assistant(model, sqlite_db, tmp_path_factory):
    # No Slack credentials here, whatever the developer's environment holds.
    env = {
        "TRACKER_DB": str(sqlite_db),
        "SLACK_BOT_TOKEN": "",
        "SLACK_SIGNING_SECRET": "",
        # The fault tests lock the database for longer than this; the rest never wait.
        "TRACKER_RETRY_SECONDS": "3",
    }
    servers = Servers(tmp_path_factory.mktemp("servers"), env, model)
    servers.start()
    yield servers
    servers.stop()
