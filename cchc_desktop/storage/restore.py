"""Put a backup back in place of the database, and recover from a damaged database.

A restore never trusts the file it is given: it copies it (SQLite backup API, so a source
with its own ``-wal`` is read whole) into a temporary file beside the database, checks that
copy (SQLite header, ``PRAGMA integrity_check``, a CCHC revision this version knows, the
tables and columns of that revision), and only then replaces the database with exactly what
was checked. The current database is backed up first (``truoc-phuc-hoi``), or, when it is
damaged, copied aside (``cchc.sqlite.hong-20261122-083000``) and kept.

WAL: the live database may have ``-wal``/``-shm`` files holding committed transactions.
Before anything is removed they are checkpointed into the database file itself (and the
file switched out of WAL mode, which removes ``-wal``), so that every crash point leaves the
old state whole or the restored one: a ``-wal`` left beside the new file would be replayed
into it on the next open and corrupt it, and a ``-wal`` removed before the new file takes
the name would drop the old state's last commits. A damaged database cannot be
checkpointed: it is *copied* aside with its ``-wal`` first, and only then replaced. All
connections of this process must be closed first (``db.dispose()`` or
``db.engine.dispose()``); the writer lock keeps other copies of the application out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.errors import DatabaseError, InvalidFileError
from cchc_desktop.storage import integrity
from cchc_desktop.storage.backup import backup_before, list_backups
from cchc_desktop.storage.lock import writer_lock

SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class RestoreResult:
    source: Path
    revision: str  # the revision of the restored file, before it was migrated to head
    pre_restore_backup: Path | None  # the copy of what was replaced (healthy databases)
    set_aside: Path | None  # where the damaged database was moved (damaged databases)


def _refuse(source: Path, message: str, detail: str) -> InvalidFileError:
    return InvalidFileError(message, file=str(source), detail=detail)


def check_backup_file(path: Path) -> str:
    """The CCHC revision of a backup file, or InvalidFileError saying why it is unusable.

    Reads ``path`` only (integrity_check is read-only).
    """
    from cchc_desktop.storage.migrate import head_revision, known_revisions

    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _refuse(
            path, f"Không đọc được tệp: {exc.strerror or exc}", f"cannot read: {exc}"
        ) from None
    if size == 0 or not integrity.has_sqlite_header(path):
        raise _refuse(
            path,
            "Tệp không phải bản sao lưu của CCHC Desktop (không phải cơ sở dữ liệu SQLite).",
            "not an SQLite database (bad header)",
        )
    found = integrity.problems(path, full=True)
    if found:
        raise _refuse(
            path,
            "Bản sao lưu bị hỏng, không dùng để phục hồi được.",
            f"backup fails integrity_check: {'; '.join(found)}",
        )
    try:
        conn = integrity.connect_readonly(path)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            row = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, "Bản sao lưu bị hỏng.", f"cannot read backup: {exc}") from None
    if row is None or "plan" not in tables:
        raise _refuse(
            path,
            "Tệp là cơ sở dữ liệu SQLite nhưng không phải của CCHC Desktop.",
            "SQLite file without a CCHC Desktop schema revision",
        )
    revision = str(row[0])
    if revision not in known_revisions():
        raise _refuse(
            path,
            "Bản sao lưu được tạo bởi phiên bản CCHC Desktop mới hơn. Hãy cập nhật phần mềm "
            "trước khi phục hồi.",
            f"backup revision {revision} is newer than this application (head {head_revision()})",
        )
    from cchc_desktop.storage.migrate import missing_in_file
    from cchc_desktop.storage.schema_check import describe

    lacking = missing_in_file(path, revision)
    if lacking:  # quick/integrity_check pass a dropped table
        vietnamese, english = describe(lacking)
        raise _refuse(
            path,
            f"Bản sao lưu bị hỏng (thiếu {vietnamese}), không dùng để phục hồi được.",
            f"backup schema does not match revision {revision}: missing {english}",
        )
    return revision


def _usual_mode(tmp: Path, db_path: Path) -> None:
    """mkstemp's 0600 would become the database's mode: take the replaced file's, else the
    usual one (what SQLite gives a new database)."""
    try:
        mode = db_path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def _copy_in(source: Path, db_path: Path) -> Path:
    """A private copy of ``source`` beside ``db_path`` (a rollback-journal file, no WAL)."""
    folder = db_path.parent
    fd, name = tempfile.mkstemp(prefix=".cchc-restore-", suffix=".sqlite", dir=folder)
    os.close(fd)
    tmp = Path(name)
    _usual_mode(tmp, db_path)
    try:
        src = integrity.connect_readonly(source)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except (sqlite3.Error, OSError) as exc:
        _remove_with_sidecars(tmp)
        raise _refuse(
            source, f"Không đọc được bản sao lưu: {exc}", f"cannot copy backup: {exc}"
        ) from None
    return tmp


def _remove_with_sidecars(path: Path) -> None:
    for p in (path, *(path.with_name(path.name + s) for s in SIDECARS)):
        with contextlib.suppress(OSError):
            p.unlink()


def _free_aside_name(db_path: Path, now: dt.datetime) -> Path:
    base = db_path.with_name(f"{db_path.name}.hong-{now:%Y%m%d-%H%M%S}")
    target, n = base, 1
    while target.exists():
        n += 1
        target = base.with_name(f"{base.name}_{n}")
    return target


def _copy_whole(source: Path, target: Path) -> None:
    """``source`` copied to ``target`` through ``target.part`` (a crash leaves no half copy
    under the final name)."""
    part = target.with_name(target.name + ".part")
    try:
        shutil.copyfile(source, part)
        with part.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def set_aside_damaged(db_path: Path, now: dt.datetime | None = None) -> Path:
    """Copy a damaged database (with its ``-wal``) to ``<name>.hong-<time>``; never delete.

    The file itself stays in place until the restored one replaces it in one rename: a
    crash in between leaves the damaged database where it was (and a whole copy aside),
    never a missing database that the next start would create anew.
    """
    target = _free_aside_name(db_path, now or dt.datetime.now())
    try:
        wal = db_path.with_name(db_path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:  # committed transactions: keep them
            _copy_whole(wal, target.with_name(target.name + "-wal"))
        _copy_whole(db_path, target)
    except OSError as exc:
        raise DatabaseError(
            f"Không sao chép được tệp hỏng {db_path.name} ra chỗ khác: {exc.strerror or exc}. "
            "Hãy kiểm tra chỗ trống trên ổ đĩa rồi thử lại.",
            file=str(db_path),
            detail=f"cannot copy the damaged database aside: {exc}",
        ) from None
    return target


def _in_use(side: Path, exc: object) -> DatabaseError:
    return DatabaseError(
        f"Không phục hồi được: tệp {side.name} đang được mở bởi chương trình khác. "
        "Hãy đóng mọi cửa sổ CCHC Desktop rồi thử lại.",
        file=str(side),
        detail=f"cannot detach {side.name}: {exc}",
    )


def _checkpoint(db_path: Path) -> None:
    """Move every committed transaction of ``-wal`` into the database file and leave WAL
    mode (SQLite removes ``-wal`` itself once it is empty). Crash-safe at every step: SQLite
    keeps the WAL until its content is synced into the file."""
    try:
        conn = sqlite3.connect(db_path, timeout=5)
        try:
            busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                raise _in_use(db_path, "checkpoint blocked by another connection")
            conn.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _in_use(db_path, exc) from None
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:  # never remove what is not in the file
        raise _in_use(wal, "the WAL still holds transactions after the checkpoint")


def _detach_wal(db_path: Path) -> None:
    """Remove the database's -wal/-shm/-journal: empty after :func:`_checkpoint`, or (a
    damaged database) already copied aside."""
    for suffix in SIDECARS:
        side = db_path.with_name(db_path.name + suffix)
        try:
            side.unlink(missing_ok=True)
        except OSError as exc:
            raise _in_use(side, exc) from None


def restore_backup(
    db_path: Path, source: Path, *, now: dt.datetime | None = None, migrate: bool = True
) -> RestoreResult:
    """Replace the database at ``db_path`` by the backup ``source`` (checked first).

    Close every connection to ``db_path`` in this process before calling. With ``migrate``
    the restored file is brought to the head revision at once (a pre-migration copy first).
    Raises InvalidFileError for a source that is not a usable backup (nothing changed),
    DatabaseInUseError when another copy of the application holds the database.
    """
    db_path, source = Path(db_path), Path(source)
    check_backup_file(source)  # fail fast, before taking anything
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(db_path):
        tmp = _copy_in(source, db_path)
        try:
            revision = check_backup_file(tmp)  # what we install is what we checked
            pre, aside = None, None
            if db_path.exists():
                if integrity.problems(db_path):
                    aside = set_aside_damaged(db_path, now)
                    _detach_wal(db_path)  # its -wal is in the copy aside
                else:
                    pre = backup_before(db_path, "truoc-phuc-hoi", now)
                    _checkpoint(db_path)
                    _detach_wal(db_path)
            else:
                _detach_wal(db_path)
            os.replace(tmp, db_path)
        finally:
            if tmp.exists():  # refused or failed: nothing was replaced
                _remove_with_sidecars(tmp)
        if migrate:
            from cchc_desktop.storage.database import open_database

            open_database(db_path).dispose()
    return RestoreResult(source, revision, pre, aside)


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup that passes :func:`check_backup_file`, or None."""
    for info in list_backups(db_path):
        with contextlib.suppress(InvalidFileError):
            check_backup_file(info.path)
            return info.path
    return None


def restore_newest_good_backup(db_path: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """After :class:`DamagedDatabaseError`: keep the damaged file aside, restore the newest
    good backup. Raises DatabaseError when there is none."""
    source = newest_good_backup(db_path)
    if source is None:
        raise DatabaseError(
            "Không có bản sao lưu nào dùng được để phục hồi. Tệp cơ sở dữ liệu hỏng được giữ "
            "nguyên; hãy liên hệ bộ phận tin học.",
            file=str(db_path),
            detail="no usable backup to restore from",
        )
    return restore_backup(db_path, source, now=now)
