"""Rasa's calls to the action server survive a connection that fails before any answer."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from adapters.action_endpoint import ATTEMPTS, RetryingEndpointConfig

ANSWER = (
    b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{"ok": 1.0}'
)


async def flaky_server(failures: int) -> tuple[asyncio.AbstractServer, list[int]]:
    """A server that resets the first `failures` connections, then answers."""
    seen: list[int] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append(1)
        if len(seen) <= failures:
            writer.transport.abort()  # a reset, as from an overloaded or restarting server
            return
        await reader.readuntil(b"\r\n\r\n")
        writer.write(ANSWER)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, seen


async def test_a_reset_connection_is_tried_again():
    server, seen = await flaky_server(failures=1)
    port = server.sockets[0].getsockname()[1]
    async with server:
        endpoint = RetryingEndpointConfig(url=f"http://127.0.0.1:{port}/webhook")
        assert await endpoint.request(json={"next_action": "action_liked_role"}, method="post") == {"ok": 1.0}
    assert len(seen) == 2


async def test_it_gives_up_after_the_last_attempt():
    server, seen = await flaky_server(failures=ATTEMPTS)
    port = server.sockets[0].getsockname()[1]
    async with server:
        endpoint = RetryingEndpointConfig(url=f"http://127.0.0.1:{port}/webhook")
        with pytest.raises(aiohttp.ClientConnectionError):
            await endpoint.request(json={}, method="post")
    assert len(seen) == ATTEMPTS


def test_action_answers_are_held_to_rasas_schema_checked_once(monkeypatch):
    """The answer schema is checked against the meta-schema once, not for every message."""
    from jsonschema import ValidationError
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    from adapters.action_endpoint import validate_answers_with_one_validator

    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    kind = validator_for(RemoteAction.action_response_format_spec())
    validate_answers_with_one_validator()
    checks = []
    original = kind.check_schema
    monkeypatch.setattr(kind, "check_schema", lambda schema, **kw: checks.append(1) or original(schema, **kw))
    action = RemoteAction("action_liked_role", None)

    good = {"events": [{"event": "slot", "name": "role", "value": "29-1141.00"}], "responses": [{"text": "Nurses"}]}
    for _ in range(20):
        assert action._validate_action_result(good) is True
    assert checks == []

    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})


ANSWERS = [
    {"events": [], "responses": []},
    {
        "events": [
            {"event": "slot", "name": "role", "value": "29-1141.00", "timestamp": None},
            {"event": "slot", "name": "offered", "value": ["29-1141.00", "29-1171.00"]},
            {"event": "bot", "text": "Registered nurses ...", "data": {"custom": {"codes": ["29-1141.00"]}}},
            {"event": "followup", "name": "action_listen"},
            {"event": "active_loop", "name": None},
        ],
        "responses": [{"text": "Registered nurses", "buttons": [{"title": "pay", "payload": "/pay"}]}],
    },
    {"events": [{"event": "slot", "value": "no name"}]},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"name": "role"}]},
    {"events": [{"event": 7}]},
    {"events": [{"event": ["slot"]}]},
    {"events": ["slot"]},
    {"events": {"event": "slot"}},
    {"events": [{"event": "slot", "name": "role", "timestamp": "noon"}]},
    {"events": [{"event": "user", "text": "hi", "parse_data": {"intent": {"name": 3}}}]},
    {"responses": "hello"},
    ["not", "an", "object"],
]


@pytest.mark.parametrize("answer", ANSWERS)
def test_action_answers_are_accepted_and_rejected_as_rasa_does(answer, monkeypatch):
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    from adapters.action_endpoint import validate_answers_with_one_validator

    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    try:
        jsonschema.validate(answer, RemoteAction.action_response_format_spec())
        rasa_accepts = True
    except jsonschema.ValidationError:
        rasa_accepts = False
    validate_answers_with_one_validator()
    action = RemoteAction("action_liked_role", None)
    if rasa_accepts:
        assert action._validate_action_result(answer) is True
    else:
        with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
            action._validate_action_result(answer)
