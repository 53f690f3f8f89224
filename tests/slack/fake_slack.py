"""A stand-in for Slack's Web API on a local port that records every chat.postMessage."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.e2e.servers import free_port


class FakeSlack:
    def __init__(self) -> None:
        self.posts: list[dict] = []
        self.mode = "ok"  # "ok" | "error" | "slow"
        self.port = free_port()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                try:
                    body = json.loads(raw) if raw else {}
                except ValueError:
                    body = {"raw": raw}
                if fake.mode == "slow":
                    time.sleep(12)  # longer than the client's 10 s timeout
                if self.path.endswith("chat.postMessage"):
                    fake.posts.append(body)
                status, answer = (
                    (500, {"ok": False, "error": "internal_error"})
                    if fake.mode == "error"
                    else (200, {"ok": True, "channel": body.get("channel"), "ts": f"{time.time():.6f}"})
                )
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def __enter__(self) -> FakeSlack:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()

    def wait_for(self, channel: str, count: int = 1, seconds: float = 60) -> list[dict]:
        """The posts to one channel, once there are at least `count` of them.

        Filtering by channel matters: a post the server gave up on (slow mode) can still
        land here seconds later, in the middle of another test."""
        deadline = time.monotonic() + seconds
        while True:
            found = [post for post in self.posts if post.get("channel") == channel]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(found)} of {count} posts to {channel} arrived within {seconds} s")
            time.sleep(0.2)
