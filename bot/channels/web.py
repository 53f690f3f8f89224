"""The website channel: Rasa's socket.io channel, plus the files the chat widget needs.

One process serves both, so a site only needs the Rasa server's address:
    /webhooks/web/chat             a demo page with the widget
    /webhooks/web/widget.js|css    the widget
    /webhooks/web/socket.io.min.js the socket.io client, installed from npm (no CDN)
Messages arrive on the socket.io endpoint (/socket.io) as with Rasa's `socketio` channel;
conversations are recorded with the channel name "web".

python-socketio is pinned below 5.10 (requirements.in): from 5.10 `enter_room` is a
coroutine that Rasa 3.6 does not await, so with session persistence replies never reach
a reloaded page. tests/browser checks that they do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "widget.js": (ROOT / "web" / "widget.js", "application/javascript"),
    "widget.css": (ROOT / "web" / "widget.css", "text/css"),
    "chat": (ROOT / "web" / "demo.html", "text/html"),
    "socket.io.min.js": (ROOT / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js", "application/javascript"),
}


class WebChatInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "web"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)

        async def serve(request: Request, name: str) -> HTTPResponse:
            if name not in FILES:
                return response.text("not found", status=404)
            path, kind = FILES[name]
            if not path.is_file():
                return response.text(f"{path.name} is missing: run `make setup`", status=503)
            return await response.file(path, mime_type=kind, headers={"Cache-Control": "no-cache"})

        blueprint.add_route(serve, "/<name>", methods=["GET"], name="web_files")
        return blueprint
