"""The SQLite tracker store commits without waiting for the disk, and loses nothing."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from adapters.tracker_store import EnvSQLTrackerStore


def test_sqlite_conversations_are_kept_in_a_write_ahead_log(tmp_path: Path):
    db = tmp_path / "conversations.db"
    store = EnvSQLTrackerStore(dialect="sqlite", db=str(db))
    events = [ActionExecuted("action_listen"), UserUttered("I loved being a nurse", {"name": "liked_role"})]

    async def write_and_read() -> DialogueStateTracker | None:
        await store.save(DialogueStateTracker.from_events("person-1", events))
        return await store.retrieve("person-1")

    tracker = asyncio.run(write_and_read())
    assert tracker is not None and tracker.latest_message.text == "I loved being a nurse"
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    store.engine.dispose()
    # Another program (the review app, sqlite3) sees the file as WAL and reads the turn.
    with sqlite3.connect(db) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        texts = [row[0] for row in other.execute("SELECT data FROM events WHERE type_name = 'user'")]
    assert len(texts) == 1 and "I loved being a nurse" in texts[0]
