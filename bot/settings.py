"""Every setting the assistant reads, in one place, with its default.

Each field is read from the environment variable of the same name in capitals
(`tracker_db` from TRACKER_DB), or else from a `.env` file at the project root (copy
`.env.example`, which lists them all; it stays out of git). A variable that is unset or
empty keeps the default, so `rasa run`, `rasa shell` and `rasa test` from a plain
checkout get the same SQLite conversations database as `make run`. Secrets (tokens,
passwords, signing keys) only ever come from the environment: their defaults are empty,
which leaves the feature that needs them off.
"""

from __future__ import annotations

import argparse
import os
import shlex
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

ENV_FILE = Path(__file__).resolve().parent.parent / ".env"
SECRETS = {
    "rasa_api_token",
    "rasa_jwt_secret",
    "tracker_password",
    "redis_password",
    "rabbitmq_password",
    "review_secret",
    "slack_bot_token",
    "slack_signing_secret",
}


@dataclass(frozen=True)
class Settings:
    # The chat server (adapters/server.py): channels on RASA_INTERFACE:RASA_PORT; Rasa's HTTP
    # API only with a token or a JWT secret, and then on loopback.
    rasa_port: int = 5005
    rasa_interface: str = "0.0.0.0"
    rasa_api_token: str = ""
    rasa_jwt_secret: str = ""
    rasa_response_timeout: int = 60
    # What people may send (bot/limits.py); origins are comma-separated.
    chat_allowed_origins: str = ""
    chat_trust_proxy: bool = False
    chat_max_message_chars: int = 1000
    chat_max_body_bytes: int = 256 * 1024
    chat_max_socket_bytes: int = 16 * 1024
    chat_sender_limit: int = 20
    chat_sender_window: float = 60.0
    chat_address_limit: int = 120
    chat_address_window: float = 60.0
    # The action server; only Rasa calls it, so it listens on loopback.
    action_port: int = 5055
    action_interface: str = "127.0.0.1"
    action_url: str = ""  # empty: http://127.0.0.1:ACTION_PORT/webhook
    # Where conversations are kept (Rasa's SQL tracker store and the tables beside it).
    tracker_dialect: str = "sqlite"
    tracker_db: str = "var/conversations.db"
    tracker_host: str = ""
    tracker_port: int = 0  # 0: the dialect's default port
    tracker_user: str = ""
    tracker_password: str = ""
    tracker_retry_seconds: float = 10.0
    # Several replicas (make cluster, deploy/): Redis lock store and RabbitMQ event broker,
    # used only with deploy/endpoints.cluster.yml. The RabbitMQ defaults are its own local
    # guest account, which RabbitMQ accepts from loopback only.
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    redis_db: int = 1
    redis_password: str = ""
    rabbitmq_host: str = "127.0.0.1"
    rabbitmq_port: int = 5672
    rabbitmq_user: str = "guest"
    rabbitmq_password: str = "guest"
    rabbitmq_queue: str = "career_events"
    # The counselor review app (review/).
    review_port: int = 5066
    review_secret: str = ""  # empty: a new key per start, so sign-ins end on restart
    review_secure_cookies: bool = False
    review_trust_proxy: bool = False
    review_low_confidence: float = 0.6
    # 1 where an event consumer keeps review_summaries (make cluster): lists read it.
    review_summaries: bool = False
    # Where the consumer tells counselors that someone asked for one (with SLACK_BOT_TOKEN),
    # and the review app's address for the link in that message.
    review_slack_channel: str = ""
    review_url: str = ""
    # Slack (adapters/channels/slack.py): off unless both are set.
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_api_url: str = ""
    # Embedded catalogue cache ("off" disables it); empty: ~/.cache/career-assistant/vectors.
    career_cache_dir: str = ""
    log_level: str = "INFO"

    @property
    def action_endpoint(self) -> str:
        return self.action_url or f"http://127.0.0.1:{self.action_port}/webhook"

    @property
    def allowed_origins(self) -> list[str]:
        return [origin.strip() for origin in self.chat_allowed_origins.split(",") if origin.strip()]


TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def _parse(name: str, kind: str, value: str) -> Any:
    if kind == "bool":
        if value.lower() not in TRUE | FALSE:
            raise ValueError(f"{name.upper()}={value!r}: expected 1 or 0")
        return value.lower() in TRUE
    try:
        return {"int": int, "float": float, "str": str}[kind](value)
    except ValueError:
        raise ValueError(f"{name.upper()}={value!r}: expected a number") from None


def read_env_file(path: Path) -> dict[str, str]:
    """NAME=value lines; blank lines and # comments are skipped, quotes around a value dropped."""
    if not path.is_file():
        return {}
    values = {}
    for line in path.read_text().splitlines():
        name, equals, value = line.strip().removeprefix("export ").partition("=")
        if equals and not name.startswith("#"):
            values[name.strip()] = value.strip().strip("'\"")
    return values


def settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings from `env`; by default the process environment over the `.env` file,
    read afresh each call so that a test or a launcher can change the environment before a
    part starts."""
    if env is None:
        env = {**read_env_file(ENV_FILE), **os.environ}
    values = {
        field.name: _parse(field.name, str(field.type), env[field.name.upper()].strip())
        for field in fields(Settings)
        if env.get(field.name.upper(), "").strip()
    }
    return Settings(**values)


def main(argv: list[str] | None = None) -> None:
    """`python -m bot.settings`: every setting and its value (secrets only as set or not);
    `--shell NAME ...`: export lines for the scripts, which start the servers on these ports."""
    parser = argparse.ArgumentParser(prog="python -m bot.settings", description=main.__doc__)
    parser.add_argument("--shell", nargs="+", metavar="NAME")
    args = parser.parse_args(argv)
    values = asdict(settings())
    if args.shell:
        for name in args.shell:
            print(f"export {name.upper()}={shlex.quote(str(values[name.lower()]))}")
        return
    for name, value in values.items():
        shown = ("(set)" if value else "(not set)") if name in SECRETS else value
        print(f"{name.upper()}={shown}")


if __name__ == "__main__":
    main()
