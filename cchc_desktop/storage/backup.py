"""Copies of the database made with SQLite's online backup API (consistent even while the
application is writing), kept in a ``backups/`` folder beside the database.

Names say when and why, so the folder reads well in Explorer and rotation needs no index::

    cchc-20261122-083000-hang-ngay.sqlite          daily, first start of the day
    cchc-20261122-083000-hang-tuan.sqlite          weekly, first start of the ISO week
    cchc-20261122-091512-truoc-nhap.sqlite         before an operation (import, migration,
    cchc-20261122-091512-truoc-nhap_2.sqlite         restore, plan deletion); "_2" if the
                                                     same second already has one
    cchc-20261122-100000-thu-cong.sqlite           made by hand ("Sao lưu" in the window)

Rotation keeps the newest :data:`KEEP_DAILY` daily, :data:`KEEP_WEEKLY` weekly and
:data:`KEEP_BEFORE` pre-operation copies; copies made by hand are never deleted. The clock is
a parameter everywhere (``now``) so tests can walk through weeks in milliseconds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cchc_desktop import paths
from cchc_desktop.errors import UserError

BACKUP_SUFFIX = ".sqlite"
KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_BEFORE = 20
DAILY = "hang-ngay"
WEEKLY = "hang-tuan"
MANUAL = "thu-cong"
BEFORE_PREFIX = "truoc-"
# A ".part" older than this is what a crash left behind mid-copy.
STALE_PART = dt.timedelta(hours=1)

_NAME = re.compile(
    r"^cchc-(?P<date>\d{8})-(?P<time>\d{6})-(?P<tag>[a-z0-9]+(?:-[a-z0-9]+)*)(?:_(?P<n>\d+))?"
    + re.escape(BACKUP_SUFFIX)
    + "$"
)
_OPERATIONS = {
    "nhap": "nhập kế hoạch",
    "nhap-phieu": "nhập phiếu báo cáo của đơn vị",
    "phuc-hoi": "phục hồi",
    "xoa-ke-hoach": "xoá kế hoạch",
    "nang-cap": "nâng cấp dữ liệu",
}


class BackupKind(StrEnum):
    """What made a backup, read from its file name; rotation caps each but ``MANUAL``."""

    DAILY = "daily"
    WEEKLY = "weekly"
    BEFORE = "before"  # before a destructive operation (import, restore, upgrade …)
    MANUAL = "manual"  # made by hand: never deleted


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One file in the backups folder."""

    path: Path
    taken_at: dt.datetime  # local time, from the name
    kind: BackupKind
    tag: str  # the tag in the name: "hang-ngay", "truoc-nhap", "truoc-nang-cap-0001" …
    size: int  # bytes

    @property
    def label(self) -> str:
        """What the window shows in the "Loại" column, in Vietnamese."""
        if self.kind is BackupKind.DAILY:
            return "Tự động hằng ngày"
        if self.kind is BackupKind.WEEKLY:
            return "Tự động hằng tuần"
        if self.kind is BackupKind.MANUAL:
            return "Sao lưu thủ công"
        op = self.tag.removeprefix(BEFORE_PREFIX)
        for key in sorted(_OPERATIONS, key=len, reverse=True):
            if op == key or op.startswith(key + "-"):
                return f"Trước khi {_OPERATIONS[key]}"
        return f"Trước thao tác “{op}”"


def backups_dir(db_path: Path) -> Path:
    return paths.backups_dir(Path(db_path))


def parse_backup_name(path: Path) -> tuple[dt.datetime, BackupKind, str] | None:
    """(taken_at, kind, tag) for a file named by this module, else None."""
    m = _NAME.match(path.name)
    if m is None:
        return None
    try:
        taken = dt.datetime.strptime(m["date"] + m["time"], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    tag = m["tag"]
    if tag == DAILY:
        kind = BackupKind.DAILY
    elif tag == WEEKLY:
        kind = BackupKind.WEEKLY
    elif tag.startswith(BEFORE_PREFIX):
        kind = BackupKind.BEFORE
    else:
        kind = BackupKind.MANUAL
    return taken, kind, tag


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Every backup beside ``db_path``, newest first."""
    folder = backups_dir(db_path)
    found: list[BackupInfo] = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            parsed = parse_backup_name(entry)
            if parsed is None or not entry.is_file():
                continue
            with contextlib.suppress(OSError):
                found.append(BackupInfo(entry, *parsed, size=entry.stat().st_size))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup_to(db_path: Path, target: Path) -> Path:
    """Copy the database at ``db_path`` into ``target`` (written whole or not at all)."""
    db_path, target = Path(db_path), Path(target)
    if target.exists() and db_path.exists() and target.resolve() == db_path.resolve():
        raise UserError(
            "Không thể sao lưu cơ sở dữ liệu đè lên chính nó.",
            file=str(target),
            detail="backup target is the database itself",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    from cchc_desktop.atomic import clean_beside
    from cchc_desktop.file_locks import check_replaceable

    check_replaceable(target)  # open in another program, read-only, or a closed folder

    clean_beside(target, ".part")  # what a killed backup to the same file left
    tmp: Path | None = None
    try:
        if not db_path.is_file():
            raise sqlite3.OperationalError(f"no database at {db_path}")
        tmp = _new_part(target)
        from cchc_desktop.storage.read_only import readonly_uri

        # immutable=1 in a read-only folder: mode=ro could not make the WAL's -shm there.
        src = sqlite3.connect(readonly_uri(db_path), uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                # The copy stands alone: no WAL to carry around with it.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        tmp.replace(target)
        _fsync_dir(target.parent)
    except (sqlite3.Error, OSError) as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):  # full, read-only, no permission: said as such
            from cchc_desktop.faults import from_os_error

            raise from_os_error(exc, target) from None
        where = f" (writing {tmp.name})" if tmp is not None else ""
        raise UserError(
            f"Không sao lưu được cơ sở dữ liệu: {exc}",
            file=str(target),
            detail=f"backup failed{where}: {exc}",
        ) from None
    return target


def _new_part(target: Path) -> Path:
    """A fresh, empty temporary file beside ``target`` (``.NAME.x1y2.part``): its own name,
    so a stale partial copy of a killed backup (whatever it holds) is never written into."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(name, 0o666 & ~umask)  # mkstemp's 0600 would stay on the backup
    return Path(name)


def _part_exists(target: Path) -> bool:
    pattern = f".{glob.escape(target.name)}.*.part"
    return target.with_name(target.name + ".part").exists() or any(target.parent.glob(pattern))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "khac"


def _free_name(db_path: Path, now: dt.datetime, tag: str) -> Path:
    folder = backups_dir(db_path)
    stem = f"cchc-{now:%Y%m%d-%H%M%S}-{tag}"
    target = folder / f"{stem}{BACKUP_SUFFIX}"
    n = 1
    while target.exists() or _part_exists(target):
        n += 1
        target = folder / f"{stem}_{n}{BACKUP_SUFFIX}"
    return target


def backup_tagged(db_path: Path, tag: str, now: dt.datetime | None = None) -> Path:
    """A backup into the folder under ``tag`` (see the module docstring), then rotation."""
    now = now or dt.datetime.now()
    target = backup_to(db_path, _free_name(db_path, now, tag))
    rotate(db_path, now=now)
    return target


def backup_before(db_path: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """A pre-operation copy: ``cchc-20261122-013000-truoc-nhap.sqlite``."""
    tag = _slug(reason)
    if not tag.startswith(BEFORE_PREFIX):
        tag = BEFORE_PREFIX + tag
    return backup_tagged(db_path, tag, now)


def manual_backup(db_path: Path, now: dt.datetime | None = None) -> Path:
    """A copy into the backups folder made on request; rotation never removes it."""
    return backup_tagged(db_path, MANUAL, now)


def daily_backup(db_path: Path, now: dt.datetime | None = None) -> list[Path]:
    """The start-of-day copy (and the weekly one in a new ISO week). Returns what was made."""
    now = now or dt.datetime.now()
    existing = list_backups(db_path)
    made: list[Path] = []
    if not any(b.kind is BackupKind.DAILY and b.taken_at.date() == now.date() for b in existing):
        made.append(backup_to(db_path, _free_name(db_path, now, DAILY)))
    week = now.isocalendar()[:2]
    if not any(
        b.kind is BackupKind.WEEKLY and b.taken_at.isocalendar()[:2] == week for b in existing
    ):
        target = _free_name(db_path, now, WEEKLY)
        if made:  # the daily copy is already a consistent snapshot of this moment
            tmp = target.with_name(target.name + ".part")
            try:
                shutil.copyfile(made[0], tmp)
                tmp.replace(target)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise UserError(
                    f"Không sao lưu được cơ sở dữ liệu: {exc}",
                    file=str(target),
                    detail=f"weekly backup failed: {exc}",
                ) from None
            made.append(target)
        else:
            made.append(backup_to(db_path, target))
    rotate(db_path, now=now)
    return made


def rotate(db_path: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete what the caps leave out (and stale partial copies); returns what was deleted."""
    now = now or dt.datetime.now()
    keep = {
        BackupKind.DAILY: KEEP_DAILY,
        BackupKind.WEEKLY: KEEP_WEEKLY,
        BackupKind.BEFORE: KEEP_BEFORE,
    }
    seen = dict.fromkeys(keep, 0)
    doomed: list[Path] = []
    for info in list_backups(db_path):  # newest first
        if info.kind not in keep:
            continue
        seen[info.kind] += 1
        if seen[info.kind] > keep[info.kind]:
            doomed.append(info.path)
    with contextlib.suppress(OSError):
        folder = backups_dir(db_path)
        parts = [*folder.glob(f"cchc-*{BACKUP_SUFFIX}.part"), *folder.glob(".cchc-*.part")]
        for part in parts:
            with contextlib.suppress(OSError):
                age = now - dt.datetime.fromtimestamp(part.stat().st_mtime)
                if age > STALE_PART:
                    doomed.append(part)
    deleted = []
    for path in doomed:
        with contextlib.suppress(OSError):
            path.unlink()
            deleted.append(path)
    return deleted
