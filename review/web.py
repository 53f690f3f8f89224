"""The counselor review web app: its own process (`make review`), over the tracker store.

Pages are Jinja2 templates (`templates/`) with autoescaping on; the only markup passed
through unescaped is the SVG from charts.py, which escapes every text it draws. Every
response carries a Content-Security-Policy without scripts, X-Frame-Options DENY and
Cache-Control no-store.

Sessions are server-side (`review_sessions`): the cookie holds only a random session id
signed with itsdangerous (HttpOnly, SameSite=Strict, Secure with REVIEW_SECURE_COOKIES=1),
so signing out, a password change and `remove-counselor` end a session everywhere. Every
form carries a CSRF token derived from that session id. Sign-in never blocks the event
loop (scrypt runs in a thread pool), takes the same LOGIN_SECONDS whatever the outcome, and
is throttled per client address (review.throttle), never by locking an account.
Nothing but the sign-in page answers without a session.

Conversation ids may hold any character (a channel's client chooses them), so pages
address a conversation as /conversation?id=<URL-encoded id>.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import sqlalchemy as sa
from itsdangerous import BadSignature, URLSafeTimedSerializer
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from adapters.channels.http_limits import client_address
from bot.catalogue import Catalogue
from bot.logs import audit
from bot.settings import settings
from review import charts, store
from review.throttle import Throttle

COOKIE = "review_session"
LOGIN_COOKIE = "review_login"
PAGE_SIZE = 25
MAX_PAGE = 1_000_000
MAX_TEXT = 200  # longest filter value: anything longer is not a real filter
LOGIN_SECONDS = 0.5  # every sign-in answer waits this long, so timing tells no outcome apart
OVERVIEW_DAYS = 30
EXPORT_FORMATS = ("csv", "jsonl", "story")
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=True, undefined=StrictUndefined
)
TEMPLATES.filters["idq"] = lambda value: quote(value, safe="")  # ids may hold / ? # % and spaces
TEMPLATES.filters["when"] = lambda stamp: time.strftime("%Y-%m-%d %H:%M", time.gmtime(stamp))
TEMPLATES.globals["FLAGS"] = store.FLAGS


class BadInput(ValueError):
    """A request parameter that makes no sense: answered with 400 and the message."""


def _same(given: str, expected: str) -> bool:
    # compare_digest refuses non-ASCII str; any form value must be comparable.
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8", "replace"))


def _day(text: str, name: str) -> float | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=timezone.utc).timestamp()
    except ValueError:
        raise BadInput(f"{name} must be a date like 2024-03-01") from None


def _page_number(text: str) -> int:
    if not text:
        return 1
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_PAGE:
        raise BadInput("page must be a whole number from 1")
    return int(text)


def _flag(text: str) -> str | None:
    if text and text not in store.FLAGS:
        raise BadInput("flag must be one of " + ", ".join(store.FLAGS))
    return text or None


def _short(text: str, name: str) -> str | None:
    if len(text) > MAX_TEXT:
        raise BadInput(f"{name} is longer than {MAX_TEXT} characters")
    return text or None


@dataclass
class Filters:
    """The list filters of a request, checked; `args` echoes them back into forms and links."""

    args: dict[str, str]
    query: dict[str, Any]


def _filters(request: Request) -> Filters:
    args = {k: request.args.get(k, "") for k in ("since", "until", "channel", "cluster", "flag", "q", "needs_review")}
    until = _day(args["until"], "until")
    query = {
        "since": _day(args["since"], "since"),
        "until": None if until is None else until + 86400,  # the whole "until" day
        "channel": _short(args["channel"], "channel"),
        "cluster": _short(args["cluster"], "cluster"),
        "flag": _flag(args["flag"]),
        "search": _short(args["q"], "search"),
        "needs_review": bool(args["needs_review"]),
    }
    return Filters(args, query)


def _conversation_id(request: Request) -> str:
    sender_id = request.args.get("id", "")
    if not sender_id:
        raise BadInput("which conversation? Give its id as ?id=")
    return sender_id


def create_app(engine: sa.engine.Engine, catalogue: Catalogue | None, secret: str | None = None) -> Sanic:
    """The review app over this database; `secret` (or REVIEW_SECRET) signs cookies and tokens."""
    config = settings()
    key = secret or config.review_secret or secrets.token_hex(32)
    secure_cookie = config.review_secure_cookies
    trust_proxy = config.review_trust_proxy
    cookies = URLSafeTimedSerializer(key, salt="review-session")
    throttle = Throttle()
    # scrypt gets its own small pool: a burst of sign-ins queues there, not in front of pages.
    password_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="review-scrypt")
    app = Sanic(f"review_{secrets.token_hex(4)}")

    async def blocking(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Database work off the event loop, so one slow query does not stall every page."""
        return await asyncio.get_running_loop().run_in_executor(None, partial(function, *args, **kwargs))

    def token(purpose: str, value: str) -> str:
        return hmac.new(key.encode(), f"{purpose}|{value}".encode(), hashlib.sha256).hexdigest()

    def render(request: Request, template: str, title: str, status: int = 200, **values: Any) -> HTTPResponse:
        session_id = request.ctx.session_id
        html = TEMPLATES.get_template(template).render(
            title=title, user=request.ctx.user, csrf=token("csrf", session_id) if session_id else "", **values
        )
        return response.html(html, status=status)

    def message(request: Request, title: str, text: str, status: int = 200) -> HTTPResponse:
        return render(request, "message.html", title, status, message=text, error=status >= 400)

    def session_id_of(request: Request) -> str | None:
        try:
            return cookies.loads(request.cookies.get(COOKIE, ""), max_age=store.SESSION_SECONDS)
        except BadSignature:
            return None

    @app.middleware("request")
    async def identify(request: Request) -> None:
        request.ctx.session_id, request.ctx.user = None, None
        session_id = session_id_of(request)
        if session_id:
            user = await blocking(store.session_counselor, engine, session_id)
            if user:
                request.ctx.session_id, request.ctx.user = session_id, user

    @app.middleware("response")
    async def security_headers(request: Request, result: HTTPResponse) -> None:
        result.headers.update(SECURITY_HEADERS)

    @app.exception(BadInput)
    async def bad_input(request: Request, error: BadInput) -> HTTPResponse:
        if not getattr(request.ctx, "user", None):
            return response.redirect("/login")
        return message(request, "Bad request", str(error), 400)

    def signed_in(
        handler: Callable[..., Coroutine[Any, Any, HTTPResponse]],
    ) -> Callable[..., Coroutine[Any, Any, HTTPResponse]]:
        async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            if not request.ctx.user:
                return response.redirect("/login")
            if request.method == "POST" and not _same(
                request.form.get("csrf", ""), token("csrf", request.ctx.session_id)
            ):
                return message(request, "Forbidden", "The form expired. Go back, reload and try again.", 403)
            return await handler(request, *args, **kwargs)

        guarded.__name__ = handler.__name__
        return guarded

    # --- sign-in -------------------------------------------------------------------

    def login_page(request: Request, error: str = "", status: int = 200) -> HTTPResponse:
        # Before sign-in the CSRF token is tied to a random cookie of its own.
        login_cookie = request.cookies.get(LOGIN_COOKIE) or secrets.token_hex(16)
        result = render(request, "login.html", "Sign in", status, error=error, login_token=token("login", login_cookie))
        if login_cookie != request.cookies.get(LOGIN_COOKIE):
            set_cookie(result, LOGIN_COOKIE, login_cookie)
        return result

    def set_cookie(result: HTTPResponse, name: str, value: str, max_age: int | None = None) -> None:
        result.cookies[name] = value
        result.cookies[name]["httponly"] = True
        result.cookies[name]["samesite"] = "Strict"
        result.cookies[name]["secure"] = secure_cookie
        if max_age is not None:
            result.cookies[name]["max-age"] = max_age

    @app.get("/login")
    async def login_form(request: Request) -> HTTPResponse:
        return login_page(request)

    async def attempt(request: Request) -> HTTPResponse:
        """One sign-in: the same scrypt work whatever happens, then the outcome."""
        login_cookie = request.cookies.get(LOGIN_COOKIE, "")
        form_ok = bool(login_cookie) and _same(request.form.get("csrf", ""), token("login", login_cookie))
        name, password = request.form.get("name", "")[:100], request.form.get("password", "")[:1024]
        address = client_address(request, trust_proxy)
        wait = throttle.wait(address, name)
        loop = asyncio.get_running_loop()
        right = await loop.run_in_executor(password_pool, store.check_password, engine, name, password)
        if not form_ok:
            return login_page(request, "The form expired. Please try again.", 403)
        if wait > 0:
            if not right:
                throttle.failed(address, name)
            audit.warning(
                "lock-out: sign-in by %r from %s refused for %.0f s after repeated failures", name, address, wait
            )
            return login_page(
                request, "Too many failed sign-ins from your address. Wait a few minutes and try again.", 429
            )
        if not right:
            throttle.failed(address, name)
            audit.warning("sign-in failed: %r from %s", name, address)
            return login_page(request, "Wrong name or password.", 401)
        throttle.succeeded(address, name)
        audit.info("sign-in: %s from %s", name, address)
        session_id = await blocking(store.start_session, engine, name)
        result = response.redirect("/conversations?needs_review=1")
        set_cookie(result, COOKIE, cookies.dumps(session_id), store.SESSION_SECONDS)
        return result

    @app.post("/login")
    async def login(request: Request) -> HTTPResponse:
        started = time.monotonic()
        result = await attempt(request)
        await asyncio.sleep(max(0.0, LOGIN_SECONDS - (time.monotonic() - started)))
        return result

    @app.post("/logout")
    @signed_in
    async def logout(request: Request) -> HTTPResponse:
        await blocking(store.end_session, engine, request.ctx.session_id)
        audit.info("sign-out: %s", request.ctx.user)
        result = response.redirect("/login")
        del result.cookies[COOKIE]
        return result

    # --- conversations -------------------------------------------------------------

    @app.get("/")
    @signed_in
    async def home(request: Request) -> HTTPResponse:
        return response.redirect("/conversations?needs_review=1")

    @app.get("/conversations")
    @signed_in
    async def conversation_list(request: Request) -> HTTPResponse:
        filters = _filters(request)
        page_no = _page_number(request.args.get("page", ""))
        found = await blocking(
            store.conversations, engine, catalogue, **filters.query, limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE
        )
        kept = {k: v for k, v in filters.args.items() if v}

        def link(path: str, **extra: Any) -> str:
            return f"{path}?{urlencode({**kept, **extra})}"

        return render(
            request,
            "list.html",
            "Needs review" if filters.query["needs_review"] else "Conversations",
            args=filters.args,
            conversations=found.conversations,
            total=found.total,
            previous=link("/conversations", page=page_no - 1) if page_no > 1 else "",
            next=link("/conversations", page=page_no + 1) if page_no * PAGE_SIZE < found.total else "",
            export_csv=link("/export", format="csv"),
            export_jsonl=link("/export", format="jsonl"),
        )

    async def transcript(request: Request, sender_id: str) -> HTTPResponse:
        convo = await blocking(store.load, engine, sender_id, catalogue)
        if convo is None:
            return message(request, "Not found", "No such conversation.", 404)
        notes = await blocking(store.notes_for, engine, sender_id)
        return render(request, "transcript.html", f"Conversation {sender_id}", convo=convo, notes=notes)

    async def add_note(request: Request, sender_id: str) -> HTTPResponse:
        text = (request.form.get("text") or "").strip()
        if text and await blocking(store.load, engine, sender_id) is not None:
            reviewed = request.form.get("reviewed") == "1"
            await blocking(store.add_note, engine, sender_id, request.ctx.user, text[:5000], reviewed)
        return response.redirect("/conversation?id=" + quote(sender_id, safe=""))

    async def erase(request: Request, sender_id: str) -> HTTPResponse:
        if request.form.get("confirm") != "yes":
            return message(request, "Not erased", "Tick the confirmation box to erase a conversation.", 400)
        removed = await blocking(store.delete, engine, sender_id)
        audit.info("erase: %s erased conversation %r (%d events)", request.ctx.user, sender_id, removed)
        return message(request, "Erased", f"Conversation {sender_id} and its notes were erased.")

    @app.get("/conversation")
    @signed_in
    async def transcript_by_query(request: Request) -> HTTPResponse:
        return await transcript(request, _conversation_id(request))

    @app.post("/conversation/notes")
    @signed_in
    async def add_note_by_query(request: Request) -> HTTPResponse:
        return await add_note(request, _conversation_id(request))

    @app.post("/conversation/delete")
    @signed_in
    async def erase_by_query(request: Request) -> HTTPResponse:
        return await erase(request, _conversation_id(request))

    # The first addresses, kept for links and bookmarks to simple ids.
    @app.get("/conversations/<sender_id>")
    @signed_in
    async def transcript_by_path(request: Request, sender_id: str) -> HTTPResponse:
        return await transcript(request, sender_id)

    @app.post("/conversations/<sender_id>/notes")
    @signed_in
    async def add_note_by_path(request: Request, sender_id: str) -> HTTPResponse:
        return await add_note(request, sender_id)

    @app.post("/conversations/<sender_id>/delete")
    @signed_in
    async def erase_by_path(request: Request, sender_id: str) -> HTTPResponse:
        return await erase(request, sender_id)

    @app.post("/purge")
    @signed_in
    async def purge(request: Request) -> HTTPResponse:
        try:
            days = float(request.form.get("days", ""))
        except ValueError:
            days = -1
        if not 0 <= days < 1e6 or request.form.get("confirm") != "yes":
            return message(request, "Not purged", "Give a number of days and tick the confirmation box.", 400)
        erased = await blocking(store.purge, engine, days)
        audit.info("purge: %s purged %d conversation(s) older than %g days", request.ctx.user, len(erased), days)
        return message(request, "Purged", f"Erased {len(erased)} conversation(s) older than {days:g} days.")

    # --- exports and overview ------------------------------------------------------

    @app.get("/export")
    @signed_in
    async def export(request: Request) -> HTTPResponse:
        kind = request.args.get("format", "csv")
        if kind not in EXPORT_FORMATS:
            raise BadInput("format must be one of " + ", ".join(EXPORT_FORMATS))
        # ?id= may repeat and holds any id; ?ids=a,b is the older form, for ids without commas.
        ids = request.args.getlist("id") or [i for i in request.args.get("ids", "").split(",") if i]
        if ids:
            loaded = [await blocking(store.load, engine, i, catalogue) for i in ids]
            found = [c for c in loaded if c]
        else:
            found = (await blocking(store.conversations, engine, catalogue, **_filters(request).query)).conversations
        if kind == "story":
            if len(found) != 1:
                return message(request, "Export", "A test story is exported one conversation at a time.", 400)
            text, mime, filename = store.to_story(found[0]), "text/yaml; charset=utf-8", "story.yml"
        elif kind == "jsonl":
            text, mime, filename = store.to_jsonl(found), "application/x-ndjson; charset=utf-8", "conversations.jsonl"
        else:
            text, mime, filename = store.to_csv(found), "text/csv; charset=utf-8", "conversations.csv"
        audit.info("export: %s exported %d conversation(s) as %s", request.ctx.user, len(found), kind)
        return response.text(
            text, content_type=mime, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
        )

    @app.get("/overview")
    @signed_in
    async def overview(request: Request) -> HTTPResponse:
        since = time.time() - OVERVIEW_DAYS * 86400
        found = (await blocking(store.conversations, engine, catalogue, since=since)).conversations
        return render(request, "overview.html", "Overview", days=OVERVIEW_DAYS, charts=_charts(found))

    return app


def _charts(found: list[store.Conversation]) -> list[Markup]:
    """The overview's SVG charts. Markup only because charts.py escapes every label it draws."""
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
    days = sorted(per_day)
    channels = sorted({ch for counts in per_day.values() for ch in counts})
    series = {ch: [per_day[d][ch] for d in days] for ch in channels}
    return [
        Markup(charts.stacked_bars(days, series, "Conversations per day by channel")),
        Markup(charts.horizontal_bars(roles.most_common(10), "Top roles asked about")),
        Markup(charts.horizontal_bars(clusters.most_common(14), "Clusters discussed")),
        Markup(
            charts.line(
                days, [sum(fallback[d]) / len(fallback[d]) for d in days], "Share of conversations with a fallback"
            )
        ),
    ]
