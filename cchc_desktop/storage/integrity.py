"""Is an SQLite file healthy? Checked read-only, so a damaged file is never written to.

``PRAGMA quick_check`` runs at every open (a few milliseconds per megabyte); the full
``PRAGMA integrity_check`` (indexes too) runs on a file about to be restored.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cchc_desktop.errors import DamagedDatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"
_MAX_REPORTED = 5


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file (nor switch its journal mode)."""
    from cchc_desktop.storage.read_only import readonly_uri

    return sqlite3.connect(readonly_uri(Path(path)), uri=True)


def has_sqlite_header(path: Path) -> bool:
    try:
        with Path(path).open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def problems(path: Path, *, full: bool = False) -> list[str]:
    """What SQLite finds wrong with ``path`` (an empty list when it is healthy).

    A file that is not an SQLite database at all counts as one problem.
    """
    pragma = "integrity_check" if full else "quick_check"
    if not has_sqlite_header(path):
        return ["not an SQLite database (bad header)"]
    try:
        conn = connect_readonly(path)
        try:
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}({_MAX_REPORTED})")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"{exc}"]
    return [] if rows == ["ok"] else rows


def check_healthy(path: Path) -> None:
    """Raise :class:`DamagedDatabaseError` unless ``path`` passes ``PRAGMA quick_check``."""
    found = problems(path)
    if found:
        raise DamagedDatabaseError(
            f"Cơ sở dữ liệu {path.name} bị hỏng (có thể do mất điện hoặc lỗi ổ đĩa). "
            "Phần mềm sẽ không ghi vào tệp này. Hãy phục hồi từ bản sao lưu gần nhất.",
            path=str(path),
            detail=f"database failed quick_check, not opened for writing: {'; '.join(found)}",
        )
