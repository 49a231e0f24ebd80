"""Folder faults (issue 16, item 6): a file named ``backups`` where the backups folder goes
used to crash with FileExistsError; it is now one line naming the folder, and nothing is
stored (the edit waits for its safety backup)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cchc_desktop.errors import NotAFolderError
from cchc_desktop.faults import from_os_error
from tests.conftest import HAI_DUONG
from tests.helpers import run_cli


def test_backups_being_a_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 6: ``backups`` being a file gives one English line on the command line (no
    FileExistsError traceback), for ``backup`` and for an import, which stores nothing."""
    data = tmp_path / "data"
    data.mkdir()
    db = data / "cchc.sqlite"
    assert run_cli(capsys, "--db", str(db), "init")[0] == 0
    shutil.rmtree(data / "backups", ignore_errors=True)  # init may have made it
    (data / "backups").write_text("not a folder")
    for argv in (["backup"], ["import", str(HAI_DUONG)]):
        code, _out, err = run_cli(capsys, "--db", str(db), *argv)
        assert code == 1
        assert "Traceback" not in err
        assert err.strip().splitlines() == [
            f"cchc: {data / 'backups'}: a file stands where a folder is needed: File exists"
        ]
    assert (data / "backups").read_text() == "not a folder"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM plan").fetchone() == (0,)


def test_not_a_folder_has_its_vietnamese_message() -> None:
    """Item 6: the window's message for a file where a folder should be (EEXIST, ENOTDIR)."""
    for code in (17, 20):
        fault = from_os_error(OSError(code, "x"), Path("/data/backups"))
        assert isinstance(fault, NotAFolderError)
        assert fault.message.startswith("backups phải là một thư mục nhưng đang là một tệp.")
