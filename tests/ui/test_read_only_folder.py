"""Folder faults (issue 16, item 6): a read-only data folder, a read-only database file and a
``logs/`` that cannot be made.

The command-line test mounts the data folder read-only for real (``unshare --mount`` and a
read-only bind mount, as a CD or a read-only share is): a permission bit would not stop root,
who runs CI. Where the machine allows no mount namespace, the same commands run in-process
with the OS reporting the folder unwritable (``os.access``), and the same is asserted.

Before the fix, ``cchc plans`` on such a folder said "database failed quick_check" (a damaged
database, and a restore offer that then crashed), exports died on ``logs/`` ("read-only file
system") and the window could not open it at all.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import HAI_DUONG
from tests.helpers import run_cli


def _digest(folder: Path, *, ignore: tuple[str, ...] = ()) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(folder.iterdir())
        if p.name not in ignore
    }


_MOUNT = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" || exit 99; exec "$@"'


def _can_mount(folder: Path) -> bool:
    probe = subprocess.run(
        ["unshare", "--mount", "sh", "-c", _MOUNT, str(folder), "true"], capture_output=True
    )
    return probe.returncode == 0


def _run_read_only(
    folder: Path, *args: str, mount: bool, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> tuple[int, str, str]:
    """``cchc --db folder/cchc.sqlite ARGS`` with ``folder`` read-only for it alone:
    (exit code, stdout, stderr)."""
    argv = ["--db", str(folder / "cchc.sqlite"), *args]
    if mount:
        env = {**os.environ, "CCHC_DATA_DIR": str(folder.parent / "config")}
        done = subprocess.run(
            ["unshare", "--mount", "sh", "-c", _MOUNT, str(folder),
             sys.executable, "-m", "cchc_desktop", *argv],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        return done.returncode, done.stdout, done.stderr
    with monkeypatch.context() as patch:
        _unwritable(patch, folder)
        return run_cli(capsys, *argv)


def _unwritable(patch: pytest.MonkeyPatch, folder: Path) -> None:
    from cchc_desktop.storage import read_only

    real_access = os.access

    def access(path: Any, mode: int) -> bool:
        if mode & os.W_OK and Path(str(path)).resolve().is_relative_to(folder.resolve()):
            return False
        return real_access(path, mode)

    patch.setattr(read_only.os, "access", access)


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    """A data folder holding a database with the Hải Dương plan and nothing else."""
    folder = tmp_path / "data"
    db = folder / "cchc.sqlite"
    subprocess.run(
        [sys.executable, "-m", "cchc_desktop", "--db", str(db), "import", str(HAI_DUONG)],
        check=True, capture_output=True, env={**os.environ, "CCHC_DATA_DIR": str(tmp_path)},
    )  # fmt: skip
    for path in folder.iterdir():  # the lock, the first backup, the log: a bare copy
        if path != db:
            subprocess.run(["rm", "-rf", str(path)], check=True)
    return folder


def test_read_only_folder_is_read_not_called_damaged(  # type: ignore[no-untyped-def]
    stored: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    """Item 6: reading commands work on a read-only data folder (no "quick_check" fault, no
    logs/ crash, nothing created beside the database); writing ones are refused in one line
    that says the folder is read-only; the folder is unchanged."""
    before = _digest(stored)
    mount = _can_mount(stored)
    run = functools.partial(
        _run_read_only, stored, mount=mount, monkeypatch=monkeypatch, capsys=capsys
    )
    code, listed, err = run("plans")
    assert (code, err) == (0, "")
    assert "74/KH-SKHCN" in listed
    out = tmp_path / "out" / "ke-hoach.docx"
    out.parent.mkdir()
    code, _, exported = run("export-plan", "1", "-o", str(out))
    assert (code, exported) == (0, "")
    assert out.stat().st_size > 10_000
    code, _, refused = run("import", str(HAI_DUONG))
    assert code == 1
    assert refused.splitlines() == [
        f"cchc: {stored / 'cchc.sqlite'}: read-only folder: the database can be read and "
        "exported, not written"
    ]
    assert "quick_check" not in refused
    # No -wal, -shm, lock, logs/ or backups/ either (in-process, logging is not fooled by
    # the simulated fault and really writes logs/).
    assert _digest(stored, ignore=() if mount else ("logs",)) == before


def test_the_window_opens_a_read_only_database_read_only(  # type: ignore[no-untyped-def]
    qtbot, stored: Path, monkeypatch, settings
) -> None:
    """Item 6: the window opens a database it cannot write (here: the folder reported
    unwritable by the OS) for reading, says so in its title and status bar, and an edit is
    refused with the Vietnamese read-only message; the file is unchanged."""
    from cchc_desktop.services import plan_edit
    from cchc_desktop.storage.startup import open_for_app

    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    _unwritable(monkeypatch, stored)
    before = _digest(stored)
    db = open_for_app(stored / "cchc.sqlite", allow_read_only=True)
    try:
        assert db.read_only
        win = MainWindow(PlanDocument(db), settings)
        qtbot.addWidget(win)
        win.open_plan(None)
        assert "(chỉ đọc)" in win.windowTitle()
        assert win.read_only_label.text() == "Chỉ đọc: không lưu được thay đổi"
        from cchc_desktop.errors import ReadOnlyError

        with pytest.raises(ReadOnlyError) as caught:
            plan_edit.update_plan_fields(db, win.doc.plan.id, title="Tên mới")
        assert "chỉ cho phép đọc" in caught.value.message
        win.close()
    finally:
        db.dispose()
    assert _digest(stored) == before


def test_logs_that_cannot_be_made_cost_the_log_not_the_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 6: a logs/ that cannot be created (here a file stands in the way; a read-only
    folder behaves the same) neither raises nor prints a logging traceback."""
    from cchc_desktop.logs import configure_logging

    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    path = configure_logging(blocker / "logs")  # the window's eager form
    log = logging.getLogger("cchc_desktop.test_read_only")
    log.info("one line")
    log.info("another")
    assert not path.exists()
    assert "Logging error" not in capsys.readouterr().err
    root = logging.getLogger("cchc_desktop")
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", "") == str(path)]:
        root.removeHandler(handler)


def test_read_only_database_file_is_read_and_refuses_writing(  # type: ignore[no-untyped-def]
    stored: Path, monkeypatch, capsys
) -> None:
    """Item 6: a database file with its read-only flag (a copy from an archive) in a writable
    folder: read through ``mode=ro``, a writing command refused in one line naming the file;
    the database's content unchanged."""
    db_file = stored / "cchc.sqlite"
    before = hashlib.sha256(db_file.read_bytes()).hexdigest()
    _unwritable(monkeypatch, db_file)
    code, out, err = run_cli(capsys, "--db", str(db_file), "plans")
    assert (code, err) == (0, "") and "74/KH-SKHCN" in out
    code, _, err = run_cli(capsys, "--db", str(db_file), "import", str(HAI_DUONG))
    assert code == 1
    assert err.splitlines() == [
        f"cchc: {db_file}: read-only file: the database can be read and exported, not written"
    ]
    assert hashlib.sha256(db_file.read_bytes()).hexdigest() == before
