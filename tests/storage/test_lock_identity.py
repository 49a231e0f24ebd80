"""The writer lock follows the file, not the name it was reached by: a symlink meets the
lock of the real path, a second hard link is refused (its ``-wal`` would be another file)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from storage_facts import HAI_DUONG, facts

from cchc_desktop.cli import main
from cchc_desktop.errors import DatabaseError
from cchc_desktop.storage import open_database
from cchc_desktop.storage.backup import backups_dir
from cchc_desktop.storage.lock import lock_path
from cchc_desktop.storage.startup import open_for_app

HOLDER = textwrap.dedent(
    """
    import sys
    from cchc_desktop.storage.startup import open_for_app
    db = open_for_app(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    db.dispose()
    """
)


@pytest.fixture
def real_db(tmp_path: Path) -> Path:
    folder = tmp_path / "that"
    folder.mkdir()
    path = folder / "cchc.sqlite"
    open_database(path).dispose()
    return path


def test_symlink_meets_the_lock_of_the_real_file(real_db: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 16 item 2 (and item 10, the backup name): the window holds the real path; a
    command through a symlink (to the file, or to its folder) is told the database is in
    use, stores nothing and makes no backup of its own."""
    link = tmp_path / "link.sqlite"
    link.symlink_to(real_db)
    folder_link = tmp_path / "folder-link"
    folder_link.symlink_to(real_db.parent, target_is_directory=True)
    window = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(real_db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert window.stdout is not None and window.stdout.readline().strip() == "ready"
        backups = sorted(p.name for p in backups_dir(real_db).iterdir())
        for path in (link, folder_link / "cchc.sqlite"):
            assert main(["--db", str(path), "import", str(HAI_DUONG)]) == 1
            err = capsys.readouterr().err
            assert "in use by another copy" in err and err.count("\n") == 1
            assert lock_path(path) == lock_path(real_db)
        assert facts(real_db)["plan"] == 0
        # item 10: the second writer through a symlink makes no backup (no name shared)
        assert sorted(p.name for p in backups_dir(real_db).iterdir()) == backups
    finally:
        window.stdin.close()  # type: ignore[union-attr]
        window.wait(timeout=30)
    assert not (tmp_path / "link.sqlite.lock").exists()


def test_second_hard_link_is_refused(real_db: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 16 item 2: a database with a second hard link is refused for writing, by
    either name, with one line naming the fault; nothing is written."""
    hard = tmp_path / "hard.sqlite"
    os.link(real_db, hard)
    before = real_db.read_bytes()
    for path in (hard, real_db):
        with pytest.raises(DatabaseError) as err:
            open_for_app(path)
        assert "liên kết cứng" in err.value.message
        assert main(["--db", str(path), "import", str(HAI_DUONG)]) == 1
        line = capsys.readouterr().err
        assert "hard link" in line and line.count("\n") == 1
    assert real_db.read_bytes() == before
    assert not hard.with_name("hard.sqlite-wal").exists()
    hard.unlink()  # one name again: writable
    db = open_for_app(real_db)
    db.dispose()
