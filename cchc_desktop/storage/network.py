"""Refusing an SQLite file on a network location (issue 19, item 5).

SQLite's own documentation warns that its file locking is unreliable over network file
systems (NFS, SMB/CIFS) and that WAL needs shared memory on one host: a ``cchc.sqlite`` on
a shared folder opened by two clerks is how offices lose data. So a database path on a
Windows UNC share (``\\\\server\\share\\…``), on a mapped network drive, or under a Linux
NFS/CIFS/SMB mount is refused before anything is opened, with a message that points to
server mode (PostgreSQL), which is the way several clerks share one database.

The checks take their facts from injectable sources (the mount table text, the Windows
drive type) so that tests can simulate a share on any machine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from cchc_desktop.errors import DatabaseError

# File system types of network mounts, as /proc/mounts names them.
NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.smbnetfs",
    }
)
PROC_MOUNTS = Path("/proc/mounts")
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive


class NetworkLocationError(DatabaseError):
    """The SQLite database would live on a network share: refused, nothing opened."""


@dataclass(frozen=True)
class Mount:
    point: str
    fstype: str
    source: str


def _unescape(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash in octal (\040 …).
    out: list[str] = []
    i = 0
    while i < len(field):
        if field[i] == "\\" and i + 3 < len(field) and field[i + 1 : i + 4].isdigit():
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mounts(text: str) -> list[Mount]:
    """The lines of a mount table (``/proc/mounts`` format) as :class:`Mount` rows."""
    mounts: list[Mount] = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append(Mount(_unescape(fields[1]), fields[2].lower(), _unescape(fields[0])))
    return mounts


def mount_of(path: PurePosixPath, mounts: list[Mount]) -> Mount | None:
    """The mount that holds ``path``: the longest mount point it lies under (the last one
    listed wins for the same point, as a later mount hides an earlier one)."""
    best: Mount | None = None
    for mount in mounts:
        point = PurePosixPath(mount.point)
        if (path == point or point in path.parents) and (
            best is None or len(point.parts) >= len(PurePosixPath(best.point).parts)
        ):
            best = mount
    return best


def _read_mounts() -> str | None:
    try:
        return PROC_MOUNTS.read_text("utf-8", errors="replace")
    except OSError:
        return None


def _windows_drive_type(root: str) -> int:
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return 0
    return int(windll.kernel32.GetDriveTypeW(root))


def is_unc(text: str) -> bool:
    """``\\\\server\\share\\…`` or ``//server/share/…`` (but not ``\\\\?\\C:\\…``)."""
    if text.startswith(("\\\\?\\", "//?/")):
        rest = text[4:]
        return rest.upper().startswith(("UNC\\", "UNC/"))
    if text.startswith(("\\\\.\\", "//./")):
        return False
    return text.startswith(("\\\\", "//")) and len(text) > 2 and text[2] not in "\\/"


def network_location(
    path: str | Path,
    *,
    mounts_text: str | None = None,
    drive_type: Callable[[str], int] | None = None,
    windows: bool | None = None,
) -> str | None:
    """Why ``path`` is on a network location (``"UNC"``, ``"ổ đĩa mạng Z:"``,
    ``"nfs4 server:/export"``), or None for a local path.

    ``mounts_text`` replaces ``/proc/mounts`` and ``drive_type`` Windows' GetDriveTypeW, for
    tests; ``windows`` forces the Windows rules (default: the running system's).
    """
    text = str(path)
    if is_unc(text):
        return "UNC"
    on_windows = sys.platform == "win32" if windows is None else windows
    if on_windows:
        drive = PureWindowsPath(text).drive
        if len(drive) == 2 and drive[1] == ":":
            kind = (drive_type or _windows_drive_type)(drive + "\\")
            if kind == DRIVE_REMOTE:
                return f"ổ đĩa mạng {drive.upper()}"
        return None
    table = mounts_text if mounts_text is not None else _read_mounts()
    if table is None:
        return None
    # The folder the file is (or will be) in, with symbolic links followed: a link from a
    # local folder into a share is still the share.
    target = PurePosixPath(os.path.realpath(text))
    mount = mount_of(target, parse_mounts(table))
    if mount is not None and mount.fstype in NETWORK_FS_TYPES:
        return f"{mount.fstype} {mount.source}"
    return None


def refuse_network_location(
    path: str | Path,
    *,
    mounts_text: str | None = None,
    drive_type: Callable[[str], int] | None = None,
    windows: bool | None = None,
) -> None:
    """Raise :class:`NetworkLocationError` when ``path`` is on a network location."""
    where = network_location(path, mounts_text=mounts_text, drive_type=drive_type, windows=windows)
    if where is None:
        return
    raise NetworkLocationError(
        f"Không dùng được tệp cơ sở dữ liệu {path} vì tệp nằm trên thư mục mạng ({where}). "
        "SQLite không khóa tệp an toàn qua mạng: khi nhiều người cùng ghi, dữ liệu có thể bị "
        "hỏng hoặc mất. Hãy để tệp trên ổ đĩa của máy này; để nhiều cán bộ dùng chung một cơ "
        "sở dữ liệu, hãy dùng chế độ máy chủ PostgreSQL (--db postgresql://…, xem "
        "docs/SERVER.md).",
        file=str(path),
        detail=f"an SQLite database on a network location ({where}) is unsafe: its locking "
        "is unreliable over network file systems; keep it on a local disk or use server "
        "mode (--db postgresql://user@host/dbname, docs/SERVER.md)",
    )
