"""The database handle: an engine with the right SQLite settings and short-lived sessions.

SQLite is what the application runs on (a file; ``sqlite://`` in memory for tests) and gets
WAL (readers never block the writer, a crash never corrupts committed data), foreign keys
and a busy timeout on every connection. The plan reader (``services/plan_read.py``) writes
SQLite's SQL by hand; another database would need its identifiers quoted there.
"""

from __future__ import annotations

import contextlib
import getpass
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, ExceptionContext, make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit reported to the clerk survives a power cut too, not only a crash.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _classify_fault(database: str | None) -> Callable[[ExceptionContext], BaseException | None]:
    """The storage boundary: a full disk, a read-only file, a lock held by another program,
    an I/O or permission fault becomes the project's user error (``faults``) here, once, so
    no service, window or command sees SQLAlchemy's text with the SQL in it. Anything else
    (a bug) passes unchanged."""
    from cchc_desktop.faults import from_sqlite_error

    def classify(context: ExceptionContext) -> BaseException | None:
        return from_sqlite_error(context.original_exception, database or None)

    return classify


def _sqlite_read_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # A read-only file: no journal mode switch nor synchronous setting (both would write).
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine for ``url``; SQLite connections get the pragmas above."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_read_pragmas if read_only else _sqlite_pragmas)
        event.listen(engine, "handle_error", _classify_fault(parsed.database))
        return engine
    if parsed.get_backend_name() == "postgresql":
        # Server mode (issue 19): the psycopg 3 driver of the [server] extra, whatever the
        # clerk wrote (postgresql://, postgres://); imported by SQLAlchemy only here.
        from cchc_desktop.storage.server import connect_args, require_driver

        require_driver()
        parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args())
    return create_engine(parsed, pool_pre_ping=True)


def clerk_name(url: str) -> str:
    """Who is editing, recorded with each edit: ``$CCHC_CLERK`` (a name the clerk chose),
    else the database role of a server URL, else the operating-system user."""
    chosen = os.environ.get("CCHC_CLERK", "").strip()
    if chosen:
        return chosen
    user = make_url(url).username
    if user:
        return user
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name (a container without /etc/passwd entry)
        return ""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve().as_posix()}"


class Database:
    """One database: where it is and how to talk to it. Passed to every service."""

    def __init__(self, url: str, path: Path | None = None, *, read_only: bool = False):
        self.url = url
        self.path = path  # the SQLite file, or None for a server database / in-memory
        # A file in a read-only folder or with its read-only flag (storage.read_only).
        self.read_only = read_only
        self.engine = make_engine(url, read_only=read_only)
        # Run by dispose(), e.g. releasing the writer lock taken by storage.startup.
        self.on_dispose: list[Callable[[], None]] = []
        self.clerk = clerk_name(url)
        self.sample_plan_id: int | None = None  # the sample plan given at this start, if any

    @classmethod
    def for_path(cls, path: Path) -> Database:
        from cchc_desktop.storage.read_only import read_only_reason, readonly_query

        path = Path(path)
        if path.exists() and path.stat().st_size > 0 and read_only_reason(path):
            url = f"sqlite:///file:{path.resolve().as_posix()}?{readonly_query(path)}&uri=true"
            return cls(url, path, read_only=True)
        return cls(sqlite_url(path), path)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error."""
        with Session(self.engine, expire_on_commit=False) as session:
            session.info["clerk"] = self.clerk  # who made the edits (issue 19, item 3)
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextlib.contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only session (nothing is committed) that sees one state of the database.

        SQLite's driver starts no transaction for SELECTs, so each query of a multi-query
        read (a whole plan is ten) would see whatever was committed just before it: a read
        on a worker thread could meet a task deleted halfway. An explicit BEGIN makes the
        queries share one snapshot; closing the session rolls it back.
        """
        with Session(self.engine, expire_on_commit=False) as session:
            if self.engine.dialect.name == "sqlite":
                session.connection().exec_driver_sql("BEGIN")
            elif self.engine.dialect.name == "postgresql":
                # PostgreSQL's default (read committed) gives each query its own snapshot;
                # repeatable read gives the whole read one, as BEGIN does on SQLite.
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
        while self.on_dispose:
            self.on_dispose.pop()()


def _sqlite_file(url: str) -> str | None:
    """The file of an ``sqlite:///…`` URL (None for a server or an in-memory database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return parsed.database


def open_database(path_or_url: str | Path, *, migrate: bool = True) -> Database:
    """Open (and create or upgrade) the database at a file path or SQLAlchemy URL."""
    from cchc_desktop.storage.migrate import prepare

    text = str(path_or_url)
    file = text if "://" not in text else _sqlite_file(text)
    if file:
        from cchc_desktop.storage.network import refuse_network_location

        refuse_network_location(file)  # before anything creates or opens the file
    db = Database(text) if "://" in text else Database.for_path(Path(text))
    if migrate:
        try:
            prepare(db)
        except OperationalError as exc:
            db.dispose()
            if db.path is not None:
                raise
            from cchc_desktop.storage.server import explain

            raise explain(exc, text) from None
    return db
