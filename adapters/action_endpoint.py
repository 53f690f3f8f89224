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


def validate_answers_with_one_validator() -> None:
    """Make Rasa check each action server answer against a validator built once.

    Rasa 3.6 checks every answer with `jsonschema.validate`, which first validates the
    schema itself against the JSON Schema meta-schema and builds a new validator. That was
    half of the Rasa process's CPU per message (py-spy under load, docs/benchmarks.md).
    The schema is a constant, so it is checked once here.

    The schema's events are a `oneOf` over Rasa's 23 event types, so jsonschema tried every
    type on every event (a slot set is checked as a user message, a bot message, ...).
    The types differ by the constant in `event`, so exactly one can match: each event is
    checked against its own type, which accepts and rejects the same answers. A rejected
    answer is checked once more against the whole schema for Rasa's own error message."""
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    kind = validator_for(schema)
    kind.check_schema(schema)
    whole = kind(schema)
    events = schema["properties"]["events"]
    any_event = {key: value for key, value in events["items"].items() if key != "oneOf"}
    by_type = {
        branch["properties"]["event"]["const"]: kind({**any_event, "allOf": [branch]})
        for branch in events["items"]["oneOf"]
    }
    outline = kind({**schema, "properties": {**schema["properties"], "events": {"type": "array"}}})

    def valid(result: Any) -> bool:
        if not outline.is_valid(result):
            return False
        for event in result.get("events") or []:
            name = event.get("event") if isinstance(event, dict) else None
            if not isinstance(name, str) or name not in by_type or not by_type[name].is_valid(event):
                return False
        return True

    def validate(self: RemoteAction, result: dict[str, Any]) -> bool:
        if valid(result):
            return True
        error: ValidationError | None = best_match(whole.iter_errors(result))
        if error is None:  # not expected: the two checks agree
            return True
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the Action "
            f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = validate
