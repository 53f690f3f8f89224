"""Run sets of single chat messages through the live assistant: the development set
(bench/devset.tsv, which the matcher was tuned on) and any test set in the YAML format of
../shared/eval (written by others; measured, never tuned on).

Each message goes to a running Rasa server's /model/parse (intent + the catalogue
entities), then through the custom action the project's rules pick for that intent. Prints top-1 and
top-3 occupation accuracy, cluster accuracy for interests, how often ambiguous messages
get a clarifying question, and whether out-of-scope messages ever get an occupation.

    python scripts/bench_devset.py MODEL [SET.tsv|SET.yaml ...]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasa_sdk import Action, Tracker  # noqa: E402
from rasa_sdk.executor import CollectingDispatcher  # noqa: E402

from actions import career  # noqa: E402
from bot.catalogue import shared_catalogue  # noqa: E402
from bot.matching import matcher_for  # noqa: E402
from tests.e2e.servers import Servers  # noqa: E402

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


def actions_by_intent() -> dict[str, str]:
    """intent -> custom action, from the project's one-step rules (what RulePolicy runs)."""
    found = {}
    for path in sorted((ROOT / "data" / "rules").glob("*.yml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules") or []:
            steps = rule.get("steps") or []
            if len(steps) == 2 and "intent" in steps[0] and str(steps[1].get("action", "")).startswith("action_"):
                found[steps[0]["intent"]] = steps[1]["action"]
    found["nlu_fallback"] = "action_fallback"
    return found


ACTIONS = {
    cls().name(): cls
    for cls in vars(career).values()
    if isinstance(cls, type) and issubclass(cls, Action) and cls is not Action
}


def what_the_assistant_offers(catalogue, parse: dict, text: str) -> tuple[str, list[str], list[str]]:
    """(outcome, occupations offered best first, clusters named): the first message of a
    conversation run through the very action the rules pick for its intent (actions/career.py),
    with an empty conversation."""
    intent = (parse.get("intent") or {}).get("name") or "nlu_fallback"
    action = ACTIONS.get(actions_by_intent().get(intent, ""))
    if action is None:
        return "other", [], []
    tracker = Tracker("bench", {}, {**parse, "text": text}, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action().run(dispatcher, tracker, {}))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    said = dispatcher.messages[0].get("text") or "" if dispatcher.messages else ""
    alternatives = [m.code for m in matcher_for(catalogue).resolve(text, top=3).matches]
    if slots.get("current_code") or slots.get("subject_code"):
        first = slots.get("current_code") or slots["subject_code"]
        return "answered", [first] + [c for c in alternatives if c != first], []
    if slots.get("candidate_codes"):
        return "asked", list(slots["candidate_codes"]), []
    named = [c for c in catalogue.clusters if said.startswith("That points to") and c in said]
    if named:
        return "interest", [], sorted(named, key=said.index)
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
    print(f"{name}: {len(results)} messages, through /model/parse + the actions")
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
