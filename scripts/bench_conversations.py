"""Run multi-turn conversations through the live assistant (action server + Rasa, REST
channel) and score them: a turn passes when the reply's text or button titles contain one
of its `expect_any` strings and none of its `expect_none` (case-insensitive); a
conversation passes when all its turns do.

    python scripts/bench_conversations.py MODEL SET.yaml [SET.yaml ...] [--show-failures]

The format, any file of it accepted:

    conversations:
      - id: followup-01
        kind: followup            # free text; figures are also given per kind
        turns:
          - user: "I was a respiratory therapist"
            expect_any: ["Respiratory Therapists"]
            expect_none: ["didn't catch"]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.servers import Servers  # noqa: E402


def what_was_said(messages: list[dict]) -> str:
    """The reply as the person sees it: every text and every button title."""
    parts = []
    for message in messages:
        parts.append(message.get("text") or "")
        parts.extend(button.get("title") or "" for button in message.get("buttons") or [])
    return "\n".join(parts)


def turn_passes(turn: dict, reply: str) -> bool:
    said = reply.lower()
    wanted = [s.lower() for s in turn.get("expect_any") or []]
    banned = [s.lower() for s in turn.get("expect_none") or []]
    return (not wanted or any(s in said for s in wanted)) and not any(s in said for s in banned)


def run(servers: Servers, conversations: list[dict]) -> list[tuple[dict, list[tuple[str, str, bool]]]]:
    results = []
    for conversation in conversations:
        sender = f"bench-{conversation.get('id', 'c')}-{uuid.uuid4().hex[:8]}"
        turns = []
        for turn in conversation["turns"]:
            reply = what_was_said(servers.say(sender, turn["user"]))
            turns.append((turn["user"], reply, turn_passes(turn, reply)))
        results.append((conversation, turns))
    return results


def report(path: Path, results: list, show_failures: bool) -> None:
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for conversation, turns in results:
        counts = per_kind[conversation.get("kind", "-")]
        counts[0] += all(ok for _, _, ok in turns)
        counts[1] += 1
        counts[2] += sum(ok for _, _, ok in turns)
        counts[3] += len(turns)
    total = [sum(c[i] for c in per_kind.values()) for i in range(4)]
    print(f"{path}: conversations {total[0]}/{total[1]} ({100 * total[0] / total[1]:.1f}%), "
          f"turns {total[2]}/{total[3]} ({100 * total[2] / total[3]:.1f}%)")  # fmt: skip
    for kind, c in sorted(per_kind.items()):
        print(f"  {kind:12} conversations {c[0]}/{c[1]}  turns {c[2]}/{c[3]}")
    if show_failures:
        for conversation, turns in results:
            if all(ok for _, _, ok in turns):
                continue
            print(f"\n-- {conversation.get('id')}")
            for user, reply, ok in turns:
                print(f"  {'ok ' if ok else 'BAD'} > {user}")
                print("        " + reply.replace("\n", "\n        ")[:600])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    # One address sends every turn here, so the per-address rate limit is lifted.
    env = {"TRACKER_DB": str(work / "conversations.db"), "CHAT_ADDRESS_LIMIT": "1000000"}
    servers = Servers(work, env, Path(args.model), api=False)
    servers.start()
    try:
        for path in args.sets:
            conversations = yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]
            report(path, run(servers, conversations), args.show_failures)
    finally:
        servers.stop()


if __name__ == "__main__":
    main()
