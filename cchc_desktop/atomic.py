"""Write files safely: to a temporary file in the target folder, then rename over the target.

A failed export never leaves half a file, and a target open in Word or Excel (locked on
Windows) gives a clear :class:`FileLockedError` while the existing file stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from cchc_desktop.errors import FileLockedError, UserError


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(
            f"Thư mục không tồn tại: {folder}",
            file=str(target),
            detail=f"folder does not exist: {folder}",
        )
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileLockedError(
            f"Không ghi được vào thư mục {folder}: {exc.strerror or exc}",
            file=str(target),
            detail=f"cannot write in {folder}: {exc.strerror or exc}",
        ) from None
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp creates the file 0600; an exported document should get the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o666 & ~umask)
    try:
        yield tmp
        _replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _replace(tmp: Path, target: Path) -> None:
    try:
        os.replace(tmp, target)
    except PermissionError as exc:
        raise FileLockedError(
            f"Không ghi được tệp {target.name}: tệp đang được mở trong chương trình khác "
            "(Word, Excel) hoặc không có quyền ghi. Hãy đóng tệp rồi thử lại.",
            file=str(target),
            detail=f"file is locked or read-only: {exc.strerror or exc}",
        ) from None
    except OSError as exc:
        raise FileLockedError(
            f"Không ghi được tệp {target.name}: {exc.strerror or exc}",
            file=str(target),
            detail=f"cannot write: {exc.strerror or exc}",
        ) from None


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_atomic(target: Path, writer: Callable[[Path], None]) -> None:
    """Call ``writer(tmp_path)`` and move the result over ``target`` only if it succeeded."""
    with atomic_path(target) as tmp:
        writer(tmp)
