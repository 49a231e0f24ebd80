"""An existing empty (0-byte) or non-database file is never initialised over: it is refused
like a damaged one, and the newest good backup is what restore offers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from storage_facts import HAI_DUONG, facts

from cchc_desktop.cli import main
from cchc_desktop.errors import DamagedDatabaseError
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.plans import import_plan
from cchc_desktop.storage import open_database
from cchc_desktop.storage.backup import backups_dir
from cchc_desktop.storage.restore import newest_good_backup
from cchc_desktop.storage.startup import open_for_app

DAY = dt.datetime(2026, 11, 20, 8, 0)


def _history(db_path: Path) -> dict[str, object]:
    db = open_for_app(db_path, now=DAY)
    import_plan(db, read_plan_file(HAI_DUONG))
    db.dispose()
    open_for_app(db_path, now=DAY + dt.timedelta(days=1)).dispose()  # daily copy with the plan
    return facts(db_path)


@pytest.mark.parametrize("content", [b"", b"ghi chu cua van thu\n"], ids=["empty", "text"])
def test_empty_or_foreign_file_is_never_initialised(db_path: Path, content: bytes, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 16 item 3: a 0-byte (or non-SQLite) database beside good backups is refused by
    the window's open, the reading and the writing commands, left as it is, and
    ``restore --newest`` brings back the newest good backup."""
    expected = _history(db_path)
    db_path.write_bytes(content)
    backups = sorted(p.name for p in backups_dir(db_path).iterdir())
    for attempt in (open_for_app, open_database):
        with pytest.raises(DamagedDatabaseError) as err:
            attempt(db_path)
        assert err.value.path == str(db_path)
    assert ("rỗng" if not content else "bị hỏng") in err.value.message
    for command in (["plans"], ["import", str(HAI_DUONG)], ["init"]):
        assert main(["--db", str(db_path), *command]) == 1
        line = capsys.readouterr().err
        assert line.count("\n") == 1 and str(db_path) in line
    assert db_path.read_bytes() == content  # never initialised
    assert sorted(p.name for p in backups_dir(db_path).iterdir()) == backups
    best = newest_good_backup(db_path)
    assert best is not None and best.name == "cchc-20261121-080000-hang-ngay.sqlite"
    assert main(["--db", str(db_path), "restore", "--newest"]) == 0
    assert facts(db_path) == expected


def test_empty_file_without_backups_starts_fresh(db_path: Path) -> None:
    """An empty file with no backup at all holds nothing to lose (a first start killed
    before its first write): it is initialised as a new database."""
    db_path.write_bytes(b"")
    open_for_app(db_path).dispose()
    assert facts(db_path)["plan"] == 0 and db_path.stat().st_size > 0
