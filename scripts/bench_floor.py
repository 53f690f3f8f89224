"""The assistant against Rasa's floor, side by side in one run:
`python scripts/bench_floor.py MODEL [--rounds 3] [--write-docs]`.

The floor is `rasa init`'s moodbot, trained with this project's own venv (so the same Rasa,
TensorFlow and Python) in a cache folder, served by `rasa run` with a SQLite tracker store
and no action server. The assistant is served as `make run` serves it: the action server and
`python -m adapters.server`, SQLite tracker store. Both get the same messages over REST
(scripts/loadgen.py: a liked job, a follow-up, thanks); rounds alternate between the two so
that whatever else the machine does falls on both. Per round and server:

- sequential: one person, one message at a time; p50 and p95 of the reply time;
- concurrent: `--concurrency` people at once for `--seconds`; messages/s and p95;
- CPU seconds per message of each process during the concurrent load (where the time goes).

Memory is measured after the last round (Rasa + actions for the assistant): the resident
size, which counts a page both servers map once in each, and the proportional size (PSS),
which counts it once in all. The figures go to stdout and var/results/floor.json; `--write-docs` also puts the table
between the floor markers of docs/benchmarks.md."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
from loadgen import conversations, load, pss_mb, rss_mb, summary

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from adapters.server import TENSORFLOW_THREADS  # noqa: E402
from tests.e2e.servers import Servers, free_block, stop_process, wait_until  # noqa: E402

# What bot.one_blas_thread_per_request and adapters.server.one_tensorflow_thread_per_request
# set in the assistant's servers; `rasa run` reads the same variables.
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", **{name: "1" for name in TENSORFLOW_THREADS}}

PYTHON = ROOT / ".venv" / "bin" / "python"
RASA = ROOT / ".venv" / "bin" / "rasa"
DOCS = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- floor:begin -->", "<!-- floor:end -->"
QUIET = {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}


def floor_model() -> Path:
    """moodbot, trained once per Rasa version and kept in the cache folder."""
    version = subprocess.run(
        [PYTHON, "-c", "import rasa; print(rasa.__version__)"], capture_output=True, text=True, check=True
    ).stdout.strip()
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "career-assistant" / f"floor-{version}"
    models = sorted((folder / "models").glob("*.tar.gz")) if folder.is_dir() else []
    if not models:
        print(f"  training moodbot (rasa init) in {folder}", flush=True)
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [RASA, "init", "--no-prompt", "--init-dir", str(folder)],
            cwd=folder,
            env={**os.environ, **QUIET},
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        models = sorted((folder / "models").glob("*.tar.gz"))
    return models[-1]


@contextmanager
def floor_server(model: Path, folder: Path, one_thread: bool) -> Iterator[tuple[str, list[int]]]:
    port = free_block(1)
    endpoints = folder / "floor-endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {folder / 'floor.db'}\n")
    credentials = folder / "floor-credentials.yml"
    credentials.write_text("rest:\n")
    log = folder / "floor.log"
    with open(log, "ab") as out:
        rasa = subprocess.Popen(
            [str(RASA), "run", "--model", str(model), "--port", str(port), "-i", "127.0.0.1"]
            + ["--endpoints", str(endpoints), "--credentials", str(credentials)],
            cwd=ROOT,
            env={**os.environ, **QUIET, **(ONE_THREAD if one_thread else {})},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until(rasa, f"http://127.0.0.1:{port}/webhooks/rest/", log, 300)
        yield f"http://127.0.0.1:{port}", [rasa.pid]
    finally:
        stop_process(rasa)


@contextmanager
def assistant(model: Path, folder: Path) -> Iterator[tuple[str, list[int]]]:
    """The action server and the Rasa server as the end-to-end tests start them (make run's
    commands), on SQLite, with the chat HTTP API off."""
    servers = Servers(
        folder,
        {
            **QUIET,
            "RASA_INTERFACE": "127.0.0.1",
            "TRACKER_DB": str(folder / "assistant.db"),
            # The per-sender and per-address limits protect the channels from floods; the
            # benchmark is one.
            "CHAT_ADDRESS_LIMIT": "1000000",
            "CHAT_SENDER_LIMIT": "100000",
        },
        model,
        api=False,
    )
    try:
        servers.start()
        assert servers.rasa is not None and servers.actions is not None
        yield servers.url, [servers.rasa.pid, servers.actions.pid]
    finally:
        servers.stop()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def turns_with_senders() -> Iterator[tuple[str, str]]:
    for conversation in conversations():
        sender = f"bench-{uuid.uuid4().hex[:12]}"
        for turn in conversation:
            yield sender, turn


def sequential(url: str, messages: int) -> dict[str, float]:
    session = requests.Session()
    latencies: list[float] = []
    errors = 0
    began = time.monotonic()
    for sender, turn in itertools.islice(turns_with_senders(), messages):
        start = time.monotonic()
        reply = session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": turn}, timeout=120)
        if reply.ok:
            latencies.append(time.monotonic() - start)
        else:
            errors += 1
    return summary(latencies, time.monotonic() - began, errors)


def measure(url: str, pids: list[int], args: argparse.Namespace) -> dict[str, object]:
    alone = sequential(url, args.sequential)
    before = [cpu_seconds(pid) for pid in pids]
    together = load(url, args.seconds, args.concurrency)
    spent = [cpu_seconds(pid) - b for pid, b in zip(pids, before, strict=True)]
    return {
        "sequential": alone,
        "concurrent": together,
        "cpu_ms_per_message": [1000 * s / max(1, together["messages"]) for s in spent],
    }


def table(results: dict[str, list[dict]], memory: dict[str, float], shared: dict[str, float], concurrency: int) -> str:
    def med(name: str, part: str, key: str) -> float:
        return statistics.median(r[part][key] for r in results[name])

    rows = [
        ("sequential p50 (ms)", "sequential", "p50_ms", "≤ 0.8×"),
        ("sequential p95 (ms)", "sequential", "p95_ms", ""),
        (f"{concurrency} concurrent: messages/s", "concurrent", "messages_per_second", "≥ 1.5×"),
        (f"{concurrency} concurrent: p95 (ms)", "concurrent", "p95_ms", ""),
    ]
    lines = [
        "| measure (median of rounds) | Rasa's floor (moodbot) | this assistant | ratio | target |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, part, key, target in rows:
        floor, ours = med("floor", part, key), med("assistant", part, key)
        lines.append(f"| {label} | {floor:.1f} | {ours:.1f} | {ours / floor:.2f}× | {target} |")
    floor_cpu = statistics.median(r["cpu_ms_per_message"][0] for r in results["floor"])
    ours_cpu = [statistics.median(r["cpu_ms_per_message"][i] for r in results["assistant"]) for i in (0, 1)]
    lines.append(
        f"| CPU per message under load (ms) | {floor_cpu:.1f} | {ours_cpu[0]:.1f} Rasa + {ours_cpu[1]:.1f} actions | "
        f"{sum(ours_cpu) / floor_cpu:.2f}× | |"
    )
    lines.append(
        f"| memory after the run, resident (MB) | {memory['floor']:.0f} | {memory['assistant']:.0f} (Rasa + actions) | "
        f"{memory['assistant'] / memory['floor']:.2f}× | ≤ 1,536 MB |"
    )
    lines.append(
        f"| memory, shared pages counted once (PSS, MB) | {shared['floor']:.0f} | {shared['assistant']:.0f} | "
        f"{shared['assistant'] / shared['floor']:.2f}× | |"
    )
    return "\n".join(lines)


def write_docs(text: str) -> None:
    docs = DOCS.read_text()
    if BEGIN not in docs or END not in docs:
        print(f"  {DOCS} has no floor markers; not written", file=sys.stderr)
        return
    head, rest = docs.split(BEGIN, 1)
    DOCS.write_text(head + BEGIN + "\n" + text + "\n" + END + rest.split(END, 1)[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--sequential", type=int, default=60, help="messages per sequential run")
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument(
        "--floor-one-thread",
        action="store_true",
        help="give the floor the one-thread settings (BLAS, TensorFlow) the assistant's servers make for themselves",
    )
    args = parser.parse_args()
    floor = floor_model()
    results: dict[str, list[dict]] = {"floor": [], "assistant": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with (
            floor_server(floor, folder, args.floor_one_thread) as (floor_url, floor_pids),
            assistant(Path(args.model).resolve(), folder) as (our_url, our_pids),
        ):
            servers = {"floor": (floor_url, floor_pids), "assistant": (our_url, our_pids)}
            for url, _ in servers.values():
                load(url, 5, 2)  # warm-up: first messages load caches and compile graphs
            for round_ in range(args.rounds):
                for name, (url, pids) in servers.items():
                    results[name].append(measure(url, pids, args))
                    figures = results[name][-1]
                    print(
                        f"  round {round_ + 1}, {name}: sequential p50 {figures['sequential']['p50_ms']:.1f} ms; "
                        f"{args.concurrency} concurrent {figures['concurrent']['messages_per_second']:.1f} msg/s, "
                        f"p95 {figures['concurrent']['p95_ms']:.0f} ms, "
                        f"errors {figures['sequential']['errors'] + figures['concurrent']['errors']}",
                        flush=True,
                    )
            memory = {name: sum(rss_mb(pid) for pid in pids) for name, (_, pids) in servers.items()}
            shared = {name: sum(pss_mb(pid) for pid in pids) for name, (_, pids) in servers.items()}
    text = table(results, memory, shared, args.concurrency)
    print(text)
    out = ROOT / "var" / "results" / "floor.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps({"results": results, "memory_mb": memory, "pss_mb": shared, "floor_model": str(floor)}, indent=2)
    )
    if args.write_docs:
        write_docs(text)


if __name__ == "__main__":
    main()
