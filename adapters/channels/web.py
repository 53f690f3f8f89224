"""The website channel: socket.io for the chat widget, plus the files the widget needs.

One process serves both, so a site only needs the Rasa server's address:
    /webhooks/web/chat             a demo page with the widget
    /webhooks/web/widget.js|css    the widget
    /webhooks/web/socket.io.min.js the socket.io client, installed from npm (no CDN)
Messages arrive on /socket.io with the events of Rasa's `socketio` channel
(session_request, session_confirm, user_uttered, bot_uttered); conversations are
recorded with the channel name "web".

What differs from Rasa's channel is who a conversation belongs to. The conversation id
is the server's: 128 random bits, handed out in `session_confirm`. A browser may ask to
continue its conversation after a reload by sending that id back, and gets it only if
it is one of ours in form and no other open socket holds it; otherwise it gets a new
one. Messages are filed under the id bound to the socket they arrive on, never under an
id named in the message, so knowing someone's id lets nobody read or write their
conversation while they are connected.

Packets above MAX_SOCKET_BYTES close the connection; origins other than the page's own
need CHAT_ALLOWED_ORIGINS (comma-separated) to connect.

python-socketio is pinned below 5.10 (requirements.in): from 5.10 `enter_room` is a
coroutine that this code (like Rasa 3.6) does not await.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from adapters.channels.http_limits import client_address, limit_request_size
from adapters.channels.turns import NO_TEXT, TurnHandler
from bot.limits import MAX_SOCKET_BYTES, TOO_FAST, per_address_limiter
from bot.settings import settings

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "widget.js": (ROOT / "web" / "widget.js", "application/javascript"),
    "widget.css": (ROOT / "web" / "widget.css", "text/css"),
    "chat": (ROOT / "web" / "demo.html", "text/html"),
    "socket.io.min.js": (
        ROOT / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js",
        "application/javascript",
    ),
}
SESSION_FORM = re.compile(r"^[0-9a-f]{32}$")
NO_SESSION = "Please reload the page to start a conversation."


class Sessions:
    """Which socket holds which conversation: at most one socket per conversation."""

    def __init__(self) -> None:
        self._by_socket: dict[str, str] = {}
        self._by_session: dict[str, str] = {}

    def bind(self, sid: str, claimed: Any) -> str:
        self.release(sid)
        session = claimed if isinstance(claimed, str) and SESSION_FORM.match(claimed) else None
        if session is None or session in self._by_session:
            if session is not None:
                logger.warning("A second socket claimed a conversation that is open elsewhere; gave it a new one")
            session = secrets.token_hex(16)
        self._by_socket[sid] = session
        self._by_session[session] = sid
        return session

    def of(self, sid: str) -> str | None:
        return self._by_socket.get(sid)

    def release(self, sid: str) -> None:
        session = self._by_socket.pop(sid, None)
        if session is not None and self._by_session.get(session) == sid:
            del self._by_session[session]


def _address(environ: dict[str, Any]) -> str:
    request = environ.get("sanic.request")
    return client_address(request) if request is not None else environ.get("REMOTE_ADDR") or "unknown"


class WebChatInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "web"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # No listed origins: None, python-engineio's "the page's own origin only".
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=settings().allowed_origins or None,
            max_http_buffer_size=MAX_SOCKET_BYTES,
        )
        blueprint = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        sessions = Sessions()
        addresses: dict[str, str] = {}
        per_address = per_address_limiter()
        turns = TurnHandler(on_new_message)
        limit_request_size(blueprint)

        async def reply(sid: str, text: str) -> None:
            await sio.emit(self.bot_message_evt, {"text": text}, room=sid)

        @sio.on("connect")
        async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> bool:
            addresses[sid] = _address(environ)
            return True

        @sio.on("disconnect")
        async def disconnect(sid: str) -> None:
            sessions.release(sid)
            addresses.pop(sid, None)

        @sio.on("session_request")
        async def session_request(sid: str, data: Any) -> None:
            claimed = data.get("session_id") if isinstance(data, dict) else None
            session = sessions.bind(sid, claimed)
            sio.enter_room(sid, session)
            await sio.emit("session_confirm", session, room=sid)

        @sio.on(self.user_message_evt)
        async def handle_message(sid: str, data: Any) -> None:
            session = sessions.of(sid)
            if session is None:
                await reply(sid, NO_SESSION)
                return
            text = data.get("message") if isinstance(data, dict) else None
            if not isinstance(text, str):  # blank text: TurnHandler answers it
                await reply(sid, NO_TEXT)
                return
            if not per_address.allow(addresses.get(sid, "unknown")):
                await reply(sid, TOO_FAST)
                return
            metadata = data.get(self.metadata_key)
            message = UserMessage(
                text,
                SocketIOOutput(sio, self.bot_message_evt),
                session,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else None,
            )
            await turns.handle(message)

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def serve(request: Request, name: str) -> HTTPResponse:
            if name not in FILES:
                return response.text("not found", status=404)
            path, kind = FILES[name]
            if not path.is_file():
                return response.text(f"{path.name} is missing: run `make setup`", status=503)
            return await response.file(path, mime_type=kind, headers={"Cache-Control": "no-cache"})

        blueprint.add_route(serve, "/<name>", methods=["GET"], name="web_files")
        return blueprint
