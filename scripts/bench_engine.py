"""Speed and accuracy of the career engine (run by `make bench`).

Prints catalogue load time, time from process start to the first resolve, resolve
latency p50/p95, and top-1/top-3 accuracy on O*NET's Sample of Reported Titles as
written and as people type them (lower-case plural, one typo, inside a sentence).
"""

from __future__ import annotations

import time

START = time.perf_counter()

from bot import engine_only_process  # noqa: E402

engine_only_process()

import json  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

FIRST_RESOLVE = """
import time
t0 = time.perf_counter()
from bot import engine_only_process
engine_only_process()
from bot.catalogue import load_catalogue
from bot.matching import Matcher
t1 = time.perf_counter()
catalogue = load_catalogue()
t2 = time.perf_counter()
result = Matcher(catalogue).resolve("I loved my years as a nurse")
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t0, result.best.code)
"""


def cold_start(runs: int = 3) -> tuple[float, float, float]:
    """Fresh processes: import time, catalogue load, and start-to-first-resolve (medians)."""
    rows = []
    for _ in range(runs):
        wall = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", FIRST_RESOLVE], cwd=ROOT, capture_output=True, text=True, check=True
        )
        total_wall = time.perf_counter() - wall
        imports, load, first, code = out.stdout.split()
        assert code == "29-1141.00", code
        rows.append((float(imports), float(load), total_wall))
    return tuple(statistics.median(col) for col in zip(*rows, strict=False))  # type: ignore[return-value]


def plural(title: str) -> str:
    words = title.split()
    last = words[-1]
    if last.endswith(("s", "x", "ch", "sh")):
        words[-1] = last + "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        words[-1] = last[:-1] + "ies"
    else:
        words[-1] = last + "s"
    return " ".join(words).lower()


def typo(title: str, rng: random.Random) -> str:
    """One edit (drop, swap, double or replace a letter) in the longest word."""
    words = title.split()
    index = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[index]
    if len(word) < 5:
        return title
    pos = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "swap", "double", "replace"])
    if kind == "drop":
        word = word[:pos] + word[pos + 1 :]
    elif kind == "swap":
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    elif kind == "double":
        word = word[:pos] + word[pos] + word[pos:]
    else:
        word = word[:pos] + rng.choice("abcdefghijklmnopqrstuvwxyz") + word[pos + 1 :]
    words[index] = word
    return " ".join(words)


SENTENCES = [
    "I worked as a {} for five years",
    "I loved being a {}",
    "my last job was {}, what else could I do?",
    "I've been a {} for a while and want a change",
]


def a_or_an(title: str) -> str:
    return ("an " if title[:1].lower() in "aeiou" else "a ") + title


def main() -> None:
    from bot.catalogue import load_catalogue
    from bot.matching import Matcher

    imports, load_cold, first_resolve = cold_start()
    loads = []
    for _ in range(3):
        t = time.perf_counter()
        catalogue = load_catalogue()
        loads.append(time.perf_counter() - t)
    t = time.perf_counter()
    matcher = Matcher(catalogue)
    index_time = time.perf_counter() - t

    reported = yaml.safe_load((ROOT / "data/catalogue/reported_titles.yml").read_text())["reported_titles"]
    known = {(o.code, t.title.lower()) for o in catalogue.occupations.values() for t in o.alternate_titles}
    known |= {(o.code, o.title.lower()) for o in catalogue.occupations.values()}
    overlap = sum((code, title.lower()) in known for code, title in reported) / len(reported)

    rng = random.Random(7)
    variants = {
        "as written": [(code, title) for code, title in reported],
        "lower-case plural": [(code, plural(title)) for code, title in reported],
        "one typo": [(code, typo(title, rng)) for code, title in reported],
        "in a sentence": [
            (
                code,
                SENTENCES[i % len(SENTENCES)].format(
                    title.lower() if i % 2 else a_or_an(title.lower()).split(" ", 1)[1]
                ),
            )
            for i, (code, title) in enumerate(reported)
        ],
    }
    latencies: list[float] = []
    results = {}
    for name, items in variants.items():
        top1 = top3 = asked = 0
        for code, text in items:
            t = time.perf_counter()
            resolution = matcher.resolve(text, top=3)
            latencies.append(time.perf_counter() - t)
            codes = [m.code for m in resolution.matches]
            top1 += bool(codes) and codes[0] == code
            top3 += code in codes
            asked += resolution.kind == "ambiguous"
        n = len(items)
        results[name] = (top1 / n, top3 / n, asked / n)

    # Leave-one-out: take the reported title's own entry out of the index, so the
    # figure shows how well the rest of the data (other titles, typos, partial
    # overlap) finds the occupation for a title it has never seen.
    from bot import text as T

    # The word-vector index and the sentence index hold the titles too: the same rows are
    # blanked there (the sentence index's rows point at a shared matrix whose last row is
    # the empty text).
    semantic = matcher.semantic()
    sentence_take = semantic.sentence_titles.take
    assert sentence_take is not None
    empty_row = len(semantic.sentence_titles.matrix) - 1
    rows_of: dict[tuple[str, str], list[int]] = {}
    for index, (start, code) in enumerate(zip(semantic.titles.starts, semantic.codes, strict=True)):
        end = semantic.titles.starts[index + 1] if index + 1 < len(semantic.codes) else len(semantic.titles.texts)
        for row in range(start, end):
            rows_of.setdefault((code, semantic.titles.texts[row].lower()), []).append(row)
    top1 = top3 = asked = 0
    for code, title in reported:
        variants = {title, title.split(" (")[0]}
        keys = {T.lemmas(v) for v in variants}
        removed = {k: matcher.names[k].pop(code) for k in keys if code in matcher.names.get(k, {})}
        rows = [row for v in variants for row in rows_of.get((code, v.lower()), [])]
        saved = semantic.titles.matrix[rows].copy()
        saved_take = sentence_take[rows].copy()
        semantic.titles.matrix[rows] = 0.0
        sentence_take[rows] = empty_row
        resolution = matcher.resolve(title, top=3)
        semantic.titles.matrix[rows] = saved
        sentence_take[rows] = saved_take
        for k, weight in removed.items():
            matcher.names[k][code] = weight
        codes = [m.code for m in resolution.matches]
        top1 += bool(codes) and codes[0] == code
        top3 += code in codes
        asked += resolution.kind == "ambiguous"
    n = len(reported)
    results["unseen (title held out)"] = (top1 / n, top3 / n, asked / n)

    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p95 = latencies[int(len(latencies) * 0.95)] * 1000

    print("Career engine benchmark")
    print(f"  catalogue load (in process, median of 3): {statistics.median(loads):.2f} s")
    print(f"  imports in a fresh process:                {imports:.2f} s")
    print(f"  process start to first resolve (median):   {first_resolve:.2f} s")
    print(f"  matcher index build:                       {index_time:.2f} s")
    print(f"  resolve latency over {len(latencies):,} messages: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    print(
        f"  Sample of Reported Titles: {len(reported):,} titles ({overlap:.0%} are also O*NET alternate titles of the same occupation)"
    )
    print("  variant                top-1    top-3    asked (ambiguous)")
    for name, (top1, top3, asked) in results.items():
        print(f"  {name:22} {top1:6.1%}   {top3:6.1%}   {asked:6.1%}")
    print(
        json.dumps(
            {
                "load_s": statistics.median(loads),
                "first_resolve_s": first_resolve,
                "p50_ms": p50,
                "p95_ms": p95,
                "accuracy": {k: {"top1": v[0], "top3": v[1], "ambiguous": v[2]} for k, v in results.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
