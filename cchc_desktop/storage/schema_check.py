"""Does a database have the tables and columns its schema revision promises?

``PRAGMA quick_check`` says the file is sound, not that it is ours whole: a table dropped
by hand (or by another tool) passes it, and every export, import and the window then fail
on raw SQL errors. Opening a database (:func:`~cchc_desktop.storage.migrate.prepare`) and
checking a backup (:func:`~cchc_desktop.storage.restore.check_backup_file`) compare the
file with what the migrations build at its revision, read-only.

What the migrations build is recorded per revision in :mod:`.schema_snapshot` (start-up
must not import alembic or the table classes to learn it); a revision missing there is built
once by running the migrations into a scratch file (``migrate.expected_schema``). ``python
-m cchc_desktop.storage.schema_snapshot_tool`` rewrites the snapshot after a new migration,
and ``tests/storage/test_schema_check.py`` fails until it has been.
"""

from __future__ import annotations

import sqlite3

from cchc_desktop.storage.schema_snapshot import SCHEMAS

Schema = dict[str, frozenset[str]]
_QUERY = (
    "SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
)


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The tables of an open SQLite connection and their columns."""
    found: dict[str, set[str]] = {}
    for table, column in conn.execute(_QUERY):
        found.setdefault(str(table), set()).add(str(column))
    return {table: frozenset(columns) for table, columns in found.items()}


def recorded_schema(revision: str) -> Schema | None:
    """The snapshot of ``revision``, or None when it has not been recorded."""
    recorded = SCHEMAS.get(revision)
    if recorded is None:
        return None
    return {table: frozenset(columns) for table, columns in recorded.items()}


def missing_parts(conn: sqlite3.Connection, expected: Schema) -> list[str]:
    """``["table task", "column plan.title"]``: what the file lacks of ``expected``."""
    have = read_schema(conn)
    lacking: list[str] = []
    for table, columns in sorted(expected.items()):
        if table not in have:
            lacking.append(f"table {table}")
            continue
        lacking += [f"column {table}.{c}" for c in sorted(columns - have[table])]
    return lacking


def describe(lacking: list[str]) -> tuple[str, str]:
    """(Vietnamese, English) naming what is missing, at most five parts."""
    shown = lacking[:5] + (["…"] if len(lacking) > 5 else [])
    vietnamese = ", ".join(
        part.replace("table ", "bảng ").replace("column ", "cột ") for part in shown
    )
    return vietnamese, ", ".join(shown)
