"""Migration 0003 (form dispatch tables): a database at 0002 with data upgrades intact, and the
migrated schema matches the entities."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData
from sqlmodel import SQLModel

from cchc_desktop.exports.xlsx_forms import write_unit_forms
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services import plan_store
from cchc_desktop.services.forms import forms_status, record_dispatch
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.storage import Database, open_database
from cchc_desktop.storage.migrate import head_revision, upgrade
from tests.forms.form_helpers import HAI_DUONG, Q3
from tests.helpers import snapshot

FORM_TABLES = {"form_dispatch", "form_dispatch_task"}


def test_upgrade_from_0002_keeps_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.sqlite"
    db = Database.for_path(path)
    upgrade(db, "0002")
    # Stored through the tables as they were at 0002 (later revisions add columns).
    old_schema = MetaData()
    old_schema.reflect(db.engine)
    for table in old_schema.tables.values():
        model = SQLModel.metadata.tables.get(table.name)
        for column in table.columns if model is not None else ():
            column.default = model.c[column.name].default  # the entities' Python defaults
    monkeypatch.setattr(plan_store, "SCHEMA", old_schema)
    hai_duong_id = save_new_plan(db, read_plan_file(HAI_DUONG))
    monkeypatch.undo()
    db.dispose()
    before = snapshot(path)
    assert before["alembic_version"] == [("0002",)] and not FORM_TABLES & set(before)
    assert len(before["checkin"]) == 12

    db = open_database(path)  # what the application does at start-up: back up, upgrade
    after = snapshot(path)
    assert after["alembic_version"] == [(head_revision(),)]
    for table, rows in before.items():
        if table != "alembic_version":  # later revisions may append columns
            width = len(rows[0]) if rows else 0
            assert [row[:width] for row in after[table]] == rows, table
    assert after["form_dispatch"] == [] and after["form_dispatch_task"] == []
    assert list((tmp_path / "backups").glob("*truoc-nang-cap-0002*"))

    folder = tmp_path / "phieu"
    folder.mkdir()
    sent = write_unit_forms(load_plan(db, hai_duong_id), Q3, folder)
    record_dispatch(db, hai_duong_id, sent)
    assert all(s.sent_at for s in forms_status(db, hai_duong_id, Q3))
    db.dispose()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM form_dispatch_task").fetchone() == (18,)
    finally:
        conn.close()


def test_migrated_schema_matches_the_entities(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    db.dispose()
    # Other tables' drift is their owners' business; ours must match exactly.
    ours = [d for d in diff if any(t in repr(d) for t in FORM_TABLES)]
    assert ours == []
