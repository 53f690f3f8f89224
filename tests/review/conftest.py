"""Conversations written through Rasa's own SQL tracker store, and a review server over them.

The database is built by `rasa.core.tracker_store.SQLTrackerStore`, so the `events` table
has exactly the schema and JSON that the review store reads in production.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT
from tests.e2e.servers import free_port

PASSWORD = "correct horse battery"
DAY = 86400.0
# 2024-03-01 00:00 UTC: fixed, so date filters in tests are exact.
EPOCH = 1709251200.0


def user(text: str, stamp: float, intent: str = "liked_role", confidence: float = 0.95, channel: str = "rest"):
    from rasa.shared.core.events import UserUttered

    parse = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}
    return UserUttered(text, parse["intent"], [], parse_data=parse, timestamp=stamp, input_channel=channel)


def conversation(
    sender: str,
    texts: list[str],
    start: float,
    channel: str = "rest",
    code: str | None = "29-1141.00",
    fallback: bool = False,
) -> list:
    """A short realistic exchange: the person speaks, the assistant answers, a role is chosen."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet

    events: list = [
        ActionExecuted("action_session_start", timestamp=start),
        ActionExecuted("action_listen", timestamp=start),
    ]
    for i, text in enumerate(texts):
        stamp = start + 10 * i + 1
        events.append(
            user(text, stamp, "nlu_fallback" if fallback else "liked_role", 0.3 if fallback else 0.95, channel)
        )
        events.append(ActionExecuted("action_fallback" if fallback else "action_liked_role", timestamp=stamp + 1))
        events.append(
            BotUttered(
                f"answer to {text}",
                {"buttons": [{"title": "Registered Nurses", "payload": "/pick_role"}]},
                timestamp=stamp + 2,
            )
        )
        if code:
            events.append(SlotSet("current_code", code, timestamp=stamp + 3))
        events.append(ActionExecuted("action_listen", timestamp=stamp + 4))
    return events


def save(db: Path, trackers: dict[str, list]) -> None:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker_store = SQLTrackerStore(dialect="sqlite", db=str(db))

    async def write() -> None:
        for sender, events in trackers.items():
            await tracker_store.save(DialogueStateTracker.from_events(sender, events))

    asyncio.run(write())
    tracker_store.engine.dispose()


@dataclass
class Server:
    url: str
    db: Path
    log: Path

    def login_form(self, session: requests.Session) -> str:
        form = session.get(f"{self.url}/login", timeout=10).text
        return re.search(r'name="csrf" value="([0-9a-f]+)"', form).group(1)

    def login(
        self, name: str, password: str = PASSWORD, address: str = "192.0.2.1", session: requests.Session | None = None
    ) -> tuple[requests.Session, requests.Response]:
        """One sign-in attempt; `address` is the client as a trusted proxy reports it."""
        session = session or requests.Session()
        session.headers["X-Forwarded-For"] = address
        token = self.login_form(session)
        answer = session.post(
            f"{self.url}/login",
            data={"csrf": token, "name": name, "password": password},
            timeout=30,
            allow_redirects=False,
        )
        return session, answer

    def signed_in(self, name: str, address: str = "192.0.2.1") -> requests.Session:
        session, answer = self.login(name, address=address)
        assert answer.status_code == 302, answer.text
        return session


def review_cli(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "review", "--db", f"sqlite:///{db}", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def add_counselor(db: Path, name: str, password: str = PASSWORD) -> None:
    from review import store

    engine = store.connect(f"sqlite:///{db}")
    store.add_counselor(engine, name, password)
    engine.dispose()


def wait_until_up(process: subprocess.Popen, url: str, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("review app exited: " + log.read_text()[-3000:])
        try:
            if requests.get(f"{url}/login", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"review app did not answer in {seconds}s: " + log.read_text()[-3000:])


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    """One review app over a fresh database, trusting X-Forwarded-For so tests can play several clients."""
    folder = tmp_path_factory.mktemp("review-web")
    db = folder / "conversations.db"
    save(
        db,
        {
            "plain-1": conversation("plain-1", ["I was a nurse"], EPOCH),
            "=cmd|' /C calc'!A0": conversation("=cmd|' /C calc'!A0", ["+1 555 sell", "@SUM(A1)"], EPOCH + DAY),
            "odd id/with?#'\"é": conversation(
                "odd id/with?#'\"é", ["odd one <script>alert(1)</script>"], EPOCH + 2 * DAY
            ),
        },
    )
    add_counselor(db, "maria")
    port = free_port()
    log = folder / "review.log"
    env = {**os.environ, "REVIEW_SECRET": "test-secret", "REVIEW_TRUST_PROXY": "1", "PYTHONPATH": str(ROOT)}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "review", "--db", f"sqlite:///{db}", "serve", "--port", str(port)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, url, log)
        yield Server(url, db, log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
