"""The counselor review web app: its own process (`make review`), over the tracker store.

Server-rendered pages; every value is HTML-escaped. Sign-in uses counselor accounts from
`python -m bot.review add-counselor`; the session is a signed cookie (HttpOnly,
SameSite=Strict); every form carries a CSRF token tied to the session; accounts lock for
15 minutes after five wrong passwords. Nothing but the sign-in page answers without a
session.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import time
from collections import Counter, defaultdict
from html import escape
from typing import Any, Awaitable, Callable
from urllib.parse import urlencode

import sqlalchemy as sa
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.catalogue import Catalogue
from bot.review import charts, store

logger = logging.getLogger(__name__)
COOKIE = "review_session"
SESSION_SECONDS = 8 * 3600
PAGE_SIZE = 25

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#111827;background:#f9fafb}
header{background:#1d4ed8;color:#fff;padding:10px 20px;display:flex;gap:20px;align-items:center}
header a{color:#fff}header form{margin-left:auto}main{padding:20px;max-width:1100px;margin:auto}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border-bottom:1px solid #e5e7eb;padding:6px 8px;text-align:left;vertical-align:top}
.flag{display:inline-block;background:#fee2e2;color:#991b1b;border-radius:10px;padding:0 8px;margin:1px;font-size:13px}
.turn{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:8px 12px;margin:6px 0;white-space:pre-wrap}
.user{border-left:4px solid #1d4ed8}.bot{border-left:4px solid #059669}.meta{color:#6b7280;font-size:13px}
.button{display:inline-block;border:1px solid #1d4ed8;color:#1d4ed8;border-radius:12px;padding:0 8px;margin:2px;font-size:13px}
form.inline{display:inline}.error{color:#991b1b}.chart{width:100%;max-width:640px;background:#fff;margin:10px 0}
.chart-title{font-weight:600;font-size:13px}.axis{font-size:11px;fill:#374151}label{display:block;margin:6px 0}
"""


def _sign(secret: bytes, value: str) -> str:
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()


def create_app(engine: sa.engine.Engine, catalogue: Catalogue | None, secret: str | None = None) -> Sanic:
    key = (secret or os.environ.get("REVIEW_SECRET") or secrets.token_hex(32)).encode()
    secure_cookie = os.environ.get("REVIEW_SECURE_COOKIES") == "1"
    app = Sanic(f"review_{secrets.token_hex(4)}")

    def session_of(request: Request) -> str | None:
        raw = request.cookies.get(COOKIE, "")
        try:
            name, expires, nonce, signature = raw.split("|")
        except ValueError:
            return None
        if not hmac.compare_digest(_sign(key, f"{name}|{expires}|{nonce}"), signature) or float(expires) < time.time():
            return None
        return name

    def csrf_token(request: Request) -> str:
        return _sign(key, "csrf|" + request.cookies.get(COOKIE, ""))

    def csrf_ok(request: Request) -> bool:
        return hmac.compare_digest(request.form.get("csrf", ""), csrf_token(request))

    def page(request: Request, title: str, body: str, status: int = 200) -> HTTPResponse:
        user = session_of(request)
        nav = ""
        if user:
            nav = (
                '<a href="/conversations?needs_review=1">Needs review</a><a href="/conversations">All conversations</a>'
                f'<a href="/overview">Overview</a><form method="post" action="/logout" class="inline">'
                f'<input type="hidden" name="csrf" value="{csrf_token(request)}"><span>{escape(user)}</span> '
                '<button type="submit">Sign out</button></form>'
            )
        html = (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} · Counselor review</title><style>{STYLE}</style></head><body>"
            f"<header><strong>Counselor review</strong>{nav}</header><main><h1>{escape(title)}</h1>{body}</main></body></html>"
        )
        return response.html(html, status=status, headers={"X-Frame-Options": "DENY", "Cache-Control": "no-store"})

    def signed_in(handler: Callable[..., Awaitable[HTTPResponse]]) -> Callable[..., Awaitable[HTTPResponse]]:
        async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            if not session_of(request):
                return response.redirect("/login")
            if request.method == "POST" and not csrf_ok(request):
                return page(request, "Forbidden", '<p class="error">The form expired. Go back, reload and try again.</p>', 403)
            return await handler(request, *args, **kwargs)

        guarded.__name__ = handler.__name__
        return guarded

    @app.get("/login")
    async def login_form(request: Request, error: str = "") -> HTTPResponse:
        # Before sign-in the CSRF token is tied to a random cookie of its own.
        login_cookie = request.cookies.get("review_login") or secrets.token_hex(16)
        token = _sign(key, "login|" + login_cookie)
        body = (
            f'<p class="error">{escape(error)}</p>' if error else ""
        ) + (
            f'<form method="post" action="/login"><input type="hidden" name="csrf" value="{token}">'
            '<label>Name <input name="name" autocomplete="username" required></label>'
            '<label>Password <input name="password" type="password" autocomplete="current-password" required></label>'
            '<button type="submit">Sign in</button></form>'
        )
        result = page(request, "Sign in", body, 401 if error else 200)
        if login_cookie != request.cookies.get("review_login"):
            result.cookies["review_login"] = login_cookie
            result.cookies["review_login"]["httponly"] = True
            result.cookies["review_login"]["samesite"] = "Strict"
        return result

    @app.post("/login")
    async def login(request: Request) -> HTTPResponse:
        expected = _sign(key, "login|" + request.cookies.get("review_login", ""))
        if not request.cookies.get("review_login") or not hmac.compare_digest(request.form.get("csrf", ""), expected):
            return await login_form(request, "The form expired. Please try again.")
        name, password = request.form.get("name", ""), request.form.get("password", "")
        if not store.check_password(engine, name, password):
            time.sleep(0.5)  # slows guessing; the account also locks after repeated failures
            return await login_form(request, "Wrong name or password, or the account is locked for a while.")
        expires = str(time.time() + SESSION_SECONDS)
        nonce = secrets.token_hex(8)
        value = f"{name}|{expires}|{nonce}|{_sign(key, f'{name}|{expires}|{nonce}')}"
        result = response.redirect("/conversations?needs_review=1")
        result.cookies[COOKIE] = value
        result.cookies[COOKIE]["httponly"] = True
        result.cookies[COOKIE]["samesite"] = "Strict"
        result.cookies[COOKIE]["secure"] = secure_cookie
        result.cookies[COOKIE]["max-age"] = SESSION_SECONDS
        return result

    @app.post("/logout")
    @signed_in
    async def logout(request: Request) -> HTTPResponse:
        result = response.redirect("/login")
        del result.cookies[COOKIE]
        return result

    @app.get("/")
    @signed_in
    async def home(request: Request) -> HTTPResponse:
        return response.redirect("/conversations?needs_review=1")

    def flags_html(flags: list[str]) -> str:
        return "".join(f'<span class="flag" title="{escape(store.FLAGS[f])}">{escape(f)}</span>' for f in flags)

    @app.get("/conversations")
    @signed_in
    async def conversation_list(request: Request) -> HTTPResponse:
        args = {k: request.args.get(k, "") for k in ("since", "until", "channel", "cluster", "flag", "q", "needs_review")}

        def day(text: str) -> float | None:
            try:
                return time.mktime(time.strptime(text, "%Y-%m-%d")) if text else None
            except ValueError:
                return None

        page_no = max(int(request.args.get("page", "1") or 1), 1)
        found = store.conversations(
            engine, catalogue, since=day(args["since"]), until=(day(args["until"]) or 0) + 86400 if args["until"] else None,
            channel=args["channel"] or None, cluster=args["cluster"] or None, flag=args["flag"] or None,
            search=args["q"] or None, needs_review=bool(args["needs_review"]),
            limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE,
        )
        shown = found.conversations
        flag_options = "".join(
            f'<option value="{f}"{" selected" if args["flag"] == f else ""}>{escape(f)}</option>' for f in store.FLAGS
        )
        filters = (
            '<form method="get" action="/conversations">'
            f'From <input type="date" name="since" value="{escape(args["since"])}"> to <input type="date" name="until" value="{escape(args["until"])}"> '
            f'Channel <input name="channel" size="6" value="{escape(args["channel"])}"> Cluster <input name="cluster" size="12" value="{escape(args["cluster"])}"> '
            f'Flag <select name="flag"><option value="">any</option>{flag_options}</select> '
            f'Search <input name="q" value="{escape(args["q"])}"> '
            f'<label class="inline"><input type="checkbox" name="needs_review" value="1"{" checked" if args["needs_review"] else ""}> flagged first</label> '
            '<button type="submit">Filter</button></form>'
        )
        rows = "".join(
            f'<tr><td><a href="/conversations/{escape(c.sender_id)}">{escape(c.sender_id)}</a></td><td>{escape(c.channel)}</td>'
            f'<td>{time.strftime("%Y-%m-%d %H:%M", time.gmtime(c.started))}</td><td>{c.user_turns}</td>'
            f'<td>{escape("; ".join(c.occupations))}</td><td>{escape("; ".join(c.clusters))}</td><td>{flags_html(c.flags)}</td></tr>'
            for c in shown
        )
        query = {k: v for k, v in args.items() if v}
        pager = ""
        if page_no > 1:
            pager += f'<a href="/conversations?{urlencode({**query, "page": page_no - 1})}">previous</a> '
        if page_no * PAGE_SIZE < found.total:
            pager += f'<a href="/conversations?{urlencode({**query, "page": page_no + 1})}">next</a>'
        export = (
            f'<p>Export these: <a href="/export?{urlencode({**query, "format": "csv"})}">CSV</a> · '
            f'<a href="/export?{urlencode({**query, "format": "jsonl"})}">JSON Lines</a></p>'
        )
        body = (
            filters + f"<p>{found.total} conversation(s)</p>" + export
            + "<table><tr><th>Conversation</th><th>Channel</th><th>Started</th><th>Turns</th><th>Roles</th><th>Clusters</th><th>Flags</th></tr>"
            + rows + "</table>" + f"<p>{pager}</p>"
        )
        return page(request, "Needs review" if args["needs_review"] else "Conversations", body)

    @app.get("/conversations/<sender_id>")
    @signed_in
    async def transcript(request: Request, sender_id: str) -> HTTPResponse:
        convo = store.load(engine, sender_id, catalogue)
        if convo is None:
            return page(request, "Not found", "<p>No such conversation.</p>", 404)
        turns = []
        for turn in convo.turns:
            if turn.kind == "user":
                meta = f"{escape(turn.intent or '')} {turn.confidence:.2f}" if turn.confidence is not None else ""
                roles = f" · roles: {escape(', '.join(turn.roles))}" if turn.roles else ""
                turns.append(f'<div class="turn user"><div class="meta">person · {meta}{roles}</div>{escape(turn.text)}</div>')
            elif turn.kind == "bot":
                buttons = "".join(f'<span class="button">{escape(b["title"])}</span>' for b in turn.buttons)
                turns.append(f'<div class="turn bot"><div class="meta">assistant</div>{escape(turn.text)}<div>{buttons}</div></div>')
            elif turn.action not in ("action_listen", "action_session_start"):
                turns.append(f'<div class="meta">action: {escape(turn.action or "")}</div>')
        token = csrf_token(request)
        notes = "".join(
            f'<li>{escape(n["author"])} ({time.strftime("%Y-%m-%d %H:%M", time.gmtime(n["created"]))}){" · reviewed" if n["reviewed"] else ""}: {escape(n["text"])}</li>'
            for n in store.notes_for(engine, sender_id)
        )
        quoted = escape(sender_id)
        body = (
            f'<p>{escape(convo.channel)} · {len(convo.turns)} events · {flags_html(convo.flags)}</p>'
            f'<p>Export: <a href="/export?ids={quoted}&format=csv">CSV</a> · <a href="/export?ids={quoted}&format=jsonl">JSON Lines</a> · '
            f'<a href="/export?ids={quoted}&format=story">Rasa test story</a></p>'
            + "".join(turns)
            + f"<h2>Notes</h2><ul>{notes}</ul>"
            f'<form method="post" action="/conversations/{quoted}/notes"><input type="hidden" name="csrf" value="{token}">'
            '<label>Note <textarea name="text" rows="3" cols="60" required></textarea></label>'
            '<label><input type="checkbox" name="reviewed" value="1"> mark as reviewed</label><button type="submit">Add note</button></form>'
            f'<h2>Erase</h2><form method="post" action="/conversations/{quoted}/delete"><input type="hidden" name="csrf" value="{token}">'
            '<label><input type="checkbox" name="confirm" value="yes" required> I want to erase this conversation and its notes for good</label>'
            '<button type="submit">Erase conversation</button></form>'
        )
        return page(request, f"Conversation {sender_id}", body)

    @app.post("/conversations/<sender_id>/notes")
    @signed_in
    async def add_note(request: Request, sender_id: str) -> HTTPResponse:
        text = (request.form.get("text") or "").strip()
        if text and store.load(engine, sender_id) is not None:
            store.add_note(engine, sender_id, session_of(request) or "?", text[:5000], request.form.get("reviewed") == "1")
        return response.redirect(f"/conversations/{sender_id}")

    @app.post("/conversations/<sender_id>/delete")
    @signed_in
    async def erase(request: Request, sender_id: str) -> HTTPResponse:
        if request.form.get("confirm") != "yes":
            return page(request, "Not erased", "<p>Tick the confirmation box to erase a conversation.</p>", 400)
        removed = store.delete(engine, sender_id)
        logger.info("%s erased conversation %s (%d events)", session_of(request), sender_id, removed)
        return page(request, "Erased", f"<p>Conversation {escape(sender_id)} and its notes were erased.</p>")

    @app.post("/purge")
    @signed_in
    async def purge(request: Request) -> HTTPResponse:
        try:
            days = float(request.form.get("days", ""))
        except ValueError:
            days = -1
        if days < 0 or request.form.get("confirm") != "yes":
            return page(request, "Not purged", "<p>Give a number of days and tick the confirmation box.</p>", 400)
        erased = store.purge(engine, days)
        return page(request, "Purged", f"<p>Erased {len(erased)} conversation(s) older than {days:g} days.</p>")

    @app.get("/export")
    @signed_in
    async def export(request: Request) -> HTTPResponse:
        kind = request.args.get("format", "csv")
        ids = [i for i in request.args.get("ids", "").split(",") if i]
        if ids:
            found = [c for c in (store.load(engine, i, catalogue) for i in ids) if c]
        else:
            found = store.conversations(engine, catalogue, flag=request.args.get("flag") or None, search=request.args.get("q") or None).conversations
        if kind == "story":
            if len(found) != 1:
                return page(request, "Export", "<p>A test story is exported one conversation at a time.</p>", 400)
            return response.text(store.to_story(found[0]), content_type="text/yaml", headers={"Content-Disposition": 'attachment; filename="story.yml"'})
        if kind == "jsonl":
            return response.text(store.to_jsonl(found), content_type="application/x-ndjson", headers={"Content-Disposition": 'attachment; filename="conversations.jsonl"'})
        return response.text(store.to_csv(found), content_type="text/csv", headers={"Content-Disposition": 'attachment; filename="conversations.csv"'})

    @app.get("/overview")
    @signed_in
    async def overview(request: Request) -> HTTPResponse:
        found = store.conversations(engine, catalogue).conversations
        per_day: dict[str, Counter] = defaultdict(Counter)
        fallback: dict[str, list[bool]] = defaultdict(list)
        roles: Counter = Counter()
        clusters: Counter = Counter()
        for convo in found:
            day = time.strftime("%Y-%m-%d", time.gmtime(convo.started))
            per_day[day][convo.channel] += 1
            fallback[day].append("fallback" in convo.flags)
            roles.update(convo.occupations)
            clusters.update(convo.clusters)
        days = sorted(per_day)[-30:]
        channels = sorted({ch for counts in per_day.values() for ch in counts})
        series = {ch: [per_day[d][ch] for d in days] for ch in channels}
        token = csrf_token(request)
        body = (
            charts.stacked_bars(days, series, "Conversations per day by channel")
            + charts.horizontal_bars(roles.most_common(10), "Top roles asked about")
            + charts.horizontal_bars(clusters.most_common(14), "Clusters discussed")
            + charts.line(days, [sum(fallback[d]) / len(fallback[d]) for d in days], "Share of conversations with a fallback")
            + '<h2>Retention</h2><form method="post" action="/purge">'
            f'<input type="hidden" name="csrf" value="{token}"><label>Erase conversations older than <input name="days" size="4" required> days</label>'
            '<label><input type="checkbox" name="confirm" value="yes" required> I understand this cannot be undone</label>'
            '<button type="submit">Purge</button></form>'
        )
        return page(request, "Overview", body)

    return app
