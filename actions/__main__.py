"""Start the action server: `python -m actions --port 5055`.

Same as `python -m rasa_sdk --actions actions`, but keeps TensorFlow out of the process
(see bot.engine_only_process) so the server starts in a couple of seconds.
"""

from bot import engine_only_process

engine_only_process()

import sys  # noqa: E402

from rasa_sdk.__main__ import main_from_args  # noqa: E402
from rasa_sdk.endpoint import create_argument_parser  # noqa: E402


def main() -> None:
    args = create_argument_parser().parse_args(sys.argv[1:] + ["--actions", "actions"])
    # Build the catalogue index before the first message rather than during it.
    from bot.catalogue import shared_catalogue
    from bot.matching import matcher_for

    matcher_for(shared_catalogue()).activities()
    main_from_args(args)


if __name__ == "__main__":
    main()
