"""Disk full, read-only and locked at write time (issue 16, item 7).

Database and OS errors are classified once, at the storage boundary (the engine's
``handle_error`` hook and ``atomic``), into the project's user errors (``faults``): the window
and the command line then show one Vietnamese message / one line, never SQL text nor a
traceback. The faults here are real ones: SQLite's own "database or disk is full" (a page
limit), its read-only refusal (``query_only``), a second process holding the database
locked, and ENOSPC injected by strace into the export's write of its temporary file.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from cchc_desktop.domain.model import Task
from cchc_desktop.errors import (
    AccessDeniedError,
    DiskFullError,
    ReadOnlyError,
    StorageBusyError,
    StorageIOError,
    UserError,
)
from cchc_desktop.faults import as_user_error, from_os_error, from_sqlite_error
from cchc_desktop.services import tasks
from cchc_desktop.storage import Database
from tests.conftest import HAI_DUONG
from tests.storage.fault_injection import _env, cchc, strace


def _sqlite_error(code: int, text: str) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), DiskFullError),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), DiskFullError),
        (OSError(errno.EROFS, "Read-only file system"), ReadOnlyError),
        (OSError(errno.EACCES, "Permission denied"), AccessDeniedError),
        (OSError(errno.EBUSY, "Device or resource busy"), StorageBusyError),
        (OSError(errno.EIO, "Input/output error"), StorageIOError),
        (_sqlite_error(13, "database or disk is full"), DiskFullError),
        (_sqlite_error(8, "attempt to write a readonly database"), ReadOnlyError),
        (_sqlite_error(5, "database is locked"), StorageBusyError),
        (_sqlite_error(6, "database table is locked"), StorageBusyError),
        (_sqlite_error(10 | (3 << 8), "disk I/O error"), StorageIOError),
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else None,
)
def test_each_fault_has_its_user_error(exc: BaseException, kind: type[UserError]) -> None:
    """Item 7: the six families (full, read-only, busy/locked, permission, I/O) each map to
    their own user error with a Vietnamese message and an English one-line detail."""
    path = Path("/data/cchc.sqlite")
    fault = from_os_error(exc, path) if isinstance(exc, OSError) else from_sqlite_error(exc, path)
    assert type(fault) is kind
    assert "cchc.sqlite" in fault.message
    assert fault.message != fault.detail and "\n" not in fault.one_line()
    assert re.search("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", fault.message)


def test_a_bug_is_not_a_fault() -> None:
    """Item 7: bad SQL and plain exceptions stay bugs (they still reach the bug report)."""
    assert from_sqlite_error(_sqlite_error(1, "no such column: nope")) is None
    assert as_user_error(ValueError("x")) is None
    assert as_user_error(sqlite3.IntegrityError("UNIQUE constraint failed")) is None


def _task(name: str) -> Task:
    return Task(key="", name=name, lead=["Văn phòng Sở"])


def test_full_database_is_a_disk_full_message_and_nothing_stored(
    db: Database, hai_duong_id: int
) -> None:
    """Item 7: SQLite's own SQLITE_FULL during an edit becomes DiskFullError at the engine
    (no SQL text), and the edit is not half stored."""

    def limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA max_page_count=1")  # clamps to the current size

    event.listen(db.engine, "connect", limit)
    db.engine.dispose()
    with db.reader() as s:
        count = s.connection().exec_driver_sql("SELECT count(*) FROM task").scalar_one()
    with pytest.raises(DiskFullError) as info:
        tasks.add_task(db, hai_duong_id, _task("Nhiệm vụ mới " + "x" * 200_000))
    assert "Ổ đĩa đã đầy" in info.value.message
    assert "INSERT" not in info.value.one_line()
    event.remove(db.engine, "connect", limit)
    db.engine.dispose()
    with db.reader() as s:
        assert s.connection().exec_driver_sql("SELECT count(*) FROM task").scalar_one() == count


def test_read_only_database_edit_is_a_read_only_message(db: Database, hai_duong_id: int) -> None:
    """Item 7: SQLite's SQLITE_READONLY on an edit becomes ReadOnlyError, not SQL text."""

    def read_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only=1")

    event.listen(db.engine, "connect", read_only)
    db.engine.dispose()
    with pytest.raises(ReadOnlyError) as info:
        tasks.add_task(db, hai_duong_id, _task("Nhiệm vụ mới"))
    assert "chỉ cho phép đọc" in info.value.message
    assert "read-only" in info.value.detail


def _holder(db_path: Path) -> subprocess.Popen[str]:
    """A second program holding the database with an exclusive lock until its stdin closes."""
    code = (
        "import sqlite3, sys\n"
        f"c = sqlite3.connect({str(db_path)!r}, isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        "print('held', flush=True)\n"
        "sys.stdin.read()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_import_while_another_program_holds_the_lock_is_one_line(tmp_path: Path) -> None:
    """Item 7: ``cchc import`` while another process holds the database locked prints one
    line (it used to print a 69-line traceback) and stores nothing."""
    db_path = tmp_path / "cchc.sqlite"
    env = _env(tmp_path / "data")
    subprocess.run(cchc(db_path, "init"), env=env, check=True, capture_output=True, timeout=60)
    holder = _holder(db_path)
    try:
        start = time.monotonic()
        done = subprocess.run(
            cchc(db_path, "import", str(HAI_DUONG)),
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        elapsed = time.monotonic() - start
    finally:
        holder.communicate("")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("cchc: ") and "locked by another program" in lines[0]
    assert elapsed < 60
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM plan").fetchone() == (0,)


def _first_write_to(cmd: list[str], marker: str, cwd: Path) -> int:
    """The number of the command's first write(2) into a file whose name holds ``marker``."""
    log = cwd / "writes.log"
    done = subprocess.run(
        [strace(), "-qq", "-y", "-o", str(log), "-e", "trace=write", *cmd],
        cwd=cwd,
        env=_env(cwd / "data"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    for n, line in enumerate(log.read_text("utf-8").splitlines(), start=1):
        assert line.startswith("write("), line
        if marker in line.split(",", 1)[0]:
            return n
    raise AssertionError(f"no write into *{marker}*")


def test_export_on_a_full_disk_is_one_line_and_the_old_file_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 7: ENOSPC while the export writes its document (injected by strace into the
    first write of the temporary file) is one line, no OSError traceback; the previous
    export is untouched and no temporary file is left."""
    db_path = tmp_path / "cchc.sqlite"
    env = _env(tmp_path / "data")
    subprocess.run(
        cchc(db_path, "import", str(HAI_DUONG)), env=env, check=True, capture_output=True
    )
    out = tmp_path / "out"
    out.mkdir()
    target = out / "ke-hoach.docx"
    target.write_bytes(b"the previous export")
    cmd = cchc(db_path, "export-plan", "1", "-o", str(target))
    n = _first_write_to(cmd, ".ke-hoach.docx.", tmp_path)
    target.write_bytes(b"the previous export")
    done = subprocess.run(
        [strace(), "-qq", "-o", os.devnull, "-e", "trace=write",
         "-e", f"inject=write:error=ENOSPC:when={n}", *cmd],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Errno" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines == [f"cchc: {target}: disk full: No space left on device"]
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in out.iterdir()) == ["ke-hoach.docx"]
