"""Alembic environment: always run programmatically with a connection passed in."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import cchc_desktop.domain.entities  # noqa: F401  (registers the tables on the metadata)

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move instead
)
with context.begin_transaction():
    context.run_migrations()
