"""Restore: checked first, current data backed up first, works with live WAL files, and a
backup taken before a migration comes back and migrates again."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from storage_facts import HAI_DUONG, digest, facts

from cchc_desktop.cli import main
from cchc_desktop.errors import InvalidFileError
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.backups import make_backup, restore_backup
from cchc_desktop.services.plans import import_plan
from cchc_desktop.storage import open_database
from cchc_desktop.storage.backup import list_backups
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.migrate import head_revision, upgrade

NOW = dt.datetime(2026, 11, 22, 9, 0)


def _db_with_plan(db_path: Path, title: str = "") -> Path:
    db = open_database(db_path)
    plan = read_plan_file(HAI_DUONG)
    if title:
        plan.title = title
    import_plan(db, plan)
    db.dispose()
    return db_path


def test_restore_round_trip_backs_up_current_first(db_path: Path, tmp_path: Path) -> None:
    _db_with_plan(db_path, "Bản A")
    saved = make_backup(db_path, tmp_path / "a.sqlite")
    _db_with_plan(db_path, "Bản B")
    assert facts(db_path)["titles"] == ["Bản A", "Bản B"]
    result = restore_backup(db_path, saved, now=NOW)
    assert facts(db_path)["titles"] == ["Bản A"]
    assert result.pre_restore_backup is not None
    assert result.pre_restore_backup.name == "cchc-20261122-090000-truoc-phuc-hoi.sqlite"
    assert facts(result.pre_restore_backup)["titles"] == ["Bản A", "Bản B"]
    assert result.set_aside is None
    # and the restore can be undone with the copy it made
    restore_backup(db_path, result.pre_restore_backup, now=NOW + dt.timedelta(minutes=1))
    assert facts(db_path)["titles"] == ["Bản A", "Bản B"]


def test_restore_with_live_wal_files(db_path: Path, tmp_path: Path) -> None:
    """A crashed writer leaves committed transactions in -wal: they are in the pre-restore
    copy, and the old -wal is never replayed into the restored file."""
    _db_with_plan(db_path, "Bản A")
    saved = make_backup(db_path, tmp_path / "a.sqlite")
    code = textwrap.dedent(
        f"""
        import os, sqlite3
        conn = sqlite3.connect({str(db_path)!r})
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("UPDATE plan SET title = 'Chỉ có trong WAL'")
        conn.commit()
        os._exit(0)  # no checkpoint, no cleanup: the -wal keeps the commit
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    result = restore_backup(db_path, saved, now=NOW)
    assert facts(db_path)["titles"] == ["Bản A"]
    assert result.pre_restore_backup is not None
    assert facts(result.pre_restore_backup)["titles"] == ["Chỉ có trong WAL"]
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_restore_a_backup_taken_before_a_migration(db_path: Path) -> None:
    old = Database.for_path(db_path)
    upgrade(old, "0001")
    with old.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO organization (id, parent, name, abbreviation, place, cutoff_day) "
            "VALUES (1, 'UBND TỈNH', 'SỞ KH&CN', 'SKHCN', 'Hải Dương', 15)"
        )
        conn.exec_driver_sql(
            "INSERT INTO plan (id, organization_id, year, number, symbol, issued_on, doc_type, "
            "title, archive, signer_authority, signer_title, signer_name, appendix_title, "
            "created_at, updated_at) VALUES (1, 1, 2022, '74', 'KH-SKHCN', '', 'KẾ HOẠCH', "
            "'Kế hoạch 0001', '', '', '', '', '', '2022-01-01', '2022-01-01')"
        )
    old.dispose()
    assert facts(db_path)["revision"] == "0001"
    open_database(db_path).dispose()  # opened normally: backed up, then migrated
    (pre,) = [b for b in list_backups(db_path) if b.tag == "truoc-nang-cap-0001"]
    assert pre.label == "Trước khi nâng cấp dữ liệu"
    assert facts(pre.path)["revision"] == "0001"
    assert facts(db_path)["revision"] == head_revision()
    db = open_database(db_path)
    import_plan(db, read_plan_file(HAI_DUONG))  # data written after the migration
    db.dispose()
    result = restore_backup(db_path, pre.path, now=NOW)
    assert result.revision == "0001"
    after = facts(db_path)
    assert after["revision"] == head_revision()  # migrated again at once
    assert after["titles"] == ["Kế hoạch 0001"]
    conn = sqlite3.connect(db_path)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(evidence)")]
    conn.close()
    assert "original_name" in cols  # migration 0002 ran on the restored file


def _newer_revision(path: Path) -> Path:
    _db_with_plan(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    return path


def _foreign_sqlite(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE plan (x)")
    conn.execute("INSERT INTO plan VALUES (1)")
    conn.commit()
    conn.close()
    return path


def _random_bytes(path: Path) -> Path:
    path.write_bytes(os.urandom(64 * 1024))
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _damaged_backup(path: Path) -> Path:
    from storage_facts import damage

    _db_with_plan(path)
    damage(path)
    return path


def _fake_header(path: Path) -> Path:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    return path


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (_random_bytes, "not an SQLite database"),
        (_fake_header, "integrity_check"),
        (_foreign_sqlite, "without a CCHC Desktop schema revision"),
        (_newer_revision, "newer than this application"),
        (_damaged_backup, "integrity_check"),
        (_empty, "not an SQLite database"),
    ],
)
def test_restore_refuses_what_is_not_a_valid_backup(
    db_path: Path,
    tmp_path: Path,
    make,
    why: str,  # type: ignore[no-untyped-def]
) -> None:
    _db_with_plan(db_path, "Bản hiện tại")
    before_digest, before_backups = digest(db_path), list_backups(db_path)
    bad = make(tmp_path / "bad.sqlite")
    with pytest.raises(InvalidFileError) as err:
        restore_backup(db_path, bad, now=NOW)
    assert why in err.value.detail
    assert err.value.file == str(bad)
    assert err.value.message  # Vietnamese for the window
    assert digest(db_path) == before_digest  # untouched
    assert list_backups(db_path) == before_backups  # not even a pre-restore copy
    assert not list(db_path.parent.glob(".cchc-restore-*"))


def test_cli_backup_and_restore(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _db_with_plan(db_path, "Bản A")
    out = tmp_path / "copy.sqlite"
    assert main(["--db", str(db_path), "backup", "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    _db_with_plan(db_path, "Bản B")
    assert main(["--db", str(db_path), "restore", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "previous database backed up to" in printed and "restored" in printed
    assert facts(db_path)["titles"] == ["Bản A"]
    junk = _random_bytes(tmp_path / "junk.sqlite")
    assert main(["--db", str(db_path), "restore", str(junk)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"cchc: {junk}: not an SQLite database")
    assert main(["--db", str(db_path), "backup"]) == 0  # into the backups folder
    assert "thu-cong" in capsys.readouterr().out
    assert main(["--db", str(db_path), "backups"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert any("\tmanual\t" in line for line in listing)
    assert any("\tbefore\t" in line and "truoc-phuc-hoi" in line for line in listing)
