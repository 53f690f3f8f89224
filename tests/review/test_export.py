"""CSV exports cannot smuggle spreadsheet formulas, in any column."""

from __future__ import annotations

import csv
import io

from review import store
from tests.review.conftest import EPOCH, conversation, save

DANGEROUS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def test_formula_cells_are_neutralised_in_every_column(tmp_path):
    db = tmp_path / "c.db"
    save(db, {"=cmd|' /C calc'!A0": conversation("=cmd|' /C calc'!A0", DANGEROUS, EPOCH, channel="@evil")})
    engine = store.connect(f"sqlite:///{db}")
    convo = store.load(engine, "=cmd|' /C calc'!A0")
    first_user = next(t for t in convo.turns if t.kind == "user")
    first_user.intent, first_user.roles = "=HYPERLINK(1)", ["-role"]
    next(t for t in convo.turns if t.kind == "bot").buttons = [{"title": "+button", "payload": "/x"}]
    convo.flags = ["=flag"]
    rows = list(csv.reader(io.StringIO(store.to_csv([convo]), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    texts = [row[4] for row in rows[1:] if row[3] == "user"]
    assert texts == ["'" + text for text in DANGEROUS]
    assert {row[0] for row in rows[1:]} == {"'=cmd|' /C calc'!A0"}
    assert {row[1] for row in rows[1:]} == {"'@evil"}
    assert "'=HYPERLINK(1)" in rows[1] and "'-role" in rows[1] and "'=flag" in rows[1]
    assert any("'+button" in row for row in rows[1:])
    # and nothing else changes
    save(db, {"plain": conversation("plain", ["I was a nurse - for 10 years"], EPOCH)})
    rows = list(csv.DictReader(io.StringIO(store.to_csv([store.load(engine, "plain")]), newline="")))
    assert rows[0]["conversation"] == "plain" and rows[0]["text"] == "I was a nurse - for 10 years"
    assert rows[0]["confidence"] == "0.950" and rows[0]["time"] == "2024-03-01 00:00:01"


def test_a_stored_nul_character_does_not_break_the_export(tmp_path):
    # Conversations stored before the channels cleaned input can hold NUL, which the csv
    # module refuses to write: one such message used to make every CSV export fail.
    db = tmp_path / "c.db"
    save(db, {"nul\x00id": conversation("nul\x00id", ["I was a cook\x00 and liked it"], EPOCH)})
    engine = store.connect(f"sqlite:///{db}")
    rows = list(csv.DictReader(io.StringIO(store.to_csv([store.load(engine, "nul\x00id")]), newline="")))
    assert rows[0]["conversation"] == "nulid" and rows[0]["text"] == "I was a cook and liked it"
