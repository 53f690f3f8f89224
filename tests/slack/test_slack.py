"""Slack Events API and interactivity payloads, signed as Slack signs them, sent to the
running Rasa server; replies land on a fake Slack Web API that records them."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import time
import urllib.parse
import uuid

import pytest
import requests

from tests.e2e.servers import Servers
from tests.slack.fake_slack import FakeSlack

# Starts the Rasa and action servers: not in `make test-fast` (pytest.ini).
pytestmark = pytest.mark.e2e

SECRET = "test-signing-secret"
BOT_USER = "UBOT"


@pytest.fixture(scope="module")
def slack():
    with FakeSlack() as fake:
        yield fake


@pytest.fixture(scope="module")
def servers(model, slack, tmp_path_factory):
    db = tmp_path_factory.mktemp("slack-tracker") / "conversations.db"
    env = {
        "TRACKER_DB": str(db),
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.url,
    }
    running = Servers(tmp_path_factory.mktemp("slack-servers"), env, model)
    running.db = db
    running.start()
    yield running
    running.stop()


def signed(body: bytes, content_type: str, age: int = 0, secret: str = SECRET, **extra: str) -> dict:
    timestamp = str(int(time.time()) - age)
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
        **extra,
    }


def send_event(servers, event: dict, **options) -> requests.Response:
    body = json.dumps({"type": "event_callback", "authorizations": [{"user_id": BOT_USER}], "event": event}).encode()
    headers = signed(body, "application/json", **{k: v for k, v in options.items() if k in ("age", "secret")})
    headers.update(options.get("headers", {}))
    return requests.post(f"{servers.url}/webhooks/slack/webhook", data=body, headers=headers, timeout=30)


def click(servers, user: str, channel: str, value: str, message: dict) -> requests.Response:
    payload = {
        "type": "block_actions",
        "user": {"id": user},
        "channel": {"id": channel},
        "message": message,
        "actions": [{"type": "button", "action_id": "choice-0", "value": value}],
    }
    body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
    headers = signed(body, "application/x-www-form-urlencoded")
    return requests.post(f"{servers.url}/webhooks/slack/webhook", data=body, headers=headers, timeout=30)


def dm(user: str, text: str, ts: str) -> dict:
    return {"type": "message", "channel_type": "im", "channel": f"D{user}", "user": user, "text": text, "ts": ts}


def button_values(post: dict) -> list[tuple[str, str]]:
    return [
        (element["text"]["text"], element["value"])
        for block in post.get("blocks") or []
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def stored_user_texts(servers, conversation: str) -> list[str]:
    with sqlite3.connect(servers.db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (conversation,)
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_url_verification(servers):
    body = json.dumps(
        {"type": "url_verification", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}
    ).encode()
    answer = requests.post(
        f"{servers.url}/webhooks/slack/webhook", data=body, headers=signed(body, "application/json"), timeout=30
    )
    assert answer.status_code == 200
    assert answer.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_direct_message_gets_occupation_and_buttons_in_one_post_then_advice(servers, slack):
    assert send_event(servers, dm("U1", "I loved being a nurse", "100.1")).status_code == 200
    first = slack.wait_for("DU1")[0]
    assert first["channel"] == "DU1" and "thread_ts" not in first
    assert "Registered Nurses" in first["text"] and first["blocks"]
    choices = button_values(first)
    assert ("Nurse Practitioners", '/pick_role{"target_code":"29-1171.00"}') in choices
    section = first["blocks"][0]["text"]
    assert section["type"] == "plain_text" and "Registered Nurses" in section["text"]
    before = len(slack.wait_for("DU1"))
    assert click(servers, "U1", "DU1", '/pick_role{"target_code":"29-1171.00"}', {"ts": "100.2"}).status_code == 200
    advice = slack.wait_for("DU1", before + 1)[before:]
    assert "Moving from Registered Nurses to Nurse Practitioners" in advice[0]["text"]


def test_channel_mention_replies_in_the_thread_and_button_keeps_it(servers, slack):
    mention = {
        "type": "app_mention",
        "channel": "C1",
        "user": "U2",
        "text": f"<@{BOT_USER}> I was an accountant",
        "ts": "200.1",
    }
    assert send_event(servers, mention).status_code == 200
    posts = slack.wait_for("C1")
    assert all(p["thread_ts"] == "200.1" for p in posts)
    assert "Accountants and Auditors" in posts[0]["text"]
    value = button_values(posts[0])[0][1]
    before = len(posts)
    click(servers, "U2", "C1", value, {"ts": "200.5", "thread_ts": "200.1"})
    advice = slack.wait_for("C1", before + 1)[before:]
    assert advice[0]["thread_ts"] == "200.1" and "Moving from Accountants and Auditors" in advice[0]["text"]


@pytest.mark.parametrize(
    "options",
    [{"secret": "wrong-secret"}, {"age": 6 * 60}, {"headers": {"X-Slack-Signature": "v0=deadbeef"}}],
    ids=["wrong secret", "older than five minutes", "forged signature"],
)
def test_unsigned_or_stale_requests_are_rejected_without_reply(servers, slack, options):
    user = f"U3{uuid.uuid4().hex[:6].upper()}"
    answer = send_event(servers, dm(user, "I loved being a nurse", "300.1"), **options)
    assert answer.status_code == 401
    # A genuine message afterwards: once its reply is posted, anything the rejected one had
    # started would have been stored before it.
    assert send_event(servers, dm(user, "thanks", "300.2")).status_code == 200
    slack.wait_for(f"D{user}")
    assert stored_user_texts(servers, user) == ["thanks"]


@pytest.mark.parametrize("reason", ["http_timeout", "http_error", "too_many_requests", "unknown_error"])
def test_retries_never_produce_a_second_reply(servers, slack, reason):
    user = f"U4{reason.upper()}"
    event = dm(user, "thanks", "400.1")
    send_event(servers, event)
    after_first = len(slack.wait_for(f"D{user}"))
    answer = send_event(servers, event, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": reason})
    # The duplicate is dropped before it is acknowledged, so nothing more can follow.
    assert answer.status_code == 200 and answer.headers.get("X-Slack-No-Retry") == "1"
    assert len([p for p in slack.posts if p.get("channel") == f"D{user}"]) == after_first


def test_bot_messages_are_ignored(servers, slack):
    own = {**dm("U5", "Got it: Registered Nurses.", "500.1"), "bot_id": "B1"}
    other = {**dm("U6", "I loved being a nurse", "500.2"), "subtype": "bot_message", "bot_id": "B2"}
    for event in (own, other):
        assert send_event(servers, event).status_code == 200
    assert send_event(servers, dm("U6", "thanks", "500.3")).status_code == 200
    slack.wait_for("DU6")
    assert stored_user_texts(servers, "U5") == [] and stored_user_texts(servers, "U6") == ["thanks"]
    assert not [p for p in slack.posts if p.get("channel") == "DU5"]


@pytest.mark.parametrize("mode", ["error", "slow"])
def test_failing_or_slow_slack_api_is_logged_and_the_server_keeps_going(servers, slack, mode):
    slack.mode = mode
    try:
        before = (servers.workdir / "rasa.log").read_text().count("Slack chat.postMessage to DU7 failed")
        assert send_event(servers, dm("U7", "I'm a plumber", f"600.{len(mode)}")).status_code == 200
        deadline = time.monotonic() + 60
        while (servers.workdir / "rasa.log").read_text().count("Slack chat.postMessage to DU7 failed") == before:
            assert time.monotonic() < deadline, "the failed post was never logged"
            time.sleep(0.2)
    finally:
        slack.mode = "ok"
    assert servers.api("GET", "/status").ok
    # Someone else, so that the post given up on above, which may still land, isn't counted.
    after = f"U70{mode.upper()}"
    send_event(servers, dm(after, "thanks", "601.1"))
    slack.wait_for(f"D{after}")


def test_slack_conversations_are_stored_with_their_channel(servers, slack):
    send_event(servers, dm("U20", "I was a chef", "2000.1"))
    mention = {
        "type": "app_mention",
        "channel": "C20",
        "user": "U21",
        "text": f"<@{BOT_USER}> I was a chef",
        "ts": "2000.2",
    }
    send_event(servers, mention)
    slack.wait_for("DU20")
    slack.wait_for("C20")
    with sqlite3.connect(servers.db) as db:
        rows = db.execute(
            "SELECT sender_id, data FROM events WHERE type_name = 'user' AND sender_id IN ('U20', 'U21_C20_2000.2')"
        ).fetchall()
    assert sorted((sender, json.loads(data).get("input_channel")) for sender, data in rows) == [
        ("U20", "slack"),
        ("U21_C20_2000.2", "slack"),
    ]


def test_a_replayed_event_is_answered_once(servers, slack):
    body = json.dumps(
        {
            "type": "event_callback",
            "event_id": "Ev-replay-1",
            "authorizations": [{"user_id": BOT_USER}],
            "event": dm("U8", "I loved being a nurse", "800.1"),
        }
    ).encode()
    headers = signed(body, "application/json")
    for _ in range(3):  # the same signed request, as an eavesdropper would send it again
        assert (
            requests.post(f"{servers.url}/webhooks/slack/webhook", data=body, headers=headers, timeout=30).status_code
            == 200
        )
    # Replies are posted when their turn is stored, and duplicates are dropped before
    # the acknowledgement: once the first reply is here, the count is final.
    slack.wait_for("DU8")
    with sqlite3.connect(servers.db) as db:
        stored = db.execute("SELECT count(*) FROM events WHERE sender_id = 'U8' AND type_name = 'user'").fetchone()[0]
    assert stored == 1


@pytest.mark.parametrize(
    "body, content_type",
    [
        (b"[1, 2, 3]", "application/json"),
        (b"not json at all", "application/json"),
        (json.dumps({"type": "event_callback", "event": "text"}).encode(), "application/json"),
        (
            json.dumps(
                {"type": "event_callback", "event": {"type": "message", "channel_type": "im", "text": "hi"}}
            ).encode(),
            "application/json",
        ),
        (
            json.dumps({"type": "event_callback", "event": {**dm("U9", "hi", "900.1"), "user": 42}}).encode(),
            "application/json",
        ),
        (b"payload=%7Bnot-json", "application/x-www-form-urlencoded"),
        (
            urllib.parse.urlencode({"payload": json.dumps({"type": "block_actions", "user": "U9"})}).encode(),
            "application/x-www-form-urlencoded",
        ),
    ],
    ids=[
        "list",
        "not json",
        "event not an object",
        "no user",
        "user not a string",
        "form not json",
        "user not an object",
    ],
)
def test_signed_but_malformed_payloads_get_400(servers, body, content_type):
    answer = requests.post(
        f"{servers.url}/webhooks/slack/webhook", data=body, headers=signed(body, content_type), timeout=30
    )
    assert answer.status_code == 400 and "malformed" in answer.text


def test_a_very_long_message_is_cut_and_answered_with_a_request_for_less(servers, slack):
    text = "I loved my years as a nurse and " + "really " * 16000  # about 117 KB, inside Slack's own limit
    assert send_event(servers, dm("U10", text, "1000.1")).status_code == 200
    reply = slack.wait_for("DU10")[0]
    assert "long message" in reply["text"]
    with sqlite3.connect(servers.db) as db:
        data = db.execute("SELECT data FROM events WHERE sender_id = 'U10' AND type_name = 'user'").fetchone()[0]
    stored = json.loads(data)["text"]
    assert len(stored) == 1001 and stored.endswith("…")


def test_with_the_action_server_down_the_person_is_asked_to_try_again(servers, slack):
    servers.stop_actions()
    try:
        send_event(servers, dm("U11", "I loved being a nurse", "1100.1"))
        reply = slack.wait_for("DU11")[0]
    finally:
        servers.start_actions()
    assert "please try again" in reply["text"]


def test_a_turn_cut_short_by_a_restart_is_answered_after_it(servers, slack):
    # A delivery acknowledged but never answered, as a crash between the two leaves it.
    from adapters.channels.slack_inbox import Inbox

    turn = {
        "text": "I was an electrician",
        "conversation": "U12",
        "channel": "DU12",
        "thread": None,
        "metadata": {"out_channel": "DU12", "thread_id": None, "users": [BOT_USER]},
    }
    servers.stop_rasa()
    assert Inbox(f"sqlite:///{servers.db}").accept("Ev-crash-1", turn)
    servers.start_rasa()
    reply = slack.wait_for("DU12")[0]
    assert "Electricians" in reply["text"]
