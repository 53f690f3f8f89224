"""Rasa's RabbitMQ event broker, configured from the settings (RABBITMQ_HOST, ...).

Every event Rasa saves is also published to RABBITMQ_QUEUE, after the tracker store has
redacted it (adapters/tracker_store.py), for readers of the stream such as the review
summary. deploy/endpoints.cluster.yml names this class instead of `type: pika` so that
no host or password sits in a file."""

from __future__ import annotations

from asyncio import AbstractEventLoop
from typing import Any

from rasa.core.brokers.pika import PikaEventBroker

from bot.settings import settings


class EnvPikaEventBroker(PikaEventBroker):
    @classmethod
    async def from_endpoint_config(
        cls, broker_config: Any, event_loop: AbstractEventLoop | None = None
    ) -> EnvPikaEventBroker:
        config = settings()
        broker = cls(
            config.rabbitmq_host,
            username=config.rabbitmq_user,
            password=config.rabbitmq_password,
            port=config.rabbitmq_port,
            queues=[config.rabbitmq_queue],
            event_loop=event_loop,
        )
        await broker.connect()
        return broker
