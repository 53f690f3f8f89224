"""The conversations every tracker store must hold, and helpers to read replies."""

from __future__ import annotations

import json


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def buttons(messages: list[dict]) -> list[dict]:
    return [b for m in messages for b in (m.get("buttons") or [])]


def liked_role_flow(servers, sender: str) -> list[str]:
    """Liked role -> related roles -> advice -> less schooling. Returns what the user typed."""
    typed = ["I loved my years as a nurse"]
    first = servers.say(sender, typed[0])
    assert "Registered Nurses" in texts(first) and "Healthcare & Human Services" in texts(first)
    picks = [b for b in buttons(first) if b["payload"].startswith("/pick_role")]
    assert 3 <= len(picks) <= 5
    typed.append(picks[0]["payload"])
    advice = servers.say(sender, picks[0]["payload"])
    assert f"Moving from Registered Nurses to {picks[0]['title']}" in texts(advice)
    assert "What carries over" in texts(advice)
    typed.append("what about something with less schooling?")
    fewer = servers.say(sender, typed[-1])
    assert "less schooling than Registered Nurses" in texts(fewer)
    return typed


def payload_entities(payload: str) -> dict:
    return json.loads(payload[payload.index("{") :])
