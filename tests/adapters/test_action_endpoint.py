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
