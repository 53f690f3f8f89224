"""Review lists are filtered and paged in SQL; only the page's events are read."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from review import store
from tests.review.conftest import DAY, EPOCH, conversation, save

COUNT = 30


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    db = tmp_path_factory.mktemp("paging") / "c.db"
    trackers = {
        f"p{i:02d}": conversation(f"p{i:02d}", [f"message {i}", "I was a nurse"], EPOCH + i * DAY) for i in range(COUNT)
    }
    trackers["slack-1"] = conversation(
        "slack-1", ["Bonjour, j'étais ÉLECTRICIEN_100%"], EPOCH + 3.5 * DAY, channel="slack", code="47-2111.00"
    )
    trackers["web-1"] = conversation(
        "web-1", ["blorp"], EPOCH + 4.5 * DAY, channel="socketio", fallback=True, code=None
    )
    trackers["silent"] = conversation("silent", [], EPOCH + 40 * DAY)  # no user turn: never listed
    save(db, trackers)
    return store.connect(f"sqlite:///{db}")


def ids(page: store.Page) -> list[str]:
    return [c.sender_id for c in page.conversations]


def test_pages_over_senders_newest_first_with_a_total(engine):
    everything = ids(store.conversations(engine))
    assert len(everything) == COUNT + 2 and everything[0] == "p29" and "silent" not in everything
    page = store.conversations(engine, limit=10, offset=10)
    assert page.total == COUNT + 2
    assert ids(page) == everything[10:20]
    assert ids(store.conversations(engine, limit=10, offset=30)) == everything[30:]


def test_date_range_is_exact(engine):
    page = store.conversations(engine, since=EPOCH + 10 * DAY, until=EPOCH + 12 * DAY, limit=2)
    assert page.total == 3 and ids(page) == ["p12", "p11"]
    late = store.conversations(engine, since=EPOCH + 29 * DAY + 15)  # p29's last turn is at +15 s
    assert ids(late) == ["p29"]
    assert store.conversations(engine, until=EPOCH - 1).total == 0


def test_channel_search_flag_and_cluster_filters(engine):
    assert ids(store.conversations(engine, channel="Slack")) == ["slack-1"]
    assert ids(store.conversations(engine, channel="web")) == ["web-1"]
    assert ids(store.conversations(engine, search="message 7")) == ["p07"]
    assert ids(store.conversations(engine, search="électricien_100%")) == ["slack-1"]
    assert ids(store.conversations(engine, search="ELECTRICIEN")) == []
    assert ids(store.conversations(engine, search="answer to")) == [], "only the person's words are searched"
    assert ids(store.conversations(engine, flag="fallback")) == ["web-1"]
    queue = store.conversations(engine, needs_review=True, limit=3)
    assert queue.total == COUNT + 2 and ids(queue)[0] == "web-1"
    page = store.conversations(engine, search="nurse", limit=5, offset=5)
    assert page.total == COUNT and ids(page) == [f"p{i:02d}" for i in range(24, 19, -1)]


def test_only_the_page_is_read_from_events(engine):
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        page = store.conversations(engine, limit=5)
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    assert len(page.conversations) == 5
    full_reads = [s for s in statements if "events.data" in s and "IN (" not in s.upper()]
    assert not full_reads, full_reads
    assert any("LIMIT" in s.upper() for s in statements)


def test_indexes_are_added_to_rasas_events_table(engine):
    with sqlite3.connect(engine.url.database) as db:
        names = {
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='events'")
        }
    assert {"review_events_sender_time", "review_events_time"} <= names
    store.connect(str(engine.url))  # a second start finds them and changes nothing
