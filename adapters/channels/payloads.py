"""Which messages may skip NLU: button payloads, and nothing else.

Rasa reads a message that starts with "/" as an intent with entities
(`/choose_occupation{"occupation_code": "29-1141.00"}`) and skips NLU; that is how the
buttons work. Typed by a person, the same syntax could restart a conversation, start a
session with forged metadata, or name an intent that does not exist (which Rasa then
prints, text and all, in a warning). Only the domain's own intents with a JSON object of
entities pass as payloads; anything else loses its leading slashes and is read as text.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"
PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$", re.DOTALL)


@lru_cache(maxsize=1)
def payload_intents() -> frozenset[str]:
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    return frozenset(i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents") or [])


def is_payload(text: str) -> bool:
    match = PAYLOAD.match(text.strip())
    if not match or match.group(1) not in payload_intents():
        return False
    if match.group(2) is None:
        return True
    try:
        return isinstance(json.loads(match.group(2)), dict)
    except ValueError:
        return False


def as_message(text: str) -> str:
    """The text itself, or a payload the buttons could have sent."""
    if text.lstrip().startswith("/") and not is_payload(text):
        return text.lstrip().lstrip("/").lstrip()
    return text
