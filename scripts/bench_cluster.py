"""Throughput, latency and memory of `make cluster` with 1 and with 2 replicas, on this
machine, through nginx: `python scripts/bench_cluster.py MODEL [--seconds 30]`.

For each replica count the cluster is started (scripts/cluster.sh, PostgreSQL, Redis,
RabbitMQ), warmed up, then `--concurrency` simulated people hold three-turn conversations
for `--seconds`; every reply must come back with status 200. Memory is the resident size of
the Rasa replicas and their action servers at the end. Figures go to stdout and
var/results/cluster.json (docs/deploy.md quotes them)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from loadgen import load, rss_mb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.servers import free_block  # noqa: E402


def delete_queue(name: str) -> None:
    """The benchmark's queue would otherwise collect every later event of this machine."""
    import asyncio

    import aio_pika

    async def delete() -> None:
        connection = await aio_pika.connect("amqp://guest:guest@127.0.0.1:5672/")
        async with connection:
            channel = await connection.channel()
            await channel.queue_delete(name)

    asyncio.run(delete())


def start(model: str, replicas: int, folder: Path, queue: str) -> tuple[subprocess.Popen, str]:
    # One block for all: separate blocks could overlap.
    rasa_port = free_block(2 * (replicas + 1) + 1)
    action_port, review_port = rasa_port + replicas + 1, rasa_port + 2 * (replicas + 1)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "REPLICAS": str(replicas),
        "RASA_PORT": str(rasa_port),
        "ACTION_PORT": str(action_port),
        "REVIEW_PORT": str(review_port),
        "CLUSTER_DIR": str(folder),
        "MODEL": model,
        "RABBITMQ_QUEUE": queue,
        "NGINX_RATE": "10000r/s",
        "NGINX_BURST": "10000",
        "CHAT_ADDRESS_LIMIT": "1000000",
        "CHAT_SENDER_LIMIT": "100000",
        "RASA_API_TOKEN": "",
    }
    with open(folder / "cluster.log", "wb") as log:
        process = subprocess.Popen(
            ["bash", "scripts/cluster.sh"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    while "replicas behind nginx" not in (folder / "cluster.log").read_text():
        if process.poll() is not None:
            raise SystemExit("cluster did not start: " + (folder / "cluster.log").read_text()[-2000:])
        time.sleep(1)
    return process, f"http://127.0.0.1:{rasa_port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    results = {}
    for replicas in args.replicas:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            queue = f"career_events_bench_{uuid.uuid4().hex[:6]}"
            process, url = start(str(Path(args.model).resolve()), replicas, folder, queue)
            try:
                load(url, 5, 2)  # warm-up: first messages load caches
                figures = load(url, args.seconds, args.concurrency)
                pids = [int(p.read_text().split()[0]) for p in folder.glob("*.pid") if p.name != "nginx.pid"]
                figures["memory_mb_rasa_and_actions"] = sum(rss_mb(pid) for pid in pids)
                figures["memory_mb_per_replica"] = figures["memory_mb_rasa_and_actions"] / replicas
            finally:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=120)
                delete_queue(queue)
        results[replicas] = figures
        print(
            f"  {replicas} replica(s), {args.concurrency} concurrent: {figures['messages_per_second']:.1f} msg/s, "
            f"p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, {figures['errors']} errors, "
            f"memory {figures['memory_mb_rasa_and_actions']:.0f} MB (Rasa + actions)",
            flush=True,
        )
    if 1 in results and 2 in results:
        ratio = results[2]["messages_per_second"] / results[1]["messages_per_second"]
        print(f"  2 replicas vs 1 on this machine ({os.cpu_count()} cores): {ratio:.2f}x the throughput")
    out = ROOT / "var" / "results" / "cluster.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
