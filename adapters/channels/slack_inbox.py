"""Slack deliveries, remembered from arrival until their turn is over.

Slack wants an answer within three seconds and retries when it gets none, so the
channel acknowledges first and answers later. Two things can go wrong with that: the
same event arrives again (a Slack retry, or someone replaying a signed request within
its five minutes), and the server stops between the acknowledgement and the reply.
Each delivery is therefore written here before it is acknowledged, under its event id:
a second delivery of the same id is a duplicate and is dropped, and deliveries whose
turn never finished are run again when the server starts.

The row holds the message (with its text) only until the turn is over; after that only
the id stays, for the replay window, so the tracker store remains the one place where
conversations are kept, redacted.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import sqlalchemy as sa

logger = logging.getLogger(__name__)

# Slack refuses signatures older than five minutes; ids are kept twice as long.
REPLAY_WINDOW = 10 * 60

metadata = sa.MetaData()
deliveries = sa.Table(
    "slack_inbox",
    metadata,
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("received", sa.Float, nullable=False, index=True),
    sa.Column("message", sa.Text, nullable=True),
    sa.Column("done", sa.Boolean, nullable=False, default=False),
)


class Inbox:
    def __init__(self, url: str) -> None:
        self.engine = sa.create_engine(url)
        metadata.create_all(self.engine)

    def accept(self, key: str, message: dict[str, Any], now: float | None = None) -> bool:
        """Remember a delivery; False if this key was seen within the replay window."""
        now = now or time.time()
        with self.engine.begin() as connection:
            connection.execute(sa.delete(deliveries).where(deliveries.c.received < now - REPLAY_WINDOW))
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    sa.insert(deliveries).values(key=key, received=now, message=json.dumps(message), done=False)
                )
        except sa.exc.IntegrityError:
            return False
        return True

    def finish(self, key: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(sa.update(deliveries).where(deliveries.c.key == key).values(message=None, done=True))

    def unfinished(self, now: float | None = None) -> list[tuple[str, dict[str, Any]]]:
        """Deliveries acknowledged but never answered, oldest first."""
        now = now or time.time()
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(deliveries.c.key, deliveries.c.message)
                .where(deliveries.c.done.is_(False), deliveries.c.received >= now - REPLAY_WINDOW)
                .order_by(deliveries.c.received)
            ).fetchall()
        return [(key, json.loads(message)) for key, message in rows if message]
