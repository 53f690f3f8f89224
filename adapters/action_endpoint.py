"""The action server's endpoint, retrying a call that never got an answer.

On a busy machine a call from Rasa to the action server now and then fails at the
connection ("Cannot write to closing transport", a refused or reset connection), and Rasa
then drops the action's reply: the person is asked to send their message again. Seen in
`make test` under a CPU hog, 1 message in 150 through `make cluster`. The actions only read
the tracker and return events (they change nothing anywhere), so calling again is safe;
an answer with an HTTP error status is not retried."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)
ATTEMPTS = 3
PAUSE = 0.2


class RetryingEndpointConfig(EndpointConfig):
    async def request(self, *args: Any, **kwargs: Any) -> Any:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return await super().request(*args, **kwargs)
            except aiohttp.ClientConnectionError as error:
                if attempt == ATTEMPTS:
                    raise
                logger.warning("action server call failed (%s); trying again (%d of %d)", error, attempt + 1, ATTEMPTS)
                await asyncio.sleep(PAUSE * attempt)
        raise AssertionError("unreachable")
