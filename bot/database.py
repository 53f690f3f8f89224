"""The database the conversations live in, from the same TRACKER_* variables as
endpoints.yml, for the parts of the project that keep tables beside Rasa's."""

from __future__ import annotations

import os

import sqlalchemy as sa


def database_url() -> str:
    dialect = os.environ.get("TRACKER_DIALECT") or "sqlite"
    db = os.environ.get("TRACKER_DB") or "var/conversations.db"
    if dialect == "sqlite":
        return f"sqlite:///{db}"
    user = os.environ.get("TRACKER_USER") or ""
    password = os.environ.get("TRACKER_PASSWORD") or ""
    host = os.environ.get("TRACKER_HOST") or "localhost"
    port = os.environ.get("TRACKER_PORT") or ""
    url = sa.engine.URL.create(dialect, user or None, password or None, host, int(port) if port else None, db)
    return url.render_as_string(hide_password=False)
