"""Backups as the window and the command line use them: list, make, restore.

Thin use cases over :mod:`cchc_desktop.storage.backup` and :mod:`~cchc_desktop.storage.restore`
so the UI never touches files or SQLite itself. Before :func:`restore_backup` the caller
closes its connections (``db.engine.dispose()``); the same :class:`Database` object keeps
working afterwards and sees the restored data.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.errors import UserError
from cchc_desktop.storage import backup as _backup
from cchc_desktop.storage import restore as _restore
from cchc_desktop.storage.backup import BackupInfo
from cchc_desktop.storage.restore import RestoreResult

log = logging.getLogger(__name__)

__all__ = [
    "BackupEntry",
    "BackupInfo",
    "RestoreResult",
    "list_backups",
    "make_backup",
    "restore_backup",
    "restore_newest_good_backup",
]


@dataclass(frozen=True, slots=True)
class BackupEntry:
    """One row of the backup list, ready to show."""

    path: Path
    taken_at: dt.datetime
    kind: str  # "daily", "weekly", "before", "manual"
    label: str  # Vietnamese: "Tự động hằng ngày", "Trước khi nhập kế hoạch" …
    size: int  # bytes

    @property
    def date_text(self) -> str:
        """``22/11/2026 08:30`` as Vietnamese offices write it."""
        return f"{self.taken_at:%d/%m/%Y %H:%M}"

    @property
    def size_text(self) -> str:
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} KB"
        return f"{self.size / (1024 * 1024):.1f} MB".replace(".", ",")


def list_backups(db_path: Path) -> list[BackupEntry]:
    """Every backup of the database, newest first, with date, kind and size."""
    return [
        BackupEntry(b.path, b.taken_at, b.kind, b.label, b.size)
        for b in _backup.list_backups(Path(db_path))
    ]


def make_backup(
    db_path: Path, target: Path | None = None, *, now: dt.datetime | None = None
) -> Path:
    """A copy of the database: into ``target``, or (None) into the backups folder, kept
    until deleted by hand."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise UserError(
            "Chưa có cơ sở dữ liệu để sao lưu.",
            file=str(db_path),
            detail="no database file to back up",
        )
    if target is None:
        written = _backup.manual_backup(db_path, now=now)
    else:
        written = _backup.backup_to(db_path, Path(target))
    log.info("backed up %s to %s: %d bytes", db_path, written, written.stat().st_size)
    return written


def restore_backup(db_path: Path, source: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """Check ``source``, back up the current database, put ``source`` in its place, migrate."""
    result = _restore.restore_backup(Path(db_path), Path(source), now=now)
    _log_restore(Path(db_path), result)
    return result


def restore_newest_good_backup(db_path: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """After DamagedDatabaseError: set the damaged file aside and restore the newest good copy."""
    result = _restore.restore_newest_good_backup(Path(db_path), now=now)
    _log_restore(Path(db_path), result)
    return result


def _log_restore(db_path: Path, result: RestoreResult) -> None:
    log.info(
        "restored %s from %s (revision %s); what it replaced is kept in %s",
        db_path,
        result.source,
        result.revision,
        result.pre_restore_backup or result.set_aside or "(nothing replaced)",
    )


def newest_good_backup(db_path: Path) -> BackupEntry | None:
    """The backup :func:`restore_newest_good_backup` would use (to name it in the prompt)."""
    found = _restore.newest_good_backup(Path(db_path))
    if found is None:
        return None
    return next((e for e in list_backups(db_path) if e.path == found), None)
