"""The SQLite tracker store commits without waiting for the disk, and loses nothing."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import sqlalchemy
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
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


class Broker:
    """Stands in for RabbitMQ: keeps what the store publishes."""

    def __init__(self) -> None:
        self.published: list[dict] = []

    def publish(self, event: dict) -> None:
        self.published.append(event)


def test_a_turn_reads_the_conversation_once_and_writes_only_its_new_events(tmp_path: Path):
    broker = Broker()
    store = EnvSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "conversations.db"), event_broker=broker)
    statements: list[str] = []
    sqlalchemy.event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2].split()[0]))
    first = [ActionExecuted("action_listen"), UserUttered("I loved being a nurse", {"name": "liked_role"})]

    async def two_turns() -> DialogueStateTracker | None:
        await store.save(DialogueStateTracker.from_events("person-2", first))
        tracker = await store.retrieve("person-2")
        assert tracker is not None
        statements.clear()
        tracker.update(ActionExecuted("action_liked_role"))
        tracker.update(BotUttered("Registered nurses work with ... call me on 07700 900123"))
        await store.save(tracker)
        return await store.retrieve("person-2")

    broker.published.clear()
    tracker = asyncio.run(two_turns())
    # Rasa's own save counted the stored events and, with a broker, loaded the whole
    # conversation again; the tracker this store loaded knows what is stored.
    assert statements[: statements.index("SELECT")] == ["INSERT"]
    assert [e["event"] for e in broker.published][-2:] == ["action", "bot"]
    assert "07700" not in broker.published[-1]["text"]
    assert tracker is not None
    assert [e.as_dict()["event"] for e in tracker.events] == ["action", "user", "action", "bot"]


def test_a_tracker_built_elsewhere_adds_only_what_the_table_lacks(tmp_path: Path):
    store = EnvSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "conversations.db"))
    events = [ActionExecuted("action_listen"), UserUttered("I was a welder", {"name": "liked_role"})]

    async def save_twice() -> DialogueStateTracker | None:
        await store.save(DialogueStateTracker.from_events("person-3", events))
        await store.save(DialogueStateTracker.from_events("person-3", [*events, ActionExecuted("action_liked_role")]))
        return await store.retrieve("person-3")

    tracker = asyncio.run(save_twice())
    assert tracker is not None
    assert [e.as_dict()["event"] for e in tracker.events] == ["action", "user", "action"]


def test_sqlite_connections_are_kept_open_between_turns(tmp_path: Path):
    store = EnvSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "conversations.db"))
    connects: list[int] = []
    sqlalchemy.event.listen(store.engine, "connect", lambda *_: connects.append(1))

    async def three_turns() -> None:
        tracker = DialogueStateTracker.from_events("person-4", [ActionExecuted("action_listen")])
        for text in ["I was a welder", "what does it pay", "thanks"]:
            tracker.update(UserUttered(text, {"name": "liked_role"}))
            await store.save(tracker)
            loaded = await store.retrieve("person-4")
            assert loaded is not None
            tracker = loaded

    asyncio.run(three_turns())
    assert len(connects) <= 1
