"""Is a target file free to be replaced? Office programs' lock files, read-only files and
folders without permission, each refused with a Vietnamese message before anything is
written (issue 17: an export replaced a file open in LibreOffice after an English
question, and a folder without permission said "Permission denied").

LibreOffice keeps ``.~lock.NAME#`` beside a document it has open; Word and Excel keep an
"owner file" ``~$NAME`` whose name loses its first one or two letters for longer names
(``~$port.docx`` for ``report.docx``). On Linux neither program locks the file itself, so
a rename over it succeeds and the clerk's open copy silently differs from the one on disk.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cchc_desktop.errors import FileLockedError


def lock_files(target: Path) -> list[Path]:
    """The lock files beside ``target`` that say another program has it open."""
    name = target.name
    candidates = [f".~lock.{name}#", f"~${name}", f"~${name[1:]}", f"~${name[2:]}"]
    seen: list[Path] = []
    for candidate in dict.fromkeys(candidates):
        path = target.with_name(candidate)
        if path.is_file():
            seen.append(path)
    return seen


def check_replaceable(target: Path) -> None:
    """Raise :class:`FileLockedError` when ``target`` is open in LibreOffice, Word or Excel,
    is read-only, or its folder cannot be written to; nothing is changed either way."""
    target = Path(target)
    locks = lock_files(target)
    if locks:
        program = "LibreOffice" if locks[0].name.startswith(".~lock.") else "Word hoặc Excel"
        raise FileLockedError(
            f"Tệp “{target.name}” đang được mở trong {program}. Hãy đóng tệp rồi xuất lại, "
            f"hoặc lưu với tên khác. (Nếu tệp không còn mở ở đâu, hãy xóa tệp khóa "
            f"“{locks[0].name}” trong cùng thư mục.)",
            file=str(target),
            detail=f"open in another program: lock file {locks[0].name} is present",
        )
    if target.is_file() and _read_only(target):
        raise FileLockedError(
            f"Tệp “{target.name}” chỉ cho phép đọc: không ghi đè được. Hãy lưu với "
            "tên khác hoặc bỏ thuộc tính chỉ đọc của tệp.",
            file=str(target),
            detail="the file is read-only",
        )
    folder = target.parent if str(target.parent) else Path(".")
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise FileLockedError(
            f"Không có quyền ghi vào thư mục “{folder}”. Hãy chọn thư mục khác, ví dụ "
            "thư mục Tài liệu của mình.",
            file=str(target),
            detail=f"no permission to write in {folder}",
        )


def _read_only(path: Path) -> bool:
    # The mode bit too: an administrator (or root in tests) may write where a clerk may
    # not, and a file marked read-only on Windows has no write bit in its mode.
    return not os.access(path, os.W_OK) or not path.stat().st_mode & stat.S_IWUSR
