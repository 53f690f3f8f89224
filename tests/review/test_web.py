"""The review web app over HTTP: a real server process, no Rasa server needed."""

from __future__ import annotations

import csv
import html
import io
import itertools
import re
import statistics
import threading
import time
import uuid
from urllib.parse import urljoin

import pytest
import requests

from tests.review.conftest import EPOCH, PASSWORD, add_counselor, conversation, review_cli, save

_addresses = itertools.count(1)


def fresh_address() -> str:
    """A client address no other test has used, as the trusted proxy would report it."""
    n = next(_addresses)
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def new_counselor(server) -> str:
    # Letters only: log lines are redacted, and a run of digits can read as a phone number.
    name = "c-" + "".join(chr(ord("a") + int(ch, 16)) for ch in uuid.uuid4().hex[:8])
    add_counselor(server.db, name)
    return name


def refused(session: requests.Session, server) -> bool:
    answer = session.get(f"{server.url}/conversations", timeout=10, allow_redirects=False)
    return answer.status_code == 302 and answer.headers["Location"] == "/login"


AUDIT_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (?:INFO|WARNING) career\.audit: .+$")


def audit_lines(server) -> str:
    """The review app's audit lines (every one in logging.yml's format), one per line."""
    lines = [line for line in server.log.read_text().splitlines() if "career.audit" in line]
    assert lines and all(AUDIT_LINE.match(line) for line in lines), lines
    return "\n".join(lines)


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


# --- pages and input -------------------------------------------------------------------


def test_pages_escape_stored_markup_and_send_security_headers(server):
    session = server.signed_in("maria", fresh_address())
    listing = session.get(f"{server.url}/conversations", timeout=10)
    assert listing.status_code == 200
    csp = listing.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "script-src" not in csp.replace("default-src", "")
    assert listing.headers["X-Frame-Options"] == "DENY" and listing.headers["Cache-Control"] == "no-store"
    link = re.search(r'href="(/conversation[^"]*odd[^"]*)"', listing.text).group(1)
    page = session.get(urljoin(server.url, html.unescape(link)), timeout=10)
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "odd one &lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script" not in page.text.lower()
    overview = session.get(f"{server.url}/overview", timeout=10)
    assert overview.text.count("<svg") == 4 and "Content-Security-Policy" in overview.headers


@pytest.mark.parametrize(
    "sender", ["with space", "slash/and?query#hash", "quote'and\"double", "naïve-ünïcode-✓", "100%-sure"]
)
def test_ids_with_odd_characters_open_take_notes_export_and_erase(server, sender):
    save(server.db, {sender: conversation(sender, [f"hello from {sender}"], EPOCH)})
    session = server.signed_in("maria", fresh_address())
    listing = session.get(f"{server.url}/conversations", params={"q": f"hello from {sender}"}, timeout=10).text
    link = html.unescape(re.search(r'<td><a href="([^"]+)">', listing).group(1))
    page = session.get(urljoin(server.url, link), timeout=10)
    assert page.status_code == 200 and f"hello from {sender}" in html.unescape(page.text)
    action = html.unescape(
        re.search(
            r'<form method="post" action="([^"]+)"><input type="hidden" name="csrf" value="[0-9a-f]+">\s*<label>Note',
            page.text,
        ).group(1)
    )
    noted = session.post(
        urljoin(server.url, action),
        data={"csrf": csrf_of(page.text), "text": "called back", "reviewed": "1"},
        timeout=10,
    )
    assert noted.status_code == 200 and "called back" in noted.text
    export = html.unescape(re.search(r'href="(/export[^"]+format=csv)"', page.text).group(1))
    rows = list(csv.DictReader(io.StringIO(session.get(urljoin(server.url, export), timeout=10).text, newline="")))
    assert {row["conversation"] for row in rows} == {sender}
    action = html.unescape(
        re.search(
            r'action="([^"]+)"><input type="hidden" name="csrf" value="[0-9a-f]+">\s*<label><input type="checkbox" name="confirm"',
            page.text,
        ).group(1)
    )
    erased = session.post(urljoin(server.url, action), data={"csrf": csrf_of(page.text), "confirm": "yes"}, timeout=10)
    assert erased.status_code == 200 and "were erased" in erased.text
    assert session.get(urljoin(server.url, link), timeout=10).status_code == 404
    audit = audit_lines(server)
    assert "INFO career.audit: export: maria exported 1 conversation(s) as csv" in audit
    assert f"INFO career.audit: erase: maria erased conversation {sender!r}" in audit


BAD = [
    "/conversations?page=abc",
    "/conversations?page=0",
    "/conversations?page=-1",
    "/conversations?since=junk",
    "/conversations?until=junk",
    "/conversations?until=2024-13-45",
    "/conversations?flag=nope",
    "/export?format=xls",
    "/export?format=csv&since=junk",
    "/export?format=csv&flag=nope",
    "/conversation",
]


@pytest.mark.parametrize("path", BAD)
def test_bad_parameters_get_400_with_a_message(server, path):
    session = server.signed_in("maria", fresh_address())
    answer = session.get(server.url + path, timeout=10)
    assert answer.status_code == 400
    assert re.search(r"must be|which conversation", answer.text)


def test_csrf_values_of_any_kind_are_refused_cleanly(server):
    session = server.signed_in("maria", fresh_address())
    for value in ("é", "✓" * 64, "", "0" * 64):
        answer = session.post(f"{server.url}/logout", data={"csrf": value}, timeout=10, allow_redirects=False)
        assert answer.status_code == 403
    anonymous = requests.Session()
    anonymous.headers["X-Forwarded-For"] = fresh_address()
    anonymous.get(f"{server.url}/login", timeout=10)
    answer = anonymous.post(
        f"{server.url}/login",
        data={"csrf": "é", "name": "maria", "password": PASSWORD},
        timeout=10,
        allow_redirects=False,
    )
    assert answer.status_code in (400, 401, 403) and "review_session" not in answer.headers.get("Set-Cookie", "")
    assert not refused(session, server), "the refused forms did not end the session"


# --- sessions --------------------------------------------------------------------------


def copy_of(session: requests.Session) -> requests.Session:
    thief = requests.Session()
    thief.cookies.update(session.cookies)
    return thief


def test_cookie_is_httponly_strict_and_carries_no_name(server):
    name = new_counselor(server)
    _, answer = server.login(name, address=fresh_address())
    header = answer.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Strict" in header
    value = re.search(r"review_session=([^;]+)", header).group(1)
    assert name not in value


def test_a_copied_cookie_dies_at_logout(server):
    session = server.signed_in(new_counselor(server), fresh_address())
    thief = copy_of(session)
    assert not refused(thief, server)
    page = session.get(f"{server.url}/conversations", timeout=10).text
    assert (
        session.post(
            f"{server.url}/logout", data={"csrf": csrf_of(page)}, timeout=10, allow_redirects=False
        ).status_code
        == 302
    )
    assert refused(thief, server)


def test_a_password_change_ends_every_session(server):
    name = new_counselor(server)
    session = server.signed_in(name, fresh_address())
    add_counselor(server.db, name, "another long password")
    assert refused(session, server)


def test_removing_a_counselor_ends_their_sessions(server):
    name = new_counselor(server)
    session = server.signed_in(name, fresh_address())
    out = review_cli(server.db, "remove-counselor", name)
    assert out.returncode == 0, out.stderr
    assert refused(session, server)
    assert server.login(name, address=fresh_address())[1].status_code == 401


# --- sign-in throttling ----------------------------------------------------------------


@pytest.mark.slow  # about 30 sign-ins of half a second each
def test_nobody_can_lock_a_counselor_out_from_elsewhere(server):
    name, attacker = new_counselor(server), fresh_address()
    answers = [server.login(name, "wrong password", attacker)[1].status_code for _ in range(8)]
    assert answers[:5] == [401] * 5 and answers[-1] == 429, answers
    assert (
        server.login(name, PASSWORD, attacker)[1].status_code == 429
    ), "the throttled address is refused even with the right password"
    assert server.login(name, PASSWORD, fresh_address())[1].status_code == 302, "the counselor signs in from elsewhere"
    for _ in range(20):  # many names from one address: that address waits, nobody else
        server.login(f"guess-{uuid.uuid4().hex[:4]}", "x", attacker)
    assert server.login("maria", PASSWORD, attacker)[1].status_code == 429
    assert server.login("maria", PASSWORD, fresh_address())[1].status_code == 302
    # The audit trail, in logging.yml's format, without the passwords tried.
    audit = audit_lines(server)
    assert f"WARNING career.audit: sign-in failed: '{name}' from {attacker}" in audit
    assert f"WARNING career.audit: lock-out: sign-in by '{name}' from {attacker} refused for" in audit
    assert f"INFO career.audit: sign-in: {name} from" in audit
    log = server.log.read_text()
    assert PASSWORD not in log and "wrong password" not in log


@pytest.mark.slow  # about 40 sign-ins of half a second each
def test_every_sign_in_outcome_takes_the_same_time(server):
    name, gone, throttled_at = new_counselor(server), new_counselor(server), fresh_address()
    review_cli(server.db, "remove-counselor", gone)
    for _ in range(6):
        server.login(name, "wrong password", throttled_at)
    kinds = {
        "unknown name": lambda: server.login(f"nobody-{uuid.uuid4().hex[:6]}", "wrong password", fresh_address()),
        "wrong password": lambda: server.login(name, "wrong password", fresh_address()),
        "throttled": lambda: server.login(name, "wrong password", throttled_at),
        "throttled, right password": lambda: server.login(name, PASSWORD, throttled_at),
        "removed counselor": lambda: server.login(gone, PASSWORD, fresh_address()),
    }
    durations: dict[str, list[float]] = {kind: [] for kind in kinds}
    statuses: set[int] = set()
    for _ in range(7):
        for kind, attempt in kinds.items():
            session = requests.Session()
            session.headers["X-Forwarded-For"] = fresh_address()
            server.login_form(session)  # fetch the form outside the measured request
            start = time.perf_counter()
            _, answer = attempt()
            durations[kind].append(time.perf_counter() - start)
            statuses.add(answer.status_code)
    medians = {kind: statistics.median(values) for kind, values in durations.items()}
    assert max(medians.values()) - min(medians.values()) < 0.04, medians
    assert statuses <= {401, 429}, statuses


def test_failed_sign_ins_do_not_stall_other_pages(server):
    session = server.signed_in("maria", fresh_address())

    def page_time() -> float:
        start = time.perf_counter()
        assert session.get(f"{server.url}/conversations", timeout=30).status_code == 200
        return time.perf_counter() - start

    baseline = statistics.median(page_time() for _ in range(8))
    stop, started = threading.Event(), threading.Semaphore(0)

    def hammer() -> None:
        address = fresh_address()
        while not stop.is_set():
            started.release()
            server.login("maria", "wrong password", address)

    threads = [threading.Thread(target=hammer, daemon=True) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(6):  # every hammer has been through at least two attempts
            assert started.acquire(timeout=30)
        loaded = statistics.median(page_time() for _ in range(8))
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert loaded < baseline + 0.25, (baseline, loaded)
