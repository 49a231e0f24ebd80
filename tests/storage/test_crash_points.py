"""Crash points by fault injection: ``cchc restore`` and ``cchc backup`` are killed with
SIGKILL on entering each of their rename/unlink calls in turn (strace, see fault_injection).
After every kill the database holds either its old state (including a transaction committed
by a writer that died with it still in ``-wal``) or the restored one, never less."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fault_injection import cchc, crash_points, run_killed
from storage_facts import HAI_DUONG

from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.backups import make_backup
from cchc_desktop.services.plans import import_plan
from cchc_desktop.storage import open_database

OLD = ["Bản A", "Bản B sửa"]  # the live database, its last edit only in -wal
RESTORED = ["Bản A"]  # the backup being restored

# A writer that commits an edit and dies before any checkpoint: the edit stays in -wal.
WAL_EDIT = textwrap.dedent(
    """
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1])
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE plan SET title = 'Bản B sửa' WHERE title = 'Bản B'")
    conn.commit()
    os._exit(0)
    """
)


def _titles(path: Path) -> list[str]:
    """What the next start would see: a read-write open (replays -wal), integrity checked."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], path
        return [r[0] for r in conn.execute("SELECT title FROM plan ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """A folder: cchc.sqlite (+ -wal holding a committed edit) and saved.sqlite (a backup)."""
    folder = tmp_path / "template"
    folder.mkdir()
    db_path = folder / "cchc.sqlite"
    db = open_database(db_path)
    for title in ("Bản A", "Bản B"):
        plan = read_plan_file(HAI_DUONG)
        plan.title = title
        import_plan(db, plan)
        if title == "Bản A":
            make_backup(db_path, folder / "saved.sqlite")
    db.dispose()
    subprocess.run([sys.executable, "-c", WAL_EDIT, str(db_path)], check=True)
    wal = db_path.with_name("cchc.sqlite-wal")
    assert wal.stat().st_size > 0, "the edit must be in -wal only"
    return folder


def _fresh(template: Path, tmp_path: Path, name: str) -> Path:
    work = tmp_path / name
    shutil.copytree(template, work)
    (work / "data").mkdir(exist_ok=True)
    return work


def _walk(template: Path, tmp_path: Path, args: tuple[str, ...], check) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Kill the command at each of its crash points; ``check(folder)`` after each."""
    probe = _fresh(template, tmp_path, "probe")
    points = crash_points(cchc(probe / "cchc.sqlite", *args), probe)
    assert points, "no rename/unlink seen: the tracing does not work"
    held = 0
    for i, (call, n, text) in enumerate(points):
        work = _fresh(template, tmp_path, f"kill-{i}")
        done = run_killed(cchc(work / "cchc.sqlite", *args), call, n, work)
        assert done.returncode == -9, f"{call}#{n} ({text}) was not reached: {done.stderr}"
        check(work, f"{call}#{n} {text}")
        held += 1
    print(f"crash points of cchc {' '.join(args)}: {len(points)} tried, {held} held")
    return len(points), held


def test_restore_crash_points_keep_old_or_restored_state(template: Path, tmp_path: Path) -> None:
    """Issue 16 item 1: a kill at any rename/unlink of restore (the -wal removal before the
    rename into place included) never drops the live database's committed WAL data."""

    def check(work: Path, where: str) -> None:
        titles = _titles(work / "cchc.sqlite")
        assert titles in (OLD, RESTORED), f"killed at {where}: {titles}"
        if titles == OLD:
            return
        # restored: the state it replaced is in the pre-restore backup
        before = sorted((work / "backups").glob("*truoc-phuc-hoi.sqlite"))
        assert before and _titles(before[-1]) == OLD, f"killed at {where}"

    tried, held = _walk(template, tmp_path, ("restore", "saved.sqlite"), check)
    assert tried >= 4 and held == tried
    # and without a kill it restores
    work = _fresh(template, tmp_path, "whole")
    subprocess.run(cchc(work / "cchc.sqlite", "restore", "saved.sqlite"), cwd=work, check=True)
    assert _titles(work / "cchc.sqlite") == RESTORED


def test_backup_crash_points_leave_old_file_or_whole_copy(template: Path, tmp_path: Path) -> None:
    """Issue 16 item 1 (backup side): a kill at any rename/unlink of ``cchc backup -o FILE``
    leaves FILE as it was or a whole copy, and the database untouched."""

    def check(work: Path, where: str) -> None:
        assert _titles(work / "saved.sqlite") in (OLD, RESTORED), f"killed at {where}"
        assert _titles(work / "cchc.sqlite") == OLD, f"killed at {where}"

    tried, held = _walk(template, tmp_path, ("backup", "-o", "saved.sqlite"), check)
    assert tried >= 2 and held == tried


def test_manual_backup_crash_points(template: Path, tmp_path: Path) -> None:
    """Issue 16 item 1 (backup side): a kill at any rename/unlink of ``cchc backup`` leaves
    no half copy under a backup's name in backups/."""

    def check(work: Path, where: str) -> None:
        for copy in (work / "backups").glob("*-thu-cong*.sqlite"):
            assert _titles(copy) == OLD, f"killed at {where}: {copy.name}"
        assert _titles(work / "cchc.sqlite") == OLD, f"killed at {where}"

    tried, held = _walk(template, tmp_path, ("backup",), check)
    assert tried >= 2 and held == tried


def test_restore_newest_of_a_damaged_database_crash_points(tmp_path: Path) -> None:
    """Issue 16 item 1 (damaged database): a kill at any rename/unlink of ``restore
    --newest`` leaves the damaged file in place (never a missing database that the next
    start would create anew) or the restored one, and a copy aside is always whole."""
    from storage_facts import damage, digest

    from cchc_desktop.storage.startup import open_for_app

    folder = tmp_path / "template"
    folder.mkdir()
    db_path = folder / "cchc.sqlite"
    db = open_for_app(db_path)  # the daily backup: the good copy
    plan = read_plan_file(HAI_DUONG)
    plan.title = "Bản A"
    import_plan(db, plan)
    db.dispose()
    (good,) = (folder / "backups").glob("*-hang-ngay.sqlite")
    make_backup(db_path, good)  # the daily copy now holds the plan
    damage(db_path)
    damaged = digest(db_path)

    def check(work: Path, where: str) -> None:
        db_file = work / "cchc.sqlite"
        assert db_file.exists(), f"killed at {where}: no database"
        if digest(db_file) != damaged:
            assert _titles(db_file) == RESTORED, f"killed at {where}"
        for aside in work.glob("cchc.sqlite.hong-*"):
            if not aside.name.endswith(".part"):
                assert digest(aside) == damaged, f"killed at {where}: {aside.name}"

    tried, held = _walk(folder, tmp_path, ("restore", "--newest"), check)
    assert tried >= 2 and held == tried
