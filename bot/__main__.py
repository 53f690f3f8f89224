"""Command line for the career engine.

python -m bot resolve "I loved my years as a nurse" [--json] [--top N]
python -m bot resolve -            (one message per line on stdin, one JSON per line out)
python -m bot related 29-1141.00 [--filter less_schooling] [--json]
python -m bot advice "Registered Nurses" 11-9111.00 [--json]
python -m bot cluster "Health Science" [--json]
"""

from __future__ import annotations

from bot import engine_only_process

engine_only_process()

import argparse  # noqa: E402
import json  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
from dataclasses import asdict  # noqa: E402

from bot.catalogue import Catalogue, CatalogueError, Occupation, shared_catalogue  # noqa: E402


class UserError(Exception):
    """A problem with what was asked, reported without a traceback."""


def _occupation(catalogue: Catalogue, text: str) -> Occupation:
    occupation = catalogue.find(text)
    if occupation:
        return occupation
    from bot.matching import matcher_for

    result = matcher_for(catalogue).resolve(text)
    if result.kind == "role":
        return catalogue.occupations[result.best.code]
    if result.kind == "ambiguous":
        options = "; ".join(f"{m.code} {m.title}" for m in result.matches[:5])
        raise UserError(f"{text!r} could mean several occupations: {options}")
    raise UserError(f"no occupation matches {text!r} (give an O*NET-SOC code like 29-1141.00 or a title)")


def cmd_resolve(catalogue: Catalogue, args: argparse.Namespace) -> int:
    from bot.matching import matcher_for

    matcher = matcher_for(catalogue)
    if args.text == "-":
        for line in sys.stdin:
            print(json.dumps(matcher.resolve(line.rstrip("\n"), top=args.top).to_dict()), flush=False)
        return 0
    result = matcher.resolve(args.text, top=args.top)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    print(f"{result.kind}: {args.text!r}")
    for match in result.matches:
        print(f"  {match.score:.2f}  {match.code}  {match.title}  [{', '.join(match.clusters)}]")
    if result.kind == "interest":
        print("  clusters: " + ", ".join(result.clusters))
    return 0


def cmd_related(catalogue: Catalogue, args: argparse.Namespace) -> int:
    from bot.related import related_roles

    source = _occupation(catalogue, args.occupation)
    try:
        roles = related_roles(catalogue, source.code, set(args.filter or []), limit=args.top)
    except ValueError as error:
        raise UserError(str(error)) from None
    if args.json:
        print(json.dumps({"code": source.code, "title": source.title, "related": [asdict(r) for r in roles]}, indent=2))
        return 0
    print(f"Related to {source.title} ({source.code}):")
    for role in roles:
        print(f"  {role.score:.2f}  {role.code}  {role.title}\n        {role.reason}")
    if not roles:
        print("  (none match those filters)")
    return 0


def cmd_advice(catalogue: Catalogue, args: argparse.Namespace) -> int:
    from bot.advice import transition_advice

    a, b = _occupation(catalogue, args.source), _occupation(catalogue, args.target)
    advice = transition_advice(catalogue, a.code, b.code)
    if args.json:
        print(json.dumps(advice.to_dict(), indent=2))
        return 0
    print(f"{a.title} -> {b.title}\n")
    print(advice.summary + "\n")
    if advice.carry_over:
        print("Carries over: " + ", ".join(r.name for r in advice.carry_over))
    if advice.gaps:
        print("To learn:     " + ", ".join(f"{r.name} ({r.level_from:g} -> {r.level_to:g})" for r in advice.gaps))
    for note in advice.notes:
        print("Note: " + note)
    if advice.programs:
        print("Programmes of study (CIP 2020):")
        for cip, title in advice.programs[:8]:
            print(f"  {cip}  {title}")
    return 0


def cmd_cluster(catalogue: Catalogue, args: argparse.Namespace) -> int:
    from bot.related import cluster_examples

    cluster = catalogue.cluster(args.name)
    if cluster is None:
        names = ", ".join(catalogue.clusters)
        raise UserError(f"no cluster named {args.name!r}; the 2024 clusters are: {names}")
    examples = cluster_examples(catalogue, cluster.name)
    if args.json:
        data = asdict(cluster)
        data["examples"] = [{"code": o.code, "title": o.title} for o in examples]
        print(json.dumps(data, indent=2))
        return 0
    print(f"{cluster.name}: {cluster.description}")
    if cluster.classic_aliases:
        print(f"  (classic framework: {', '.join(cluster.classic_aliases)})")
    print("Sub-clusters:")
    for sub in cluster.sub_clusters:
        print(f"  {sub.name}: {sub.description} ({len(sub.occupations)} occupations)")
    print("Example roles: " + ", ".join(o.title for o in examples))
    return 0


def main(argv: list[str] | None = None) -> int:
    # `python -m bot resolve - < big.txt | head` should stop quietly, not with a traceback.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = argparse.ArgumentParser(prog="python -m bot", description="Career cluster engine")
    parser.add_argument("--catalogue", help="catalogue folder (default: data/catalogue)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("resolve", help="what occupation or interest does this text mean")
    p.add_argument("text", help="the message, or - to read one message per line from stdin")
    p.add_argument("--top", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("related", help="related roles for an occupation")
    p.add_argument("occupation", help="code or title")
    p.add_argument("--filter", action="append", help="same_cluster, less_schooling, higher_pay, bright_outlook")
    p.add_argument("--top", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("advice", help="transition advice from one occupation to another")
    p.add_argument("source")
    p.add_argument("target")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("cluster", help="describe a career cluster")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        catalogue = shared_catalogue(args.catalogue)
        command = {"resolve": cmd_resolve, "related": cmd_related, "advice": cmd_advice, "cluster": cmd_cluster}
        return command[args.command](catalogue, args)
    except (UserError, CatalogueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
