"""The summary table kept by the event consumer: the same lists as reading every event."""

from __future__ import annotations

import json

import pytest

from bot.catalogue import shared_catalogue
from review import consumer, store, summaries
from tests.review.conftest import DAY, EPOCH, conversation, save


@pytest.fixture
def engine(tmp_path):
    db = tmp_path / "c.db"
    trackers = {f"p{i:02d}": conversation(f"p{i:02d}", [f"message {i}"], EPOCH + i * DAY) for i in range(12)}
    trackers["slack-1"] = conversation(
        "slack-1", ["I fixed wiring"], EPOCH + 3.5 * DAY, channel="slack", code="47-2111.00"
    )
    trackers["web-1"] = conversation(
        "web-1", ["blorp"], EPOCH + 4.5 * DAY, channel="socketio", fallback=True, code=None
    )
    trackers["silent"] = conversation("silent", [], EPOCH + 40 * DAY)
    save(db, trackers)
    return store.connect(f"sqlite:///{db}")


FILTERS = [
    {},
    {"limit": 5, "offset": 3},
    {"channel": "slack"},
    {"channel": "web"},
    {"cluster": "construction"},
    {"flag": "fallback"},
    {"needs_review": True, "limit": 4},
    {"since": EPOCH + 3 * DAY, "until": EPOCH + 6 * DAY},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_lists_from_the_summaries_equal_lists_from_the_events(engine, filters):
    catalogue = shared_catalogue()
    assert summaries.rebuild(engine, catalogue) == 14  # "silent" has no user turn
    from_events = store.conversations(engine, catalogue, use_summaries=False, **filters)
    from_rows = store.conversations(engine, catalogue, use_summaries=True, **filters)
    assert [c.sender_id for c in from_rows.conversations] == [c.sender_id for c in from_events.conversations]
    assert from_rows.total == from_events.total and from_events.conversations, "each filter keeps some"


def event(sender: str, stamp: float) -> bytes:
    return json.dumps({"sender_id": sender, "event": "user", "timestamp": stamp, "text": "x"}).encode()


def test_the_consumer_writes_a_summary_only_once_the_event_is_stored(engine):
    stored = summaries.latest_event(engine, ["p01"])["p01"]
    assert consumer.handle(engine, None, [event("p01", stored)]) == [True]
    assert summaries.rows(engine)["p01"] == summaries.recount(engine, None)["p01"]
    # Published before Rasa wrote it: not acknowledged, looked at again later ...
    assert consumer.handle(engine, None, [event("p02", EPOCH + 99 * DAY)]) == [False]
    assert "p02" not in summaries.rows(engine)
    # ... unless it never arrives: then what is stored is the truth.
    assert consumer.handle(engine, None, [event("p02", EPOCH + 99 * DAY)], give_up=True) == [True]
    assert "p02" in summaries.rows(engine)
    assert consumer.handle(engine, None, [b"not json"]) == [True], "junk is dropped, not retried forever"


def test_an_erased_conversation_leaves_no_summary(engine):
    summaries.rebuild(engine, None)
    store.delete(engine, "p03")
    assert "p03" not in summaries.rows(engine)


def test_a_new_counselor_request_is_posted_to_the_counselors_slack_channel_once(tmp_path, monkeypatch):
    from rasa.shared.core.events import SlotSet

    from tests.slack.fake_slack import FakeSlack

    db = tmp_path / "asks.db"
    events = conversation("asks", ["I need a human"], EPOCH, code=None)
    save(db, {"asks": events + [SlotSet("counselor_requested", True, timestamp=EPOCH + 60)], "quiet": events})
    engine = store.connect(f"sqlite:///{db}")
    with FakeSlack() as slack:
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
        monkeypatch.setenv("SLACK_API_URL", slack.url)
        monkeypatch.setenv("REVIEW_SLACK_CHANNEL", "C0COUNSEL")
        monkeypatch.setenv("REVIEW_URL", "https://review.example.org/")
        assert consumer.handle(engine, None, [event("asks", EPOCH + 60), event("quiet", EPOCH + 5)]) == [True, True]
        [post] = slack.wait_for("C0COUNSEL")
        assert "conversation asks" in post["text"] and "https://review.example.org/conversation?id=asks" in post["text"]
        assert "I need a human" not in post["text"], "what people wrote stays in the review app"
        consumer.handle(engine, None, [event("asks", EPOCH + 60)])
        assert len(slack.posts) == 1, "one notice per request, not one per event"
