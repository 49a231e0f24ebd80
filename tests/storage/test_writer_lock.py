"""One writer: a second copy of the application is told the database is in use; a lock left
by a crashed copy is recovered; reading commands proceed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from storage_facts import HAI_DUONG, facts

from cchc_desktop.cli import main
from cchc_desktop.errors import DatabaseInUseError
from cchc_desktop.storage import lock as lock_mod
from cchc_desktop.storage.lock import (
    WriterLock,
    acquire_writer_lock,
    lock_path,
    pid_alive,
    read_holder,
    this_host,
)
from cchc_desktop.storage.startup import open_for_app

HOLDER = textwrap.dedent(
    """
    import sys, time
    from cchc_desktop.storage.startup import open_for_app
    db = open_for_app(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    db.dispose()
    """
)


@pytest.fixture
def other_copy(db_path: Path):  # type: ignore[no-untyped-def]
    """Another copy of the application holding the database (a real second process)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield proc
    if proc.poll() is None:
        proc.stdin.close()  # type: ignore[union-attr]
        proc.wait(timeout=20)


def test_second_instance_is_told_database_in_use(db_path: Path, other_copy, capsys) -> None:  # type: ignore[no-untyped-def]
    holder = read_holder(lock_path(db_path))
    assert holder is not None and holder.pid == other_copy.pid and holder.host == this_host()
    with pytest.raises(DatabaseInUseError) as err:
        open_for_app(db_path)
    assert "đang được một cửa sổ CCHC Desktop khác sử dụng" in err.value.message
    assert f"PID {other_copy.pid}" in err.value.holder
    # writing commands are refused, reading ones proceed
    assert main(["--db", str(db_path), "import", str(HAI_DUONG)]) == 1
    assert "in use by another copy" in capsys.readouterr().err
    assert facts(db_path)["plan"] == 0
    assert main(["--db", str(db_path), "plans"]) == 0
    copy = db_path.with_name("copy.sqlite")
    assert main(["--db", str(db_path), "backup", "-o", str(copy)]) == 0  # a read
    assert main(["--db", str(db_path), "restore", str(copy)]) == 1  # a write
    assert "in use by another copy" in capsys.readouterr().err
    # once the other copy quits, this one gets the database
    other_copy.stdin.close()
    other_copy.wait(timeout=20)
    db = open_for_app(db_path)
    assert read_holder(lock_path(db_path)).pid == os.getpid()  # type: ignore[union-attr]
    db.dispose()
    assert read_holder(lock_path(db_path)) is None  # released: the text is emptied


def test_lock_of_a_killed_copy_is_recovered(db_path: Path) -> None:
    """SIGKILL leaves the lock file with the dead holder's PID: the OS lock is gone."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    proc.kill()
    proc.wait(timeout=20)
    assert read_holder(lock_path(db_path)).pid == proc.pid  # type: ignore[union-attr]
    db = open_for_app(db_path)
    assert read_holder(lock_path(db_path)).pid == os.getpid()  # type: ignore[union-attr]
    db.dispose()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_lock_without_os_locks(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a file system without OS locks the text decides: a dead PID on this host is stale,
    a live one or another host's is respected."""

    def unsupported(fd: int) -> bool:
        raise OSError(95, "Operation not supported")

    monkeypatch.setattr(lock_mod, "_os_lock", unsupported)
    path = lock_path(db_path)
    dead = _dead_pid()
    assert not pid_alive(dead)
    path.write_text(json.dumps({"pid": dead, "host": this_host(), "since": "hôm qua"}))
    lock = WriterLock(db_path).acquire()
    assert read_holder(path).pid == os.getpid()  # type: ignore[union-attr]
    lock.release()

    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        path.write_text(json.dumps({"pid": alive.pid, "host": this_host(), "since": "x"}))
        with pytest.raises(DatabaseInUseError):
            WriterLock(db_path).acquire()
    finally:
        alive.kill()
        alive.wait()
    path.write_text(json.dumps({"pid": dead, "host": "MAY-KHAC", "since": "x"}))
    with pytest.raises(DatabaseInUseError) as err:
        WriterLock(db_path).acquire()
    assert "MAY-KHAC" in err.value.holder


def test_lock_is_reentrant_in_one_process(db_path: Path) -> None:
    first = acquire_writer_lock(db_path)
    second = acquire_writer_lock(db_path)
    assert first is second
    second.release()
    assert first.held
    first.release()
    assert not first.held
    assert pid_alive(os.getpid())
    assert not pid_alive(0)


def test_cli_write_commands_release_the_lock(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(db_path), "import", str(HAI_DUONG)]) == 0
    assert capsys.readouterr().out.strip() == "1"
    assert read_holder(lock_path(db_path)) is None  # released when the command ended
    proc = subprocess.run(
        [sys.executable, "-m", "cchc_desktop", "--db", str(db_path), "import", str(HAI_DUONG)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "2"
