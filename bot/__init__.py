"""Career guidance engine: catalogue, matching, related roles and transition advice."""

import sys


def engine_only_process() -> None:
    """Call before importing anything else from `bot` in processes that never run
    Rasa's models (the CLI, the action server, the benchmark).

    thinc, spaCy's ML layer, imports TensorFlow whenever it is installed (Rasa installs
    it). That costs about three seconds and the engine never uses it, so it is marked
    unavailable before spaCy is imported. Never call this inside the Rasa server.
    """
    if "tensorflow" not in sys.modules and "spacy" not in sys.modules:
        sys.modules["tensorflow"] = None  # type: ignore[assignment]
