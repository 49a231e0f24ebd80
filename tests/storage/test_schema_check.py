"""The schema is compared with what the migrations build (tables and columns) on every open
and in the backup check; ``restore --newest`` skips a backup with the same fault."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from storage_facts import HAI_DUONG, digest, facts

from cchc_desktop.cli import main
from cchc_desktop.errors import DamagedDatabaseError, InvalidFileError
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.plans import import_plan
from cchc_desktop.storage import open_database
from cchc_desktop.storage.backup import backup_before
from cchc_desktop.storage.migrate import (
    built_schema,
    expected_schema,
    head_revision,
    known_revisions,
)
from cchc_desktop.storage.restore import check_backup_file, newest_good_backup
from cchc_desktop.storage.schema_check import missing_parts
from cchc_desktop.storage.schema_snapshot import SCHEMAS
from cchc_desktop.storage.startup import open_for_app

DAY = dt.datetime(2026, 11, 20, 8, 0)


def test_snapshot_is_what_the_migrations_build() -> None:
    """schema_snapshot.py is up to date: regenerate it with
    ``python -m cchc_desktop.storage.schema_snapshot_tool`` after adding a migration."""
    assert set(SCHEMAS) == known_revisions(), (
        "run python -m cchc_desktop.storage.schema_snapshot_tool"
    )
    for revision in known_revisions():
        assert expected_schema(revision) == built_schema(revision), revision
    assert "plan" in SCHEMAS[head_revision()] and "title" in SCHEMAS[head_revision()]["plan"]


def _sql(path: Path, statement: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def _history(db_path: Path) -> dict[str, object]:
    db = open_for_app(db_path, now=DAY)
    import_plan(db, read_plan_file(HAI_DUONG))
    db.dispose()
    open_for_app(db_path, now=DAY + dt.timedelta(days=1)).dispose()
    return facts(db_path)


def test_dropped_table_refused_on_open_and_in_backups(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 16 item 4: a dropped table passes quick_check but is refused on every open
    (window, reading and writing commands: one line, no traceback); a newer backup with
    the same fault is skipped and ``restore --newest`` brings back the good one."""
    expected = _history(db_path)
    _sql(db_path, "DROP TABLE checkin")
    broken = backup_before(db_path, "truoc-nhap", now=DAY + dt.timedelta(days=1, hours=2))
    state = digest(db_path)
    for attempt in (open_for_app, open_database):
        with pytest.raises(DamagedDatabaseError) as err:
            attempt(db_path)
        assert "thiếu bảng checkin" in err.value.message
    out = db_path.with_name("ke-hoach.docx")
    for command in (["plans"], ["export-plan", "1", "-o", str(out)], ["import", str(HAI_DUONG)]):
        assert main(["--db", str(db_path), *command]) == 1
        line = capsys.readouterr().err
        assert line.count("\n") == 1 and "missing table checkin" in line, line
    assert digest(db_path) == state and not out.exists()

    with pytest.raises(InvalidFileError) as refused:
        check_backup_file(broken)
    assert "thiếu bảng checkin" in refused.value.message
    best = newest_good_backup(db_path)
    assert best is not None and best.name == "cchc-20261121-080000-hang-ngay.sqlite"
    assert main(["--db", str(db_path), "restore", "--newest"]) == 0
    assert "cchc-20261121-080000-hang-ngay.sqlite" in capsys.readouterr().out
    assert facts(db_path) == expected


def test_dropped_column_is_named(db_path: Path) -> None:
    """Issue 16 item 4: a missing column is found too, and named."""
    open_database(db_path).dispose()
    _sql(db_path, "ALTER TABLE plan DROP COLUMN archive")
    conn = sqlite3.connect(db_path)
    try:
        assert missing_parts(conn, expected_schema(head_revision())) == ["column plan.archive"]
    finally:
        conn.close()
    with pytest.raises(DamagedDatabaseError) as err:
        open_database(db_path)
    assert "thiếu cột plan.archive" in err.value.message
