"""Counselor review over conversations created through the running assistant."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import uuid

import pytest
import yaml

from tests.review.conftest import review_cli

# Starts the Rasa and action servers: not in `make test-fast` (pytest.ini).
pytestmark = pytest.mark.e2e


review = review_cli


@pytest.fixture(scope="module")
def people(assistant):
    tag = uuid.uuid4().hex[:6]
    ids = {name: f"review-{name}-{tag}" for name in ("advice", "counselor", "unanswered", "plain")}
    first = assistant.say(ids["advice"], "I loved being a nurse")
    pick = next(b for m in first for b in (m.get("buttons") or []) if b["payload"].startswith("/pick_role"))
    assistant.say(ids["advice"], pick["payload"])
    assistant.say(ids["counselor"], "blorp zzzt")
    assistant.say(ids["counselor"], "qwerty uiop")
    assistant.say(ids["counselor"], "/request_counselor")
    assistant.say(ids["unanswered"], "I was a doctor")
    assistant.say(ids["plain"], "I'm an accountant, mail me at ana@example.org")
    # Counselors see the ids the conversations are stored under.
    return {name: assistant.conversation_id(sender) for name, sender in ids.items()}


def listed(db, *args: str) -> dict[str, list[str]]:
    out = review(db, "list", "--limit", "1000", *args)
    assert out.returncode == 0, out.stderr
    return {line.split("\t")[0]: line.split("\t") for line in out.stdout.splitlines()}


def test_flags_are_computed_from_the_events(people, sqlite_db):
    rows = listed(sqlite_db)
    assert "abandoned_after_advice" in rows[people["advice"]][5]
    assert "Registered Nurses" in rows[people["advice"]][4]
    assert {"fallback", "counselor_requested"} <= set(rows[people["counselor"]][5].split(","))
    assert "unanswered_question" in rows[people["unanswered"]][5]
    assert rows[people["plain"]][5] == "-"


def test_filters_and_needs_review_queue(people, sqlite_db):
    assert set(listed(sqlite_db, "--flag", "counselor_requested")) >= {people["counselor"]}
    assert people["advice"] not in listed(sqlite_db, "--flag", "counselor_requested")
    assert people["plain"] in listed(sqlite_db, "--cluster", "Financial")
    assert set(listed(sqlite_db, "--search", "doctor")) >= {people["unanswered"]}
    assert people["advice"] in listed(sqlite_db, "--channel", "REST")
    queue = list(listed(sqlite_db, "--needs-review"))
    flagged = [cid for cid in queue if listed(sqlite_db)[cid][5] != "-"]
    assert queue[: len(flagged)] == flagged, "flagged conversations come first"


def test_transcript_shows_intents_roles_actions_and_buttons(people, sqlite_db):
    out = review(sqlite_db, "show", people["advice"])
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "person: I loved being a nurse  [liked_role" in text and "roles: nurse" in text
    assert "(action_liked_role)" in text and "[Nurse Practitioners]" in text
    assert "Moving from Registered Nurses" in text


def test_notes_are_kept_in_our_own_table(people, sqlite_db):
    out = review(sqlite_db, "note", people["unanswered"], "Follow up: which doctor?", "--author", "maria", "--reviewed")
    assert out.returncode == 0, out.stderr
    assert "note by maria" in review(sqlite_db, "show", people["unanswered"]).stdout
    import sqlite3

    with sqlite3.connect(sqlite_db) as db:
        in_events = db.execute("SELECT count(*) FROM events WHERE data LIKE '%Follow up: which doctor%'").fetchone()[0]
        in_notes = db.execute("SELECT count(*) FROM review_notes WHERE text = 'Follow up: which doctor?'").fetchone()[0]
    assert (in_events, in_notes) == (0, 1)


def test_exports(people, sqlite_db, tmp_path):
    out = review(sqlite_db, "export", people["advice"], people["counselor"], "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert {r["conversation"] for r in rows} == {people["advice"], people["counselor"]}
    assert any(r["speaker"] == "user" and r["text"] == "I loved being a nurse" for r in rows)
    lines = review(sqlite_db, "export", people["advice"], "--format", "jsonl").stdout.splitlines()
    assert json.loads(lines[0])["sender_id"] == people["advice"]
    story = yaml.safe_load(review(sqlite_db, "export", people["advice"], "--format", "story").stdout)
    steps = story["stories"][0]["steps"]
    assert steps[0] == {"user": "I loved being a nurse", "intent": "liked_role"}
    assert {"action": "action_transition_advice"} in steps
    target = tmp_path / "all.csv"
    assert review(sqlite_db, "export", "--all", "--format", "csv", "--out", str(target)).returncode == 0
    assert people["counselor"] in target.read_text()


def test_delete_and_purge_on_a_copy(people, sqlite_db, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(sqlite_db, copy)
    assert review(copy, "delete", people["advice"]).returncode == 1, "refuses without --yes"
    out = review(copy, "delete", people["advice"], "--yes")
    assert out.returncode == 0 and "erased" in out.stdout
    assert re.search(
        rf"INFO career\.audit: erase: \S+ \(command line\) erased conversation '{people['advice']}'", out.stderr
    )
    assert people["advice"] not in listed(copy)
    assert review(copy, "show", people["advice"]).returncode == 2
    assert review(copy, "purge", "--older-than", "1", "--yes").stdout.startswith("erased 0")
    out = review(copy, "purge", "--older-than", "0", "--yes")
    assert out.returncode == 0 and "career.audit: purge: " in out.stderr
    assert listed(copy) == {}


def test_counselor_accounts_store_only_salted_hashes(sqlite_db, tmp_path):
    copy = tmp_path / "accounts.db"
    shutil.copy(sqlite_db, copy)
    assert review(copy, "add-counselor", "maria", "--password-stdin", stdin="short\n").returncode == 2
    out = review(copy, "add-counselor", "maria", "--password-stdin", stdin="correct horse battery\n")
    assert out.returncode == 0, out.stderr
    assert b"correct horse battery" not in copy.read_bytes()
    from review import store

    engine = store.connect(f"sqlite:///{copy}")
    assert store.check_password(engine, "maria", "correct horse battery")
    assert not store.check_password(engine, "maria", "wrong")
    assert not store.check_password(engine, "nobody", "correct horse battery")
    for _ in range(10):
        store.check_password(engine, "maria", "wrong")
    assert store.check_password(
        engine, "maria", "correct horse battery"
    ), "no account lock: the web app throttles per address"
