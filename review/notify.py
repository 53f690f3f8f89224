"""Tell counselors, within seconds, that someone asked for one.

The event consumer (review/consumer.py) calls `counselor_requested` when a conversation's
summary newly carries the `counselor_requested` flag. The request is always written to the
audit log; with REVIEW_SLACK_CHANNEL and SLACK_BOT_TOKEN set it is also posted to that Slack
channel, with a link into the review app when REVIEW_URL says where it is. The message names
the conversation, never what the person wrote: the channel is not the review app."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import requests

from bot.logs import audit
from bot.settings import settings

logger = logging.getLogger(__name__)
SLACK_API = "https://slack.com/api/"


def message(sender_id: str, row: dict[str, Any], review_url: str = "") -> str:
    roles = row.get("occupations", "").strip("|").replace("|", ", ") or "no occupation yet"
    text = f"Someone asked to talk to a career counselor: conversation {sender_id} ({row.get('channel')}; {roles})."
    if review_url:
        text += f" Open it: {review_url.rstrip('/')}/conversation?id={quote(sender_id, safe='')}"
    return text


def counselor_requested(sender_id: str, row: dict[str, Any]) -> bool:
    """Returns True when the Slack post went out (False: not configured or it failed)."""
    config = settings()
    audit.info("counselor request: conversation %r", sender_id)
    if not (config.review_slack_channel and config.slack_bot_token):
        return False
    try:
        answer = requests.post(
            (config.slack_api_url or SLACK_API) + "chat.postMessage",
            json={"channel": config.review_slack_channel, "text": message(sender_id, row, config.review_url)},
            headers={"Authorization": f"Bearer {config.slack_bot_token}"},
            timeout=10,
        )
        ok = answer.ok and answer.json().get("ok") is True
    except (requests.RequestException, ValueError) as error:
        logger.error("could not tell counselors on Slack about %r: %s", sender_id, error)
        return False
    if not ok:
        logger.error("Slack refused the counselor notice for %r: %s", sender_id, answer.text[:200])
    return ok
