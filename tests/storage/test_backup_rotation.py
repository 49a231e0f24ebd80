"""Daily/weekly/pre-operation backups: names, listing, rotation with an injected clock."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from cchc_desktop.services.backups import list_backups as list_entries
from cchc_desktop.storage import open_database
from cchc_desktop.storage.backup import (
    KEEP_BEFORE,
    KEEP_DAILY,
    KEEP_WEEKLY,
    backup_before,
    backups_dir,
    daily_backup,
    list_backups,
    manual_backup,
    parse_backup_name,
    rotate,
)
from cchc_desktop.storage.restore import check_backup_file
from cchc_desktop.storage.startup import open_for_app

MONDAY = dt.datetime(2026, 11, 2, 8, 30)


def _made_db(db_path: Path) -> Path:
    open_database(db_path).dispose()
    return db_path


def test_names_say_when_and_why(db_path: Path) -> None:
    _made_db(db_path)
    made = daily_backup(db_path, now=MONDAY)
    before = backup_before(db_path, "truoc-nhap", now=MONDAY)
    again = backup_before(db_path, "nhap", now=MONDAY)  # same second, prefix added
    manual = manual_backup(db_path, now=MONDAY + dt.timedelta(hours=1))
    names = sorted(p.name for p in (*made, before, again, manual))
    assert names == [
        "cchc-20261102-083000-hang-ngay.sqlite",
        "cchc-20261102-083000-hang-tuan.sqlite",
        "cchc-20261102-083000-truoc-nhap.sqlite",
        "cchc-20261102-083000-truoc-nhap_2.sqlite",
        "cchc-20261102-093000-thu-cong.sqlite",
    ]
    kinds = {b.path.name: (b.kind, b.label) for b in list_backups(db_path)}
    assert kinds["cchc-20261102-083000-hang-ngay.sqlite"] == ("daily", "Tự động hằng ngày")
    assert kinds["cchc-20261102-083000-hang-tuan.sqlite"] == ("weekly", "Tự động hằng tuần")
    assert kinds["cchc-20261102-083000-truoc-nhap_2.sqlite"] == (
        "before",
        "Trước khi nhập kế hoạch",
    )
    assert kinds["cchc-20261102-093000-thu-cong.sqlite"] == ("manual", "Sao lưu thủ công")
    assert list_backups(db_path)[0].path == manual  # newest first
    assert parse_backup_name(Path("cchc-20261102-083000-truoc-nang-cap-0001.sqlite")) == (
        dt.datetime(2026, 11, 2, 8, 30),
        "before",
        "truoc-nang-cap-0001",
    )
    assert parse_backup_name(Path("notes.sqlite")) is None
    assert parse_backup_name(Path("cchc-20261399-083000-hang-ngay.sqlite")) is None


def test_backup_is_a_standalone_checked_copy(db_path: Path) -> None:
    _made_db(db_path)
    (copy,) = [p for p in daily_backup(db_path, now=MONDAY) if "ngay" in p.name]
    assert copy.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: no -wal to carry
    assert check_backup_file(copy)  # a known revision
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_one_daily_a_day_and_one_weekly_a_week(db_path: Path) -> None:
    _made_db(db_path)
    assert len(daily_backup(db_path, now=MONDAY)) == 2  # daily + weekly
    assert daily_backup(db_path, now=MONDAY + dt.timedelta(hours=5)) == []
    tuesday = daily_backup(db_path, now=MONDAY + dt.timedelta(days=1))
    assert [p.name for p in tuesday] == ["cchc-20261103-083000-hang-ngay.sqlite"]
    next_monday = daily_backup(db_path, now=MONDAY + dt.timedelta(days=7))
    assert sorted(p.name.split("-")[-1] for p in next_monday) == ["ngay.sqlite", "tuan.sqlite"]


def test_rotation_over_ten_weeks_keeps_7_daily_8_weekly_and_manual(db_path: Path) -> None:
    _made_db(db_path)
    manual = manual_backup(db_path, now=MONDAY - dt.timedelta(days=30))
    for day in range(70):
        now = MONDAY + dt.timedelta(days=day, minutes=day)
        daily_backup(db_path, now=now)
        daily_backup(db_path, now=now + dt.timedelta(hours=3))  # a second start that day
    found = list_backups(db_path)
    daily = [b.taken_at.date() for b in found if b.kind == "daily"]
    weekly = [b.taken_at.date() for b in found if b.kind == "weekly"]
    last = (MONDAY + dt.timedelta(days=69)).date()
    assert daily == [last - dt.timedelta(days=i) for i in range(KEEP_DAILY)]
    assert len(weekly) == KEEP_WEEKLY
    assert all(d.weekday() == 0 for d in weekly)  # the first start of each week: Monday
    assert weekly[0] == (MONDAY + dt.timedelta(days=63)).date()
    assert weekly[-1] == (MONDAY + dt.timedelta(days=14)).date()
    assert manual.exists()  # never rotated


def test_pre_operation_copies_are_capped(db_path: Path) -> None:
    _made_db(db_path)
    for i in range(KEEP_BEFORE + 5):
        backup_before(db_path, "truoc-nhap", now=MONDAY + dt.timedelta(minutes=i))
    before = [b for b in list_backups(db_path) if b.kind == "before"]
    assert len(before) == KEEP_BEFORE
    assert before[-1].taken_at == MONDAY + dt.timedelta(minutes=5)  # the 5 oldest went


def test_stale_partial_copies_are_cleaned(db_path: Path) -> None:
    _made_db(db_path)
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    old = folder / "cchc-20261101-080000-hang-ngay.sqlite.part"
    fresh = folder / "cchc-20261102-080000-hang-ngay.sqlite.part"
    other = folder / "notes.txt"
    for p in (old, fresh, other):
        p.write_bytes(b"x")
    stamp = (MONDAY - dt.timedelta(hours=2)).timestamp()
    os.utime(old, (stamp, stamp))
    stamp = (MONDAY - dt.timedelta(minutes=10)).timestamp()
    os.utime(fresh, (stamp, stamp))
    assert rotate(db_path, now=MONDAY) == [old]
    assert fresh.exists() and other.exists()


def test_open_for_app_makes_the_daily_backup(db_path: Path) -> None:
    db = open_for_app(db_path, now=MONDAY)
    db.dispose()
    db = open_for_app(db_path, now=MONDAY + dt.timedelta(hours=2))
    db.dispose()
    entries = list_entries(db_path)
    assert [(e.kind, e.date_text) for e in entries] == [
        ("weekly", "02/11/2026 08:30"),
        ("daily", "02/11/2026 08:30"),
    ] or [(e.kind, e.date_text) for e in entries] == [
        ("daily", "02/11/2026 08:30"),
        ("weekly", "02/11/2026 08:30"),
    ]
    assert entries[0].size_text.endswith("KB")


def test_backup_kinds_are_an_enum_read_from_the_name() -> None:
    from cchc_desktop.storage.backup import BackupKind

    names = {
        "cchc-20261102-083000-hang-ngay.sqlite": BackupKind.DAILY,
        "cchc-20261102-083000-hang-tuan.sqlite": BackupKind.WEEKLY,
        "cchc-20261102-083000-truoc-nhap.sqlite": BackupKind.BEFORE,
        "cchc-20261102-083000-thu-cong.sqlite": BackupKind.MANUAL,
    }
    for name, kind in names.items():
        parsed = parse_backup_name(Path(name))
        assert parsed is not None and parsed[1] is kind, name
    assert BackupKind.DAILY == "daily"  # `cchc backups` prints the same words as before
