"""What a killed restore, backup or export left behind is removed at the next start (or the
next write of the same file): our own names only, older than the process only."""

from __future__ import annotations

import os
import time
from pathlib import Path

from storage_facts import HAI_DUONG, facts

from cchc_desktop.cli import main
from cchc_desktop.storage import open_database
from cchc_desktop.storage.backup import backups_dir
from cchc_desktop.storage.startup import open_for_app


def _left(path: Path, content: bytes = b"half a copy", *, old: bool = True) -> Path:
    path.write_bytes(content)
    if old:  # written by a process that was killed an hour ago
        past = time.time() - 3600
        os.utime(path, (past, past))
    return path


def test_next_start_removes_what_a_killed_process_left(db_path: Path) -> None:
    """Issue 16 item 9: stale .cchc-restore-* copies beside the database and .part /
    .part-journal files in backups/ are removed by the next start; files that are not ours,
    and ours newer than the process, stay."""
    open_database(db_path).dispose()
    folder, backups = db_path.parent, backups_dir(db_path)
    backups.mkdir(exist_ok=True)
    gone = [
        _left(folder / ".cchc-restore-k3j2h1.sqlite"),
        _left(folder / ".cchc-restore-k3j2h1.sqlite-journal"),
        _left(folder / "cchc.sqlite.hong-20261120-080000.part"),
        _left(backups / "cchc-20261120-080000-hang-ngay.sqlite.part"),
        _left(backups / "cchc-20261120-080000-hang-ngay.sqlite.part-journal"),
        _left(backups / ".cchc-20261120-080000-thu-cong.sqlite.x1y2z3.part"),
        _left(backups / ".cchc-20261120-080000-thu-cong.sqlite.x1y2z3.part-journal"),
    ]
    kept = [
        _left(folder / "ghi-chu.part"),  # not a name of ours
        _left(backups / "bao-cao.sqlite.part"),
        _left(folder / ".cchc-restore-new.sqlite", old=False),  # a restore under way
        _left(backups / ".cchc-20261206-thu-cong.sqlite.a1.part", old=False),
    ]
    open_for_app(db_path).dispose()
    assert [p.name for p in gone if p.exists()] == []
    assert [p.name for p in kept if not p.exists()] == []


def test_stale_part_does_not_break_backup_to_file(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 16 item 9: a non-SQLite FILE.part (or an older backup's temporary file) left
    by a kill never makes ``backup -o FILE`` fail with "file is not a database"."""
    assert main(["--db", str(db_path), "import", str(HAI_DUONG)]) == 0
    target = tmp_path / "out" / "sao-luu.sqlite"
    target.parent.mkdir()
    fresh = _left(target.with_name("sao-luu.sqlite.part"), b"not a database", old=False)
    stale = _left(target.with_name(".sao-luu.sqlite.q9w8e7.part"), b"not a database")
    capsys.readouterr()
    assert main(["--db", str(db_path), "backup", "-o", str(target)]) == 0, capsys.readouterr()
    assert facts(target)["plan"] == 1
    assert not stale.exists()
    assert sorted(p.name for p in target.parent.iterdir()) == sorted([target.name, fresh.name])
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)


def test_export_removes_its_stale_temporary_file(db_path: Path, tmp_path: Path) -> None:
    """Issue 16 item 9: a ``.NAME.*.tmp`` left in the export folder by a killed export is
    removed by the next export to NAME; another program's file stays."""
    assert main(["--db", str(db_path), "import", str(HAI_DUONG)]) == 0
    out = tmp_path / "xuat"
    out.mkdir()
    stale = _left(out / ".ke-hoach.json.a8s7d6.tmp")
    other = _left(out / ".bang-tinh.xlsx.tmp")
    assert main(["--db", str(db_path), "export-json", "1", "-o", str(out / "ke-hoach.json")]) == 0
    assert not stale.exists() and other.exists()
    assert sorted(p.name for p in out.iterdir()) == [".bang-tinh.xlsx.tmp", "ke-hoach.json"]
