"""The one classification of the machine's faults: OS errors and SQLite errors become the
project's :class:`~cchc_desktop.errors.UserError` subclasses (disk full, read-only, locked or
busy, I/O, permission), each with its Vietnamese message and an English one-line detail.

Called at the storage boundary (the database engine's error hook, atomic writes) and once
more at the two edges (``cli.main`` and the window's excepthook) through
:func:`as_user_error`, so a fault that slipped past a boundary is still a message, never a
traceback. Never imports Qt nor SQLAlchemy (an SQLAlchemy error is recognised by its
``orig``, the driver's exception).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from cchc_desktop.errors import (
    AccessDeniedError,
    DamagedDatabaseError,
    DiskFullError,
    NotAFolderError,
    ReadOnlyError,
    StorageBusyError,
    StorageFaultError,
    StorageIOError,
    UserError,
)

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_BUSY_ERRNOS = {errno.EBUSY, errno.ETXTBSY, errno.EAGAIN}
_PERMISSION_ERRNOS = {errno.EACCES, errno.EPERM}
# Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION (a file open in Word or Excel).
_WINDOWS_LOCKED = {32, 33}


def _name(path: str | Path | None) -> str:
    return Path(path).name if path else "dữ liệu"


def _build(kind: type[StorageFaultError], path: str | Path | None, why: str) -> UserError:
    name = _name(path)
    messages: dict[type[StorageFaultError], str] = {
        DiskFullError: f"Ổ đĩa đã đầy: không ghi được {name}. Hãy giải phóng dung lượng "
        "(xoá bớt tệp không cần) rồi thử lại; dữ liệu đã lưu trước đó không bị ảnh hưởng.",
        ReadOnlyError: f"Không ghi được {name}: ổ đĩa hoặc thư mục chỉ cho phép đọc. "
        "Hãy chọn thư mục khác hoặc nhờ bộ phận tin học cấp quyền ghi.",
        StorageBusyError: f"{name} đang bị một chương trình khác khoá (đang mở hoặc đang "
        "sao chép). Hãy đóng chương trình đó rồi thử lại; chưa có gì bị thay đổi.",
        StorageIOError: f"Lỗi đọc/ghi ổ đĩa khi dùng {name}. Hãy kiểm tra ổ đĩa (USB, ổ "
        "mạng) rồi thử lại.",
        NotAFolderError: f"{name} phải là một thư mục nhưng đang là một tệp. Hãy đổi tên "
        "hoặc chuyển tệp đó đi chỗ khác rồi thử lại; dữ liệu không bị ảnh hưởng.",
        AccessDeniedError: f"Không có quyền ghi {name}. Hãy kiểm tra quyền của thư mục "
        "hoặc nhờ bộ phận tin học.",
    }
    return kind(messages[kind], file=str(path) if path else None, detail=why)


def from_os_error(exc: OSError, path: str | Path | None = None) -> UserError:
    """A refused read or write of a file, as the user error that says why."""
    path = path or exc.filename
    why = exc.strerror or str(exc)
    code = exc.errno
    if code in _FULL_ERRNOS:
        return _build(DiskFullError, path, f"disk full: {why}")
    if code == errno.EROFS:
        return _build(ReadOnlyError, path, f"read-only file system: {why}")
    if getattr(exc, "winerror", None) in _WINDOWS_LOCKED or code in _BUSY_ERRNOS:
        return _build(StorageBusyError, path, f"file is locked by another program: {why}")
    if code in (errno.EEXIST, errno.ENOTDIR):
        # mkdir of backups/ or logs/ where a file of that name stands (or a file on the way).
        return _build(NotAFolderError, path, f"a file stands where a folder is needed: {why}")
    if code in _PERMISSION_ERRNOS:
        return _build(AccessDeniedError, path, f"permission denied: {why}")
    return _build(StorageIOError, path, f"input/output error: {why}")


def from_sqlite_error(exc: BaseException, path: str | Path | None = None) -> UserError | None:
    """A refused database operation as a user error; None for a bug (bad SQL, constraint)."""
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    primary = code & 0xFF if isinstance(code, int) else None
    why = f"database: {exc}"
    if primary == SQLITE_FULL or "database or disk is full" in text:
        return _build(DiskFullError, path, f"disk full, nothing stored ({why})")
    if primary == SQLITE_READONLY or "readonly database" in text:
        return _build(ReadOnlyError, path, f"database is read-only, nothing stored ({why})")
    if primary in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in text:
        return _build(StorageBusyError, path, f"database is locked by another program ({why})")
    if primary == SQLITE_PERM:
        return _build(AccessDeniedError, path, f"permission denied ({why})")
    if primary in (SQLITE_IOERR, SQLITE_CANTOPEN) or "disk i/o error" in text:
        return _build(StorageIOError, path, f"input/output error ({why})")
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in text:
        return DamagedDatabaseError(
            f"Cơ sở dữ liệu {_name(path)} bị hỏng (có thể do mất điện hoặc lỗi ổ đĩa). "
            "Hãy phục hồi từ bản sao lưu gần nhất.",
            path=str(path or ""),
            detail=f"database is damaged ({why})",
        )
    return None


def as_user_error(exc: BaseException, path: str | Path | None = None) -> UserError | None:
    """The edges' one mapping: a user error for ``exc`` (itself if it is one), None for a bug."""
    if isinstance(exc, UserError):
        return exc
    driver = getattr(exc, "orig", None)  # sqlalchemy.exc.DBAPIError wraps the driver's error
    if isinstance(driver, sqlite3.Error):
        return from_sqlite_error(driver, path)
    if isinstance(exc, sqlite3.Error):
        return from_sqlite_error(exc, path)
    if isinstance(exc, OSError) and exc.errno is not None:
        return from_os_error(exc, path)
    return None
