"""An SQLite file on a network share is refused (issue 19, item 5): UNC paths, mapped
drives (Windows' drive type, simulated) and NFS/CIFS/SMB mounts (a fake mount table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_desktop.cli import main
from cchc_desktop.storage import network
from cchc_desktop.storage.network import (
    NetworkLocationError,
    network_location,
    parse_mounts,
    refuse_network_location,
)

FAKE_MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
tmpfs /tmp tmpfs rw 0 0
//nas/chung {share} cifs rw,vers=3.0 0 0
nas:/export/vp {nfs} nfs4 rw 0 0
/dev/sdb1 {nfs}/local-disk ext4 rw 0 0
"""


def _table(tmp_path: Path) -> tuple[str, Path, Path]:
    share = tmp_path / "thu muc chung"
    nfs = tmp_path / "nfs"
    for folder in (share, nfs / "local-disk"):
        folder.mkdir(parents=True)
    text = FAKE_MOUNTS.format(share=str(share).replace(" ", "\\040"), nfs=nfs)
    return text, share, nfs


@pytest.mark.parametrize(
    "path",
    [
        r"\\server\share\cchc.sqlite",
        r"\\192.168.1.5\VanPhong\CCHC\cchc.sqlite",
        "//server/share/cchc.sqlite",
        r"\\?\UNC\server\share\cchc.sqlite",
    ],
)
def test_unc_paths_are_refused_with_the_message(path: str) -> None:
    with pytest.raises(NetworkLocationError) as info:
        refuse_network_location(path, mounts_text="", windows=True)
    message = info.value.message
    assert "thư mục mạng (UNC)" in message
    assert "SQLite không khóa tệp an toàn qua mạng" in message
    assert "chế độ máy chủ PostgreSQL" in message
    assert "server mode" in info.value.detail


@pytest.mark.parametrize("path", [r"C:\Users\vp\cchc.sqlite", r"\\?\C:\data\cchc.sqlite"])
def test_local_windows_paths_pass(path: str) -> None:
    assert network_location(path, windows=True, drive_type=lambda root: 3) is None


def test_a_mapped_network_drive_is_refused() -> None:
    seen: list[str] = []

    def drive_type(root: str) -> int:
        seen.append(root)
        return network.DRIVE_REMOTE if root.upper() == "Z:\\" else 3

    assert network_location(r"z:\CCHC\cchc.sqlite", windows=True, drive_type=drive_type) == (
        "ổ đĩa mạng Z:"
    )
    assert network_location(r"D:\CCHC\cchc.sqlite", windows=True, drive_type=drive_type) is None
    assert seen == ["z:\\", "D:\\"]


def test_mount_table_lines_are_unescaped(tmp_path: Path) -> None:
    text, share, _nfs = _table(tmp_path)
    mounts = parse_mounts(text)
    assert [m.fstype for m in mounts] == ["ext4", "proc", "tmpfs", "cifs", "nfs4", "ext4"]
    assert mounts[3].point == str(share)  # "\040" back to a space
    assert mounts[3].source == "//nas/chung"


def test_files_under_cifs_and_nfs_mounts_are_refused(tmp_path: Path) -> None:
    text, share, nfs = _table(tmp_path)
    assert network_location(share / "cchc.sqlite", mounts_text=text, windows=False) == (
        "cifs //nas/chung"
    )
    assert network_location(nfs / "a" / "b.sqlite", mounts_text=text, windows=False) == (
        "nfs4 nas:/export/vp"
    )
    # A local disk mounted inside the NFS tree: the innermost mount decides.
    local = nfs / "local-disk" / "cchc.sqlite"
    assert network_location(local, mounts_text=text, windows=False) is None
    assert network_location(tmp_path / "cchc.sqlite", mounts_text=text, windows=False) is None


def test_a_symlink_into_a_share_is_still_the_share(tmp_path: Path) -> None:
    text, share, _nfs = _table(tmp_path)
    link = tmp_path / "local-looking"
    link.symlink_to(share)
    assert network_location(link / "cchc.sqlite", mounts_text=text, windows=False) == (
        "cifs //nas/chung"
    )


def test_cli_refuses_a_database_on_a_cifs_mount_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text, share, _nfs = _table(tmp_path)
    fake = tmp_path / "mounts"
    fake.write_text(text, "utf-8")
    monkeypatch.setattr(network, "PROC_MOUNTS", fake)
    db = share / "cchc.sqlite"
    for command in (["init"], ["plans"]):
        assert main(["--db", str(db), *command]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"cchc: {db}: an SQLite database on a network location (cifs")
        assert "server mode" in err
    assert list(share.iterdir()) == []  # no database, no lock file, no backups folder


def test_cli_refuses_a_unc_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # On Linux a UNC path is a file name in the working directory, and the command line's log
    # folder is beside it: in the repository root, this test used to leave a logs/ there.
    monkeypatch.chdir(tmp_path)
    assert main(["--db", r"\\server\share\cchc.sqlite", "init"]) == 1
    assert "network location (UNC)" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # refused: nothing made, not even the log folder


def test_the_real_mount_table_passes_a_local_temp_folder(tmp_path: Path) -> None:
    # The test machine's own /proc/mounts: pytest's temp folder is on a local disk.
    assert network_location(tmp_path / "cchc.sqlite") is None


def test_opening_for_the_window_is_refused_before_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cchc_desktop.storage.startup import open_for_app

    text, share, _nfs = _table(tmp_path)
    fake = tmp_path / "mounts"
    fake.write_text(text, "utf-8")
    monkeypatch.setattr(network, "PROC_MOUNTS", fake)
    with pytest.raises(NetworkLocationError) as info:
        open_for_app(share / "cchc.sqlite")
    assert "cifs //nas/chung" in info.value.message
    assert list(share.iterdir()) == []
