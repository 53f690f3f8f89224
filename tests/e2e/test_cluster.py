"""`make cluster`: two Rasa replicas behind nginx, on PostgreSQL, Redis and RabbitMQ.

Skipped, with the reason, where nginx or one of the three services can't be had."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT
from tests.e2e.conversation import buttons, texts
from tests.e2e.servers import free_block, wait_until
from tests.e2e.widget_client import WidgetClient

pytestmark = pytest.mark.e2e

PG = {"host": "127.0.0.1", "port": 5432, "dbname": "test", "user": "postgres"}
SERVICES = {"PostgreSQL": 5432, "Redis": 6379, "RabbitMQ": 5672}
ENDPOINTS = "deploy/endpoints.cluster.yml"


def answers(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Cluster:
    url: str
    folder: Path
    queue: str
    env: dict[str, str]

    def say(self, sender: str, message: str) -> tuple[str, str]:
        """The reply's text and the replica that answered (nginx's X-Replica header)."""
        answer = requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=120
        )
        assert answer.status_code == 200, answer.text
        words = [texts(answer.json()), *(b["title"] for b in buttons(answer.json()))]
        return "\n".join(words), answer.headers.get("X-Replica", "")

    def replica_pid(self, i: int) -> int:
        return int((self.folder / f"replica-{i}.pid").read_text().split()[0])


@pytest.fixture(scope="module")
def cluster(model, tmp_path_factory) -> Iterator[Cluster]:
    missing = [name for name, port in SERVICES.items() if not answers(port)]
    if missing:
        pytest.skip(f"{', '.join(missing)} not running on 127.0.0.1")
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()) and os.geteuid() != 0:
        pytest.skip("nginx is not installed and cannot be installed without root (apt-get install nginx)")
    folder = tmp_path_factory.mktemp("cluster")
    # One block for all: separate blocks could overlap.
    rasa_port = free_block(7)
    action_port, review_port = rasa_port + 3, rasa_port + 6
    queue = f"career_events_test_{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "REPLICAS": "2",
        "RASA_PORT": str(rasa_port),
        "ACTION_PORT": str(action_port),
        "REVIEW_PORT": str(review_port),
        "REVIEW_SECRET": "cluster-test-secret",
        "CLUSTER_DIR": str(folder),
        "MODEL": str(model),
        "RABBITMQ_QUEUE": queue,
        # All test traffic comes from 127.0.0.1; the limits have tests of their own.
        "NGINX_RATE": "1000r/s",
        "NGINX_BURST": "1000",
        "CHAT_ADDRESS_LIMIT": "100000",
        "CHAT_SENDER_LIMIT": "1000",
        "RASA_API_TOKEN": "",
        "SLACK_BOT_TOKEN": "",
        "SLACK_SIGNING_SECRET": "",
    }
    log = open(folder / "cluster.log", "wb")
    process = subprocess.Popen(
        ["bash", "scripts/cluster.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{rasa_port}"
    try:
        deadline = time.monotonic() + 600
        while True:
            if process.poll() is not None:
                output = (folder / "cluster.log").read_text()
                if process.returncode == 3:
                    pytest.skip(output.strip().splitlines()[-1])
                raise RuntimeError("make cluster exited: " + output[-3000:])
            if "is running as 2 replicas" in (folder / "cluster.log").read_text():
                break
            assert time.monotonic() < deadline, "the cluster did not start: " + (folder / "cluster.log").read_text()
            time.sleep(1)
        yield Cluster(url, folder, queue, env)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
        log.close()
        asyncio.run(delete_queue(queue))


async def delete_queue(name: str) -> None:
    import aio_pika

    try:
        connection = await aio_pika.connect("amqp://guest:guest@127.0.0.1:5672/")
    except Exception:
        return
    async with connection:
        channel = await connection.channel()
        await channel.queue_delete(name)


def stored_user_texts(senders: list[str]) -> dict[str, list[str]]:
    import psycopg2

    with psycopg2.connect(**PG) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT sender_id, data FROM events WHERE type_name = 'user' AND sender_id = ANY(%s) ORDER BY id",
            (["rest:" + s for s in senders],),
        )
        found: dict[str, list[str]] = {s: [] for s in senders}
        for sender_id, data in cursor.fetchall():
            found[sender_id.removeprefix("rest:")].append(json.loads(data)["text"])
        return found


def new_sender(kind: str) -> str:
    return f"cluster-{kind}-{uuid.uuid4().hex[:10]}"


def test_one_persons_turns_go_to_both_replicas_in_order_and_keep_their_context(cluster):
    sender = new_sender("context")
    first, one = cluster.say(sender, "I was a doctor")
    assert "Pediatric" in first and "Which one" in first, first
    second, two = cluster.say(sender, "the one for kids")
    assert "Got it: Pediatric" in second, second
    third, three = cluster.say(sender, "what does it pay")
    assert "Pediatric" in third and "$" in third, third
    assert len({one, two, three}) == 2, "round robin alternates a lone sender between the replicas"
    assert stored_user_texts([sender])[sender] == ["I was a doctor", "the one for kids", "what does it pay"]


def test_fifty_concurrent_conversations_lose_nothing(cluster):
    senders = [new_sender("load") for _ in range(50)]
    turns = ["I loved being a nurse", "what about something with less schooling?", "thanks"]

    def converse(sender: str) -> list[str]:
        return [cluster.say(sender, turn)[0] for turn in turns]

    with ThreadPoolExecutor(max_workers=50) as pool:
        replies = list(pool.map(converse, senders))
    assert all(all(reply for reply in conversation) for conversation in replies)
    assert all("Registered Nurses" in conversation[0] for conversation in replies)
    stored = stored_user_texts(senders)
    assert all(stored[s] == turns for s in senders), {s: t for s, t in stored.items() if t != turns}


def test_events_reach_rabbitmq_redacted(cluster):
    import aio_pika

    sender = new_sender("events")

    async def events_of(sender_id: str) -> list[dict]:
        # A reader of our own, as any consumer of the stream would be: a queue bound to the
        # exchange Rasa publishes to (the cluster's queue belongs to the review consumer).
        found: list[dict] = []
        connection = await aio_pika.connect("amqp://guest:guest@127.0.0.1:5672/")
        async with connection:
            channel = await connection.channel()
            exchange = await channel.declare_exchange("rasa-exchange", aio_pika.ExchangeType.FANOUT)
            queue = await channel.declare_queue(exclusive=True, auto_delete=True)
            await queue.bind(exchange, "")
            await asyncio.to_thread(cluster.say, sender, "I was a teacher, write to me at ana.lopez@example.com")
            deadline = time.monotonic() + 60
            while not any(e.get("event") == "bot" for e in found) and time.monotonic() < deadline:
                message = await queue.get(no_ack=True, fail=False)
                if message is None:
                    await asyncio.sleep(0.2)
                    continue
                event = json.loads(message.body)
                if event.get("sender_id") == sender_id:
                    found.append(event)
        return found

    events = asyncio.run(events_of("rest:" + sender))
    said = [e["text"] for e in events if e.get("event") == "user"]
    assert len(said) == 1 and "I was a teacher" in said[0]
    assert "ana.lopez@example.com" not in json.dumps(events)


def test_the_widget_talks_through_nginx_and_survives_a_reload(cluster):
    with WidgetClient(cluster.url) as first:
        session = first.start()
        assert "Registered Nurses" in first.say("I loved being a nurse")
    deadline = time.monotonic() + 30
    while True:
        with WidgetClient(cluster.url) as again:
            if again.start(claim=session) == session:
                assert "less schooling than Registered Nurses" in again.say("what about something with less schooling?")
                return
        assert time.monotonic() < deadline, "the reloaded page did not get its conversation back"


def test_a_killed_replica_leaves_its_conversations_to_the_other(cluster):
    senders = [new_sender("failover") for _ in range(6)]
    for sender in senders:
        assert "Which one" in cluster.say(sender, "I was a doctor")[0]
    os.kill(cluster.replica_pid(1), signal.SIGKILL)
    # Requests already sent to it when it died get nginx's 502 (a POST is never sent twice);
    # from the moment it stops accepting connections, nginx passes everything to the other.
    port = int(cluster.url.rsplit(":", 1)[1]) + 1
    deadline = time.monotonic() + 30
    while answers(port):
        assert time.monotonic() < deadline, "the killed replica still accepts connections"
        time.sleep(0.1)
    for sender in senders:
        reply, replica = cluster.say(sender, "the one for kids")
        assert "Got it: Pediatric" in reply, reply
        assert replica.endswith(str(int(cluster.url.rsplit(":", 1)[1]) + 2))
    assert all(said == ["I was a doctor", "the one for kids"] for said in stored_user_texts(senders).values())

    # Restarted (as scripts/cluster.sh starts it), it rejoins once nginx tries it again.
    env = {**cluster.env, "RASA_PORT": str(port), "ACTION_PORT": str(int(cluster.env["ACTION_PORT"]) + 1)}
    env["RASA_INTERFACE"], env["CHAT_TRUST_PROXY"] = "127.0.0.1", "1"
    env.update({"TRACKER_DIALECT": "postgresql", "TRACKER_HOST": "127.0.0.1", "TRACKER_PORT": "5432"})
    env.update({"TRACKER_DB": "test", "TRACKER_USER": "postgres"})
    with open(cluster.folder / "rasa-1-again.log", "wb") as log:
        again = subprocess.Popen(
            [sys.executable, "-m", "adapters.server", "--model", env["MODEL"], "--endpoints", ENDPOINTS],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until(again, f"http://127.0.0.1:{port}/webhooks/rest/", cluster.folder / "rasa-1-again.log", 300)
        sender, deadline, replicas = new_sender("rejoin"), time.monotonic() + 60, set()
        while not any(r.endswith(f":{port}") for r in replicas):
            assert time.monotonic() < deadline, f"the restarted replica never got a request: {replicas}"
            replicas.add(cluster.say(sender, "hello")[1])
            time.sleep(0.5)
    finally:
        os.killpg(again.pid, signal.SIGTERM)
        again.wait(timeout=60)


def test_nginx_refuses_oversized_bodies(cluster):
    answer = requests.post(f"{cluster.url}/webhooks/rest/webhook", data=b"x" * (400 * 1024), timeout=30)
    assert answer.status_code == 413


def summaries_and_recount(senders: list[str]) -> tuple[dict, dict]:
    from bot.catalogue import shared_catalogue
    from review import store, summaries

    engine = store.connect("postgresql://postgres@127.0.0.1:5432/test")
    try:
        ids = ["rest:" + s for s in senders]
        kept = {k: v for k, v in summaries.rows(engine).items() if k in ids}
        recount = {
            c.sender_id: summaries.row_of(c) for c in store._load_many(engine, ids, shared_catalogue()) if c.user_turns
        }
        return kept, recount
    finally:
        engine.dispose()


def wait_for_summaries(senders: list[str], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        kept, recount = summaries_and_recount(senders)
        if kept == recount and len(kept) == len(senders):
            return
        assert time.monotonic() < deadline, f"summaries {kept} never matched the recount {recount}"
        time.sleep(0.5)


def test_the_event_consumer_keeps_one_summary_per_conversation_through_a_rabbitmq_restart(cluster):
    senders = [new_sender("summary") for _ in range(4)]
    for sender in senders:
        cluster.say(sender, "I loved being a nurse")
        cluster.say(sender, "blorp zzzt")
    wait_for_summaries(senders)
    rabbitmqctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    if os.geteuid() != 0 or not Path(rabbitmqctl).exists():
        pytest.skip("RabbitMQ can only be restarted by root with rabbitmqctl")
    subprocess.run([rabbitmqctl, "stop_app"], check=True, capture_output=True, timeout=120)
    try:
        # While the broker is down the chat goes on; Rasa keeps what it could not publish.
        for sender in senders:
            assert cluster.say(sender, "thanks")[0]
    finally:
        subprocess.run([rabbitmqctl, "start_app"], check=True, capture_output=True, timeout=120)
    wait_for_summaries(senders, seconds=180)
    kept, _ = summaries_and_recount(senders)
    assert all(row["user_turns"] == 3 and "fallback" in row["flags"] for row in kept.values())
