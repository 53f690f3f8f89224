"""The database the conversations live in, from the same TRACKER_* settings as Rasa's
tracker store, for the parts of the project that keep tables beside Rasa's."""

from __future__ import annotations

import sqlalchemy as sa

from bot.settings import settings


def database_url() -> str:
    config = settings()
    if config.tracker_dialect == "sqlite":
        return f"sqlite:///{config.tracker_db}"
    url = sa.engine.URL.create(
        config.tracker_dialect,
        config.tracker_user or None,
        config.tracker_password or None,
        config.tracker_host or "localhost",
        config.tracker_port or None,
        config.tracker_db,
    )
    return url.render_as_string(hide_password=False)
