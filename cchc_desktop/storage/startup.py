"""Opening the database to write to it: what the window and every writing command call.

Order (each step can refuse, and a refusal changes nothing):

1. the writer lock beside the database (:class:`DatabaseInUseError` if another copy holds it);
2. ``PRAGMA quick_check``, read-only (:class:`DamagedDatabaseError`: never written to);
3. the schema revision, read-only (a newer one is refused untouched);
4. a pre-migration backup, then the migrations, when the revision is behind;
5. our temporary files left by a killed process removed (``storage.litter``);
6. the daily backup (and the weekly one), then rotation of the backups folder.

The lock is released by ``db.dispose()`` or when the process ends. Reading commands
(``cchc plans``, exports) use :func:`~cchc_desktop.storage.open_database` without the lock.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from cchc_desktop.errors import UserError
from cchc_desktop.storage.database import Database, open_database
from cchc_desktop.storage.lock import acquire_writer_lock

log = logging.getLogger(__name__)


def open_for_app(
    db_path: str | Path, *, now: dt.datetime | None = None, allow_read_only: bool = False
) -> Database:
    """Lock, check, migrate and back up the database at ``db_path``; see the module doc.
    ``allow_read_only`` (the window): a database that cannot be written is opened for reading
    only (``db.read_only``) instead of refused.
    A server URL (``postgresql://…``, issue 19) is opened and migrated: the server itself
    keeps it safe, and several clerks write at once."""
    if "://" in str(db_path):
        return open_database(str(db_path))
    from cchc_desktop.storage.network import refuse_network_location

    refuse_network_location(db_path)  # before the lock file is made beside it
    db_path = Path(db_path)
    from cchc_desktop.storage.read_only import read_only_reason, refuse_writing

    reason = read_only_reason(db_path)
    if reason is not None:
        if not allow_read_only or not db_path.exists():
            raise refuse_writing(db_path, reason)
        # The window shows it read-only: no lock, litter or backup can be written there.
        return open_database(db_path)
    lock = acquire_writer_lock(db_path)
    try:
        db = open_database(db_path)
    except BaseException:
        lock.release()
        raise
    db.on_dispose.append(lock.release)
    from cchc_desktop.storage.litter import clean_database_folder

    for path in clean_database_folder(db_path):  # under the lock: no restore under way
        log.info("removed what a killed process left: %s", path)
    try:
        from cchc_desktop.storage.backup import daily_backup

        daily_backup(db_path, now=now)
    except UserError as err:
        # A full disk must not keep the clerk from working; the next start tries again.
        log.warning("daily backup failed: %s", err.one_line())
    return db
