"""What the ``cchc`` commands share: opening the database (to read, or to write with the
writer lock) and the argument types of a plan id and a period. Its own module so that
``cli`` and ``cli_forms`` both import it and not each other. Never imports PySide6.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def open_db(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from cchc_desktop.storage import open_database

    db = open_database(args.db)
    _name_clerk(db, args)
    # Disposed when the command ends, like a writer's: left to the garbage collector, a
    # reader's pooled connection could still be open when the next command (restore) needs
    # the file to itself.
    OPEN_WRITERS.append(db)
    return db


# Databases opened by db_writer and open_db: disposed (writer lock released, connections
# closed) when the command ends, so a script or test calling main() twice never holds the
# database between commands.
OPEN_WRITERS: list[Any] = []


def db_writer(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The database for a command that writes: the writer lock (refused while a window has
    it open), quick_check, migrations and the daily backup (storage.startup)."""
    if "://" in str(args.db):  # a server URL: no file to lock or copy
        return open_db(args)
    from cchc_desktop.storage.startup import open_for_app

    db = open_for_app(Path(args.db))
    _name_clerk(db, args)
    OPEN_WRITERS.append(db)
    return db


def _name_clerk(db: Any, args: argparse.Namespace) -> None:
    """``cchc --clerk NAME``: the name recorded with each edit (issue 19, item 3), over
    ``$CCHC_CLERK`` and the database user (``storage.database.clerk_name``)."""
    name = (getattr(args, "clerk", None) or "").strip()
    if name:
        db.clerk = name


def plan_id_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a plan id (see 'cchc plans')") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a plan id (see 'cchc plans')")
    return value


def period_arg(text: str):  # type: ignore[no-untyped-def]
    from cchc_desktop.domain.periods import Period

    try:
        return Period.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
