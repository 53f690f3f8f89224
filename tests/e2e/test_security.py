"""What faces the network, what it accepts, and what happens to a message when things
fail: tried against the running assistant as an attacker or an unlucky person would."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

from tests.e2e.conversation import texts
from tests.e2e.servers import Servers
from tests.e2e.widget_client import WidgetClient

# Starts the Rasa and action servers: not in `make test-fast` (pytest.ini).
pytestmark = pytest.mark.e2e

NOT_SAVED = "couldn't save your message"
TOO_LONG = "long message"
TOO_FAST = "faster than I can read"


def new_sender(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:8]}"


def stored_user_texts(db: Path, conversation: str) -> list[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (conversation,)
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on `port` (Linux /proc/net)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port and len(address) == width:
                if width == 8:
                    found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
                else:
                    found.add("::" if set(address) == {"0"} else address)
    return found


# --- Rasa's HTTP API -------------------------------------------------------------------

API_CALLS = [
    ("GET", "/status"),
    ("GET", "/conversations/rest:someone/tracker"),
    ("POST", "/conversations/rest:someone/tracker/events"),
    ("PUT", "/conversations/rest:someone/tracker/events"),
    ("POST", "/conversations/rest:someone/trigger_intent"),
    ("DELETE", "/model"),
    ("PUT", "/model"),
    ("POST", "/model/parse"),
    ("POST", "/model/train"),
    ("GET", "/domain"),
]


@pytest.mark.parametrize("method, path", API_CALLS)
def test_the_http_api_refuses_callers_without_the_token(assistant, method, path):
    answer = requests.request(method, f"{assistant.url}{path}", json={"event": "bot", "text": "forged"}, timeout=30)
    assert answer.status_code in (401, 403), answer.text[:200]
    wrong = requests.request(method, f"{assistant.url}{path}", params={"token": "x" * 32}, json={}, timeout=30)
    assert wrong.status_code in (401, 403)


def test_the_model_stays_loaded_after_anonymous_attempts_to_unload_it(assistant):
    requests.delete(f"{assistant.url}/model", timeout=30)
    requests.put(f"{assistant.url}/model", json={"model_file": "/etc/passwd"}, timeout=30)
    assert "Registered Nurses" in texts(assistant.say(new_sender("after-delete"), "I loved being a nurse"))
    assert assistant.api("GET", "/status").json()["model_file"]


def test_with_the_api_on_rasa_listens_on_loopback_only(assistant):
    assert listening_addresses(assistant.rasa_port) == {"127.0.0.1"}


def test_the_action_server_listens_on_loopback_only(assistant):
    assert listening_addresses(assistant.action_port) == {"127.0.0.1"}


def test_cors_lets_no_foreign_site_read_replies(assistant):
    origin = "https://attacker.example"
    preflight = requests.options(
        f"{assistant.url}/webhooks/rest/webhook",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        timeout=30,
    )
    answer = requests.post(
        f"{assistant.url}/webhooks/rest/webhook",
        json={"sender": new_sender("cors"), "message": "hi"},
        headers={"Origin": origin},
        timeout=30,
    )
    for response in (preflight, answer):
        assert response.headers.get("Access-Control-Allow-Origin") not in (origin, "*")


@pytest.fixture(scope="module")
def public_server(model, tmp_path_factory):
    """The server as `make run` starts it: no API token, channels on every interface."""
    db = tmp_path_factory.mktemp("public") / "conversations.db"
    env = {"TRACKER_DB": str(db), "SLACK_BOT_TOKEN": "", "SLACK_SIGNING_SECRET": "", "RASA_INTERFACE": "0.0.0.0"}
    servers = Servers(tmp_path_factory.mktemp("public-servers"), env, model, api=False)
    servers.start()
    yield servers
    servers.stop()


def test_without_a_token_the_api_does_not_exist_and_chat_works(public_server):
    for method, path in API_CALLS:
        answer = requests.request(method, f"{public_server.url}{path}", json={}, timeout=30)
        assert answer.status_code in (401, 403, 404, 405), (method, path, answer.status_code)
    assert requests.get(f"{public_server.url}/status", params={"token": "guess"}, timeout=30).status_code == 404
    assert "Registered Nurses" in texts(public_server.say(new_sender("public"), "I loved being a nurse"))
    assert listening_addresses(public_server.rasa_port) == {"0.0.0.0"}


# --- what the REST channel accepts ----------------------------------------------------


@pytest.mark.parametrize("size", [1_000_000, 10_000_000])
def test_oversized_bodies_are_refused_before_they_are_read(assistant, size):
    body = json.dumps({"sender": new_sender("huge"), "message": "nurse " * (size // 6)})
    answer = requests.post(
        f"{assistant.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}, timeout=60
    )
    assert answer.status_code == 413
    started = time.monotonic()
    assert "Registered Nurses" in texts(assistant.say(new_sender("after-huge"), "nurse"))
    print(f"reply after a {size:,}-byte body: {time.monotonic() - started:.2f} s")


def test_a_long_message_is_cut_stored_cut_and_answered_with_a_request_for_less(assistant, sqlite_db):
    sender = new_sender("long")
    reply = assistant.say(sender, "I was a nurse and I want to tell you all about it. " + "It was great. " * 400)
    assert TOO_LONG in texts(reply)
    (stored,) = stored_user_texts(sqlite_db, assistant.conversation_id(sender))
    assert len(stored) == 1001 and stored.endswith("…") and stored.startswith("I was a nurse")


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"null",
        b"[]",
        b'"hello"',
        b"{not json",
        b'{"sender": "a"}',
        b'{"sender": "a", "message": 42}',
        b'{"sender": "a", "message": ["hi"]}',
        b'{"sender": "a", "message": "   "}',
        b'{"message": "hi"}',
        b'{"sender": "", "message": "hi"}',
        b'{"sender": 7, "message": "hi"}',
        b'{"sender": "a", "message": "hi", "metadata": "x"}',
    ],
    ids=[
        "empty",
        "null",
        "list",
        "string",
        "malformed",
        "no message",
        "number",
        "list message",
        "blank message",
        "no sender",
        "empty sender",
        "number sender",
        "metadata not an object",
    ],
)
def test_bodies_that_are_not_a_message_get_400_with_a_reason(assistant, body):
    answer = requests.post(
        f"{assistant.url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}, timeout=30
    )
    assert answer.status_code == 400
    assert answer.json()["error"]


def test_a_sender_writing_faster_than_a_person_is_told_to_slow_down(assistant):
    sender = new_sender("flood")
    replies = [texts(assistant.say(sender, f"hello {i}")) for i in range(25)]
    refused = [r for r in replies if TOO_FAST in r]
    assert refused and all(TOO_FAST not in r for r in replies[:20])
    assert "Registered Nurses" in texts(assistant.say(new_sender("someone-else"), "nurse"))


def test_rest_senders_are_namespaced_and_the_channel_comes_from_the_server(assistant, sqlite_db):
    sender = "U1"  # a Slack user's id, as an attacker would choose it
    answer = requests.post(
        f"{assistant.url}/webhooks/rest/webhook",
        json={"sender": sender, "message": "I was a plumber", "input_channel": "slack"},
        timeout=30,
    )
    assert answer.ok and answer.json()[0]["recipient_id"] == "U1"
    assert stored_user_texts(sqlite_db, "U1") == []
    with sqlite3.connect(sqlite_db) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = 'rest:U1' AND type_name = 'user'"
        ).fetchall()
    assert [json.loads(data)["input_channel"] for (data,) in rows] == ["rest"]


# --- personal data ---------------------------------------------------------------------

PERSONAL = [
    "ana.lopez@example.org",
    "ana at example dot org",
    "ana[at]example.org",
    "555/123/4567",
    "x5551234567",
    "+44 20 7946 0958",
    "Maria Gonzalez",
    "04/12/1990",
    "123-45-6789",
    "42 Elm Street",
]


def test_personal_data_is_redacted_in_every_stored_field_and_the_logs(assistant, sqlite_db):
    sender = new_sender("pii")
    assistant.say(sender, "My name is Maria Gonzalez, born 04/12/1990, SSN 123-45-6789, I live at 42 Elm Street")
    assistant.say(sender, "mail ana.lopez@example.org or ana at example dot org or ana[at]example.org")
    assistant.say(sender, "call 555/123/4567 or x5551234567 or +44 20 7946 0958")
    requests.post(
        f"{assistant.url}/webhooks/rest/webhook",
        json={
            "sender": sender,
            "message": "I was a nurse",
            "metadata": {"email": "ana.lopez@example.org", "phone": "555/123/4567"},
        },
        timeout=30,
    )
    typed = stored_user_texts(sqlite_db, assistant.conversation_id(sender))
    assert len(typed) == 4 and typed[3] == "I was a nurse"
    with sqlite3.connect(sqlite_db) as connection:
        stored = "\n".join(
            data
            for (data,) in connection.execute(
                "SELECT data FROM events WHERE sender_id = ?", (assistant.conversation_id(sender),)
            )
        )
    log = (assistant.workdir / "rasa.log").read_text(errors="replace") + (assistant.workdir / "actions.log").read_text(
        errors="replace"
    )
    for secret in PERSONAL:
        assert secret not in stored, secret
        assert json.dumps(secret)[1:-1] not in stored, secret
        assert secret not in log, secret


def test_years_and_ranges_are_not_mistaken_for_phone_numbers(assistant, sqlite_db):
    sender = new_sender("years")
    assistant.say(sender, "I worked 2010-2015 as a nurse")
    assert stored_user_texts(sqlite_db, assistant.conversation_id(sender)) == ["I worked 2010-2015 as a nurse"]


# --- the widget's socket.io channel ---------------------------------------------------


def test_a_second_socket_cannot_take_over_a_conversation(assistant, sqlite_db):
    with WidgetClient(assistant.url) as owner, WidgetClient(assistant.url) as intruder:
        mine = owner.start()
        assert len(mine) == 32
        theirs = intruder.start(claim=mine)
        assert theirs != mine
        assert "Registered Nurses" in intruder.say("I loved being a nurse")
        assert "Accountants and Auditors" in owner.say("I'm an accountant")
        assert all("Registered Nurses" not in r for r in owner.replies)
        assert all("Accountants" not in r for r in intruder.replies)
    assert stored_user_texts(sqlite_db, mine) == ["I'm an accountant"]
    assert stored_user_texts(sqlite_db, theirs) == ["I loved being a nurse"]


def test_a_reloaded_page_continues_its_own_conversation(assistant):
    with WidgetClient(assistant.url) as first:
        session = first.start()
        first.say("I loved being a nurse")
    # The server lets go of the id once the first socket is gone.
    deadline = time.monotonic() + 30
    while True:
        with WidgetClient(assistant.url) as again:
            if again.start(claim=session) == session:
                assert "less schooling than Registered Nurses" in again.say("what about something with less schooling?")
                return
        assert time.monotonic() < deadline, "the old socket's claim was never released"


@pytest.mark.parametrize("claim", ["U1", "rest:someone", "../../etc", "0" * 31, "A" * 32, 42, None])
def test_ids_the_server_never_issued_get_a_new_conversation(assistant, claim):
    with WidgetClient(assistant.url) as client:
        session = client.start(claim=claim)
    assert session != claim and len(session) == 32


def test_socket_messages_are_checked_like_rest_ones(assistant, sqlite_db):
    with WidgetClient(assistant.url) as client:
        session = client.start()
        assert TOO_LONG in client.say("I was a nurse. " + "Really. " * 700)
        assert "didn't get any text" in client.say("   ")
        assert "didn't get any text" in client.say(None)
        client.say("I was a nurse", metadata={"email": "ana.lopez@example.org", "phone": "555/123/4567"})
    with sqlite3.connect(sqlite_db) as connection:
        stored = "\n".join(
            data for (data,) in connection.execute("SELECT data FROM events WHERE sender_id = ?", (session,))
        )
    assert "ana.lopez@example.org" not in stored and "555/123/4567" not in stored


def test_an_oversized_socket_packet_closes_only_that_connection(assistant):
    with WidgetClient(assistant.url) as client:
        client.start()
        client.emit_raw({"message": "x" * 200_000})
        client.wait(lambda: not client.connected, "the server to close the connection")
    with WidgetClient(assistant.url) as other:
        other.start()
        assert "Registered Nurses" in other.say("nurse")


def test_the_widget_gets_a_reply_when_the_action_server_is_down(assistant):
    assistant.stop_actions()
    try:
        with WidgetClient(assistant.url) as client:
            client.start()
            assert "please try again" in client.say("I loved being a nurse")
    finally:
        assistant.start_actions()


# --- nothing lost when the database fails ---------------------------------------------


class HeldLock:
    """An exclusive lock on the SQLite file, as a long write by another process holds it."""

    def __init__(self, db: Path) -> None:
        self.connection = sqlite3.connect(db, timeout=30, isolation_level=None, check_same_thread=False)
        self.connection.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        self.connection.execute("COMMIT")
        self.connection.close()


def in_background(call):
    result: dict = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", call()))
    thread.start()
    return thread, result


def test_a_short_database_lock_delays_the_reply_and_loses_nothing(assistant, sqlite_db):
    sender = new_sender("short-lock")
    lock = HeldLock(sqlite_db)
    thread, result = in_background(lambda: assistant.say(sender, "I loved being a nurse"))
    time.sleep(1)  # the fault: a lock held for a second
    lock.release()
    thread.join(120)
    assert "Registered Nurses" in texts(result["value"])
    assert stored_user_texts(sqlite_db, assistant.conversation_id(sender)) == ["I loved being a nurse"]


def test_a_long_database_lock_is_reported_and_the_message_can_be_sent_again(assistant, sqlite_db):
    sender = new_sender("long-lock")
    assistant.say(sender, "I'm an accountant")
    lock = HeldLock(sqlite_db)
    try:
        reply = assistant.say(sender, "what about something with less schooling?")
    finally:
        lock.release()
    assert NOT_SAVED in texts(reply) and "less schooling than" not in texts(reply)
    again = assistant.say(sender, "what about something with less schooling?")
    assert "less schooling than Accountants and Auditors" in texts(again)
    assert stored_user_texts(sqlite_db, assistant.conversation_id(sender)) == [
        "I'm an accountant",
        "what about something with less schooling?",
    ]


# --- what the probe of the running product found ------------------------------------


def test_a_cut_through_an_email_address_leaves_no_piece_of_it(assistant, sqlite_db):
    sender = new_sender("cut-pii")
    text = ("I worked as a nurse and liked it. " * 40)[:988] + " ana.lopez@example.com and +44 7911 123456 " * 3
    assert TOO_LONG in texts(assistant.say(sender, text))
    (stored,) = stored_user_texts(sqlite_db, assistant.conversation_id(sender))
    assert "ana.lop" not in stored and "7911" not in stored


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("I was a nurse\ud800", "I was a nurse"),
        ("I was a\u200b nurse\u0000", "I was a nurse "),
        ("\u202eI was a nurse", "I was a nurse"),
        ("Ｉ ｗａｓ ａ ｎｕｒｓｅ", "I was a nurse"),
    ],
    ids=["lone surrogate", "zero-width and NUL", "right-to-left override", "full-width"],
)
def test_invisible_and_broken_characters_are_cleaned_before_anything_reads_them(assistant, sqlite_db, typed, stored):
    sender = new_sender("clean")
    assert "Registered Nurses" in texts(assistant.say(sender, typed))
    assert stored_user_texts(sqlite_db, assistant.conversation_id(sender)) == [stored]


def test_disguised_personal_data_is_redacted_too(assistant, sqlite_db):
    sender = new_sender("disguised")
    assistant.say(sender, "mail ana.lopez＠example.com or ana\u200b@example.com or call ５５５−１２３−４５６７")
    (stored,) = stored_user_texts(sqlite_db, assistant.conversation_id(sender))
    assert "example.com" not in stored and "4567" not in stored


@pytest.mark.parametrize(
    "typed",
    [
        "/restart",
        '/session_start{"metadata": {"channel": "slack"}}',
        "/nonexistent_intent my email is leak.me@example.com",
    ],
)
def test_typed_slash_commands_are_read_as_text_not_run(assistant, typed):
    reply = texts(assistant.say(new_sender("slash"), typed))
    assert reply and "isn't responding" not in reply
    log = (assistant.workdir / "rasa.log").read_text(errors="replace")
    assert "leak.me@example.com" not in log


def test_rasa_ids_in_event_metadata_are_not_taken_for_phone_numbers(assistant, sqlite_db):
    sender = new_sender("ids")
    assistant.say(sender, "I loved being a nurse")
    with sqlite3.connect(sqlite_db) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ?", (assistant.conversation_id(sender),)
        ).fetchall()
    model_ids = {json.loads(data).get("metadata", {}).get("model_id") for (data,) in rows} - {None}
    assert model_ids and all("[" not in model_id for model_id in model_ids)
