"""The same conversation against PostgreSQL, when a server answers on 127.0.0.1:5432."""

from __future__ import annotations

import json
import os
import uuid

import pytest

from tests.e2e.conversation import liked_role_flow, texts
from tests.e2e.servers import Servers

# Starts the Rasa and action servers: not in `make test-fast` (pytest.ini).
pytestmark = pytest.mark.e2e

PG = {
    "host": os.environ.get("TEST_PG_HOST", "127.0.0.1"),
    "port": os.environ.get("TEST_PG_PORT", "5432"),
    "dbname": os.environ.get("TEST_PG_DB", "test"),
    "user": os.environ.get("TEST_PG_USER", "postgres"),
}


@pytest.fixture(scope="module")
def postgres():
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        connection = psycopg2.connect(connect_timeout=3, **PG)
    except psycopg2.OperationalError as error:
        pytest.skip(f"PostgreSQL not reachable at {PG['host']}:{PG['port']} ({str(error).strip()})")
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def pg_assistant(model, postgres, tmp_path_factory):
    env = {
        "TRACKER_DIALECT": "postgresql",
        "TRACKER_HOST": PG["host"],
        "TRACKER_PORT": PG["port"],
        "TRACKER_DB": PG["dbname"],
        "TRACKER_USER": PG["user"],
    }
    servers = Servers(tmp_path_factory.mktemp("pg-servers"), env, model)
    servers.start()
    yield servers
    servers.stop()


def test_conversation_is_stored_in_postgres(pg_assistant, postgres):
    sender = f"pg-{uuid.uuid4().hex[:8]}"
    typed = liked_role_flow(pg_assistant, sender)
    with postgres.cursor() as cursor:
        cursor.execute(
            "SELECT data FROM events WHERE sender_id = %s AND type_name = 'user' ORDER BY id",
            (pg_assistant.conversation_id(sender),),
        )
        stored = [json.loads(row[0])["text"] for row in cursor.fetchall()]
    assert stored == typed


def test_review_reads_postgres_conversations(pg_assistant, postgres):
    import subprocess
    import sys

    from tests.conftest import ROOT

    sender = f"pg-review-{uuid.uuid4().hex[:8]}"
    pg_assistant.say(sender, "I was a doctor")
    sender = pg_assistant.conversation_id(sender)
    url = f"postgresql://{PG['user']}@{PG['host']}:{PG['port']}/{PG['dbname']}"

    def review(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "review", "--db", url, *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )

    listed = review("list", "--flag", "unanswered_question", "--limit", "1000")
    assert listed.returncode == 0, listed.stderr
    assert sender in listed.stdout
    assert "I was a doctor" in review("show", sender).stdout
    assert review("note", sender, "checked", "--author", "maria").returncode == 0
    assert review("delete", sender, "--yes").returncode == 0
    with postgres.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM events WHERE sender_id = %s", (sender,))
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT count(*) FROM review_notes WHERE sender_id = %s", (sender,))
        assert cursor.fetchone()[0] == 0
    postgres.commit()


@pytest.fixture(scope="module")
def flaky_pg(model, postgres, tmp_path_factory):
    """The assistant on PostgreSQL through a connection the test can cut."""
    from tests.e2e.tcp_proxy import TcpProxy

    proxy = TcpProxy(PG["host"], int(PG["port"])).start()
    env = {
        "TRACKER_DIALECT": "postgresql",
        "TRACKER_HOST": "127.0.0.1",
        "TRACKER_PORT": str(proxy.port),
        "TRACKER_DB": PG["dbname"],
        "TRACKER_USER": PG["user"],
        "TRACKER_RETRY_SECONDS": "3",
    }
    servers = Servers(tmp_path_factory.mktemp("pg-flaky"), env, model)
    servers.start()
    yield servers, proxy
    servers.stop()
    proxy.cut()


def stored_texts(postgres, conversation: str) -> list[str]:
    with postgres.cursor() as cursor:
        cursor.execute(
            "SELECT data FROM events WHERE sender_id = %s AND type_name = 'user' ORDER BY id", (conversation,)
        )
        return [json.loads(row[0])["text"] for row in cursor.fetchall()]


def test_postgres_refusing_connections_is_reported_and_nothing_is_lost(flaky_pg, postgres):
    servers, proxy = flaky_pg
    sender = f"pg-down-{uuid.uuid4().hex[:8]}"
    assert "Accountants and Auditors" in texts(servers.say(sender, "I'm an accountant"))
    proxy.cut()
    try:
        for attempt in ("what about something with less schooling?", "higher pay"):
            reply = texts(servers.say(sender, attempt))
            assert "couldn't save your message" in reply and "Accountants" not in reply
    finally:
        proxy.start()
    again = texts(servers.say(sender, "what about something with less schooling?"))
    assert "less schooling than Accountants and Auditors" in again
    assert stored_texts(postgres, servers.conversation_id(sender)) == [
        "I'm an accountant",
        "what about something with less schooling?",
    ]
