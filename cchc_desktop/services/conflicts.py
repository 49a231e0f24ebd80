"""Optimistic concurrency on field edits (server mode, issue 19, item 2): the plan's own
fields, a unit, a section heading. These rows carry no version column: the clerk's edit
says what it saw of the fields it changes, and the service refuses it when the stored
values differ (another clerk changed them since), with both versions in the message.

The row is read ``FOR UPDATE`` on PostgreSQL, so of two clerks storing over the same
values at the same moment the second waits for the first, then sees its values and is
refused: exactly one wins. (SQLite has one writer at a time anyway.)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from cchc_desktop.errors import ConflictError


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        # What the window typed may not be normalised yet; the database holds NFC.
        return unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)
    return bool(a == b)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, bool):
        return "có" if value else "không"
    name = getattr(value, "name", None)
    if isinstance(name, str) and not isinstance(value, str):
        return name or "(trống)"  # a signer: the name says it
    return str(value)


def refuse_if_changed(
    what: str, seen: Mapping[str, Any] | None, stored: Mapping[str, Any], mine: Mapping[str, Any]
) -> None:
    """Raise :class:`ConflictError` when a field of ``stored`` is not what the clerk saw
    (``seen``; None: no check, as for scripts and imports)."""
    if seen is None:
        return
    changed = [k for k in mine if k in seen and not _same(seen[k], stored.get(k))]
    if not changed:
        return
    theirs = "; ".join(_shown(stored.get(k)) for k in changed)
    yours = "; ".join(_shown(mine[k]) for k in changed)
    raise ConflictError(
        f"{what} vừa được người khác sửa trước bạn; thay đổi của bạn chưa được lưu.\n"
        f"Bản đang lưu: {theirs}\nBản của bạn: {yours}\n"
        "Hãy tải lại để xem bản mới nhất rồi sửa tiếp.",
        theirs={k: stored.get(k) for k in changed},
        mine={k: mine[k] for k in changed},
        detail=f"{', '.join(changed)} changed by another user since it was read; nothing "
        "stored (reload and edit again)",
    )


# -- rows without a version: lists, places, deletes (issue 19, item 2, third round) ---------


def stale(
    what: str, theirs: str, mine: str, *, stored: Any, seen: Any, detail: str
) -> ConflictError:
    """The refusal of an edit over another clerk's change, in the words of
    :func:`refuse_if_changed`: ``theirs`` and ``mine`` are the two versions as one line."""
    return ConflictError(
        f"{what} vừa được người khác sửa trước bạn; thay đổi của bạn chưa được lưu.\n"
        f"Bản đang lưu: {theirs or '(trống)'}\nBản của bạn: {mine or '(trống)'}\n"
        "Hãy tải lại để xem bản mới nhất rồi sửa tiếp.",
        theirs=stored,
        mine=seen,
        detail=f"{detail} changed by another user since it was read; nothing stored "
        "(reload and edit again)",
    )


def stale_delete(
    what: str, theirs: str, seen_text: str, *, stored: Any, seen: Any, detail: str
) -> ConflictError:
    """A delete of a row another clerk changed since this clerk loaded it: not deleted, and
    what is stored now beside what the clerk saw."""
    return ConflictError(
        f"{what} vừa được người khác sửa sau khi bạn mở nên chưa bị xóa.\n"
        f"Bản đang lưu: {theirs or '(trống)'}\nBản bạn đã xem: {seen_text or '(trống)'}\n"
        "Hãy tải lại để xem bản mới nhất rồi xóa lại nếu vẫn cần.",
        theirs=stored,
        mine=seen,
        detail=f"{detail} changed by another user since it was read; nothing deleted "
        "(reload and delete again)",
    )


def gone(what: str, *, deleting: bool = False, detail: str) -> ConflictError:
    """The row the clerk edits (or deletes) was deleted by another clerk meanwhile."""
    tail = (
        "không còn gì để xóa."
        if deleting
        else "thay đổi của bạn chưa được lưu.\nHãy tải lại để xem bản mới nhất."
    )
    return ConflictError(
        f"{what} đã bị người khác xóa trước bạn; {tail}",
        theirs=None,
        mine=None,
        detail=f"{detail} was deleted by another user"
        + ("; nothing to delete" if deleting else "; nothing stored"),
    )


def short(text: str, limit: int = 80) -> str:
    """One line of a conflict message: the first line of ``text``, cut at ``limit``."""
    first = text.strip().split("\n")[0]
    return first[:limit] + ("…" if len(first) > limit or "\n" in text.strip() else "")


Row = TypeVar("Row")


def locked_row(
    s: Any, table: type[Row], row_id: int, what: str, *, deleting: bool = False, detail: str
) -> Row:
    """The row of ``table`` (a table with ``plan_id``) after its plan's structural lock, and
    locked till commit; a row another clerk deleted meanwhile is refused as such."""
    from sqlalchemy import select

    columns: Any = table
    plan_id = s.scalar(select(columns.plan_id).where(columns.id == row_id))
    if plan_id is not None:
        lock_plan(s, plan_id)
    row = s.get(table, row_id, with_for_update=True)
    if row is None:
        raise gone(what, deleting=deleting, detail=detail)
    return cast(Row, row)


def lock_plan(s: Any, plan_id: int) -> None:
    """Serialise the checked structural edits of one plan (moves, deletes, list edits) on
    PostgreSQL: a transaction-level advisory lock, taken before anything is read, so the
    second clerk reads what the first one committed (read committed) and its check sees
    it. Row locks are not enough for moves: two clerks moving different sections of one
    parent would renumber the same siblings. SQLite has one writer at a time anyway."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy import text

        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": 19_000_000 + plan_id})
