"""`rasa run` from a plain checkout: no make, no PYTHONPATH, none of the project's variables.

endpoints.yml used to carry ${TRACKER_DIALECT} and friends, which Rasa refuses to load
when they are unset; the settings module now supplies the defaults."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess

import pytest
import requests

from tests.conftest import ROOT
from tests.e2e.conversation import texts
from tests.e2e.servers import VENV_BIN, free_port, wait_until

pytestmark = pytest.mark.e2e


def test_plain_rasa_run_answers_and_keeps_the_conversation_in_sqlite(model, tmp_path):
    port = free_port()
    db = tmp_path / "conversations.db"
    # Only what any shell has, plus where the database goes (the default, var/, is the
    # developer's own) and no telemetry prompt.
    env = {
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "PATH": "/usr/bin:/bin",
        "RASA_TELEMETRY_ENABLED": "false",
        "TRACKER_DB": str(db),
    }
    log = open(tmp_path / "rasa.log", "wb")
    process = subprocess.Popen(
        [str(VENV_BIN / "rasa"), "run", "--model", str(model), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until(process, f"{url}/webhooks/rest/", tmp_path / "rasa.log", 240)
        reply = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": "plain", "message": "hello"}, timeout=60)
        assert reply.status_code == 200 and "career" in texts(reply.json()).lower()
        with sqlite3.connect(db) as rows:
            events = [
                json.loads(data) for (data,) in rows.execute("SELECT data FROM events WHERE sender_id = 'rest:plain'")
            ]
        assert [event["text"] for event in events if event["event"] == "user"] == ["hello"]
        # Without --enable-api, Rasa's HTTP API is not there.
        assert requests.get(f"{url}/conversations/plain/tracker", timeout=10).status_code == 404
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
