"""Copies of the database made with SQLite's online backup API (consistent even while the
application is writing), kept in a ``backups/`` folder beside the database.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from cchc_desktop.errors import UserError

BACKUP_SUFFIX = ".sqlite"


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backup_to(db_path: Path, target: Path) -> Path:
    """Copy the database at ``db_path`` into ``target`` (written whole or not at all)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    try:
        src = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        tmp.replace(target)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(
            f"Không sao lưu được cơ sở dữ liệu: {exc}",
            file=str(target),
            detail=f"backup failed: {exc}",
        ) from None
    return target


def backup_before(db_path: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """A backup named for the moment and the reason: ``cchc-20261122-013000-truoc-nhap.sqlite``."""
    now = now or dt.datetime.now()
    safe = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-")
    name = f"cchc-{now:%Y%m%d-%H%M%S}-{safe}{BACKUP_SUFFIX}"
    target = backups_dir(db_path) / name
    n = 1
    while target.exists():
        n += 1
        target = backups_dir(db_path) / f"cchc-{now:%Y%m%d-%H%M%S}-{safe}-{n}{BACKUP_SUFFIX}"
    return backup_to(db_path, target)
