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
from typing import Any

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
