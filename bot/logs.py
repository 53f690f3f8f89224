"""The logging configuration every process of the assistant uses (logging.yml).

Rasa and rasa_sdk can read such a file too, but they ignore a file that fails to load; a
server that drops its audit lines without a word is worse than one that does not start,
so this loader raises."""

from __future__ import annotations

import logging
import logging.config
from pathlib import Path

import yaml

LOGGING_FILE = Path(__file__).resolve().parent.parent / "logging.yml"

# What counselors and operators did: sign-ins, lock-outs, exports, erasures, purges.
audit = logging.getLogger("career.audit")


def configure(level: str = "INFO", path: Path = LOGGING_FILE) -> None:
    """Apply the configuration, with `level` (LOG_LEVEL) for everything but the audit
    lines and the libraries it quietens."""
    logging.config.dictConfig(yaml.safe_load(path.read_text()))
    logging.getLogger().setLevel(level.upper())
