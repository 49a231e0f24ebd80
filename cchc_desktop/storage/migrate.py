"""Schema migrations at start-up: check the revision read-only, back up, then upgrade.

A database stamped with a revision this application does not know was written by a newer
version: it is refused with a clear message and never touched (not even the WAL switch,
which would rewrite the header bytes).
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_desktop.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

    # Types only: database.open_database imports this module (one direction at run time).
    from cchc_desktop.storage.database import Database
    from cchc_desktop.storage.schema_check import Schema

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
    from cchc_desktop.storage.read_only import readonly_uri

    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
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


def peek_revision(path: Path) -> str | None:
    """The stamped revision read without creating anything beside the file, or None when it
    cannot be read so (the checks that follow say why).

    A read-only connection to a WAL database creates ``-wal`` and ``-shm`` when they are
    missing; with no ``-wal`` there is no transaction outside the file, and
    ``immutable=1`` reads the file alone and creates nothing.
    """
    wal = path.with_name(path.name + "-wal")
    query = "mode=ro" if wal.exists() else "immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


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


@functools.cache
def built_schema(revision: str) -> Schema:
    """What the migrations build up to ``revision``, in a scratch file (imports alembic)."""
    import tempfile

    from alembic import command
    from sqlalchemy import create_engine

    from cchc_desktop.storage.schema_check import read_schema

    with tempfile.TemporaryDirectory(prefix="cchc-schema-") as folder:
        engine = create_engine(f"sqlite:///{Path(folder, 'schema.sqlite').as_posix()}")
        try:
            config = alembic_config()
            with engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
            with engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                assert isinstance(raw, sqlite3.Connection)
                return read_schema(raw)
        finally:
            engine.dispose()


def expected_schema(revision: str) -> Schema:
    """The tables and columns of ``revision``: recorded, else built (see schema_check)."""
    from cchc_desktop.storage.schema_check import recorded_schema

    return recorded_schema(revision) or built_schema(revision)


def missing_in_file(path: Path, revision: str) -> list[str]:
    """What the SQLite file at ``path`` lacks of ``revision``'s schema, read-only."""
    from cchc_desktop.storage.integrity import connect_readonly
    from cchc_desktop.storage.schema_check import missing_parts

    try:
        conn = connect_readonly(path)
        try:
            return missing_parts(conn, expected_schema(revision))
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"readable schema ({exc})"]


def check_schema(path: Path, revision: str) -> None:
    """DamagedDatabaseError when the database at ``path`` lacks a table or column of its
    revision (read-only; never written to)."""
    from cchc_desktop.errors import DamagedDatabaseError
    from cchc_desktop.storage.schema_check import describe

    lacking = missing_in_file(path, revision)
    if lacking:
        vietnamese, english = describe(lacking)
        raise DamagedDatabaseError(
            f"Cơ sở dữ liệu {path.name} bị hỏng: thiếu {vietnamese}. Phần mềm sẽ không ghi "
            "vào tệp này. Hãy phục hồi từ bản sao lưu gần nhất.",
            path=str(path),
            detail=f"schema does not match revision {revision}: missing {english}",
        )


def refuse_empty_file(path: Path) -> None:
    """An existing 0-byte database is never initialised while backups exist: a truncated
    file (a full disk, a bad copy) would silently start over with the sample plan while the
    office's work sits in ``backups/`` until rotation removes it. DamagedDatabaseError makes
    the window offer the newest good backup. With no backup at all there is nothing to lose
    (a first start killed before its first write), and the file becomes a new database."""
    from cchc_desktop.errors import DamagedDatabaseError
    from cchc_desktop.storage.backup import list_backups

    if not list_backups(path):
        return
    raise DamagedDatabaseError(
        f"Tệp cơ sở dữ liệu {path.name} rỗng (0 byte), có thể do ổ đĩa đầy hoặc sao chép "
        "lỗi. Phần mềm không tạo dữ liệu mới đè lên; hãy phục hồi từ bản sao lưu gần nhất.",
        path=str(path),
        detail="the database file is empty (0 bytes) while backups exist; not initialised",
    )


# How long an opening waits for another copy of the application that is migrating the same
# database (a migration of a large database takes seconds) before saying it is in use.
MIGRATION_WAIT_S = 30.0


def _check_file(path: Path) -> tuple[bool, str | None]:
    """(has content, stamped revision) of the database file, after the read-only checks."""
    has_file = path.exists() and path.stat().st_size > 0
    if not has_file:
        if path.exists():
            refuse_empty_file(path)
        return False, None
    from cchc_desktop.storage.integrity import check_healthy

    # A newer database is refused before any connection could create -wal/-shm beside it.
    check_revision(peek_revision(path), path)
    check_healthy(path)  # DamagedDatabaseError before anything writes to the file
    revision = stored_revision_readonly(path)
    check_revision(revision, path)
    if revision is not None:  # a dropped table passes quick_check: compare the schema
        check_schema(path, revision)
    return True, revision


@contextlib.contextmanager
def _migration_lock(path: Path) -> Iterator[None]:
    """The writer lock for the migration (re-entrant: open_for_app already holds it). Two
    first opens of an old database would otherwise both run the migrations, and the second
    fail half-way ("duplicate column name")."""
    from cchc_desktop.errors import DatabaseInUseError
    from cchc_desktop.storage.lock import acquire_writer_lock

    deadline = time.monotonic() + MIGRATION_WAIT_S
    while True:
        try:
            lock = acquire_writer_lock(path)
            break
        except DatabaseInUseError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.1)
    try:
        yield
    finally:
        lock.release()


def prepare(db: Database) -> None:
    """Bring ``db`` to the head revision, taking a backup first when data would change."""
    if db.path is None:
        from alembic.runtime.migration import MigrationContext

        with db.engine.connect() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
        check_revision(revision, None)
        if revision != head_revision():
            upgrade(db)
        return
    _has_file, revision = _check_file(db.path)
    if revision == head_revision():
        return
    if db.read_only:
        from cchc_desktop.storage.read_only import read_only_reason, refuse_writing

        raise refuse_writing(db.path, read_only_reason(db.path) or "file")
    db.path.parent.mkdir(parents=True, exist_ok=True)
    with _migration_lock(db.path):
        # Read again under the lock: another copy may have migrated it meanwhile.
        has_file, revision = _check_file(db.path)
        if revision == head_revision():
            return
        if has_file and revision is not None:
            from cchc_desktop.storage.backup import backup_before

            backup_before(db.path, f"truoc-nang-cap-{revision}")
        upgrade(db)


def upgrade(db: Database, revision: str = "head") -> None:
    from alembic import command

    config = alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
