"""Schema migrations at start-up: check the revision read-only, back up, then upgrade.

A database stamped with a revision this application does not know was written by a newer
version: it is refused with a clear message and never touched (not even the WAL switch,
which would rewrite the header bytes).
"""

from __future__ import annotations

import functools
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_desktop.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

    # Types only: database.open_database imports this module (one direction at run time).
    from cchc_desktop.storage.database import Database

MIGRATIONS = Path(__file__).with_name("migrations")
# ``revision = "0003"`` or, as alembic's own template writes it, ``revision: str = "0003"``.
# tests/storage/test_revision_fast_path.py checks what these find against alembic's
# ScriptDirectory, so a migration they would misread fails a test, not a start-up.
_REVISION = re.compile(r"^revision(?:\s*:[^=\n]+)?\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=\n]+)?\s*=\s*['\"]([^'\"]+)['\"]", re.M)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@functools.cache
def _revision_graph() -> tuple[frozenset[str], str]:
    """Known revisions and the head, read from the migration files without importing alembic
    (which costs a noticeable part of the window's start-up when nothing needs upgrading)."""
    known: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text("utf-8")
        rev = _REVISION.search(text)
        if rev:
            known.add(rev[1])
        down = _DOWN.search(text)
        if down:
            parents.add(down[1])
    heads = known - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return frozenset(known), heads.pop()


def head_revision() -> str:
    return _revision_graph()[1]


def known_revisions() -> set[str]:
    return set(_revision_graph()[0])


def stored_revision_readonly(path: Path) -> str | None:
    """The alembic revision stamped in an SQLite file, read without writing anything.

    Returns None for a file with no schema yet. Raises DatabaseError for a file that is not
    an SQLite database or has tables but no CCHC revision.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise DatabaseError(
                    f"Tệp {path.name} không phải cơ sở dữ liệu của CCHC Desktop.",
                    file=str(path),
                    detail="not a CCHC Desktop database (no schema revision)",
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"Tệp {path.name} không phải cơ sở dữ liệu SQLite hoặc đã bị hỏng.",
            file=str(path),
            detail=f"not an SQLite database or damaged: {exc}",
        ) from None


def check_revision(revision: str | None, path: Path | None) -> None:
    if revision is not None and revision not in known_revisions():
        where = str(path) if path else "database"
        raise DatabaseError(
            "Cơ sở dữ liệu được tạo bởi phiên bản CCHC Desktop mới hơn phiên bản này. "
            "Hãy cập nhật phần mềm; dữ liệu không bị thay đổi.",
            file=where,
            detail=f"database schema revision {revision} is newer than this application "
            f"(knows up to {head_revision()}); it was not modified",
        )


def prepare(db: Database) -> None:
    """Bring ``db`` to the head revision, taking a backup first when data would change."""
    revision: str | None = None
    has_file = db.path is not None and db.path.exists() and db.path.stat().st_size > 0
    if db.path is not None and has_file:
        from cchc_desktop.storage.integrity import check_healthy

        check_healthy(db.path)  # DamagedDatabaseError before anything writes to the file
        revision = stored_revision_readonly(db.path)
        check_revision(revision, db.path)
    if db.path is not None and not db.path.parent.exists():
        db.path.parent.mkdir(parents=True, exist_ok=True)
    if db.path is None:
        from alembic.runtime.migration import MigrationContext

        with db.engine.connect() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
        check_revision(revision, None)
    if revision == head_revision():
        return
    if db.path is not None and has_file and revision is not None:
        from cchc_desktop.storage.backup import backup_before

        backup_before(db.path, f"truoc-nang-cap-{revision}")
    upgrade(db)


def upgrade(db: Database, revision: str = "head") -> None:
    from alembic import command

    config = alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
