"""Start the action server: `python -m actions --port 5055`.

Same as `python -m rasa_sdk --actions actions`, but keeps TensorFlow out of the process
(see bot.engine_only_process) so the server starts in a couple of seconds, and listens
on 127.0.0.1 unless ACTION_INTERFACE says otherwise.
"""

from bot import engine_only_process

engine_only_process()

import os  # noqa: E402
import sys  # noqa: E402

from rasa_sdk.__main__ import main_from_args  # noqa: E402
from rasa_sdk.endpoint import create_argument_parser  # noqa: E402


def main() -> None:
    args = create_argument_parser().parse_args(sys.argv[1:] + ["--actions", "actions"])
    # Only Rasa calls the action server, so by default it listens on loopback only
    # (rasa_sdk reads the address from SANIC_HOST and would otherwise take 0.0.0.0).
    os.environ["SANIC_HOST"] = os.environ.get("ACTION_INTERFACE") or "127.0.0.1"
    # Build the catalogue index before the first message rather than during it.
    from bot.catalogue import shared_catalogue
    from bot.matching import matcher_for
    from bot.privacy import redact_all_logs

    redact_all_logs()

    matcher_for(shared_catalogue()).warm()
    main_from_args(args)


if __name__ == "__main__":
    main()
