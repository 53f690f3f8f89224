"""The per-conversation summary table (review_summaries): what the review lists need of a
conversation, one row each, so that filtering and paging never read every event.

The event consumer (review/consumer.py) calls `refresh` for the conversations whose events
it has just received; `rebuild` recounts every conversation from the tracker store (after
a restore, or to check the consumer: both must give the same rows)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from bot.catalogue import Catalogue
from review import store


def _joined(values: Iterable[str]) -> str:
    return "|" + "|".join(values) + "|" if values else ""


def split(joined: str) -> list[str]:
    return [value for value in joined.strip("|").split("|") if value]


def row_of(convo: store.Conversation) -> dict[str, Any]:
    return {
        "sender_id": convo.sender_id,
        "channel": convo.channel,
        "started": convo.started,
        "ended": convo.ended,
        "user_turns": convo.user_turns,
        "occupations": _joined(convo.occupations),
        "clusters": _joined(convo.clusters),
        "flags": _joined(convo.flags),
    }


def refresh(engine: sa.engine.Engine, catalogue: Catalogue | None, senders: Iterable[str]) -> int:
    """Recompute these conversations' rows from their events; returns how many were written.

    A conversation without a user turn yet (a session just started) or erased has no row."""
    wanted = sorted(set(senders))
    convos = [c for c in store._load_many(engine, wanted, catalogue) if c.user_turns]
    with engine.begin() as connection:
        connection.execute(sa.delete(store.summaries).where(store.summaries.c.sender_id.in_(wanted)))
        if convos:
            connection.execute(sa.insert(store.summaries), [row_of(c) for c in convos])
    return len(convos)


def rebuild(engine: sa.engine.Engine, catalogue: Catalogue | None) -> int:
    """Every row recounted from the tracker store."""
    events = store._events_table(engine)
    with engine.connect() as connection:
        senders = [row.sender_id for row in connection.execute(sa.select(events.c.sender_id).distinct())]
    with engine.begin() as connection:
        connection.execute(sa.delete(store.summaries))
    return refresh(engine, catalogue, senders)


def latest_event(engine: sa.engine.Engine, senders: Iterable[str]) -> dict[str, float]:
    """The timestamp of each conversation's newest stored event."""
    events = store._events_table(engine)
    query = (
        sa.select(events.c.sender_id, sa.func.max(events.c.timestamp))
        .where(events.c.sender_id.in_(sorted(set(senders))))
        .group_by(events.c.sender_id)
    )
    with engine.connect() as connection:
        return {sender: float(stamp or 0.0) for sender, stamp in connection.execute(query)}


def rows(engine: sa.engine.Engine, senders: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """The stored rows (of these conversations only, when given)."""
    query = sa.select(store.summaries)
    if senders is not None:
        query = query.where(store.summaries.c.sender_id.in_(sorted(set(senders))))
    with engine.connect() as connection:
        return {row.sender_id: dict(row._mapping) for row in connection.execute(query)}


def recount(engine: sa.engine.Engine, catalogue: Catalogue | None) -> dict[str, dict[str, Any]]:
    """What the rows should be, computed from the events without writing anything."""
    return {c.sender_id: row_of(c) for c in store.conversations(engine, catalogue, use_summaries=False).conversations}
