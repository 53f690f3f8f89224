"""Emails and phone numbers are redacted; job codes and ordinary numbers are not."""

from __future__ import annotations

import pytest

from bot.privacy import redact


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mail me at ana.lopez+jobs@example.org", "mail me at [email]"),
        ("call 555-123-4567 after 5", "call [phone] after 5"),
        ("my number is +44 20 7946 0958", "my number is [phone]"),
        ("(212) 555 0199 or ana@school.edu", "[phone] or [email]"),
    ],
)
def test_redacts_contact_details(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '/pick_role{"target_code":"29-1141.00"}',
        "I was a nurse for 10 years, from 2014 to 2024",
        "median pay $93,600",
        "29-1141.00",
    ],
)
def test_leaves_codes_and_ordinary_numbers(text):
    assert redact(text) == text
