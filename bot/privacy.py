"""Remove email addresses and phone numbers from what people type, before it is stored."""

from __future__ import annotations

import re
from typing import Any

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Seven or more digits, optionally with +country code, spaces, dots, dashes or brackets.
PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d\s().-]{5,}\d(?![\w])")
# O*NET-SOC codes ("29-1141.00") travel in button payloads and are not phone numbers.
SOC_CODE = re.compile(r"^\d{2}-\d{4}(?:\.\d{2})?$")


def _phone(match: re.Match) -> str:
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    if digits < 7 or SOC_CODE.match(text.strip()):
        return text
    return "[phone]"


def redact(text: str) -> str:
    """'mail me at ana@example.org or 555-123-4567' -> 'mail me at [email] or [phone]'."""
    if not text:
        return text
    return PHONE.sub(_phone, EMAIL.sub("[email]", text))


def redact_value(value: Any) -> Any:
    """Every string inside a JSON-like value redacted; keys, numbers and None as they are."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [redact_value(v) for v in value]
    if isinstance(value, dict):
        return {k: redact_value(v) for k, v in value.items()}
    return value
