"""The alembic migrations on PostgreSQL (issue 19, item 1): each revision in turn on an
empty database, the result equal to the tables the application defines, and a database
stamped by a newer version refused untouched (as on SQLite)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

import cchc_desktop.domain.entities  # noqa: F401  (the tables, for the comparison)
from cchc_desktop.errors import DatabaseError
from cchc_desktop.storage import open_database
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.migrate import alembic_config, head_revision, upgrade


def test_every_revision_runs_in_order_and_ends_at_the_defined_schema(pg_url: str) -> None:
    db = Database(pg_url)
    script = ScriptDirectory.from_config(alembic_config())
    order = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert order[0] == "0001" and order[-1] == head_revision()
    for revision in order:
        upgrade(db, revision)
        with db.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == revision
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
        tables = set(inspect(conn).get_table_names())
    # Only type spellings may differ; no table or column is missing or extra.
    structural = [d for d in diff if d[0] in ("add_table", "remove_table", "add_column",
                                               "remove_column")]  # fmt: skip
    assert structural == []
    assert {"plan", "task", "checkin", "unit", "alembic_version"} <= tables
    db.dispose()


def test_open_database_migrates_once_and_refuses_a_newer_revision(pg_url: str) -> None:
    db = open_database(pg_url)
    with db.engine.begin() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            head_revision()
        )
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()
    with pytest.raises(DatabaseError) as info:
        open_database(pg_url)
    assert "phiên bản CCHC Desktop mới hơn" in info.value.message
    check = Database(pg_url)
    with check.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    check.dispose()
