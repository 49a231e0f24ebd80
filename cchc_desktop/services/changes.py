"""The change counter (issue 19, item 2): one number every write to a plan's tables moves
(database triggers, migration 0008). A window polls it every few seconds and reloads when
another clerk has written; reading it costs one tiny query."""

from __future__ import annotations

from sqlalchemy import text

from cchc_desktop.storage.database import Database


def change_count(db: Database) -> int:
    """The counter's current value (0 on a database without one)."""
    with db.engine.connect() as conn:
        value = conn.execute(text("SELECT value FROM change_counter WHERE id = 1")).scalar()
    return int(value or 0)
