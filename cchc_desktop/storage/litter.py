"""Remove what a killed process left behind: our own temporary files, older than this process.

A copy is written under a temporary name and renamed into place (restore, backups, exports),
so a kill at the wrong moment leaves the temporary file: ``.cchc-restore-*.sqlite`` beside
the database, ``*.part`` (and SQLite's ``*.part-journal``) in ``backups/``, ``.NAME.*.tmp``
beside an exported file. They are never read, only in the way (and the size of a database
each). The next start (and the next write of the same file) deletes them, but only names
this application makes, and only files last changed before this process started: a file
newer than that may belong to a second copy of the application at work right now.
"""

from __future__ import annotations

from pathlib import Path

from cchc_desktop.atomic import remove_stale

RESTORE_PATTERNS = (".cchc-restore-*.sqlite", ".cchc-restore-*.sqlite-*")
BACKUP_PATTERNS = ("cchc-*.sqlite.part", "cchc-*.sqlite.part-*", ".cchc-*.part", ".cchc-*.part-*")
ASIDE_PATTERNS = ("*.hong-*.part",)


def clean_database_folder(db_path: Path) -> list[Path]:
    """Stale restore copies beside the database and partial copies in ``backups/``.

    Called with the writer lock held (no restore of another copy can be under way)."""
    from cchc_desktop.storage.backup import backups_dir

    folder = Path(db_path).parent
    removed = remove_stale(folder, RESTORE_PATTERNS + ASIDE_PATTERNS)
    removed += remove_stale(backups_dir(db_path), BACKUP_PATTERNS)
    return removed
