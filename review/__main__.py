"""Counselor review on the command line.

    python -m review add-counselor NAME          (password asked for, or --password-stdin;
                                                      for an existing name: a new password, sessions ended)
    python -m review remove-counselor NAME       (deletes the account and ends its sessions)
    python -m review list [--needs-review] [--flag F] [--channel C] [--cluster C] [--search TEXT]
                              [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--limit N]
    python -m review show CONVERSATION_ID
    python -m review export [CONVERSATION_ID ...] [--all] --format csv|jsonl|story [--out FILE]
    python -m review note CONVERSATION_ID --author NAME TEXT [--reviewed]
    python -m review delete CONVERSATION_ID [--yes]
    python -m review purge --older-than DAYS [--yes]
    python -m review serve [--port 5066]     (the review web app; `make review`)
    python -m review consume                 (the summary table from RabbitMQ; `make cluster`)

The database is the tracker store's, from the same TRACKER_* variables as endpoints.yml.
"""

from __future__ import annotations

from bot import engine_only_process

engine_only_process()

import argparse  # noqa: E402
import getpass  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

from bot import logs  # noqa: E402
from bot.catalogue import shared_catalogue  # noqa: E402
from bot.privacy import redact_all_logs  # noqa: E402
from bot.settings import settings  # noqa: E402
from review import store  # noqa: E402


def _day(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=timezone.utc).timestamp()


def _when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(stamp))


def _confirm(args: argparse.Namespace, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        print("error: add --yes to confirm when not running interactively", file=sys.stderr)
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m review", description="Counselor review of conversations")
    parser.add_argument("--db", help="database URL (default: from TRACKER_* variables)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("add-counselor")
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p = sub.add_parser("remove-counselor")
    p.add_argument("name")
    p = sub.add_parser("list")
    p.add_argument("--needs-review", action="store_true", help="flagged conversations first")
    p.add_argument("--flag", choices=sorted(store.FLAGS))
    p.add_argument("--channel")
    p.add_argument("--cluster")
    p.add_argument("--search")
    p.add_argument("--since", type=_day)
    p.add_argument("--until", type=_day)
    p.add_argument("--limit", type=int, default=50)
    p = sub.add_parser("show")
    p.add_argument("conversation")
    p = sub.add_parser("export")
    p.add_argument("conversations", nargs="*")
    p.add_argument("--all", action="store_true")
    p.add_argument("--format", choices=["csv", "jsonl", "story"], required=True)
    p.add_argument("--out")
    p = sub.add_parser("note")
    p.add_argument("conversation")
    p.add_argument("text")
    p.add_argument("--author", required=True)
    p.add_argument("--reviewed", action="store_true")
    p = sub.add_parser("delete")
    p.add_argument("conversation")
    p.add_argument("--yes", action="store_true")
    p = sub.add_parser("serve", help="run the review web app")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=settings().review_port)
    sub.add_parser("consume", help="keep the summary table from RabbitMQ's event stream (make cluster)")
    p = sub.add_parser("purge")
    p.add_argument("--older-than", type=float, required=True, metavar="DAYS")
    p.add_argument("--yes", action="store_true")
    args = parser.parse_args(argv)

    # Sign-ins, lock-outs, exports, erasures and purges are an audit trail (logging.yml),
    # from the web app and from this command line alike.
    logs.configure(settings().log_level)
    redact_all_logs()
    operator = f"{getpass.getuser()} (command line)"
    engine = store.connect(args.db)
    catalogue = shared_catalogue()
    if args.command == "consume":
        import asyncio

        from review import consumer, summaries

        # Conversations from before the consumer started are counted once from the store.
        logging.getLogger("review").info("%d conversation(s) summarised at start", summaries.rebuild(engine, catalogue))
        asyncio.run(consumer.consume(engine, catalogue))
        return 0
    if args.command == "serve":
        from review.web import create_app

        print(
            f"Counselor review: http://{args.host}:{args.port}/ (accounts: python -m review add-counselor NAME)",
            flush=True,
        )
        create_app(engine, catalogue).run(host=args.host, port=args.port, access_log=False)
        return 0
    try:
        if args.command == "add-counselor":
            password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Password: ")
            store.add_counselor(engine, args.name, password)
            logs.audit.info("account: %s set counselor %r", operator, args.name)
            print(f"counselor {args.name} saved (password stored as a salted scrypt hash; earlier sessions ended)")
        elif args.command == "remove-counselor":
            if not store.remove_counselor(engine, args.name):
                raise LookupError(f"no counselor {args.name!r}")
            logs.audit.info("account: %s removed counselor %r", operator, args.name)
            print(f"counselor {args.name} removed and signed out everywhere")
        elif args.command == "list":
            page = store.conversations(
                engine,
                catalogue,
                since=args.since,
                until=args.until,
                channel=args.channel,
                cluster=args.cluster,
                flag=args.flag,
                search=args.search,
                needs_review=args.needs_review,
                limit=args.limit,
            )
            for convo in page.conversations:
                flags = ",".join(convo.flags) or "-"
                roles = "; ".join(convo.occupations) or "-"
                print(
                    f"{convo.sender_id}\t{convo.channel}\t{_when(convo.started)}\t{convo.user_turns} turns\t{roles}\t{flags}"
                )
            print(f"{page.total} conversation(s)", file=sys.stderr)
        elif args.command == "show":
            loaded = store.load(engine, args.conversation, catalogue)
            if loaded is None:
                raise LookupError(f"no conversation {args.conversation!r}")
            convo = loaded
            print(f"{convo.sender_id} ({convo.channel}, {_when(convo.started)} to {_when(convo.ended)})")
            print(f"flags: {', '.join(convo.flags) or 'none'}; occupations: {', '.join(convo.occupations) or 'none'}")
            for turn in convo.turns:
                if turn.kind == "user":
                    extra = f"  [{turn.intent} {turn.confidence:.2f}]" if turn.confidence is not None else ""
                    extra += f" roles: {', '.join(turn.roles)}" if turn.roles else ""
                    print(f"  person: {turn.text}{extra}")
                elif turn.kind == "bot":
                    print("  assistant: " + turn.text.replace("\n", "\n             "))
                    for button in turn.buttons:
                        print(f"             [{button['title']}]")
                elif turn.action not in ("action_listen", "action_session_start"):
                    print(f"    ({turn.action})")
            for note in store.notes_for(engine, convo.sender_id):
                print(f"  note by {note['author']} ({_when(note['created'])}): {note['text']}")
        elif args.command == "export":
            if args.all:
                found = store.conversations(engine, catalogue).conversations
            else:
                found = [c for c in (store.load(engine, cid, catalogue) for cid in args.conversations) if c]
                missing = set(args.conversations) - {c.sender_id for c in found}
                if missing:
                    raise LookupError(f"no conversation {sorted(missing)}")
            if args.format == "story" and len(found) != 1:
                raise ValueError("a test story is exported one conversation at a time")
            text = {"csv": store.to_csv, "jsonl": store.to_jsonl}.get(args.format, lambda cs: store.to_story(cs[0]))(
                found
            )
            logs.audit.info("export: %s exported %d conversation(s) as %s", operator, len(found), args.format)
            if args.out:
                with open(args.out, "w", encoding="utf-8", newline="") as handle:
                    handle.write(text)
            else:
                sys.stdout.write(text)
        elif args.command == "note":
            if store.load(engine, args.conversation) is None:
                raise LookupError(f"no conversation {args.conversation!r}")
            store.add_note(engine, args.conversation, args.author, args.text, args.reviewed)
            print("note saved")
        elif args.command == "delete":
            if not _confirm(args, f"Erase conversation {args.conversation} and its notes?"):
                return 1
            removed = store.delete(engine, args.conversation)
            logs.audit.info("erase: %s erased conversation %r (%d events)", operator, args.conversation, removed)
            print(f"erased {removed} event(s) of {args.conversation}")
        elif args.command == "purge":
            if not _confirm(args, f"Erase every conversation older than {args.older_than:g} days?"):
                return 1
            erased = store.purge(engine, args.older_than)
            logs.audit.info(
                "purge: %s purged %d conversation(s) older than %g days", operator, len(erased), args.older_than
            )
            print(f"erased {len(erased)} conversation(s) older than {args.older_than:g} days")
    except (LookupError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
