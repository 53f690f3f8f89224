"""Rasa's SQL tracker store, configured from environment variables, redacting on write.

endpoints.yml can only substitute strings, so an unset PostgreSQL host or port arrives
here as "" (which SQLAlchemy rejects for a port). This subclass turns blanks into
"not set", so the same endpoints.yml serves SQLite locally and PostgreSQL in production.

It also removes email addresses and phone numbers from what people type before the
events are written (bot/privacy.py), so nothing unredacted ever reaches the database.
"""

from __future__ import annotations

from typing import Any, Iterator

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SlotSet, UserUttered

from bot.privacy import redact


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

    def _additional_events(self, session: Any, tracker: Any) -> Iterator:
        for event in super()._additional_events(session, tracker):
            if isinstance(event, UserUttered):
                yield _redacted(event)
            elif isinstance(event, SlotSet) and _has_text(event.value):
                # Entities copy what people typed into slots ("555-867-5309" as a code).
                yield SlotSet(event.key, _redact_value(event.value), timestamp=event.timestamp, metadata=event.metadata)
            else:
                yield event


def _has_text(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and any(isinstance(v, str) for v in value))


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    return [redact(v) if isinstance(v, str) else v for v in value]


def _redacted(event: UserUttered) -> UserUttered:
    text = redact(event.text or "")
    if text == (event.text or ""):
        return event
    entities = [{**e, "value": redact(str(e.get("value", "")))} for e in event.entities]
    parse_data = {**(event.parse_data or {}), "text": text, "entities": entities}
    return UserUttered(
        text=text,
        intent=event.intent,
        entities=entities,
        parse_data=parse_data,
        timestamp=event.timestamp,
        input_channel=event.input_channel,
        message_id=event.message_id,
        metadata=event.metadata,
    )
