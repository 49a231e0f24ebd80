"""Keeping explicit ``position`` columns dense (0, 1, 2 …) after every insert, move and delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class Positioned(Protocol):
    position: int


def renumber(rows: Sequence[Any]) -> None:
    for i, row in enumerate(rows):
        if row.position != i:
            row.position = i


def insert_at(rows: list[Any], item: Any, index: int | None) -> int:
    """Insert ``item`` into ``rows`` at ``index`` (clamped; None = end), renumber, return index."""
    where = len(rows) if index is None else max(0, min(index, len(rows)))
    rows.insert(where, item)
    renumber(rows)
    return where


def move_to(rows: list[Any], item: Any, index: int) -> int:
    """Move ``item`` within ``rows`` to ``index`` (clamped); returns its old index."""
    old = rows.index(item)
    rows.pop(old)
    rows.insert(max(0, min(index, len(rows))), item)
    renumber(rows)
    return old


def open_gap(s: Any, table: Any, scope: Any, index: int) -> None:
    """Make room at ``index`` in a dense position list (one UPDATE, not a row per task)."""
    from sqlalchemy import update

    s.execute(
        update(table).where(scope, table.position >= index).values(position=table.position + 1)
    )


def close_gap(s: Any, table: Any, scope: Any, index: int) -> None:
    """Close the hole left at ``index`` after a row was removed."""
    from sqlalchemy import update

    s.execute(
        update(table).where(scope, table.position > index).values(position=table.position - 1)
    )


def slide(s: Any, table: Any, scope: Any, old: int, new: int) -> None:
    """Shift the rows between ``old`` and ``new`` by one so a row can move from old to new."""
    from sqlalchemy import update

    if new > old:
        s.execute(
            update(table)
            .where(scope, table.position > old, table.position <= new)
            .values(position=table.position - 1)
        )
    elif new < old:
        s.execute(
            update(table)
            .where(scope, table.position >= new, table.position < old)
            .values(position=table.position + 1)
        )
