"""A socket.io client that talks to the assistant as the chat widget does (web/widget.js)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import socketio


class WidgetClient:
    def __init__(self, url: str) -> None:
        self.url = url
        self.replies: list[str] = []
        self.session: str | None = None
        self._changed = threading.Condition()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("bot_uttered", self._on_reply)
        self.sio.on("session_confirm", self._on_session)

    def __enter__(self) -> WidgetClient:
        self.sio.connect(self.url, socketio_path="/socket.io", transports=["websocket"], wait_timeout=30)
        return self

    def __exit__(self, *_: Any) -> None:
        if self.sio.connected:
            self.sio.disconnect()

    @property
    def connected(self) -> bool:
        return self.sio.connected

    def _on_reply(self, data: Any) -> None:
        with self._changed:
            self.replies.append((data or {}).get("text") or "")
            self._changed.notify_all()

    def _on_session(self, data: Any) -> None:
        with self._changed:
            self.session = data
            self._changed.notify_all()

    def wait(self, condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        with self._changed:
            while not condition():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out waiting for {what}")
                self._changed.wait(min(left, 0.2))

    def start(self, claim: Any = None) -> str:
        """Ask for a conversation (continuing `claim` if allowed); returns its id."""
        self.session = None
        self.sio.emit("session_request", {"session_id": claim})
        self.wait(lambda: self.session is not None, "session_confirm")
        return self.session  # type: ignore[return-value]

    def emit_raw(self, data: Any) -> None:
        self.sio.emit("user_uttered", data)

    def say(self, text: Any, metadata: dict | None = None) -> str:
        """Send a message; returns the text of the first reply to it."""
        before = len(self.replies)
        payload: dict[str, Any] = {"message": text, "session_id": self.session}
        if metadata is not None:
            payload["metadata"] = metadata
        self.sio.emit("user_uttered", payload)
        self.wait(lambda: len(self.replies) > before, f"a reply to {text!r}")
        return self.replies[before]
