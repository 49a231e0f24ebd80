"""One writer per database: a lock file beside it (``cchc.sqlite.lock``) naming the holder.

SQLite alone would let two windows interleave their edits, each one overwriting what the
other shows. The first copy of the application to open the database for writing holds an
operating-system lock on the lock file for as long as it runs (``flock`` on POSIX, a byte
range lock on Windows); the OS drops it when the process ends, however it ends, so a crash
never leaves the database locked. The file's text (PID, host, time) only explains to the
second copy who holds it.

Where the file system refuses OS locks (some network shares), the text is the lock: a
holder on this host whose PID is no longer alive is stale and is taken over; a holder on
another host is respected.

Locks are re-entrant within a process (the window restoring a backup takes the lock it
already holds).

The lock follows the file, not the name it is reached by: the lock file sits beside the
resolved path (symlinks to the file or to a folder on the way meet the same lock), and a
database file with a second hard link is refused for writing. Two names of one inode would
each get their own lock *and* their own ``-wal`` (SQLite names it after the path it was
given), so edits made through one name would be lost to the other.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc_desktop.errors import DatabaseError, DatabaseInUseError

LOCK_SUFFIX = ".lock"
# Windows locks bytes, and a locked byte cannot be read by others: lock one far past the text.
_WIN_LOCK_OFFSET = 1 << 30

_held: dict[str, WriterLock] = {}
_held_guard = threading.Lock()


def canonical(db_path: Path) -> Path:
    """The path of the file itself: symlinks (of the file and of its folders) resolved."""
    return Path(db_path).resolve()


def lock_path(db_path: Path) -> Path:
    real = canonical(db_path)
    return real.with_name(real.name + LOCK_SUFFIX)


def refuse_second_name(db_path: Path) -> None:
    """DatabaseError when the database file has more than one hard link (see the module doc)."""
    try:
        links = os.stat(db_path).st_nlink
    except OSError:
        return  # no file yet (or unreadable: the open that follows says why)
    if links > 1:
        name = Path(db_path).name
        raise DatabaseError(
            f"Tệp cơ sở dữ liệu {name} có {links} tên (liên kết cứng) trên ổ đĩa. Phần mềm "
            "không ghi vào tệp này để không mất dữ liệu; hãy xoá các tên thừa (giữ một tên) "
            "hoặc sao chép tệp ra chỗ khác rồi mở bản sao.",
            file=str(db_path),
            detail=f"the database file has {links} hard links; refused for writing "
            "(each name would get its own lock and -wal)",
        )


def this_host() -> str:
    """The machine's name (no network lookup: ``gethostname`` reads a local setting)."""
    return socket.gethostname() or "?"


def pid_alive(pid: int) -> bool:
    """Is a process with this id running on this machine?"""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    except OSError:
        return False
    return True


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return False
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


@dataclass(frozen=True, slots=True)
class Holder:
    pid: int
    host: str
    since: str

    def describe(self) -> str:
        return f"PID {self.pid} trên máy {self.host} (từ {self.since})"


def read_holder(path: Path) -> Holder | None:
    """Who the lock file says holds the database (None when empty or unreadable)."""
    try:
        with path.open("rb") as fh:
            data: Any = json.loads(fh.read(4096).decode("utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data.get("since", "?")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _os_lock(fd: int) -> bool:
    """Take the OS lock without waiting: True if taken, False if someone holds it.

    Raises OSError when the file system does not support locking.
    """
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            return False
        except OSError as exc:
            if exc.errno in (13, 36):  # EACCES, EDEADLOCK: held by another process
                return False
            raise
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _os_unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import msvcrt

            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)


class WriterLock:
    """The right to write one database, held until :meth:`release` (or process exit)."""

    def __init__(self, db_path: Path):
        self.db_path = canonical(db_path)
        self.path = lock_path(self.db_path)
        self._fd: int | None = None
        self._count = 0

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _refuse(self, holder: Holder | None) -> DatabaseInUseError:
        who = holder.describe() if holder else "một chương trình khác"
        return DatabaseInUseError(
            f"Cơ sở dữ liệu {self.db_path.name} đang được một cửa sổ CCHC Desktop khác sử dụng "
            f"({who}). Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại.",
            path=str(self.db_path),
            holder=who,
            detail=f"database is in use by another copy of the application "
            f"({holder.pid if holder else '?'}@{holder.host if holder else '?'}); "
            f"lock file {self.path}",
        )

    def acquire(self) -> WriterLock:
        if self._fd is not None:
            self._count += 1
            return self
        refuse_second_name(self.db_path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DatabaseError(
                f"Không tạo được tệp khoá {self.path.name}: {exc.strerror or exc}",
                file=str(self.path),
                detail=f"cannot create lock file: {exc.strerror or exc}",
            ) from None
        try:
            taken = _os_lock(fd)
        except OSError:
            taken = self._fallback_free()
        if not taken:
            os.close(fd)
            raise self._refuse(read_holder(self.path))
        self._fd = fd
        self._count = 1
        self._write_holder(fd)
        return self

    def _fallback_free(self) -> bool:
        """No OS locks here: the text decides (free, ours, or a dead PID on this host)."""
        holder = read_holder(self.path)
        if holder is None:
            return True
        if holder.host != this_host():
            return False
        return holder.pid == os.getpid() or not pid_alive(holder.pid)

    def _write_holder(self, fd: int) -> None:
        text = json.dumps(
            {
                "pid": os.getpid(),
                "host": this_host(),
                "since": dt.datetime.now().isoformat(timespec="seconds"),
                "db": str(self.db_path),
            },
            ensure_ascii=False,
        ).encode("utf-8")
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, text)
            os.fsync(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        self._count -= 1
        if self._count > 0:
            return
        fd, self._fd = self._fd, None
        # Empty the text first: a file with no holder is free even without OS locks. The
        # file itself stays; deleting it would race with a second copy opening it.
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
        _os_unlock(fd)
        with contextlib.suppress(OSError):
            os.close(fd)
        with _held_guard:
            if _held.get(_key(self.db_path)) is self:
                del _held[_key(self.db_path)]


def _key(db_path: Path) -> str:
    return str(canonical(db_path))


def acquire_writer_lock(db_path: Path) -> WriterLock:
    """The process-wide writer lock of ``db_path``, taken (re-entrant); raises
    :class:`DatabaseInUseError` when another copy of the application holds it."""
    with _held_guard:
        lock = _held.get(_key(db_path))
        if lock is None:
            lock = WriterLock(db_path)
        lock.acquire()
        _held[_key(db_path)] = lock
        return lock


@contextlib.contextmanager
def writer_lock(db_path: Path) -> Iterator[WriterLock]:
    """``with writer_lock(db): ...``: hold the lock for the block (re-entrant)."""
    lock = acquire_writer_lock(db_path)
    try:
        yield lock
    finally:
        lock.release()
