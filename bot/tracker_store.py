"""Rasa's SQL tracker store, configured from environment variables in endpoints.yml.

endpoints.yml can only substitute strings, so an unset PostgreSQL host or port arrives
here as "" (which SQLAlchemy rejects for a port). This subclass turns blanks into
"not set", so the same endpoints.yml serves SQLite locally and PostgreSQL in production.
"""

from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore


def _blank_to_none(value: Any) -> Any:
    return None if value in ("", None) else value


class EnvSQLTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        domain: Any = None,
        dialect: str = "sqlite",
        host: str | None = None,
        port: Any = None,
        db: str = "var/conversations.db",
        username: str | None = None,
        password: str | None = None,
        event_broker: Any = None,
        **kwargs: Any,
    ) -> None:
        port = _blank_to_none(port)
        super().__init__(
            domain=domain,
            dialect=dialect or "sqlite",
            host=_blank_to_none(host),
            port=int(port) if port is not None else None,
            db=db or "var/conversations.db",
            username=_blank_to_none(username),
            password=_blank_to_none(password),
            event_broker=event_broker,
            **kwargs,
        )
