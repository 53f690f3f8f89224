"""The reader of the event stream: keeps review_summaries (review/summaries.py) up to date
from the events Rasa publishes to RabbitMQ (make cluster).

Rasa publishes an event before its tracker store writes it, so a summary is recomputed only
once the conversation's stored events have caught up with what arrived; the messages are
acknowledged after that write, never before. A message that cannot be handled yet stays
unacknowledged and is looked at again; if the consumer dies, RabbitMQ hands unacknowledged
messages to the next one. Recomputing is idempotent, so a message seen twice does no harm.
The connection is robust: after a RabbitMQ restart it reconnects and carries on."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import sqlalchemy as sa

from bot.catalogue import Catalogue
from bot.settings import Settings, settings
from review import notify, summaries

logger = logging.getLogger(__name__)

# Rasa's PikaEventBroker publishes to this fanout exchange and binds its queues to it.
RASA_EXCHANGE = "rasa-exchange"
BATCH = 500
QUIET_SECONDS = 0.3  # how long an empty queue is waited on before a batch is handled
REQUESTED = "|counselor_requested|"
# A stored timestamp may differ from the published one in the last digits of the float.
SLACK = 1e-6
# An event still not stored after this long never will be (its turn failed to save): the
# summary is then written from what is stored, which is the truth.
GIVE_UP_SECONDS = 30.0


async def _connect(config: Settings) -> Any:
    import aio_pika

    return await aio_pika.connect_robust(
        host=config.rabbitmq_host,
        port=config.rabbitmq_port,
        login=config.rabbitmq_user,
        password=config.rabbitmq_password,
    )


def handle(
    engine: sa.engine.Engine, catalogue: Catalogue | None, bodies: list[bytes], give_up: bool = False
) -> list[bool]:
    """For each message body: True when its conversation's summary is now written (ack it),
    False when its event is not stored yet (look again later; `give_up`: write anyway)."""
    newest: dict[str, float] = {}
    parsed: list[tuple[str, float] | None] = []
    for body in bodies:
        try:
            event = json.loads(body)
            sender, stamp = str(event["sender_id"]), float(event.get("timestamp") or 0.0)
        except (ValueError, KeyError, TypeError):
            logger.warning("skipped a message that is not a Rasa event: %r", body[:200])
            parsed.append(None)
            continue
        parsed.append((sender, stamp))
        newest[sender] = max(newest.get(sender, 0.0), stamp)
    stored = summaries.latest_event(engine, newest)
    ready = {sender for sender, stamp in newest.items() if give_up or stored.get(sender, -1.0) >= stamp - SLACK}
    if ready:
        before = summaries.rows(engine, ready)
        summaries.refresh(engine, catalogue, ready)
        for sender, row in summaries.rows(engine, ready).items():
            if REQUESTED in row["flags"] and REQUESTED not in before.get(sender, {}).get("flags", ""):
                notify.counselor_requested(sender, row)
    return [item is None or item[0] in ready for item in parsed]


async def consume(engine: sa.engine.Engine, catalogue: Catalogue | None, stop: asyncio.Event | None = None) -> None:
    import aio_pika

    config = settings()
    stop = stop or asyncio.Event()
    connection = await _connect(config)
    async with connection:
        channel = await connection.channel()
        await channel.set_qos(prefetch_count=BATCH)
        # Declared as Rasa declares them (a fanout exchange that is not durable, a durable
        # queue), so whichever starts first, the other agrees.
        exchange = await channel.declare_exchange(RASA_EXCHANGE, aio_pika.ExchangeType.FANOUT)
        queue = await channel.declare_queue(config.rabbitmq_queue, durable=True)
        await queue.bind(exchange, "")
        logger.info("reading events from RabbitMQ queue %s", config.rabbitmq_queue)
        waiting: list[Any] = []
        waiting_since: float | None = None
        while not stop.is_set():
            try:
                batch = waiting
                while len(batch) < BATCH:
                    message = await queue.get(no_ack=False, fail=False, timeout=5)
                    if message is None:
                        if batch:
                            break
                        await asyncio.sleep(QUIET_SECONDS)
                        if stop.is_set():
                            break
                        continue
                    batch.append(message)
                if not batch:
                    waiting_since = None
                    continue
                waiting_since = waiting_since or time.monotonic()
                give_up = time.monotonic() - waiting_since > GIVE_UP_SECONDS
                try:
                    done = await asyncio.to_thread(handle, engine, catalogue, [m.body for m in batch], give_up)
                except sa.exc.SQLAlchemyError as error:
                    # The database is away (a restart, a failover): keep the messages, unacknowledged,
                    # and try them again; RabbitMQ would not hand them out again while we hold them.
                    logger.warning("could not write summaries (%s); trying again", error)
                    waiting = batch
                    await asyncio.sleep(1.0)
                    continue
                waiting = []
                for message, written in zip(batch, done, strict=False):
                    if written:
                        await message.ack()
                    else:
                        waiting.append(message)
                if waiting:
                    await asyncio.sleep(QUIET_SECONDS)  # Rasa is still writing those turns
                else:
                    waiting_since = None
            except (aio_pika.exceptions.AMQPError, ConnectionError, asyncio.TimeoutError, RuntimeError) as error:
                # RabbitMQ went away: unacknowledged messages come back to the queue; the
                # robust connection reconnects.
                logger.warning("RabbitMQ connection lost (%s); reconnecting", error)
                waiting = []
                await asyncio.sleep(1.0)
