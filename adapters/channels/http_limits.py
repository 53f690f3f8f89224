"""HTTP-level limits shared by the channels: body size and the client's address."""

from __future__ import annotations

from typing import Any

from sanic import Blueprint, Sanic
from sanic.request import Request

from bot.limits import MAX_BODY_BYTES
from bot.settings import settings


def limit_request_size(blueprint: Blueprint) -> None:
    """Sanic refuses bodies above MAX_BODY_BYTES with 413 before reading them.

    The limit is server-wide (Sanic has no per-route one); every channel sets the same
    value, so it holds under `rasa run` as well as our launcher (adapters/server.py)."""

    @blueprint.listener("before_server_start")
    async def set_limit(app: Sanic, _: Any) -> None:
        app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES


def trust_proxy() -> bool:
    """Behind nginx (deploy/) every request comes from the proxy; only then is its
    X-Forwarded-For header the person's address. Never trust it on a direct port."""
    return settings().chat_trust_proxy


def client_address(request: Request, trusted: bool | None = None) -> str:
    """The address to count a request against: X-Forwarded-For's last entry (the one the
    proxy added; anything before it came from the client) when the proxy is trusted
    (`trusted`, by default CHAT_TRUST_PROXY), else the connection's own address."""
    if trust_proxy() if trusted is None else trusted:
        hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
        if hops:
            return hops[-1][:64]
    return request.ip or "unknown"
