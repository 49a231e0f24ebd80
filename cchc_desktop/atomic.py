"""Write files safely: to a temporary file in the target folder, then rename over the target.

A failed export never leaves half a file, and a target open in Word or Excel (locked on
Windows) gives a clear :class:`FileLockedError` while the existing file stays as it was.
A temporary file left by a killed process is removed at the next write of the same target
(only our names, only files older than this process: see :func:`remove_stale`).
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from cchc_desktop.errors import FileLockedError, UserError
from cchc_desktop.faults import from_os_error
from cchc_desktop.file_locks import check_replaceable


def _process_start_time() -> float:
    """When this process started (seconds since the epoch), from the operating system; the
    time this module was imported where the system does not say (no file of this process
    is older than either)."""
    imported = time.time()
    with contextlib.suppress(OSError, ValueError, IndexError, AttributeError):
        if os.name == "nt":  # pragma: no cover - Windows only
            import ctypes
            from ctypes import wintypes

            times = [wintypes.FILETIME() for _ in range(4)]
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            if kernel32.GetProcessTimes(
                kernel32.GetCurrentProcess(), *(ctypes.byref(t) for t in times)
            ):
                ticks = times[0].dwHighDateTime << 32 | times[0].dwLowDateTime
                return min(imported, ticks / 1e7 - 11644473600.0)
        else:
            stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
            boot = next(
                int(line.split()[1])
                for line in Path("/proc/stat").read_text().splitlines()
                if line.startswith("btime ")
            )
            return min(imported, boot + int(stat[19]) / os.sysconf("SC_CLK_TCK"))
    return imported


STARTED = _process_start_time()


def older_than_process(path: Path) -> bool:
    try:
        return path.stat().st_mtime < STARTED
    except OSError:
        return False


def remove_stale(folder: Path, patterns: Iterable[str]) -> list[Path]:
    """Delete the files of ``folder`` matching ``patterns`` and older than this process."""
    wanted = tuple(patterns)
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not any(fnmatch.fnmatchcase(entry.name, p) for p in wanted):
                continue
            path = Path(entry.path)
            if entry.is_file(follow_symlinks=False) and older_than_process(path):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def clean_beside(target: Path, suffix: str) -> list[Path]:
    """Stale ``.TARGET.*SUFFIX`` temporary files of one target (an export, ``backup -o``)."""
    name = target.name.replace("[", "[[]")
    return remove_stale(target.parent, (f".{name}.*{suffix}", f".{name}.*{suffix}-*"))


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
    # Open in LibreOffice/Word (their lock files), read-only, or a folder we may not write.
    check_replaceable(target)
    clean_beside(folder / target.name, ".tmp")  # left by an export that was killed
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        # A read-only folder, a full disk or no permission: said as such (faults).
        raise from_os_error(exc, target) from None
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp creates the file 0600; an exported document should get the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o666 & ~umask)
    try:
        try:
            yield tmp
        except OSError as exc:
            # The disk filled up (or went away) while the document was written: one message
            # naming the target, and the old file stays as it was.
            raise from_os_error(exc, target) from None
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
        raise from_os_error(exc, target) from None


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_atomic(target: Path, writer: Callable[[Path], None]) -> None:
    """Call ``writer(tmp_path)`` and move the result over ``target`` only if it succeeded."""
    with atomic_path(target) as tmp:
        writer(tmp)
