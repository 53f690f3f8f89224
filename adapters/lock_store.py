"""Rasa's Redis lock store, configured from the settings (REDIS_HOST, REDIS_PORT, ...).

With several Rasa replicas behind a load balancer, two messages of one person can reach
two replicas at once; the lock makes the second wait until the first turn is saved, so the
turns keep their order and each sees the other's context. deploy/endpoints.cluster.yml
names this class instead of `type: redis` so that no host or password sits in a file."""

from __future__ import annotations

from typing import Any

from rasa.core.lock_store import RedisLockStore

from bot.settings import settings


class EnvRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Any = None) -> None:
        config = settings()
        super().__init__(
            host=config.redis_host,
            port=config.redis_port,
            db=config.redis_db,
            password=config.redis_password or None,
            key_prefix="career",
        )
