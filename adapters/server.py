"""Start the Rasa server the safe way: `python -m adapters.server --model models/x.tar.gz`.

`rasa run` takes its security settings as flags, which end up in shell histories and
process lists, and makes it easy to open Rasa's HTTP API to the network. This launcher
reads them from the settings (bot/settings.py, i.e. the environment) instead and refuses
unsafe combinations:

- RASA_PORT (5005) and RASA_INTERFACE (0.0.0.0): where the chat channels listen. Only
  the channels (REST, the widget's socket.io, Slack) are served there.
- Rasa's HTTP API (/model, /conversations/<id>/tracker, ...) is off unless
  RASA_API_TOKEN (at least 24 characters; sent as ?token=) or RASA_JWT_SECRET (a
  Bearer JWT) is set. With the API on, the server binds to 127.0.0.1 whatever
  RASA_INTERFACE says: operators, tests and benchmarks reach it locally, nobody else.
- CHAT_ALLOWED_ORIGINS (comma-separated): the only origins CORS lets call the server
  from a browser; unset means none (the widget's own page needs no CORS).
- Size limits and rate limits are in bot/limits.py, applied by the channels.
"""

from __future__ import annotations

import argparse
import logging
import sys

from bot.settings import Settings, settings

MIN_TOKEN_CHARS = 24
LOOPBACK = "127.0.0.1"


class UnsafeSettings(ValueError):
    pass


def keep_jax_out() -> None:
    """Call before TensorFlow is imported. TensorFlow's model converter (tf.lite) imports
    JAX, which TensorFlow's own requirements install, to convert JAX models; this server
    never converts anything, and the import costs about 66 MB of memory a replica and 0.3 s
    of start-up. Marked unavailable, the import fails the way TensorFlow allows for (it
    catches the ImportError and leaves that one converter off)."""
    if "tensorflow" not in sys.modules:
        sys.modules.setdefault("jax", None)  # type: ignore[arg-type]


TENSORFLOW_THREADS = ("TF_INTER_OP_PARALLELISM_THREADS", "TF_INTRA_OP_PARALLELISM_THREADS")


def one_tensorflow_thread_per_request() -> None:
    """Let TensorFlow run each message's DIET pass on the request's own thread.

    One message is a few small matrix products; TensorFlow's default pools hand them to a
    thread per core, which on a busy server only adds hand-offs and competes with the other
    requests and the action server for the same cores. Under load on 2 cores one thread gave
    about a tenth more messages per second (docs/benchmarks.md). An operator who sets either
    variable keeps their choice; `rasa run` reads the same two."""
    import os

    if not any(os.environ.get(name) for name in TENSORFLOW_THREADS):
        for name in TENSORFLOW_THREADS:
            os.environ[name] = "1"
    from rasa.utils.tensorflow.environment import setup_tf_environment

    setup_tf_environment()


def serve_options(config: Settings) -> dict[str, object]:
    """The keyword arguments for rasa's serve_application, from the settings."""
    token = config.rasa_api_token or None
    jwt_secret = config.rasa_jwt_secret or None
    for name, value in (("RASA_API_TOKEN", token), ("RASA_JWT_SECRET", jwt_secret)):
        if value is not None and len(value) < MIN_TOKEN_CHARS:
            raise UnsafeSettings(f"{name} must be at least {MIN_TOKEN_CHARS} characters (e.g. `openssl rand -hex 24`)")
    enable_api = bool(token or jwt_secret)
    interface = LOOPBACK if enable_api else config.rasa_interface
    return {
        "port": config.rasa_port,
        "interface": interface,
        "enable_api": enable_api,
        "auth_token": token,
        "jwt_secret": jwt_secret,
        "jwt_method": "HS256",
        "cors": config.allowed_origins or None,
        "response_timeout": config.rasa_response_timeout,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m adapters.server", description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--credentials", default="credentials.yml")
    args = parser.parse_args(argv)
    try:
        config = settings()
        options = serve_options(config)
    except (UnsafeSettings, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    keep_jax_out()
    import rasa.core.run
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    from adapters.action_endpoint import RetryingEndpointConfig, validate_answers_with_one_validator
    from bot import logs, one_blas_thread_per_request
    from bot.privacy import redact_all_logs

    level = logging.getLevelName(config.log_level)
    configure_logging_and_warnings(level)
    # Rasa's structured logs go through the standard logging records, so they are
    # filtered by level and redacted like every other line.
    configure_structlog(level)
    # logging.yml: the same format and audit logger as the action server and review app.
    logs.configure(config.log_level)
    redact_all_logs()
    logging.getLogger(__name__).info(
        "Chat channels on %s:%s; HTTP API %s",
        options["interface"],
        options["port"],
        "on (authenticated, loopback only)" if options["enable_api"] else "off",
    )
    endpoints = AvailableEndpoints.read_endpoints(args.endpoints)
    # The action server's address is a setting (ACTION_URL / ACTION_PORT), not a line to
    # edit in endpoints.yml: tests and replicas run action servers on other ports.
    endpoints.action = RetryingEndpointConfig(url=config.action_endpoint)
    validate_answers_with_one_validator()
    one_blas_thread_per_request()
    one_tensorflow_thread_per_request()
    rasa.core.run.serve_application(
        model_path=args.model,
        credentials=args.credentials,
        endpoints=endpoints,
        **options,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
