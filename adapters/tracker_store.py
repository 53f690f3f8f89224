"""Rasa's SQL tracker store, configured from environment variables, redacting on write,
and honest about failures.

The database comes from the settings (TRACKER_DIALECT, TRACKER_DB, ...), not from
${VARIABLES} in endpoints.yml, which Rasa refuses to load when one is unset: the same
endpoints.yml serves `rasa run` from a plain checkout (SQLite) and PostgreSQL in production.

Personal data (bot/privacy.py) is removed from what people type, from slots, from the
assistant's own texts and from message metadata before any event is written.

Rasa wraps every tracker store in a fail-safe that, when the database fails, carries on
with an empty in-memory conversation and says nothing to the person. Here a load or a
save is retried for TRACKER_RETRY_SECONDS (a locked SQLite file or a restarting
PostgreSQL usually recovers within that); when it still fails, the failure is reported
to the turn (adapters/channels/turns.py), which tells the person their message was not saved
instead of sending a normal reply.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
import weakref
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy
import sqlalchemy.orm
import sqlalchemy.pool
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.exc import SQLAlchemyError

from adapters.channels.turns import current_turn, store_failed
from bot.privacy import redact, redact_value
from bot.settings import settings

logger = logging.getLogger(__name__)
T = TypeVar("T")
FIRST_PAUSE = 0.2


def retry_seconds() -> float:
    return settings().tracker_retry_seconds


class EnvSQLTrackerStore(SQLTrackerStore):
    """endpoints.yml names only the class; the database comes from the TRACKER_* settings
    (bot/settings.py), so a plain checkout gets SQLite under var/ and a deployment sets
    PostgreSQL in its environment. Values given in endpoints.yml still win."""

    def __init__(
        self,
        domain: Any = None,
        dialect: str | None = None,
        host: str | None = None,
        port: Any = None,
        db: str | None = None,
        username: str | None = None,
        password: str | None = None,
        event_broker: Any = None,
        **kwargs: Any,
    ) -> None:
        self._stored = StoredCounts()
        config = settings()
        port = port or config.tracker_port
        dialect = dialect or config.tracker_dialect
        db = db or config.tracker_db
        if dialect == "sqlite":
            # A fresh checkout has no var/ yet; SQLite creates the file, not its folder.
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        super().__init__(
            domain=domain,
            dialect=dialect,
            host=host or config.tracker_host or None,
            port=int(port) if port else None,
            db=db,
            username=username or config.tracker_user or None,
            password=password or config.tracker_password or None,
            event_broker=event_broker,
            **kwargs,
        )
        if dialect == "sqlite":
            self._keep_sqlite_connections_open()

    def _keep_sqlite_connections_open(self) -> None:
        """SQLAlchemy 1.4 opens and closes a SQLite connection for every session: with
        Rasa's sessions (one per load and save) that was a tenth of the Rasa process's time
        under load. A pool keeps them; SQLite serialises the writes itself."""
        unpooled: Any = self.engine  # type: ignore[has-type]  # Rasa assigns it unannotated
        unpooled.dispose()
        pooled = sqlalchemy.create_engine(
            unpooled.url, poolclass=sqlalchemy.pool.QueuePool, connect_args={"check_same_thread": False}
        )
        commit_without_waiting_for_the_disk(pooled)
        self.engine = pooled
        self.sessionmaker = sqlalchemy.orm.sessionmaker(bind=pooled)

    async def _patiently(self, what: str, sender_id: str, attempt: Callable[[], Awaitable[T]]) -> T:
        deadline = time.monotonic() + retry_seconds()
        pause = FIRST_PAUSE
        while True:
            try:
                return await attempt()
            except SQLAlchemyError as error:
                if time.monotonic() + pause > deadline:
                    logger.error("Gave up trying to %s conversation %s: %s", what, sender_id, type(error).__name__)
                    store_failed(sender_id, error)
                    raise
                logger.warning("Could not %s conversation %s (%s); retrying", what, sender_id, type(error).__name__)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 2.0)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        tracker = await self._patiently("load", sender_id, lambda: SQLTrackerStore.retrieve(self, sender_id))
        if tracker is not None:
            self._stored.remember(tracker)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        turn = current_turn()
        if turn is not None and turn.sender_id == tracker.sender_id and not turn.stored:
            # The conversation could not be loaded: saving this stand-in (a new, empty
            # conversation) would write events out of order into the real one.
            raise StoreUnavailable(f"conversation {tracker.sender_id} was not loaded")
        new_events = await self._patiently("save", tracker.sender_id, lambda: self._insert_new_events(tracker))
        self._stored.remember(tracker)
        if self.event_broker is not None and new_events:
            # What the event broker publishes (make cluster: RabbitMQ) is as redacted as the
            # database: readers of the stream must not see what the tables never keep.
            await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)

    async def _insert_new_events(self, tracker: DialogueStateTracker) -> list[Any]:
        """Write the tracker's events the table does not have yet, redacted, in one statement.

        Rasa counts the stored events with a query, adds a row object per event to the
        session and, with an event broker, loads the whole conversation again to find
        what is new: a third of the Rasa process's time under load (docs/benchmarks.md).
        A tracker this store loaded or saved knows how many of its events are stored."""
        with self.session_scope() as session:
            stored = self._stored.count(tracker)
            if stored is None:
                stored = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()
            new_events = [redacted(event) for event in itertools.islice(tracker.events, stored, None)]
            if new_events:
                rows = [_row(tracker.sender_id, event) for event in new_events]
                session.execute(sqlalchemy.insert(self.SQLEvent.__table__), rows)
                session.commit()
        return new_events


class StoredCounts:
    """How many of a tracker object's events are in the table, for trackers this store
    loaded or saved. Held weakly: the count lives as long as Rasa's turn holds the object,
    and a tracker built elsewhere (the HTTP API's replace-events) is counted by a query.
    Each turn loads its tracker afresh under the lock store's lock, so another replica's
    writes are always seen."""

    def __init__(self) -> None:
        self._counts: dict[int, tuple[weakref.ref[DialogueStateTracker], int]] = {}

    def remember(self, tracker: DialogueStateTracker) -> None:
        key = id(tracker)
        self._counts[key] = (weakref.ref(tracker, lambda _gone: self._counts.pop(key, None)), len(tracker.events))

    def count(self, tracker: DialogueStateTracker) -> int | None:
        entry = self._counts.get(id(tracker))
        if entry is None or entry[0]() is not tracker:
            return None
        return entry[1]


def _row(sender_id: str, event: Any) -> dict[str, Any]:
    """The columns Rasa's SQLTrackerStore writes for an event."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


def commit_without_waiting_for_the_disk(engine: Any) -> None:
    """Write-ahead log and synchronous=NORMAL on every SQLite connection of `engine`.

    By default SQLite waits for the disk at each commit, and Rasa commits inside its event
    loop, so every conversation on the server waited for each fsync (a tenth of the Rasa
    process's time under load, docs/benchmarks.md). With a write-ahead log and NORMAL a
    commit returns once written; a crash of the process loses nothing and the file is never
    corrupted; a power cut may lose the last moments (sqlite.org/wal.html). Readers (the
    review app) and the writer no longer block each other either."""

    @sqlalchemy.event.listens_for(engine, "connect")
    def on_connect(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


class StoreUnavailable(RuntimeError):
    pass


def redacted(event: Any) -> Any:
    """The event as it may be stored: personal data replaced by placeholders."""
    if isinstance(event, UserUttered):
        return _redacted_user(event)
    if isinstance(event, SlotSet) and event.value is not None:
        return SlotSet(event.key, redact_value(event.value), timestamp=event.timestamp, metadata=event.metadata)
    if isinstance(event, BotUttered):
        return BotUttered(
            redact(event.text or "") if event.text else event.text,
            redact_value(event.data),
            event.metadata,
            timestamp=event.timestamp,
        )
    return event


# Rasa's own bookkeeping in event metadata: ids, not anything a person wrote (and hex
# ids can look like phone numbers).
RASA_METADATA = ("model_id", "assistant_id")


def _redacted_metadata(metadata: Any) -> Any:
    if not isinstance(metadata, dict):
        return redact_value(metadata)
    return {k: v if k in RASA_METADATA else redact_value(v) for k, v in metadata.items()}


def _redacted_entity(entity: dict[str, Any], text: str) -> dict[str, Any]:
    """An entity whose words were redacted out of the text (a street named like a job,
    "42 Baker Street") must not keep them in its value."""
    value = redact_value(entity.get("value"))
    if isinstance(value, str) and value and value not in text:
        value = "[redacted]"
    return {**entity, "value": value}


def _redacted_user(event: UserUttered) -> UserUttered:
    text = redact(event.text or "")
    entities = [_redacted_entity(e, text) for e in event.entities]
    # parse_data repeats the text and entities and carries the message's metadata too;
    # the rest of it is the model's (intents, confidences, ids).
    parse_data = {**(event.parse_data or {}), "text": text, "entities": entities}
    if "metadata" in parse_data:
        parse_data["metadata"] = _redacted_metadata(parse_data["metadata"])
    return UserUttered(
        text=text,
        intent=event.intent,
        entities=entities,
        parse_data=parse_data,
        timestamp=event.timestamp,
        input_channel=event.input_channel,
        message_id=event.message_id,
        metadata=_redacted_metadata(event.metadata),
    )
