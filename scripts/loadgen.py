"""Simulated people for the speed benchmarks (bench_cluster.py, bench_floor.py): each holds
short conversations over the REST channel, one message at a time, as a person would."""

from __future__ import annotations

import itertools
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
# After telling their job, a person asks about the first role offered and says thanks.
FOLLOW_UPS = ("what does the first one pay?", "thanks")


def openings() -> list[str]:
    """The role messages of our development set (bench/devset.tsv), each a different job in
    different words: the same sentence over and over would be answered from caches keyed
    by text (the sentence encoder's) and flatter the assistant against the floor."""
    rows = (line.split("\t") for line in (ROOT / "bench" / "devset.tsv").read_text().splitlines())
    return [row[2] for row in rows if len(row) == 3 and row[0] == "role"]


def conversations() -> Iterator[tuple[str, ...]]:
    """Endless conversations, the same sequence in every run and for every server."""
    for opening in itertools.cycle(openings()):
        yield (opening, *FOLLOW_UPS)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def pss_mb(pid: int) -> float:
    """Proportional set size: pages shared with other processes (files both servers map)
    count for each process in proportion, so summing it over processes counts them once."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def summary(latencies: list[float], took: float, errors: int) -> dict[str, float]:
    latencies = sorted(latencies)
    return {
        "messages_per_second": len(latencies) / took,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000,
        "messages": len(latencies),
        "errors": errors,
    }


def load(url: str, seconds: float, concurrency: int) -> dict[str, float]:
    """`concurrency` people talking at once for `seconds`; every reply must be a 200."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    script = conversations()

    def person() -> None:
        nonlocal errors
        session = requests.Session()
        while time.monotonic() < deadline:
            sender = f"bench-{uuid.uuid4().hex[:12]}"
            with lock:
                turns = next(script)
            for turn in turns:
                began = time.monotonic()
                try:
                    ok = session.post(
                        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": turn}, timeout=120
                    ).ok
                except requests.RequestException:
                    ok = False
                with lock:
                    if ok:
                        latencies.append(time.monotonic() - began)
                    else:
                        errors += 1

    threads = [threading.Thread(target=person) for _ in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return summary(latencies, time.monotonic() - began, errors)
