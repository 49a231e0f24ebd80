"""The Sao lưu / Phục hồi dialog and the start-up prompts for a damaged or busy database."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from cchc_desktop.errors import DamagedDatabaseError
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.plan_read import list_plans
from cchc_desktop.services.plans import import_plan
from cchc_desktop.storage.backup import backup_before, daily_backup
from cchc_desktop.storage.startup import open_for_app

from cchc_desktop.ui.dialogs import database_prompts
from cchc_desktop.ui.dialogs.backup_dialog import BackupDialog, BackupTableModel
from cchc_desktop.ui.dialogs.database_prompts import open_database_for_window

pytestmark = pytest.mark.gui
PLAN = (
    Path(__file__).resolve().parents[1]
    / "fixtures/plans/ke-hoach-74-skhcn-hai-duong-2022.plan.json"
)
Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


class Boxes(list[tuple[str, str]]):
    """What the message boxes said, in order; ``answer`` is what a question gets."""

    answer = Yes


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    """Message boxes answered without a screen; what they said is recorded."""
    log = Boxes()

    def box(kind: str):  # type: ignore[no-untyped-def]
        def show(_parent, _title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
            log.append((kind, text))
            return log.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return staticmethod(show)

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, box(kind))
    return log


def _titles(db) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.title for p in list_plans(db)]


def test_model_lists_backups_newest_first(qtmodeltester, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = open_for_app(db_path, now=dt.datetime(2026, 11, 20, 8, 0))
    backup_before(db_path, "truoc-nhap", now=dt.datetime(2026, 11, 21, 14, 5))
    model = BackupTableModel(db_path)
    qtmodeltester.check(model)
    rows = [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert rows[0][:2] == ["21/11/2026 14:05", "Trước khi nhập kế hoạch"]
    assert {tuple(r[:2]) for r in rows[1:]} == {
        ("20/11/2026 08:00", "Tự động hằng ngày"),
        ("20/11/2026 08:00", "Tự động hằng tuần"),
    }
    assert all(r[2].endswith(("KB", "MB")) for r in rows)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Thời điểm"
    db.dispose()


def test_backup_now_and_restore_selected(qtbot, db_path: Path, said) -> None:  # type: ignore[no-untyped-def]
    db = open_for_app(db_path)
    import_plan(db, read_plan_file(PLAN))
    dialog = BackupDialog(db, restore=False)
    qtbot.addWidget(dialog)
    rows_before = dialog.model.rowCount()
    qtbot.mouseClick(dialog.backup_now, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == rows_before + 1
    assert said[-1][0] == "information" and "Đã sao lưu vào" in said[-1][1]
    newest = dialog.selected_entry()
    assert newest is not None and newest.kind == "manual"
    # more work after the backup, then back to it
    import_plan(db, read_plan_file(PLAN))
    assert len(_titles(db)) == 2
    qtbot.mouseClick(dialog.restore_selected, Qt.MouseButton.LeftButton)
    assert dialog.restored
    assert any(
        kind == "question" and "Dữ liệu hiện tại sẽ được sao lưu" in text for kind, text in said
    )
    assert len(_titles(db)) == 1  # the same Database object sees the restored data
    assert any("truoc-phuc-hoi" in e.path.name for e in dialog.model.entries)
    db.dispose()


def test_damaged_database_prompt_restores_or_leaves_it(db_path: Path, said, qapp) -> None:  # type: ignore[no-untyped-def]
    db = open_for_app(db_path)
    import_plan(db, read_plan_file(PLAN))
    db.dispose()
    daily_backup(db_path, now=dt.datetime.now() + dt.timedelta(days=1))
    size = db_path.stat().st_size
    with db_path.open("r+b") as fh:
        fh.seek(size // 2 - 4096)
        fh.write(b"\xde\xad\xbe\xef" * 2048)
    damaged = hashlib.sha256(db_path.read_bytes()).hexdigest()

    said.answer = No
    assert open_database_for_window(db_path) is None
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == damaged
    assert "bị hỏng" in said[-1][1] and "Tệp hỏng sẽ được giữ lại" in said[-1][1]

    said.answer = Yes
    db = open_database_for_window(db_path)
    assert db is not None
    assert len(_titles(db)) == 1
    assert said[-1][0] == "information" and "Tệp hỏng được giữ tại" in said[-1][1]
    (kept,) = db_path.parent.glob("cchc.sqlite.hong-*")
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == damaged
    db.dispose()


def test_no_backup_to_restore(db_path: Path, said, qapp) -> None:  # type: ignore[no-untyped-def]
    err = DamagedDatabaseError("Cơ sở dữ liệu bị hỏng.", path=str(db_path))
    assert not database_prompts.prompt_damaged_database(err)
    assert said[-1][0] == "critical" and "Không tìm thấy bản sao lưu" in said[-1][1]


def test_database_in_use_is_said(db_path: Path, said, qapp) -> None:  # type: ignore[no-untyped-def]
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from cchc_desktop.storage.startup import open_for_app; "
            f"db = open_for_app({str(db_path)!r}); print('ready', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        assert open_database_for_window(db_path) is None
        assert said[-1][0] == "warning" and "đang được một cửa sổ CCHC Desktop khác" in said[-1][1]
    finally:
        holder.stdin.close()  # type: ignore[union-attr]
        holder.wait(timeout=30)


def test_empty_database_offers_newest_good_backup(db_path: Path, said, qapp) -> None:  # type: ignore[no-untyped-def]
    """Issue 16 item 3: the window meets a 0-byte database with good backups beside it: it
    does not start over with the sample plan, it offers the newest good backup."""
    db = open_for_app(db_path)
    import_plan(db, read_plan_file(PLAN))
    db.dispose()
    daily_backup(db_path, now=dt.datetime.now() + dt.timedelta(days=1))
    db_path.write_bytes(b"")

    said.answer = No
    assert open_database_for_window(db_path) is None
    assert db_path.read_bytes() == b""
    assert said[-1][0] == "question" and "rỗng" in said[-1][1]
    said.answer = Yes
    db = open_database_for_window(db_path)
    assert db is not None
    assert len(_titles(db)) == 1
    db.dispose()


def test_dropped_table_offers_newest_good_backup(db_path: Path, said, qapp) -> None:  # type: ignore[no-untyped-def]
    """Issue 16 item 4: a hand-damaged schema (a dropped table) is met at the window's
    open with the restore offer, not a traceback."""
    import sqlite3

    db = open_for_app(db_path)
    import_plan(db, read_plan_file(PLAN))
    db.dispose()
    daily_backup(db_path, now=dt.datetime.now() + dt.timedelta(days=1))
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TABLE task")
    conn.commit()
    conn.close()

    said.answer = Yes
    db = open_database_for_window(db_path)
    assert db is not None
    assert said[0][0] == "question" and "thiếu bảng task" in said[0][1]
    assert len(_titles(db)) == 1
    db.dispose()
