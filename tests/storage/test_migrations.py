"""Schema migrations: upgrade keeps data; a database from a newer version is never touched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from cchc_desktop.errors import DatabaseError
from cchc_desktop.storage import open_database
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.migrate import head_revision, known_revisions, upgrade


def _revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def test_first_revision_filled_then_upgraded_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = Database.for_path(path)
    upgrade(old, "0001")
    old.dispose()
    conn = sqlite3.connect(path)
    conn.executescript("""
        INSERT INTO organization (id, parent, name, abbreviation, place, cutoff_day)
            VALUES (1, 'UBND TỈNH HẢI DƯƠNG', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'SKHCN', 'Hải Dương', 15);
        INSERT INTO plan (id, organization_id, year, number, symbol, issued_on, doc_type, title,
            archive, signer_authority, signer_title, signer_name, appendix_title, created_at,
            updated_at)
            VALUES (1, 1, 2022, '74', 'KH-SKHCN', '2022-01-28', 'KẾ HOẠCH', 'Tuyên truyền',
            'VT, VP', '', 'GIÁM ĐỐC', 'Trần Anh Tuấn', 'PHỤ LỤC', '2022-01-01', '2022-01-01');
        INSERT INTO unit (id, plan_id, position, name, short, kind, active)
            VALUES (1, 1, 0, 'Văn phòng Sở', 'VP', 'unit', 1);
        INSERT INTO task (id, plan_id, position, key, "group", name, product, timeframe_kind,
            timeframe_label, timeframe_values, target_quantity, target_unit, note)
            VALUES (1, 1, 0, 'T1', '', 'Quán triệt kế hoạch', '', 'year', 'Năm 2022', '',
            NULL, '', '');
        INSERT INTO task_unit (task_id, unit_id, role, position) VALUES (1, 1, 'lead', 0);
        INSERT INTO checkin (id, task_id, period, status, progress, result, achieved,
            difficulties, proposals, reported_by_id, reported_on, updated_at)
            VALUES (1, 1, '2022-Q1', 'in_progress', 40, 'Đã họp', NULL, '', '', 1,
            '2022-03-28', '2022-03-28');
        INSERT INTO evidence (id, checkin_id, position, title, file)
            VALUES (1, 1, 0, 'Công văn số 45/SKHCN-VP', '');
    """)
    conn.commit()
    conn.close()
    assert _revision(path) == "0001"

    db = open_database(path)
    assert _revision(path) == head_revision()
    from cchc_desktop.services.plan_read import load_plan

    plan = load_plan(db, 1)
    assert plan.title == "Tuyên truyền"
    assert plan.tasks[0].lead == ["Văn phòng Sở"]
    assert plan.checkins[0].result == "Đã họp"
    assert plan.checkins[0].evidence[0].title == "Công văn số 45/SKHCN-VP"
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT original_name FROM evidence").fetchone() == ("",)
    conn.close()
    backups = list((tmp_path / "backups").glob("*.sqlite"))
    assert len(backups) == 1 and "truoc-nang-cap-0001" in backups[0].name
    assert _revision(backups[0]) == "0001"


def test_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    open_database(path).dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        assert not extra.exists()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    mtime = path.stat().st_mtime_ns
    with pytest.raises(DatabaseError) as err:
        open_database(path)
    assert "newer than this application" in err.value.detail
    assert "mới hơn" in err.value.message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert path.stat().st_mtime_ns == mtime
    assert not path.with_name(path.name + "-wal").exists()


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"hello, this is not sqlite" * 100)
    with pytest.raises(DatabaseError) as err:
        open_database(path)
    assert "not an SQLite database" in err.value.detail
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE foo (x)")
    conn.close()
    with pytest.raises(DatabaseError, match="không phải cơ sở dữ liệu"):
        open_database(other)


def test_new_database_settings(tmp_path: Path) -> None:
    db = open_database(tmp_path / "x.sqlite")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    assert {"0001", "0002"} <= known_revisions()


def test_any_sqlalchemy_url_works_in_memory() -> None:
    db = open_database("sqlite://")
    from cchc_desktop.services.plan_read import list_plans

    assert list_plans(db) == []
