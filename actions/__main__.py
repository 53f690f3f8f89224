"""Start the action server: `python -m actions --port 5055`.

Same as `python -m rasa_sdk --actions actions`, but keeps TensorFlow out of the process
(see bot.engine_only_process) so the server starts in a couple of seconds, and listens
on ACTION_PORT and 127.0.0.1 unless the settings (bot/settings.py) say otherwise.
"""

from bot import engine_only_process

engine_only_process()

import os  # noqa: E402
import sys  # noqa: E402

from rasa_sdk.endpoint import create_argument_parser, run  # noqa: E402
from rasa_sdk.utils import update_sanic_log_level  # noqa: E402


def main() -> None:
    from bot import logs, one_blas_thread_per_request
    from bot.catalogue import shared_catalogue
    from bot.matching import matcher_for
    from bot.privacy import redact_all_logs
    from bot.settings import settings

    config = settings()
    # ACTION_PORT is the default; a --port given on the command line comes later and wins.
    args = create_argument_parser().parse_args(
        ["--port", str(config.action_port), *sys.argv[1:], "--actions", "actions"]
    )
    # Only Rasa calls the action server, so by default it listens on loopback only
    # (rasa_sdk reads the address from SANIC_HOST and would otherwise take 0.0.0.0).
    os.environ["SANIC_HOST"] = config.action_interface
    # rasa_sdk's own start-up would install its coloured format; ours is logging.yml.
    logs.configure(config.log_level)
    update_sanic_log_level()
    redact_all_logs()
    one_blas_thread_per_request()
    # Build the catalogue index before the first message rather than during it.
    matcher_for(shared_catalogue()).warm()
    run(args.actions, args.port, args.cors, args.ssl_certificate, args.ssl_keyfile, args.ssl_password, args.auto_reload)


if __name__ == "__main__":
    main()
