"""Conversations as counselors review them, read from Rasa's tracker store.

Rasa keeps every event in one table: events(id, sender_id, type_name, timestamp,
intent_name, action_name, data). This module turns those rows into conversations with
turns and flags, and keeps what is ours (counselor accounts, server-side sessions, notes)
in our own tables beside it, never inside Rasa's events; the only thing it adds to Rasa's
table is two indexes, each created if missing.

Lists are filtered and paged in SQL where the rows allow it (dates, a first narrowing by
channel and words, LIMIT/OFFSET over senders ordered by their last turn), and only the
events of the senders that can still match are read. CSV exports neutralise cells that a
spreadsheet would run as formulas. Passwords are salted scrypt hashes; a session id is
stored only as its SHA-256, and a password change or removal ends the counselor's sessions.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import logging
import secrets
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlalchemy as sa
import yaml

from bot.catalogue import Catalogue
from bot.database import database_url
from bot.settings import settings

logger = logging.getLogger(__name__)

LOW_CONFIDENCE = settings().review_low_confidence
FLAGS = {
    "fallback": "the assistant did not understand (fallback)",
    "low_confidence": "NLU confidence below the review threshold",
    "unanswered_question": "a clarifying question was left unanswered",
    "counselor_requested": "the person asked for a counselor",
    "abandoned_after_advice": "the person left right after transition advice",
}
CHANNEL_NAMES = {"rest": "REST", "web": "web", "socketio": "web", "slack": "Slack", "cmdline": "terminal"}

metadata = sa.MetaData()
counselors = sa.Table(
    "review_counselors",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("password_hash", sa.String(300), nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    # Unused since sign-in is throttled per client address instead of locking accounts (a
    # lock let anyone lock a counselor out); kept so older databases accept new accounts.
    sa.Column("failed_attempts", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.Float, nullable=False, default=0.0),
)
sessions = sa.Table(
    "review_sessions",
    metadata,
    # SHA-256 of the session id: a copy of the database does not hand out live sessions.
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(100), index=True, nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("expires", sa.Float, nullable=False),
    sa.Column("last_seen", sa.Float, nullable=False),
)
notes = sa.Table(
    "review_notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sender_id", sa.String(255), index=True, nullable=False),
    sa.Column("author", sa.String(100), nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("reviewed", sa.Boolean, nullable=False, default=False),
)

# One row per conversation, kept by the event consumer (review/consumer.py) when RabbitMQ
# carries Rasa's events, so the lists filter and page over these rows instead of reading
# every event. Lists say |a|b| so that SQL can test one value with LIKE '%|a|%'.
summaries = sa.Table(
    "review_summaries",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("channel", sa.String(50), nullable=False),
    sa.Column("started", sa.Float, nullable=False, index=True),
    sa.Column("ended", sa.Float, nullable=False, index=True),
    sa.Column("user_turns", sa.Integer, nullable=False),
    sa.Column("occupations", sa.Text, nullable=False),
    sa.Column("clusters", sa.Text, nullable=False),
    sa.Column("flags", sa.Text, nullable=False),
)


# Rasa's events table is Rasa's: only indexes are added to it, each if missing, so that the
# review lists can group by sender and filter by date without sorting the whole table.
EVENT_INDEXES = {
    "review_events_sender_time": "events (sender_id, timestamp)",
    "review_events_time": "events (timestamp)",
}


def _ensure_indexes(engine: sa.engine.Engine) -> None:
    if not sa.inspect(engine).has_table("events"):
        return  # Rasa has not stored a conversation yet; the next start adds them
    for name, target in EVENT_INDEXES.items():
        try:
            with engine.begin() as connection:
                connection.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON {target}"))
        except sa.exc.DBAPIError as error:  # e.g. a read-only database user: slower, still correct
            logger.warning("could not add index %s on %s: %s", name, target, error)


def connect(url: str | None = None) -> sa.engine.Engine:
    """The tracker store's database, with our tables and the indexes the review lists use."""
    engine = sa.create_engine(url or database_url())
    for attempt in range(3):
        try:
            metadata.create_all(engine)
            break
        except sa.exc.DBAPIError:
            # Two processes starting together (the review app and the event consumer) both
            # create the missing tables; the loser of that race finds them there on a retry.
            if attempt == 2:
                raise
            time.sleep(0.5)
    _ensure_indexes(engine)
    return engine


def _events_table(engine: sa.engine.Engine) -> sa.Table:
    return sa.Table("events", sa.MetaData(), autoload_with=engine)


@dataclass
class Turn:
    kind: str  # "user" | "bot" | "action"
    timestamp: float
    text: str = ""
    intent: str | None = None
    confidence: float | None = None
    roles: list[str] = field(default_factory=list)
    buttons: list[dict[str, str]] = field(default_factory=list)
    action: str | None = None


@dataclass
class Conversation:
    sender_id: str
    channel: str
    started: float
    ended: float
    turns: list[Turn]
    occupations: list[str]
    clusters: list[str]
    flags: list[str]
    counselor_requested: bool = False

    @property
    def user_turns(self) -> int:
        return sum(1 for t in self.turns if t.kind == "user")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["user_turns"] = self.user_turns
        return data


def _flags(turns: list[Turn], counselor: bool) -> list[str]:
    flags = []
    if any(t.action == "action_fallback" or t.intent == "nlu_fallback" for t in turns):
        flags.append("fallback")
    if any(t.kind == "user" and t.confidence is not None and t.confidence < LOW_CONFIDENCE for t in turns):
        flags.append("low_confidence")
    spoken = [t for t in turns if t.kind in ("user", "bot")]
    for index, turn in enumerate(spoken):
        asked = turn.kind == "bot" and any(b.get("payload") == "/none_of_these" for b in turn.buttons)
        if asked:
            answer = next((t for t in spoken[index + 1 :] if t.kind == "user"), None)
            if answer is None or answer.intent not in ("choose_occupation", "none_of_these", "liked_role", "pick_role"):
                flags.append("unanswered_question")
                break
    if counselor:
        flags.append("counselor_requested")
    actions = [
        t.action for t in turns if t.kind == "action" and t.action not in ("action_listen", "action_session_start")
    ]
    last_user = max((i for i, t in enumerate(turns) if t.kind == "user"), default=-1)
    if (
        actions
        and actions[-1] == "action_transition_advice"
        and not any(t.kind == "user" for t in turns[last_user + 1 :])
    ):
        flags.append("abandoned_after_advice")
    return flags


def _conversation(sender_id: str, rows: Iterable[Any], catalogue: Catalogue | None) -> Conversation:
    turns: list[Turn] = []
    channel = ""
    occupations: list[str] = []
    counselor = False
    for row in rows:
        data = json.loads(row.data)
        kind = row.type_name
        timestamp = float(row.timestamp or 0.0)
        if kind == "user":
            parse = data.get("parse_data") or {}
            intent = parse.get("intent") or {}
            roles = [e.get("value", "") for e in parse.get("entities") or [] if e.get("entity") == "role"]
            channel = channel or data.get("input_channel") or ""
            turns.append(
                Turn("user", timestamp, data.get("text") or "", intent.get("name"), intent.get("confidence"), roles)
            )
        elif kind == "bot":
            buttons = (data.get("data") or {}).get("buttons") or []
            turns.append(
                Turn(
                    "bot",
                    timestamp,
                    data.get("text") or "",
                    buttons=[{"title": b.get("title", ""), "payload": b.get("payload", "")} for b in buttons],
                )
            )
        elif kind == "action":
            turns.append(Turn("action", timestamp, action=data.get("name")))
        elif kind == "slot":
            if data.get("name") == "current_code" and data.get("value") and data["value"] not in occupations:
                occupations.append(data["value"])
            if data.get("name") == "counselor_requested" and data.get("value") is True:
                counselor = True
    titles, clusters = [], []
    for code in occupations:
        occupation = catalogue.get(code) if catalogue else None
        titles.append(occupation.title if occupation else code)
        for name in occupation.clusters if occupation else []:
            if name not in clusters:
                clusters.append(name)
    stamps = [t.timestamp for t in turns] or [0.0]
    return Conversation(
        sender_id=sender_id,
        channel=CHANNEL_NAMES.get(channel, channel or "unknown"),
        started=min(stamps),
        ended=max(stamps),
        turns=turns,
        occupations=titles,
        clusters=clusters,
        flags=_flags(turns, counselor),
        counselor_requested=counselor,
    )


def load(engine: sa.engine.Engine, sender_id: str, catalogue: Catalogue | None = None) -> Conversation | None:
    events = _events_table(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(events).where(events.c.sender_id == sender_id).order_by(events.c.id)
        ).fetchall()
    return _conversation(sender_id, rows, catalogue) if rows else None


TURN_KINDS = ("user", "bot", "action")
BATCH = 500  # senders per IN (...) list: under SQLite's old 999-parameter limit


@dataclass
class Page:
    """One page of a filtered list, and how many conversations the whole list has."""

    conversations: list[Conversation]
    total: int


def _like(fragment: str) -> str:
    """A LIKE pattern (escape character "!") for text containing `fragment`."""
    return "%" + fragment.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"


def _in_json(text: str) -> str:
    """`text` as it appears inside the JSON that Rasa stores (json.dumps, ASCII escapes)."""
    return json.dumps(text)[1:-1]


def _user_events_matching(events: sa.Table, pattern: str) -> Any:
    """Senders with a user event whose (lower-cased) JSON contains the pattern."""
    return sa.select(events.c.sender_id).where(
        events.c.type_name == "user", sa.func.lower(events.c.data).like(pattern, escape="!")
    )


def _channel_patterns(channel: str) -> list[str]:
    """LIKE patterns for the raw input channels shown under this channel name."""
    wanted = channel.lower()
    raw = {name for name, shown in CHANNEL_NAMES.items() if shown.lower() == wanted} | {wanted}
    return [_like(f'"input_channel": {json.dumps(name)}') for name in sorted(raw)]


def _candidates(
    events: sa.Table, since: float | None, until: float | None, channel: str | None, search: str | None
) -> Any:
    """Senders with at least one user turn, newest last turn first, narrowed by what SQL can test.

    Dates are exact here. Channel and search are only narrowed (a superset of the matches:
    the JSON also holds other fields); the exact test runs on the loaded turns.
    """
    turn_stamp = sa.case((events.c.type_name.in_(TURN_KINDS), events.c.timestamp))
    started, ended = sa.func.min(turn_stamp), sa.func.max(turn_stamp)
    user_turns = sa.func.sum(sa.case((events.c.type_name == "user", 1), else_=0))
    query = sa.select(events.c.sender_id).group_by(events.c.sender_id).having(user_turns > 0)
    if since is not None:
        recent = sa.select(events.c.sender_id).where(events.c.timestamp >= since)  # uses the timestamp index
        query = query.where(events.c.sender_id.in_(recent)).having(ended >= since)
    if until is not None:
        query = query.having(started <= until)
    if channel and channel.lower() != "unknown":
        query = query.where(
            sa.or_(*(events.c.sender_id.in_(_user_events_matching(events, p)) for p in _channel_patterns(channel)))
        )
    if search and search.isascii():  # SQLite lower-cases ASCII only; other searches are tested in Python
        query = query.where(events.c.sender_id.in_(_user_events_matching(events, _like(_in_json(search.lower())))))
    return query.order_by(ended.desc(), events.c.sender_id)


def _load_many(engine: sa.engine.Engine, senders: list[str], catalogue: Catalogue | None) -> list[Conversation]:
    """The conversations of these senders only, in the order given."""
    events = _events_table(engine)
    grouped: dict[str, list[Any]] = {sender: [] for sender in senders}
    with engine.connect() as connection:
        for start in range(0, len(senders), BATCH):
            chunk = senders[start : start + BATCH]
            query = sa.select(events).where(events.c.sender_id.in_(chunk)).order_by(events.c.sender_id, events.c.id)
            for row in connection.execute(query):
                grouped[row.sender_id].append(row)
    return [_conversation(sender, rows, catalogue) for sender, rows in grouped.items() if rows]


def _passes(
    convo: Conversation, channel: str | None, cluster: str | None, flag: str | None, search: str | None
) -> bool:
    if channel and convo.channel.lower() != channel.lower():
        return False
    if cluster and not any(cluster.lower() in c.lower() for c in convo.clusters):
        return False
    if flag and flag not in convo.flags:
        return False
    return not search or any(search.lower() in t.text.lower() for t in convo.turns if t.kind == "user")


def conversations(
    engine: sa.engine.Engine,
    catalogue: Catalogue | None = None,
    *,
    since: float | None = None,
    until: float | None = None,
    channel: str | None = None,
    cluster: str | None = None,
    flag: str | None = None,
    search: str | None = None,
    needs_review: bool = False,
    limit: int | None = None,
    offset: int = 0,
    use_summaries: bool | None = None,
) -> Page:
    """Conversations newest first (flagged first for the "needs review" queue), one page of them.

    With the summary table kept by the event consumer (REVIEW_SUMMARIES=1), every filter
    but the text search runs in SQL over one row per conversation. Without it, and without
    filters that need the turns (channel, cluster, flag, search, the review queue), SQL
    pages over senders and only that page's events are read; otherwise the events of the
    senders SQL could not rule out are read, and the page is cut after the exact test.
    """
    if (settings().review_summaries if use_summaries is None else use_summaries) and not search:
        return _from_summaries(engine, catalogue, since, until, channel, cluster, flag, needs_review, limit, offset)
    events = _events_table(engine)
    query = _candidates(events, since, until, channel, search)
    with engine.connect() as connection:
        if not (channel or cluster or flag or search or needs_review):
            total = connection.execute(
                sa.select(sa.func.count()).select_from(query.order_by(None).subquery())
            ).scalar_one()
            if limit is not None:
                query = query.limit(limit).offset(offset)
            senders = [row.sender_id for row in connection.execute(query)]
            return Page(_load_many(engine, senders, catalogue), total)
        senders = [row.sender_id for row in connection.execute(query)]
    found = [c for c in _load_many(engine, senders, catalogue) if _passes(c, channel, cluster, flag, search)]
    if needs_review:
        found.sort(key=lambda c: not c.flags)  # stable: flagged first, newest first within
    end = None if limit is None else offset + limit
    return Page(found[offset:end], len(found))


def _from_summaries(
    engine: sa.engine.Engine,
    catalogue: Catalogue | None,
    since: float | None,
    until: float | None,
    channel: str | None,
    cluster: str | None,
    flag: str | None,
    needs_review: bool,
    limit: int | None,
    offset: int,
) -> Page:
    table = summaries
    query = sa.select(table.c.sender_id)
    if since is not None:
        query = query.where(table.c.ended >= since)
    if until is not None:
        query = query.where(table.c.started <= until)
    if channel:
        query = query.where(sa.func.lower(table.c.channel) == channel.lower())
    if cluster:
        query = query.where(sa.func.lower(table.c.clusters).like(_like(cluster.lower()), escape="!"))
    if flag:
        query = query.where(table.c.flags.like(_like(f"|{flag}|"), escape="!"))
    order = [table.c.ended.desc(), table.c.sender_id]
    if needs_review:
        order.insert(0, sa.case((table.c.flags == "", 1), else_=0))
    with engine.connect() as connection:
        total = connection.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
        query = query.order_by(*order).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        senders = [row.sender_id for row in connection.execute(query)]
    return Page(_load_many(engine, senders, catalogue), total)


# --- exports -----------------------------------------------------------------------


# Spreadsheets run a cell that starts with one of these as a formula (or as DDE, e.g.
# `=cmd|' /C calc'!A0`); people type anything, and a sender id is chosen by the client.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text, never evaluates.

    NUL cannot be written to CSV at all (the csv module refuses the whole export)."""
    value = value.replace("\x00", "")
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def to_csv(convos: list[Conversation]) -> str:
    """One row per message; every cell is neutralised against formula injection."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["conversation", "channel", "time", "speaker", "text", "intent", "confidence", "roles", "buttons", "flags"]
    )
    for convo in convos:
        for turn in convo.turns:
            if turn.kind == "action":
                continue
            cells = [
                convo.sender_id,
                convo.channel,
                time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(turn.timestamp)),
                turn.kind,
                turn.text,
                turn.intent or "",
                "" if turn.confidence is None else f"{turn.confidence:.3f}",
                "; ".join(turn.roles),
                "; ".join(b["title"] for b in turn.buttons),
                "; ".join(convo.flags),
            ]
            writer.writerow([_cell(cell) for cell in cells])
    return out.getvalue()


def to_jsonl(convos: list[Conversation]) -> str:
    return "".join(json.dumps(c.to_dict()) + "\n" for c in convos)


def to_story(convo: Conversation) -> str:
    """The conversation as a Rasa test story, so a bad conversation becomes a regression test."""
    steps: list[dict[str, Any]] = []
    for turn in convo.turns:
        if turn.kind == "user":
            steps.append({"user": turn.text, "intent": turn.intent or "nlu_fallback"})
        elif turn.kind == "action" and turn.action and turn.action not in ("action_listen", "action_session_start"):
            steps.append({"action": turn.action})
    story = {"version": "3.1", "stories": [{"story": f"review {convo.sender_id}", "steps": steps}]}
    return yaml.safe_dump(story, sort_keys=False, allow_unicode=True)


# --- deletion and retention -------------------------------------------------------


def delete(engine: sa.engine.Engine, sender_id: str) -> int:
    """Erase one person's conversation: every event, every note and its summary row."""
    events = _events_table(engine)
    with engine.begin() as connection:
        removed = connection.execute(sa.delete(events).where(events.c.sender_id == sender_id)).rowcount
        connection.execute(sa.delete(notes).where(notes.c.sender_id == sender_id))
        connection.execute(sa.delete(summaries).where(summaries.c.sender_id == sender_id))
    return removed


def purge(engine: sa.engine.Engine, older_than_days: float, now: float | None = None) -> list[str]:
    """Delete conversations whose last event is older than the retention period."""
    cutoff = (now or time.time()) - older_than_days * 86400
    events = _events_table(engine)
    with engine.connect() as connection:
        last = connection.execute(
            sa.select(events.c.sender_id, sa.func.max(events.c.timestamp)).group_by(events.c.sender_id)
        ).fetchall()
    expired = [sender for sender, stamp in last if stamp is not None and stamp < cutoff]
    for sender in expired:
        delete(engine, sender)
    return expired


# --- counselors and notes -----------------------------------------------------------

SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
SESSION_SECONDS = 8 * 3600
IDLE_SECONDS = 2 * 3600
SEEN_EVERY = 60  # seconds between writes of last_seen, so reading a page rarely writes


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${salt.hex()}${digest.hex()}"


def _password_matches(password: str, stored: str) -> bool:
    _, n, r, p, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(
        password.encode("utf-8", "replace"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(candidate.hex(), digest)


_unknown_name_hash: list[str] = []


def _stand_in_hash() -> str:
    """A hash to check unknown names against: one scrypt run, like a real name (made once)."""
    if not _unknown_name_hash:
        _unknown_name_hash.append(hash_password(secrets.token_hex(16)))
    return _unknown_name_hash[0]


def add_counselor(engine: sa.engine.Engine, name: str, password: str) -> None:
    """Add a counselor or change their password; either way their open sessions end."""
    if len(password) < 12:
        raise ValueError("use a password of at least 12 characters")
    with engine.begin() as connection:
        connection.execute(sa.delete(counselors).where(counselors.c.name == name))
        connection.execute(sa.delete(sessions).where(sessions.c.name == name))
        connection.execute(
            sa.insert(counselors).values(
                name=name,
                password_hash=hash_password(password),
                created=time.time(),
                failed_attempts=0,
                locked_until=0.0,
            )
        )


def remove_counselor(engine: sa.engine.Engine, name: str) -> bool:
    """Delete an account and end its sessions; False if there was no such counselor."""
    with engine.begin() as connection:
        removed = connection.execute(sa.delete(counselors).where(counselors.c.name == name)).rowcount
        connection.execute(sa.delete(sessions).where(sessions.c.name == name))
    return bool(removed)


def check_password(engine: sa.engine.Engine, name: str, password: str) -> bool:
    """True for the right password. Always one scrypt run, so timing does not tell names apart.

    No account is ever locked: repeated failures are slowed per client address by the web
    app (`review.throttle`), which an outsider cannot turn against a counselor.
    """
    with engine.connect() as connection:
        row = connection.execute(sa.select(counselors.c.password_hash).where(counselors.c.name == name)).fetchone()
    stored = row.password_hash if row is not None else _stand_in_hash()
    return _password_matches(password, stored) and row is not None


# --- review sessions --------------------------------------------------------------


def _session_key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()


def start_session(engine: sa.engine.Engine, name: str, now: float | None = None) -> str:
    """A new random session id for this counselor (the cookie carries it, signed)."""
    now = now or time.time()
    session_id = secrets.token_urlsafe(32)
    with engine.begin() as connection:
        connection.execute(sa.delete(sessions).where(sessions.c.expires < now))  # housekeeping
        connection.execute(
            sa.insert(sessions).values(
                id=_session_key(session_id), name=name, created=now, expires=now + SESSION_SECONDS, last_seen=now
            )
        )
    return session_id


def session_counselor(engine: sa.engine.Engine, session_id: str, now: float | None = None) -> str | None:
    """The counselor of a live session: not ended, not expired, not idle, account still there."""
    now = now or time.time()
    key = _session_key(session_id)
    query = (
        sa.select(sessions.c.name, sessions.c.expires, sessions.c.last_seen)
        .join(counselors, counselors.c.name == sessions.c.name)
        .where(sessions.c.id == key)
    )
    with engine.connect() as connection:
        row = connection.execute(query).fetchone()
    if row is None or row.expires <= now or row.last_seen <= now - IDLE_SECONDS:
        return None
    if now - row.last_seen > SEEN_EVERY:
        with engine.begin() as connection:
            connection.execute(sa.update(sessions).where(sessions.c.id == key).values(last_seen=now))
    return row.name


def end_session(engine: sa.engine.Engine, session_id: str) -> None:
    with engine.begin() as connection:
        connection.execute(sa.delete(sessions).where(sessions.c.id == _session_key(session_id)))


def end_sessions_of(engine: sa.engine.Engine, name: str) -> int:
    """End every session of one counselor (e.g. a lost laptop); how many there were."""
    with engine.begin() as connection:
        return connection.execute(sa.delete(sessions).where(sessions.c.name == name)).rowcount


def add_note(engine: sa.engine.Engine, sender_id: str, author: str, text: str, reviewed: bool = False) -> None:
    with engine.begin() as connection:
        connection.execute(
            sa.insert(notes).values(
                sender_id=sender_id, author=author, created=time.time(), text=text, reviewed=reviewed
            )
        )


def notes_for(engine: sa.engine.Engine, sender_id: str) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(notes).where(notes.c.sender_id == sender_id).order_by(notes.c.id)
        ).fetchall()
    return [dict(row._mapping) for row in rows]
