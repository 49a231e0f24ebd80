"""Smaller faults: migrations serialised under the writer lock, the database's file mode
kept by a restore, and a newer-schema database left with nothing created beside it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from storage_facts import HAI_DUONG, facts

from cchc_desktop.cli import main
from cchc_desktop.errors import DatabaseError
from cchc_desktop.services.backups import make_backup, restore_backup
from cchc_desktop.storage import migrate, open_database
from cchc_desktop.storage.backup import list_backups
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.migrate import head_revision, upgrade

# Another copy of the application holding the writer lock (without opening the database).
HOLDER = textwrap.dedent(
    """
    import sys
    from cchc_desktop.storage.lock import acquire_writer_lock
    lock = acquire_writer_lock(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    lock.release()
    """
)


def _old_database(path: Path) -> None:
    db = Database.for_path(path)
    upgrade(db, "0001")
    db.dispose()


def _revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def test_migration_waits_for_the_lock(db_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 16 item 10: a reading command never migrates an old database while another copy
    holds the writer lock (it waits, then says so in one line); once free, it migrates."""
    _old_database(db_path)
    monkeypatch.setattr(migrate, "MIGRATION_WAIT_S", 0.5)
    other = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "ready"
        assert main(["--db", str(db_path), "plans"]) == 1
        line = capsys.readouterr().err
        assert "in use by another copy" in line and line.count("\n") == 1
        assert _revision(db_path) == "0001"
    finally:
        other.stdin.close()  # type: ignore[union-attr]
        other.wait(timeout=30)
    assert main(["--db", str(db_path), "plans"]) == 0
    assert _revision(db_path) == head_revision()


def test_concurrent_first_opens_of_an_old_database(db_path: Path) -> None:
    """Issue 16 item 10: four commands open an old database at once: all succeed, the
    migrations run once (one pre-migration backup), no "duplicate column name"."""
    _old_database(db_path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "cchc_desktop", "--db", str(db_path), "plans"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert [code for code, _err in results] == [0, 0, 0, 0], results
    assert _revision(db_path) == head_revision()
    before = [b for b in list_backups(db_path) if b.tag == "truoc-nang-cap-0001"]
    assert len(before) == 1


def test_restore_keeps_the_file_mode(db_path: Path, tmp_path: Path) -> None:
    """Issue 16 item 10: restore leaves the database with the mode it had (not 0600)."""
    assert main(["--db", str(db_path), "import", str(HAI_DUONG)]) == 0
    saved = make_backup(db_path, tmp_path / "saved.sqlite")
    os.chmod(db_path, 0o640)
    restore_backup(db_path, saved)
    assert db_path.stat().st_mode & 0o777 == 0o640
    assert facts(db_path)["plan"] == 1


def test_newer_schema_gets_nothing_created_beside_it(db_path: Path) -> None:
    """Issue 16 item 10: a database of a newer version is refused with no -wal/-shm created
    beside it, and its bytes unchanged."""
    open_database(db_path).dispose()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    beside = sorted(p.name for p in db_path.parent.iterdir() if p.is_file())
    assert beside == ["cchc.sqlite", "cchc.sqlite.lock"]
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError) as err:
        open_database(db_path)
    assert "mới hơn" in err.value.message
    assert sorted(p.name for p in db_path.parent.iterdir() if p.is_file()) == beside
    assert db_path.read_bytes() == before
