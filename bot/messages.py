"""The shape of everything the assistant says: messages with buttons, and the slots to keep.

Kept apart from the reply functions so every module that builds a reply (bot/replies.py,
bot/answers.py, bot/steering.py, bot/guide.py) can share them without importing each other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.related import RelatedRole


@dataclass
class Message:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Reply:
    messages: list[Message]
    slots: dict[str, Any] = field(default_factory=dict)
    missed: bool = False  # the assistant did not understand; counts towards offering a counselor


def payload(intent: str, **entities: str) -> str:
    return f"/{intent}{json.dumps(entities, separators=(',', ':'))}" if entities else f"/{intent}"


def payload_entities(text: str) -> dict[str, Any]:
    """The entities of a button payload made by `payload` ({} for anything else)."""
    if not text.startswith("/") or "{" not in text:
        return {}
    try:
        found = json.loads(text[text.index("{") :])
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def lower_first(text: str) -> str:
    """A figure's wording inside a sentence: "High school diploma" -> "high school diploma"."""
    return text[0].lower() + text[1:] if text else text


def role_list(roles: list[RelatedRole]) -> Message:
    lines = [f"- {r.title}: {r.reason}" for r in roles]
    buttons = [{"title": r.title, "payload": payload("pick_role", target_code=r.code)} for r in roles]
    text = "Roles you could move to:\n" + "\n".join(lines) + "\nPick one for transition advice."
    return Message(text=text, buttons=buttons)
