"""The window on a PostgreSQL database sees another clerk's edit (issue 19, item 2): a
second process stores a check-in, the open "Theo dõi thực hiện" tab shows it within five
seconds without a restart; while the clerk is typing the refresh waits, and a stale edit
or undo is refused with the conflict message. pytest-qt against the real server."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.checkins import record_checkin
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.storage import open_database
from tests.conftest import HAI_DUONG
from tests.server.test_concurrent_writers import _checkin, _run_clerks

pytestmark = pytest.mark.gui
Q3 = Period.parse("2022-Q3")


@pytest.fixture
def server_window(qtbot, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    monkeypatch.setenv("CCHC_POLL_MS", "300")
    db = open_database(pg_url)
    plan_id = save_new_plan(db, read_plan_file(HAI_DUONG))
    record_checkin(db, plan_id, CheckIn("T1", Q3, Status.IN_PROGRESS, 10, "ban đầu"))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(PlanDocument(db), settings)
    qtbot.addWidget(window)
    window.open_plan(plan_id)
    window.show()
    qtbot.waitExposed(window)
    tab = window.checkins_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_period(Q3)
    yield window, db, plan_id
    window.background.wait()


def _result_cell(tab, key: str) -> str:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.models.checkin_table_model import COL_RESULT

    row = tab.select_task_key(key).row()
    return str(tab.proxy.data(tab.proxy.index(row, COL_RESULT)))


def test_another_process_edit_shows_within_five_seconds(qtbot, server_window) -> None:  # type: ignore[no-untyped-def]
    window, db, plan_id = server_window
    tab = window.checkins_tab
    assert window.change_watcher is not None
    assert "ban đầu" in _result_cell(tab, "T1")
    version = _checkin(db, plan_id, "T1").version
    [out] = _run_clerks(db.url, plan_id, [f"T1:2022-Q3:{version}:ghi từ máy khác"])
    assert out == [f"won {version + 1}"]
    stored_at = time.monotonic()
    qtbot.waitUntil(lambda: "ghi từ máy khác" in _result_cell(tab, "T1"), timeout=5000)
    assert time.monotonic() - stored_at < 5
    assert window.doc.checkin("T1", Q3).version == version + 1
    assert window.change_watcher.refreshes == 1
    # The window's own edit is not taken for another clerk's.
    tab.select_task_key("T1")
    tab.form.result.setPlainText("sửa trong cửa sổ")
    tab.form.result.commit()
    assert _checkin(db, plan_id, "T1").result == "sửa trong cửa sổ"
    qtbot.wait(1000)
    assert window.change_watcher.refreshes == 1


def test_typing_is_not_lost_and_a_stale_edit_is_refused(qtbot, server_window) -> None:  # type: ignore[no-untyped-def]
    window, db, plan_id = server_window
    tab = window.checkins_tab
    refused: list[str] = []
    window.doc.refused.connect(refused.append)
    tab.select_task_key("T1")
    tab.form.result.setFocus()
    qtbot.waitUntil(lambda: tab.form.result.hasFocus(), timeout=2000)
    tab.form.result.setPlainText("tôi đang gõ dở")
    version = _checkin(db, plan_id, "T1").version
    _run_clerks(db.url, plan_id, [f"T1:2022-Q3:{version}:người khác ghi trước"])
    qtbot.wait(1500)  # five polls: the refresh waits while the clerk types
    assert window.change_watcher.refreshes == 0
    assert tab.form.result.toPlainText() == "tôi đang gõ dở"
    # The clerk finishes: the edit was made on the old version, so it is refused with both
    # texts, and the tab shows the other clerk's.
    tab.form.result.commit()
    assert len(refused) == 1
    assert "Bản đang lưu: Đang thực hiện, 50% — người khác ghi trước" in refused[0]
    assert "Bản của bạn: Đang thực hiện, 10% — tôi đang gõ dở" in refused[0]
    assert _checkin(db, plan_id, "T1").result == "người khác ghi trước"
    assert window.doc.checkin("T1", Q3).result == "người khác ghi trước"


def test_undo_refuses_when_another_clerk_changed_the_row_since(qtbot, server_window) -> None:  # type: ignore[no-untyped-def]
    window, db, plan_id = server_window
    tab = window.checkins_tab
    refused: list[str] = []
    window.doc.refused.connect(refused.append)
    tab.select_task_key("T1")
    tab.form.result.setPlainText("của tôi")
    tab.form.result.commit()
    mine = _checkin(db, plan_id, "T1")
    assert mine.result == "của tôi"
    # Undo of one's own edit works while nobody else touched the row.
    window.doc.undo_stack.undo()
    assert _checkin(db, plan_id, "T1").result == "ban đầu"
    window.doc.undo_stack.redo()
    now = _checkin(db, plan_id, "T1")
    assert now.result == "của tôi"
    _run_clerks(db.url, plan_id, [f"T1:2022-Q3:{now.version}:của người khác"])
    window.doc.undo_stack.undo()
    assert refused and "vừa được người khác" in refused[0]
    assert _checkin(db, plan_id, "T1").result == "của người khác"  # not overwritten
