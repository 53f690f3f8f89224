"""Personal data is redacted before chats are stored or logged; career talk is left alone."""

from __future__ import annotations

import logging
import statistics
import sys
import time

import pytest

from bot.privacy import RedactingFilter, redact, redact_value


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mail me at ana.lopez+jobs@example.org", "mail me at [email]"),
        ("call 555-123-4567 after 5", "call [phone] after 5"),
        ("my number is +44 20 7946 0958", "my number is [phone]"),
        ("(212) 555 0199 or ana@school.edu", "[phone] or [email]"),
        ("I'm a nurse, email me at ana.lopez@example.org", "I'm a nurse, email me at [email]"),
        ("or call me on 555-867-5309", "or call me on [phone]"),
        ("my name is Maria Gonzalez and I'm a nurse", "my name is [name] and I'm a nurse"),
        ("I live at 42 Elm Street, Apt 4B in Chicago", "I live at [address] in Chicago"),
        ("born 04/12/1990, nurse since 2014", "born [date], nurse since 2014"),
        ("I worked 2010-2015 as a nurse, call 555/123/4567", "I worked 2010-2015 as a nurse, call [phone]"),
        ("Hi, I'm Maria! I was a nurse from 1998 to 2004", "Hi, I'm [name]! I was a nurse from 1998 to 2004"),
        ("see linkedin.com/in/maria-g.", "see [url]."),
    ],
)
def test_redacts_personal_data_exactly(text, expected):
    assert redact(text) == expected


# (message, the personal data in it, the token that replaces it)
PERSONAL = [
    # emails, plain and disguised
    ("reach me at ana.lopez@example.org", "ana.lopez@example.org", "[email]"),
    ("ana at example dot org", "ana at example", "[email]"),
    ("ana[at]example.org", "ana[at]example", "[email]"),
    ("ana (at) example (dot) org", "ana (at) example", "[email]"),
    ("ana(at)example(dot)org", "ana(at)example", "[email]"),
    ("ana @ example . org", "ana @ example", "[email]"),
    ("NAME AT EXAMPLE DOT COM", "EXAMPLE", "[email]"),
    ("write to ana{at}example{dot}co{dot}uk", "example", "[email]"),
    ("my email is ana at example.org", "ana at example.org", "[email]"),
    ("ana_lopez at gmail.com works", "ana_lopez", "[email]"),
    # phones: US, UK, Indian, international
    ("555/123/4567", "555/123/4567", "[phone]"),
    ("x5551234567", "5551234567", "[phone]"),
    ("555.123.4567 evenings", "555.123.4567", "[phone]"),
    ("+1 (555) 123-4567", "123-4567", "[phone]"),
    ("call 5551234567 tomorrow", "5551234567", "[phone]"),
    ("1-800-555-0199", "555-0199", "[phone]"),
    ("555 123 4567 ext. 89", "ext. 89", "[phone]"),
    ("555-1234", "555-1234", "[phone]"),
    ("+44 20 7946 0958", "7946 0958", "[phone]"),
    ("(020) 7946 0958", "7946 0958", "[phone]"),
    ("mobile 07700 900123", "900123", "[phone]"),
    ("0044 20 7946 0958", "7946 0958", "[phone]"),
    ("+91 98765 43210", "98765 43210", "[phone]"),
    ("+91-9876543210", "9876543210", "[phone]"),
    ("my number is 98765 43210", "98765 43210", "[phone]"),
    ("+33 1 23 45 67 89", "45 67 89", "[phone]"),
    ("+49 30 12345678", "12345678", "[phone]"),
    ("+61 2 9876 5432", "9876 5432", "[phone]"),
    # names, when people introduce themselves
    ("my name is Maria Gonzalez", "Maria", "[name]"),
    ("my name is maria gonzalez", "gonzalez", "[name]"),
    ("Hi, I'm Maria Gonzalez!", "Gonzalez", "[name]"),
    ("I'm called Maria", "Maria", "[name]"),
    ("this is Maria speaking", "Maria", "[name]"),
    ("call me Maria", "Maria", "[name]"),
    ("Name: Maria Gonzalez", "Gonzalez", "[name]"),
    ("I am José", "José", "[name]"),
    ("I'm Dr. Smith, a surgeon", "Smith", "[name]"),
    # street addresses
    ("I live at 42 Elm Street", "42 Elm", "[address]"),
    ("send it to 1600 Pennsylvania Avenue NW please", "Pennsylvania", "[address]"),
    ("221B Baker St", "Baker", "[address]"),
    ("I live at 42 Elm", "42 Elm", "[address]"),
    ("PO Box 123", "123", "[address]"),
    ("zip 60614-1234", "60614-1234", "[address]"),
    ("London SW1A 1AA", "SW1A 1AA", "[address]"),
    # dates of birth
    ("born 04/12/1990", "04/12/1990", "[date]"),
    ("DOB 1990-12-04", "1990-12-04", "[date]"),
    ("date of birth: 12.04.1990", "12.04.1990", "[date]"),
    ("my birthday is March 4", "March 4", "[date]"),
    ("born on March 4, 1990", "March 4", "[date]"),
    ("born 4th of March 1990", "March", "[date]"),
    # national ids
    ("SSN 123-45-6789", "123-45-6789", "[id]"),
    ("it's 123 45 6789", "123 45 6789", "[id]"),
    ("my social security number is 123456789", "123456789", "[id]"),
    ("NI number AB 12 34 56 C", "AB 12 34 56 C", "[id]"),
    ("passport number X1234567", "X1234567", "[id]"),
    ("aadhaar 2345 6789 0123", "2345 6789 0123", "[id]"),
    # cards that pass the Luhn check
    ("card 4111 1111 1111 1111", "4111", "[card]"),
    ("4111111111111111", "4111111111111111", "[card]"),
    ("amex 3782 822463 10005", "822463", "[card]"),
    ("5555-5555-5555-4444", "5555-4444", "[card]"),
    # personal profile links
    ("linkedin.com/in/maria-gonzalez-123", "maria-gonzalez", "[url]"),
    ("https://www.linkedin.com/in/maria/", "maria", "[url]"),
    ("my code is on github.com/mgonzalez", "mgonzalez", "[url]"),
    ("text me: https://wa.me/15551234567", "15551234567", "[url]"),
]


@pytest.mark.parametrize("text, personal, token", PERSONAL, ids=[row[0] for row in PERSONAL])
def test_personal_data_is_gone(text, personal, token):
    redacted = redact(text)
    assert personal not in redacted
    assert token in redacted


CAREER_TALK = [
    "I worked 2010-2015 as a nurse",
    "I was a nurse for 10 years, from 2014 to 2024",
    "from 1998 to 2004",
    "1998-2004, 2005-2010 and 2011-2020",
    "2010 2011 2012 2013",
    "born in 1990",
    "median pay $93,600",
    "$55,000",
    "55k-70k",
    "120,000 a year",
    "$120000 per year",
    "between $45,000 and $60,000",
    "45000-60000",
    "45000 - 60000 per year",
    "I earn $1,200,000",
    "top 10% earn 85% more, a 15% raise",
    "40 hours a week",
    "I work 3 12-hour shifts, 7am-7pm",
    "29-1141.00",
    "15-1252.00 and 15-1253.00",
    '/choose_occupation{"occupation_code":"29-1141.00"}',
    '/pick_role{"target_code":"29-1141.00"}',
    "see https://www.onetonline.org/link/summary/29-1141.00",
    "I was good at math",
    "look at that",
    "I worked at the plant",
    "I worked at Target for 5 years",
    "I worked at Amazon.com for 3 years",
    "I'm a nurse",
    "I'm an RN with 10 years at Mayo Clinic",
    "I am a Registered Nurse",
    "I live in Chicago",
    "My zip is 60614",
    "I'm 16",
    "i'm tired",
    "I'm Looking for work",
    "I'm American",
    "I'm called back for interviews",
    "my name is not important",
    "I worked 5 years on Wall Street",
    "I spent 2 days in court",
    "I found 2 projects that way",
    "I scored 1450 on the SAT",
    "Rasa 3.6.10",
    "from 04/2019 to 05/2021",
    "Call 911",
]


@pytest.mark.parametrize("text", CAREER_TALK)
def test_career_talk_is_left_alone(text):
    assert redact(text) == text


def test_redaction_is_idempotent_and_keeps_empty_text():
    once = redact("ana at example dot org, 555-123-4567, my name is Maria, 42 Elm Street")
    assert redact(once) == once == "[email], [phone], my name is [name], [address]"
    assert redact("") == ""


def test_redact_value_walks_json_like_values():
    value = {
        "text": "call 555-123-4567",
        "entities": [{"entity": "occupation", "value": "ana@example.org", "start": 5, "confidence": 0.9}],
        "nested": {"list": ["I'm a nurse", ("my name is Maria",)], "ok": True, "none": None},
        "ana@example.org": 2010,
    }
    assert redact_value(value) == {
        "text": "call [phone]",
        "entities": [{"entity": "occupation", "value": "[email]", "start": 5, "confidence": 0.9}],
        "nested": {"list": ["I'm a nurse", ("my name is [name]",)], "ok": True, "none": None},
        "ana@example.org": 2010,  # keys are ours (slot names, field names), not what people typed
    }
    assert redact_value(5551234567) == 5551234567
    assert redact_value("29-1141.00") == "29-1141.00"


def _record(msg, args=(), exc_info=None):
    return logging.LogRecord("rasa", logging.INFO, __file__, 1, msg, args, exc_info)


def test_logging_filter_redacts_the_formatted_message():
    record = _record("user %s said %r", ("abc", "mail ana@example.org or 555-123-4567"))
    assert RedactingFilter().filter(record) is True
    assert record.msg == "user abc said 'mail [email] or [phone]'"
    assert record.args == ()
    assert record.getMessage() == "user abc said 'mail [email] or [phone]'"


def test_logging_filter_redacts_tracebacks_and_survives_bad_formats():
    try:
        raise ValueError("bad input from ana@example.org")
    except ValueError:
        record = _record("failed for %s", ("555-123-4567",), sys.exc_info())
    RedactingFilter().filter(record)
    assert record.msg == "failed for [phone]"
    assert "ana@example.org" not in record.exc_text and "[email]" in record.exc_text
    odd = _record("%d items for %s", ("x", "ana@example.org"))
    assert RedactingFilter().filter(odd) is True and "ana@example.org" not in odd.msg


def test_logging_filter_on_a_real_handler(caplog):
    logger = logging.getLogger("test_privacy_filter")
    handler_filter = RedactingFilter()
    caplog.handler.addFilter(handler_filter)
    try:
        with caplog.at_level(logging.INFO, logger="test_privacy_filter"):
            logger.info("message %s", "call me on 555-867-5309")
    finally:
        caplog.handler.removeFilter(handler_filter)
    assert "555-867-5309" not in caplog.text and "call me on [phone]" in caplog.text


def test_redact_is_fast_on_a_long_message():
    text = (
        "I'm a registered nurse (29-1141.00) and I worked 2010-2015 at Mercy Hospital, then from 2016 to 2024 "
        "at a clinic in Chicago earning about $72,000 a year, 40 hours a week. Reach me at ana@example.org "
        "or 555-123-4567. "
    ) * 5
    text = text[:1000]
    timings = []
    for _ in range(20):
        start = time.perf_counter()
        redact(text)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.010  # typically ~1 ms; generous for a busy machine


@pytest.mark.parametrize(
    "text",
    [
        "session 59b6bf2e315f4684905f40f890ffcd78 closed",
        "sign-in failed: 'c-4083138d' from 10.0.0.25",
        "build a1234567b",
    ],
)
def test_digits_glued_to_letters_are_ids_not_phone_numbers(text):
    assert redact(text) == text
