"""Remove personal data from what people type, before the chat is stored or logged.

`redact(text)` replaces personal data with a token: [email], [phone], [name], [address],
[date], [id], [card] or [url]. `redact_value(value)` does the same to every string inside a
JSON-like value (slots, entities, bot texts, metadata); `RedactingFilter` does it to log
records. What is removed, and what is deliberately kept:

Emails: ordinary addresses and the usual disguises: "ana at example dot org",
"ana[at]example.org", "ana (at) example (dot) org", "ana @ example . org", upper case too.
The plain word "at" counts only before a spelled-out "dot", or before a domain when the
name looks like a mailbox (has . _ + or digits), the domain is a mail provider (gmail.com)
or "email" came just before: "good at math", "at the plant", "worked at Amazon.com" stay.

Phones: found with the `phonenumbers` library (POSSIBLE leniency, region US, so "+44 ...",
"+91 ...", "555/123/4567" and "x5551234567" are caught), plus national numbers with a
trunk 0 ("(020) 7946 0958", "07700 900123", "0044 ..."). Years, year ranges, salary ranges,
money, percentages and O*NET-SOC codes ("29-1141.00", also inside button payloads) are
never treated as phone numbers.

Names: only explicit self-introductions: "my name is Maria Gonzalez", "I'm called Maria",
"call me Maria", "this is Maria speaking", and "I'm Maria" / "I am Maria" when the word
after is capitalised and not an ordinary word ("I'm Looking", "I'm American"). "I'm a
nurse", "i'm tired" and names of employers, schools and cities are kept: we cannot tell
them from names without a dictionary, and the conversation needs them.

Addresses: a house number followed by a street name and a street word ("42 Elm Street",
"221B Baker St, Apt 4"), a number after "I live at" / "my address is", PO boxes, ZIP+4
codes and full UK postcodes. Cities, states and 5-digit ZIP codes are kept: they name an
area shared by thousands of people, and local wages and jobs depend on them.

Dates of birth: any full date (04/12/1990, 1990-12-04, March 4, 1990, 4th of March 1990)
becomes [date]; after "born", "DOB", "date of birth" or "birthday" a day and month alone
("my birthday is March 4") does too. Years alone ("born in 1990", "2010-2015") and ages
("I'm 16") are kept: careers are told in years.

National ids: US social security numbers (123-45-6789, 123 45 6789), UK National
Insurance numbers, Aadhaar numbers written 4-4-4, and any number after "SSN", "social
security", "passport", "driver's license", "ID number" and the like become [id].

Cards: runs of 13-19 digits (plain or grouped the way cards are printed) that pass the
Luhn check become [card].

URLs: links to personal profiles (LinkedIn, GitHub, X/Twitter, Facebook, Instagram,
TikTok, Medium, Behance, Indeed resumes, wa.me, ...) become [url]. Other links (job
postings, O*NET, BLS pages) are kept; a personal website on its own domain cannot be told
from any other site and is kept too.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import phonenumbers

# ---------------------------------------------------------------- profile URLs

_PROFILE_HOSTS = (
    r"linkedin\.com|github\.com|gitlab\.com|bitbucket\.org|twitter\.com|x\.com|facebook\.com|fb\.com"
    r"|instagram\.com|tiktok\.com|youtube\.com|threads\.net|medium\.com|behance\.net|dribbble\.com"
    r"|about\.me|linktr\.ee|calendly\.com|wellfound\.com|angel\.co|stackoverflow\.com|kaggle\.com"
    r"|indeed\.com|upwork\.com|fiverr\.com|reddit\.com|pinterest\.com|snapchat\.com|t\.me|wa\.me"
    r"|bsky\.app|substack\.com"
)
PROFILE_URL = re.compile(
    rf"(?<![\w.@-])(?:https?://)?(?:[\w-]+\.)*(?:{_PROFILE_HOSTS})(?::\d+)?/[^\s<>\"']*[^\s<>\"'.,;:!?)\]}}]",
    re.IGNORECASE,
)

# ---------------------------------------------------------------- emails

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TLD = (
    r"(?:com|org|net|edu|gov|mil|int|info|biz|io|ai|app|dev|me|co|tech|online|site|xyz|email"
    r"|name|pro|mobi|[a-z]{2})"
)
_LOCAL = r"[A-Za-z0-9][\w.+-]*"
_LABEL = r"[A-Za-z0-9][\w-]*"
# "[at]", "(at)", "{at}", "<at>", "(@)", or an "@" with spaces around it.
_AT_STRONG = r"(?:\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*|\s*@\s*)"
# ".", " . ", "dot", "[dot]", "(dot)": a bare "." takes no space after it unless also before it,
# so "worked @ Target. It was" is not an address.
_DOT_ANY = r"(?:\.|\s+\.\s+|\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+)"
_DOT_WORD = r"(?:\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+)"
EMAIL_DISGUISED = re.compile(
    rf"(?<![\w.+-]){_LOCAL}{_AT_STRONG}{_LABEL}(?:{_DOT_ANY}{_LABEL})*{_DOT_ANY}{_TLD}\b",
    re.IGNORECASE,
)
# "ana at example dot org": the word "dot" is what tells it from English.
EMAIL_AT_DOT = re.compile(
    rf"(?<![\w.+-]){_LOCAL}\s+at\s+{_LABEL}(?:{_DOT_ANY}{_LABEL})*{_DOT_WORD}{_TLD}\b",
    re.IGNORECASE,
)
# "ana.lopez at example.org": only when it looks like a mailbox, not "worked at Amazon.com".
EMAIL_AT_REAL_DOT = re.compile(rf"(?<![\w.+-])({_LOCAL})\s+at\s+({_LABEL}(?:\.{_LABEL})*\.{_TLD})\b", re.IGNORECASE)
_MAIL_PROVIDERS = re.compile(
    r"^(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|mac|aol|proton|protonmail"
    r"|pm|gmx|yandex|zoho|mail|fastmail|tutanota|comcast|verizon|att|rediffmail)\.",
    re.IGNORECASE,
)
_MAIL_WORD = re.compile(r"e-?mail|contact|reach me|write to me", re.IGNORECASE)


def _email_at_real_dot(match: re.Match) -> str:
    local, domain = match.group(1), match.group(2)
    before = match.string[max(0, match.start() - 40) : match.start()]
    if re.search(r"[._\d+-]", local) or _MAIL_PROVIDERS.match(domain) or _MAIL_WORD.search(before):
        return "[email]"
    return match.group(0)


# ---------------------------------------------------------------- cards and ids

CARD_CANDIDATE = re.compile(r"(?<![\d.,-])\d(?:[ -]?\d){12,18}(?![\d-]|[.,]\d)")
_CARD_GROUPS = {(4, 4, 4, 4), (4, 6, 5), (4, 6, 4), (4, 4, 4, 4, 3)} | {(4, 4, 4, n) for n in range(1, 8)}
_YEAR = re.compile(r"(?:19|20)\d\d")


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card(match: re.Match) -> str:
    raw = match.group(0)
    groups = re.split(r"[ -]", raw)
    if len(groups) > 1 and (tuple(map(len, groups)) not in _CARD_GROUPS or all(_YEAR.fullmatch(g) for g in groups)):
        return raw
    digits = "".join(groups)
    return "[card]" if 13 <= len(digits) <= 19 and _luhn(digits) else raw


SSN = re.compile(r"(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])")
UK_NINO = re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
AADHAAR = re.compile(r"(?<!\d[ -])(?<!\d)[2-9]\d{3} \d{4} \d{4}(?![\d-]| \d)")
ID_AFTER_KEYWORD = re.compile(
    r"\b(?:ssn|social security(?: number| no\.?| #)?|social insurance number|sin (?:number|no\.?|#)"
    r"|national insurance(?: number| no\.?)?|ni number|nino|aadh?aar(?: number| no\.?| card)?"
    r"|pan (?:number|card|no\.?)|passport(?: number| no\.?| #)?|driver'?s licen[cs]e(?: number| no\.?| #)?"
    r"|licen[cs]e (?:number|no\.?|#)|id (?:number|no\.?|#)|national id(?: number)?|tax id(?: number)?"
    r"|tin (?:number|no\.?|#)|itin)"
    r"(?:\s*(?:is|was|=|:|#|-)\s*|\s+)"
    r"((?=[A-Z0-9 -]*\d)[A-Z0-9][A-Z0-9-]*(?: \d[A-Z0-9-]*){0,3})",
    re.IGNORECASE,
)


def _id_after_keyword(match: re.Match) -> str:
    value = match.group(1)
    if sum(ch.isdigit() for ch in value) < 4:
        return match.group(0)
    return match.group(0)[: match.start(1) - match.start()] + "[id]"


# ---------------------------------------------------------------- dates

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_DAY_MONTH = rf"(?:{_MONTH}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MONTH})"
DATE_WORDS = re.compile(rf"\b{_DAY_MONTH},?\s+(?:19|20)\d\d\b", re.IGNORECASE)
DATE_NUMERIC = re.compile(
    r"(?<![\d/.-])(?:"
    r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|[12]\d|3[01])/(?:\d\d|(?:19|20)\d\d)"
    r"|(?:0?[1-9]|[12]\d|3[01])([.-])(?:0?[1-9]|[12]\d|3[01])\1(?:19|20)\d\d"
    r"|(?:19|20)\d\d([/.-])(?:0?[1-9]|1[0-2])\2(?:0?[1-9]|[12]\d|3[01])"
    r")(?![\d/-]|\.\d)"
)
DATE_OF_BIRTH = re.compile(
    r"\b(?:born|dob|d\.o\.b\.?|date of birth|birth ?date|birthday|b-?day)\b"
    r"(?:\s*[:=,-]\s*|\s+)(?:(?:is|was|on|=)\s+)*"
    rf"({_DAY_MONTH}\b|(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|[12]\d|3[01])(?![\d/.-])|\d{{6,8}}\b)",
    re.IGNORECASE,
)


def _dob(match: re.Match) -> str:
    return match.group(0)[: match.start(1) - match.start()] + "[date]"


# ---------------------------------------------------------------- phones

_PHONE_MIN_DIGITS = 7
_DIGIT = re.compile(r"\d")
_TRUNK_ZERO = re.compile(r"(?<![\d.,])\(?0\d")
_SOC_CODE = re.compile(r"\d{2}-\d{4}(?:\.\d{2})?")
_RANGE_SEPARATOR = re.compile(r"\s*(?:[-–—/]|to)\s*")
_MONEY_BEFORE = re.compile(r"[$£€₹¥]\s*$")
_MONEY_AFTER = re.compile(
    r"^\s*(?:k\b|%|percent|dollars|usd|a year|an hour|per (?:year|yr|hour|hr|month|annum)|/yr|/year|/h)",
    re.IGNORECASE,
)


def _just_numbers(raw: str) -> bool:
    """Too few digits, a SOC code, years ("2010-2015", "1998 2004") or a range ("45000-60000")."""
    groups = re.findall(r"\d+", raw)
    if sum(map(len, groups)) < _PHONE_MIN_DIGITS or _SOC_CODE.fullmatch(raw):
        return True
    if all(_YEAR.fullmatch(g) for g in groups):
        return True
    if len(groups) == 2 and len(groups[0]) == len(groups[1]) >= 4 and not raw.startswith(("+", "(", "0")):
        separator = raw[len(groups[0]) : len(raw) - len(groups[1])]
        return bool(_RANGE_SEPARATOR.fullmatch(separator))
    return False


def _not_a_phone(text: str, start: int, end: int) -> bool:
    """Years, year ranges, salary ranges, money, percentages and SOC codes are not phone numbers."""
    if _just_numbers(text[start:end]):
        return True
    if _MONEY_BEFORE.search(text[max(0, start - 3) : start]) or _MONEY_AFTER.match(text[end : end + 10]):
        return True
    # Part of a longer token: a SOC code inside a payload, a version number, a decimal.
    if start > 1 and text[start - 1] in ".,-/" and text[start - 2].isdigit():
        return True
    # Glued to letters: hex ids ("59b6bf2e315f4684905f40f8"), names like "c-4083138d". An
    # "x" before the digits is an extension ("x5551234567"), so it does not count.
    if end < len(text) and text[end].isalpha():
        return True
    if start > 0 and text[start - 1].isalpha() and text[start - 1] not in "xX":
        return True
    return end + 1 < len(text) and text[end] in ".,-/" and text[end + 1].isdigit()


# Where a phone number could be: a run of digits and separators, with an extension after it.
# phonenumbers only looks inside these runs (with 7+ digits), which keeps long messages fast.
_PHONE_RUN = re.compile(r"[+(]*\d[\d \t().\-/]*\d(?:\s*(?:ext\.?|extension|x|#)\s*\d{1,7})?", re.IGNORECASE)


def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        if not _not_a_phone(text, start, end) and all(end <= s or start >= e for s, e in spans):
            spans.append((start, end))

    for run in _PHONE_RUN.finditer(text):
        chunk, offset = run.group(0), run.start()
        if _just_numbers(chunk.strip("()")):
            continue
        for match in phonenumbers.PhoneNumberMatcher(chunk, "US", leniency=phonenumbers.Leniency.POSSIBLE):
            add(offset + match.start, offset + match.end)
        if _TRUNK_ZERO.search(chunk):
            # National formats with a trunk 0 ("020 7946 0958", "07700 900123", "0044 ..."), which
            # the US region does not know. GB parses these; other GB-only matches are too loose.
            for match in phonenumbers.PhoneNumberMatcher(chunk, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
                raw = match.raw_string.lstrip("(")
                if raw.startswith("0") and len(_DIGIT.findall(raw)) >= 9:
                    add(offset + match.start, offset + match.end)
    return spans


def _redact_phones(text: str) -> str:
    if len(_DIGIT.findall(text)) < _PHONE_MIN_DIGITS:
        return text
    for start, end in sorted(_phone_spans(text), reverse=True):
        text = text[:start] + "[phone]" + text[end:]
    return text


# ---------------------------------------------------------------- addresses

_STREET = (
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way|terrace"
    r"|ter|circle|cir|parkway|pkwy|highway|hwy|square|sq|crescent|row|trail|trl|alley|plaza)\b\.?"
)
_NOT_A_STREET_NAME = (
    r"(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|times?|jobs?|people|kids|children"
    r"|on|in|at|the|a|an|and|or|of|for|to|with|by|from|my|our|their|his|her|as|is|was|were|are|i|we"
    r"|you|they|it|more|other|different|miles?|blocks?|stops?|that|this|these|those|which|each|every"
    r"|all|some|any|no|same|one|two|three|per|than|then|into|onto|off|out|up|down|over|under)\b"
)
_STREET_NAME = rf"(?:\s+(?!{_NOT_A_STREET_NAME})(?:[A-Za-z][\w'.-]*|\d+(?:st|nd|rd|th)))"
_UNIT = r"(?:,?\s+(?:apt\.?|apartment|unit|suite|ste\.?|flat|#)\s*#?\w+)?"
STREET_ADDRESS = re.compile(
    rf"(?<![\w$£€.,-])\d{{1,6}}[A-Za-z]?(?:-\d{{1,4}})?{_STREET_NAME}{{1,3}}\s+{_STREET}"
    rf"(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?{_UNIT}",
    re.IGNORECASE,
)
ADDRESS_AFTER_KEYWORD = re.compile(
    r"\b(?:i live at|i'm living at|i am living at|we live at|my address is|address:|i reside at)\s+"
    rf"(\d{{1,6}}[A-Za-z]?(?:\s+[A-Za-z][\w'.-]*){{1,4}}?{_UNIT})(?=\s*(?:[,.;!?]|$|\s+(?:in|and|but|so)\b))",
    re.IGNORECASE,
)
PO_BOX = re.compile(r"\bp\.?\s?o\.?\s+box\s+\d+", re.IGNORECASE)
ZIP_PLUS_4 = re.compile(r"(?<![\d-])\d{5}-\d{4}(?![\d-])")
UK_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b")


def _address_after_keyword(match: re.Match) -> str:
    return match.group(0)[: match.start(1) - match.start()] + "[address]"


# ---------------------------------------------------------------- names

_NAME_STOP = {
    # words that end a name typed after "my name is"
    "and",
    "i",
    "im",
    "i'm",
    "iam",
    "from",
    "but",
    "so",
    "the",
    "a",
    "an",
    "in",
    "at",
    "with",
    "am",
    "is",
    "was",
    "looking",
    "want",
    "need",
    "currently",
    "who",
    "by",
    "of",
    "for",
    "to",
    "also",
    "my",
    "just",
    "not",
    "or",
    "please",
    "thanks",
    "thank",
    "hi",
    "hello",
    "hey",
    "here",
    "work",
    "working",
    "live",
    "living",
    "years",
    "year",
    "old",
    "aged",
    "age",
    "it's",
    "its",
    "btw",
}
_NOT_A_NAME = {
    # capitalised words people put after "I'm" that are not names
    "a",
    "an",
    "the",
    "not",
    "so",
    "very",
    "really",
    "just",
    "also",
    "still",
    "currently",
    "now",
    "here",
    "there",
    "in",
    "on",
    "at",
    "from",
    "with",
    "into",
    "about",
    "looking",
    "interested",
    "working",
    "trying",
    "thinking",
    "hoping",
    "planning",
    "going",
    "getting",
    "studying",
    "good",
    "great",
    "fine",
    "ok",
    "okay",
    "sure",
    "sorry",
    "happy",
    "glad",
    "new",
    "retired",
    "unemployed",
    "employed",
    "married",
    "single",
    "divorced",
    "tired",
    "done",
    "back",
    "ready",
    "available",
    "open",
    "bored",
    "stuck",
    "lost",
    "confused",
    "unsure",
    "sick",
    "disabled",
    "deaf",
    "blind",
    "black",
    "white",
    "asian",
    "hispanic",
    "latino",
    "latina",
    "latinx",
    "native",
    "indigenous",
    "american",
    "canadian",
    "mexican",
    "british",
    "english",
    "irish",
    "scottish",
    "welsh",
    "indian",
    "chinese",
    "japanese",
    "korean",
    "filipino",
    "filipina",
    "vietnamese",
    "german",
    "french",
    "spanish",
    "italian",
    "polish",
    "russian",
    "ukrainian",
    "nigerian",
    "african",
    "european",
    "australian",
    "brazilian",
    "pakistani",
    "bangladeshi",
    "muslim",
    "catholic",
    "jewish",
    "hindu",
    "sikh",
    "buddhist",
    "gay",
    "trans",
    "queer",
    "bilingual",
    "fluent",
    "nurse",
    "teacher",
    "student",
    "engineer",
    "doctor",
    "manager",
    "developer",
    "designer",
    "veteran",
    "parent",
    "mom",
    "dad",
    "mother",
    "father",
    "self",
    "self-employed",
    "freelance",
    "freelancing",
    "certified",
    "licensed",
    "registered",
    "qualified",
    "experienced",
    "senior",
    "junior",
    "entry",
    "part",
    "full",
    "over",
    "under",
    "almost",
    "nearly",
    "only",
    "always",
    "never",
    "kind",
    "pretty",
    "quite",
    "feeling",
    "feel",
    "afraid",
    "scared",
    "worried",
    "excited",
    "curious",
    "considering",
    "willing",
    "able",
    "unable",
    "recently",
    "finally",
    "actually",
    "basically",
    "honestly",
    "gonna",
    "unhappy",
    "burned",
    "burnt",
    "moving",
    "switching",
    "changing",
    "leaving",
    "graduating",
    "applying",
    "learning",
    "taking",
    "doing",
    "having",
    "being",
    "writing",
    "asking",
    "wondering",
    "more",
    "less",
    "too",
    "pursuing",
    "gen",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "tomorrow",
}
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_NAME_WORD = (
    rf"(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]['’][{_UPPER}][{_LOWER}]+)(?:-[{_UPPER}]?[{_LOWER}]+|[{_UPPER}][{_LOWER}]+)?"
)
NAME_INTRO = re.compile(r"\b(?:my (?:full |first |last )?name(?:'s|’s| is)|name\s*:)\s+", re.IGNORECASE)
_TITLE = r"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Miss)\.?[ \t]+)?"
_NAMES = rf"({_TITLE}{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})\b"
NAME_CALLED = re.compile(rf"\b(?i:i['’]?m called|i am called|call me|they call me|people call me|i go by)\s+{_NAMES}")
NAME_SPEAKING = re.compile(rf"\b(?i:this is)\s+{_NAMES}\s+(?i:speaking|here)\b")
NAME_I_AM = re.compile(rf"\b(?i:i['’]?m|i am)\s+{_NAMES}")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_GAP = re.compile(r"[ \t]+")


def _name_words(text: str, start: int, limit: int = 3) -> int:
    """End of up to `limit` words from `start` that can be a name ("maria gonzalez and ..." -> after gonzalez)."""
    end, pos = start, start
    for _ in range(limit):
        match = _WORD.match(text, pos)
        if not match or match.group(0).lower() in _NAME_STOP:
            break
        end = match.end()
        gap = _GAP.match(text, end)
        if not gap:
            break
        pos = gap.end()
    return end


def _cased_name(match: re.Match) -> str:
    """'I'm Maria Gonzalez' -> "I'm [name]"; "I'm Looking for work" and "I'm Maria Looking" keep the ordinary words."""
    words = list(re.finditer(r"\S+", match.group(1)))
    name_end = None
    for word in words:
        if word.group(0).lower() in _NOT_A_NAME:
            break
        name_end = word.end()
    if name_end is None:
        return match.group(0)
    head = match.start(1) - match.start()
    whole = match.group(0)
    return whole[:head] + "[name]" + whole[head + name_end :]


def _redact_names(text: str) -> str:
    pieces, pos = [], 0
    for match in NAME_INTRO.finditer(text):
        if match.start() < pos:
            continue
        end = _name_words(text, match.end())
        if end > match.end():
            pieces += [text[pos : match.end()], "[name]"]
            pos = end
    text = "".join(pieces) + text[pos:]
    text = NAME_CALLED.sub(_cased_name, text)
    text = NAME_SPEAKING.sub(_cased_name, text)
    return NAME_I_AM.sub(_cased_name, text)


# ---------------------------------------------------------------- the whole pass

_MAYBE_URL = re.compile(r"\.[a-z]{2,3}/", re.IGNORECASE)
_MAYBE_EMAIL = re.compile(r"@|\bat\b|[\[({<]\s*at\s*[\])}>]", re.IGNORECASE)
_MAYBE_NAME = re.compile(
    r"\bname|\bcall|\bi['’]?m\b|\bi am\b|\bthis is\b|\bit['’]?s\b|\bit is\b|\bi go by\b", re.IGNORECASE
)


def redact(text: str) -> str:
    """'mail me at ana@example.org or 555-123-4567' -> 'mail me at [email] or [phone]'."""
    if not text:
        return text
    if _MAYBE_URL.search(text):
        text = PROFILE_URL.sub("[url]", text)
    if _MAYBE_EMAIL.search(text):
        text = EMAIL.sub("[email]", text)
        text = EMAIL_DISGUISED.sub("[email]", text)
        text = EMAIL_AT_DOT.sub("[email]", text)
        text = EMAIL_AT_REAL_DOT.sub(_email_at_real_dot, text)
    if _DIGIT.search(text):
        text = CARD_CANDIDATE.sub(_card, text)
        text = ID_AFTER_KEYWORD.sub(_id_after_keyword, text)
        text = SSN.sub("[id]", text)
        text = UK_NINO.sub("[id]", text)
        text = AADHAAR.sub("[id]", text)
        text = DATE_WORDS.sub("[date]", text)
        text = DATE_NUMERIC.sub("[date]", text)
        text = DATE_OF_BIRTH.sub(_dob, text)
        text = _redact_phones(text)
        text = ADDRESS_AFTER_KEYWORD.sub(_address_after_keyword, text)
        text = STREET_ADDRESS.sub("[address]", text)
        text = PO_BOX.sub("[address]", text)
        text = ZIP_PLUS_4.sub("[address]", text)
        text = UK_POSTCODE.sub("[address]", text)
    if _MAYBE_NAME.search(text):
        text = _redact_names(text)
    return text


def redact_value(value: Any) -> Any:
    """Redact every string inside a JSON-like value; dict keys, numbers, booleans and None stay."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: redact_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact_value(item) for item in value)
    return value


class RedactingFilter(logging.Filter):
    """Logging filter that redacts each record's message (formatted with its args) and traceback.

    Add it to the handlers that write logs (handler.addFilter(RedactingFilter())): a filter
    on a logger only sees records logged on that very logger, not those of its children.
    The record is changed in place, so every handler after it gets the redacted text.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what there is, still redacted
            message = f"{record.msg} {record.args}" if record.args else str(record.msg)
        record.msg = redact(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def redact_all_logs() -> None:
    """Redact every log record of this process as it is made.

    Handlers come and go (Rasa adds its own when it configures logging), so rather than
    attaching RedactingFilter to each, the record factory applies it to every record."""
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "redacting", False):
        return
    scrub = RedactingFilter()

    def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        scrub.filter(record)
        return record

    redacting_factory.redacting = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(redacting_factory)
