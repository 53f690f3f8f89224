"""Start the action server and `rasa run` on free local ports for end-to-end tests."""

from __future__ import annotations

import os
import random
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import requests

from tests.conftest import ROOT

VENV_BIN = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Below Linux's ephemeral range (32768-60999): a port the kernel hands to an outgoing
# connection (a replica's to PostgreSQL or RabbitMQ) can't take one of ours before we bind it.
FIRST_PORT, LAST_PORT = 20000, 32000


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_block(size: int) -> int:
    """The first of `size` consecutive ports that were all free a moment ago (the caller
    binds them soon): one block for several servers, so their ports can't overlap."""
    for _ in range(500):
        base = random.randrange(FIRST_PORT, LAST_PORT - size)
        if all(_bindable(base + i) for i in range(size)):
            return base
    raise RuntimeError(f"no {size} free ports in a row between {FIRST_PORT} and {LAST_PORT}")


def wait_until(process: subprocess.Popen, url: str, log: Path, seconds: int) -> None:
    """Until `url` answers; the server's log in the error when it exits or takes too long."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{log.stem} exited: " + log.read_text()[-3000:])
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{log.stem} did not start in {seconds}s: " + log.read_text()[-3000:])


def stop_process(process: subprocess.Popen | None) -> None:
    """SIGTERM to the process's group (started with start_new_session), SIGKILL after 20 s."""
    if process and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def trained_model() -> Path | None:
    explicit = os.environ.get("CAREER_MODEL")
    if explicit and Path(explicit).is_file():
        return Path(explicit)
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


class Servers:
    """One action server and one Rasa server, with their own ports, logs and tracker store."""

    def __init__(self, workdir: Path, tracker_env: dict[str, str], model: Path, api: bool = True):
        self.workdir = workdir
        self.model = model
        self.action_port = free_port()
        self.rasa_port = free_port()
        # Rasa's HTTP API is on for most tests (trackers, /model/parse), with a token.
        self.api_token = secrets.token_hex(16) if api else ""
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "ACTION_PORT": str(self.action_port),
            "TRACKER_DIALECT": "sqlite",
            "TRACKER_HOST": "",
            "TRACKER_PORT": "",
            "TRACKER_USER": "",
            "TRACKER_PASSWORD": "",
            "RASA_API_TOKEN": self.api_token,
            "RASA_PORT": str(self.rasa_port),
            # The whole suite talks from 127.0.0.1; the per-address limit has tests of its own.
            "CHAT_ADDRESS_LIMIT": "100000",
            **tracker_env,
        }
        self.actions: subprocess.Popen | None = None
        self.rasa: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "ab")
        return subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def _wait(self, process: subprocess.Popen, url: str, name: str, seconds: int) -> None:
        wait_until(process, url, self.workdir / f"{name}.log", seconds)

    def start_actions(self) -> None:
        self.actions = self._spawn(
            "actions", [str(VENV_BIN / "python"), "-m", "actions", "--port", str(self.action_port)]
        )
        self._wait(self.actions, f"http://127.0.0.1:{self.action_port}/health", "actions", 90)

    def start_rasa(self) -> None:
        self.rasa = self._spawn(
            "rasa",
            [
                str(VENV_BIN / "python"),
                "-m",
                "adapters.server",
                "--model",
                str(self.model),
                "--endpoints",
                "endpoints.yml",
                "--credentials",
                "credentials.yml",
            ],
        )
        # The REST channel answers only once the model is loaded (Sanic starts after it).
        self._wait(self.rasa, f"{self.url}/webhooks/rest/", "rasa", 240)

    def start(self) -> Servers:
        self.start_actions()
        self.start_rasa()
        return self

    @staticmethod
    def _stop(process: subprocess.Popen | None) -> None:
        stop_process(process)

    def stop_rasa(self) -> None:
        self._stop(self.rasa)

    def stop_actions(self) -> None:
        self._stop(self.actions)

    def stop(self) -> None:
        self.stop_rasa()
        self.stop_actions()

    # --- talking to it ----------------------------------------------------------

    def post(self, sender: str, message: str) -> requests.Response:
        return requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
        )

    def say(self, sender: str, message: str) -> list[dict]:
        response = self.post(sender, message)
        response.raise_for_status()
        return response.json()

    @staticmethod
    def conversation_id(sender: str) -> str:
        """The id a REST sender's conversation is stored under (adapters/channels/rest.py)."""
        return "rest:" + sender

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """Rasa's HTTP API, authenticated with this server's token."""
        params = {**kwargs.pop("params", {}), "token": self.api_token}
        return requests.request(method, f"{self.url}{path}", params=params, timeout=60, **kwargs)

    def tracker(self, sender: str) -> dict:
        response = self.api("GET", f"/conversations/{quote(self.conversation_id(sender), safe=':')}/tracker")
        response.raise_for_status()
        return response.json()
