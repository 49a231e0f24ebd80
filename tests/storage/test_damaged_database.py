"""A damaged database is never written to, kept aside, and replaced by the newest good backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from storage_facts import HAI_DUONG, damage, digest, facts

from cchc_desktop.cli import main
from cchc_desktop.errors import DamagedDatabaseError, DatabaseError
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.backups import restore_newest_good_backup
from cchc_desktop.services.plans import import_plan
from cchc_desktop.storage import open_database
from cchc_desktop.storage.backup import backup_before, backups_dir
from cchc_desktop.storage.startup import open_for_app

DAY = dt.datetime(2026, 11, 20, 8, 0)


def _good_history(db_path: Path) -> None:
    db = open_for_app(db_path, now=DAY)  # daily + weekly copies of an empty database
    plan = read_plan_file(HAI_DUONG)
    import_plan(db, plan)
    db.dispose()
    db = open_for_app(db_path, now=DAY + dt.timedelta(days=1))  # daily copy with the plan
    db.dispose()


def test_damaged_database_is_refused_untouched_and_restored(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _good_history(db_path)
    expected = facts(db_path)
    # A newer backup that is itself damaged must be skipped in favour of an older good one.
    broken = backup_before(db_path, "truoc-nhap", now=DAY + dt.timedelta(days=1, hours=1))
    damage(broken)
    damage(db_path)
    state = (digest(db_path), db_path.stat().st_mtime_ns)
    backups_before = sorted(p.name for p in backups_dir(db_path).iterdir())

    for attempt in (open_for_app, open_database):
        with pytest.raises(DamagedDatabaseError) as err:
            attempt(db_path)
        assert err.value.path == str(db_path)
        assert "bị hỏng" in err.value.message
        assert "quick_check" in err.value.detail
    assert main(["--db", str(db_path), "import", str(HAI_DUONG)]) == 1
    assert "failed quick_check" in capsys.readouterr().err
    assert (digest(db_path), db_path.stat().st_mtime_ns) == state  # never written to
    # no daily backup of garbage, no rotation of the good ones
    assert sorted(p.name for p in backups_dir(db_path).iterdir()) == backups_before

    result = restore_newest_good_backup(db_path, now=DAY + dt.timedelta(days=2))
    assert result.source.name == "cchc-20261121-080000-hang-ngay.sqlite"
    assert result.pre_restore_backup is None
    assert result.set_aside is not None
    assert result.set_aside.name == "cchc.sqlite.hong-20261122-080000"
    assert digest(result.set_aside) == state[0]  # the damaged file, kept as it was
    assert facts(db_path) == expected
    db = open_for_app(db_path, now=DAY + dt.timedelta(days=2))
    db.dispose()


def test_damaged_without_any_good_backup(db_path: Path) -> None:
    open_database(db_path).dispose()
    damage_target = db_path
    db = open_database(db_path)
    import_plan(db, read_plan_file(HAI_DUONG))
    db.dispose()
    damage(damage_target)
    state = digest(db_path)
    with pytest.raises(DatabaseError) as err:
        restore_newest_good_backup(db_path)
    assert "no usable backup" in err.value.detail
    assert digest(db_path) == state


def test_cli_restore_newest(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _good_history(db_path)
    damage(db_path)
    assert main(["--db", str(db_path), "restore", "--newest"]) == 0
    out = capsys.readouterr().out
    assert "damaged database kept as" in out
    assert len(list(db_path.parent.glob("cchc.sqlite.hong-*"))) == 1
    assert main(["--db", str(db_path), "plans"]) == 0
