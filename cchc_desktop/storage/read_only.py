"""A database the clerk may read but not write: a read-only folder or file (a CD, a shared
folder with read rights only, a file copied from an archive with its read-only flag).

Such a file is opened for reading, without the writer lock, the migrations, the litter
clean-up or the daily backup, none of which can be written there; SQLite's ``-shm`` of a WAL
database cannot be created either, so with no ``-wal`` beside the file it is read as
``immutable=1`` (nothing created, nothing locked). Issue 16, item 6.
"""

from __future__ import annotations

import os
from pathlib import Path

from cchc_desktop.errors import ReadOnlyError


def read_only_reason(path: Path) -> str | None:
    """``"folder"`` or ``"file"`` when ``path`` (or, not yet made, its folder) cannot be
    written by this process, else None. ``os.access`` answers EROFS too, also for root."""
    path = Path(path)
    if path.exists():
        if not os.access(path.parent, os.W_OK | os.X_OK):
            return "folder"
        return None if os.access(path, os.W_OK) else "file"
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return None if os.access(folder, os.W_OK | os.X_OK) else "folder"


def readonly_query(path: Path) -> str:
    """The SQLite URI query that reads ``path`` without writing anything beside it."""
    wal = path.with_name(path.name + "-wal")
    if read_only_reason(path) == "folder" and not wal.exists():
        return "immutable=1"
    return "mode=ro"


def readonly_uri(path: Path) -> str:
    return f"{Path(path).resolve().as_uri()}?{readonly_query(path)}"


def refuse_writing(path: Path, reason: str) -> ReadOnlyError:
    """The refusal of a writing command on a read-only database (reading ones still work)."""
    where = "Thư mục chứa" if reason == "folder" else "Tệp"
    return ReadOnlyError(
        f"{where} cơ sở dữ liệu {Path(path).name} chỉ cho phép đọc: có thể xem và xuất "
        "kế hoạch, báo cáo nhưng không lưu được thay đổi. Hãy chép tệp sang thư mục có quyền "
        "ghi hoặc nhờ bộ phận tin học cấp quyền ghi.",
        file=str(path),
        detail=f"read-only {reason}: the database can be read and exported, not written",
    )
