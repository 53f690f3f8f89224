"""Run sets of single chat messages through the live assistant: the development set
(bench/devset.tsv, which the matcher was tuned on) and any test set in the YAML format of
../shared/eval (written by others; measured, never tuned on).

Each message goes to a running Rasa server's /model/parse (intent + the catalogue
entities), then through the same bot.replies functions the actions call. Prints top-1 and
top-3 occupation accuracy, cluster accuracy for interests, how often ambiguous messages
get a clarifying question, and whether out-of-scope messages ever get an occupation.

    python scripts/bench_devset.py MODEL [SET.tsv|SET.yaml ...]
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import context, guide, replies, steering  # noqa: E402
from bot.catalogue import shared_catalogue  # noqa: E402
from bot.matching import matcher_for  # noqa: E402
from tests.e2e.servers import Servers  # noqa: E402

OCCUPATION_INTENTS = {
    "liked_role", "disliked_role", "choose_occupation", "nlu_fallback", "interest", "how_to_move",
    "ask_occupation", "constraint", "unsure", "out_of_scope",
}  # fmt: skip


# The kinds of the evaluation sets' YAML format (../shared/eval/README.md) in the
# development set's terms.
YAML_KINDS = {
    "role": "role",
    "negative": "negative",
    "interest": "interest",
    "ambiguous": "ambiguous",
    "out_of_scope": "none",
}


def read_devset(path: Path) -> list[tuple[str, set[str], str]]:
    """(kind, accepted codes or clusters, text) from a TSV development set or a YAML test set."""
    if path.suffix in (".yaml", ".yml"):
        rows = []
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            kind = YAML_KINDS[item["kind"]]
            accepted = item.get("clusters") if kind == "interest" else item.get("codes")
            rows.append((kind, set(accepted or []), item["text"]))
        return rows
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, accepted, text = line.split("\t")[:3]
        rows.append((kind, set(filter(None, accepted.split("|"))), text))
    return rows


def what_the_assistant_offers(catalogue, parse: dict, text: str) -> tuple[str, list[str], list[str]]:
    """(outcome, occupations offered best first, clusters named), as the actions would reply
    to the first message of a conversation (actions/career.py, with an empty context)."""
    intent = (parse.get("intent") or {}).get("name") or "nlu_fallback"
    if intent not in OCCUPATION_INTENTS:
        return "other", [], []
    if intent == "disliked_role":
        reply = replies.disliked_role(catalogue, text)
    elif intent == "interest":
        reply = replies.interest(catalogue, text)
    elif intent == "nlu_fallback":
        reply = replies.fallback(catalogue, text, 0.0)
    elif intent == "how_to_move":
        reply = context.move(catalogue, text, context.Context())
    elif intent == "ask_occupation":
        reply = context.answer_question(catalogue, text, context.Context())
    elif intent == "constraint":
        found = steering.constraint(catalogue, text, None, context.Context())
        reply = found or replies.liked_role(catalogue, text)
    elif intent == "out_of_scope":
        stated = matcher_for(catalogue).stated_interest(text)
        reply = replies.interest(catalogue, text, stated) if stated else replies.Reply(messages=[])
    elif intent == "unsure":
        reply = guide.unsure(catalogue, text, context.Context())
    else:
        code, others = replies.role_from_tags(parse.get("entities") or [])
        moved = context.move(catalogue, text, context.Context()) if replies.parse_move(text)[1] else None
        reply = moved if moved and not moved.missed else replies.liked_role(catalogue, text, code, others)
    alternatives = [m.code for m in matcher_for(catalogue).resolve(text, top=3).matches]
    if reply.slots.get("current_code") or reply.slots.get("subject_code"):
        first = reply.slots.get("current_code") or reply.slots["subject_code"]
        return "answered", [first] + [c for c in alternatives if c != first], []
    if reply.slots.get("candidate_codes"):
        return "asked", list(reply.slots["candidate_codes"]), []
    named = [
        c
        for c in catalogue.clusters
        if reply.messages and reply.messages[0].text.startswith("That points to") and c in reply.messages[0].text
    ]
    if named:
        order = sorted(named, key=lambda c: reply.messages[0].text.index(c))
        return "interest", [], order
    return "other", [], []


def main() -> None:
    """bench_devset.py MODEL [SET ...]: each set (TSV or YAML) through one live server."""
    model = Path(sys.argv[1])
    paths = [Path(p) for p in sys.argv[2:]] or [ROOT / "bench" / "devset.tsv"]
    catalogue = shared_catalogue()
    servers = Servers(Path(tempfile.mkdtemp()), {"TRACKER_DB": str(Path(tempfile.mkdtemp()) / "bench.db")}, model)
    servers.start_rasa()  # /model/parse needs no action server
    try:
        for path in paths:
            results = []
            for kind, accepted, text in read_devset(path):
                parse = servers.api("POST", "/model/parse", json={"text": text}).json()
                results.append((kind, accepted, text, parse, *what_the_assistant_offers(catalogue, parse, text)))
            report(path, results)
    finally:
        servers.stop()


def report(path: Path, results: list) -> None:
    counts: Counter = Counter()
    failures = []
    for kind, accepted, text, parse, outcome, offered, clusters in results:
        counts[kind] += 1
        intent = (parse.get("intent") or {}).get("name")
        if kind == "negative":
            disliked = intent == "disliked_role" and bool(offered) and offered[0] in accepted
            counts["negative_right"] += disliked
            if not disliked:
                failures.append(
                    f"negative  {text!r}: {outcome} {offered[:3]} (intent {intent}; want {sorted(accepted)})"
                )
        elif kind == "role":
            top1 = bool(offered) and offered[0] in accepted
            top3 = bool(accepted & set(offered[:3]))
            counts["role_top1"] += top1
            counts["role_top3"] += top3
            counts["role_asked"] += outcome == "asked"
            if not top1:
                failures.append(
                    f"role      {text!r}: {outcome} {offered[:3]} (intent {intent}; want {sorted(accepted)})"
                )
        elif kind == "ambiguous":
            asked = outcome == "asked" and (not accepted or bool(accepted & set(offered)))
            counts["ambiguous_asked"] += asked
            if not asked:
                failures.append(f"ambiguous {text!r}: {outcome} {offered[:3]} (intent {intent})")
        elif kind == "interest":
            right = bool(clusters) and clusters[0] in accepted
            counts["interest_right"] += right
            if not right:
                failures.append(
                    f"interest  {text!r}: {outcome} {clusters or offered[:3]} (intent {intent}; want {sorted(accepted)})"
                )
        else:
            clean = not offered and outcome != "interest"
            counts["none_clean"] += clean
            if not clean:
                failures.append(f"none      {text!r}: {outcome} {offered[:3] or clusters} (intent {intent})")

    def share(part: str, whole: str) -> str:
        if not counts[whole]:
            return "n/a"
        return f"{counts[part] / counts[whole]:.1%} ({counts[part]}/{counts[whole]})"

    name = path.resolve().relative_to(ROOT.parent) if ROOT.parent in path.resolve().parents else path
    print(f"{name}: {len(results)} messages, through /model/parse + bot.replies")
    print(f"  occupation top-1:                     {share('role_top1', 'role')}")
    print(f"  occupation top-3:                     {share('role_top3', 'role')}")
    print(f"  role messages answered with a question: {share('role_asked', 'role')}")
    print(f"  interests, right cluster named first:  {share('interest_right', 'interest')}")
    print(f"  ambiguous messages asked about:        {share('ambiguous_asked', 'ambiguous')}")
    print(f"  out-of-scope with no occupation:       {share('none_clean', 'none')}")
    print(f"  disliked jobs recognised as disliked:  {share('negative_right', 'negative')}")
    out = ROOT / "var" / "results" / f"{path.stem}_failures.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(failures) + "\n", encoding="utf-8")
    print(f"  misses listed in {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
