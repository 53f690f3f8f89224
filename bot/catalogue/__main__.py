"""`python -m bot.catalogue build --source ../shared/data --out data/catalogue`, then
`python -m bot.catalogue embed --out data/catalogue` (the sentence vectors, bot/catalogue/sentences.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.catalogue")
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="build the catalogue from the public sources")
    build_cmd.add_argument("--source", type=Path, default=Path("../shared/data"))
    build_cmd.add_argument("--out", type=Path, default=Path("data/catalogue"))
    embed_cmd = sub.add_parser("embed", help="embed the catalogue's titles and tasks (sentences.npz)")
    embed_cmd.add_argument("--out", type=Path, default=Path("data/catalogue"))
    sub.add_parser("check", help="load and validate the committed catalogue")
    args = parser.parse_args(argv)

    if args.command == "build":
        from bot.catalogue.build import build, write

        if not (args.source / "onet").is_dir():
            print(f"error: no O*NET data under {args.source} (expected the shared/data folder)", file=sys.stderr)
            return 2
        for path in write(build(args.source), args.out):
            print(f"wrote {path} ({path.stat().st_size:,} bytes)")
        return 0

    if args.command == "embed":
        from bot.catalogue.sentences import build as embed
        from bot.encoder import SentenceEncoder

        path = embed(args.out, SentenceEncoder())
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
        return 0

    from bot.catalogue import CatalogueError, load_catalogue

    try:
        catalogue = load_catalogue()
    except CatalogueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"ok: {len(catalogue.occupations)} occupations, {len(catalogue.clusters)} clusters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
