"""Drafts of typed text in the window (issue 17, point 5): what is typed in "Kết quả" (and
the other free-text fields) is on disk a moment after the last keystroke, storing the
field removes the draft, and a draft found when the plan opens is offered back."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cchc_desktop.domain.periods import Period
from cchc_desktop.services import drafts
from cchc_desktop.services.plan_read import load_plan
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui

Q3 = Period.parse("2022-Q3")
TYPED = "Đã tổ chức 3 lớp tập huấn cho 120 công chức"


def _checkin(db, plan_id, key, period):  # type: ignore[no-untyped-def]
    plan = load_plan(db, plan_id)
    return next((c for c in plan.checkins if c.task == key and c.period == period), None)


def _entries(path: Path) -> list[dict[str, object]]:
    return list(json.loads(path.read_text(encoding="utf-8"))["drafts"])


@pytest.fixture
def tab(window):  # type: ignore[no-untyped-def]
    tab = window.checkins_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_period(Q3)
    tab.select_task_key("T1")
    return tab


def test_typing_a_result_keeps_a_draft_until_the_field_is_stored(
    qtbot, window, tab, db, db_path, hai_duong_id
) -> None:  # type: ignore[no-untyped-def]
    file = drafts.file_for_database(db_path)
    editor = tab.form.result
    editor.setFocus()
    type_text(editor, TYPED)
    typed_at = time.monotonic()
    assert not file.exists()  # not at every key: after a pause in typing
    qtbot.waitUntil(file.exists, timeout=3000)
    latency = time.monotonic() - typed_at
    print(f"draft on disk {latency * 1000:.0f} ms after the last keystroke")
    assert latency < 2.0
    [entry] = _entries(file)
    assert entry["text"] == TYPED
    assert entry["plan"] == hai_duong_id
    assert (entry["record"], entry["id"], entry["field"]) == (
        "checkin",
        ["T1", "2022-Q3", ""],
        "result",
    )
    assert entry["base"] == ""
    assert str(entry["label"]).startswith("Nhiệm vụ 1. ")
    assert str(entry["label"]).endswith(" — Quý III/2022 — Kết quả")
    assert _checkin(db, hai_duong_id, "T1", Q3) is None  # the field itself is not stored yet

    # Leaving the field stores it: the draft goes.
    tab.form.achieved.setFocus()
    assert _checkin(db, hai_duong_id, "T1", Q3).result == TYPED
    assert not file.exists()
    qtbot.wait(window.drafts.delay_ms + 200)
    assert not file.exists()  # and no late timer writes it again


def test_the_other_fields_and_a_table_cell_keep_drafts_too(
    qtbot, window, tab, db_path, hai_duong_id
) -> None:  # type: ignore[no-untyped-def]
    file = drafts.file_for_database(db_path)
    tab.form.proposals.setFocus()
    type_text(tab.form.proposals, "Đề nghị bổ sung kinh phí")
    qtbot.waitUntil(lambda: file.exists() and len(_entries(file)) == 1, timeout=3000)
    assert _entries(file)[0]["field"] == "proposals"

    # Going to another tab leaves the field: stored, and its draft goes.
    tasks = window.tasks_tab
    window.tabs.setCurrentWidget(tasks)
    assert not file.exists()
    index = tasks.proxy.index(0, 1)
    tasks.table.setCurrentIndex(index)
    tasks.table.edit(index)
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_text(editor, "Tên mới của nhiệm vụ")
    qtbot.waitUntil(file.exists, timeout=3000)
    [entry] = _entries(file)
    task = window.doc.plan.tasks[0]
    assert (entry["record"], entry["id"], entry["field"]) == ("task", [str(task.id)], "name")
    assert entry["base"] == task.name and entry["text"] == "Tên mới của nhiệm vụ"
    # Esc gives the edit up: its draft goes.
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not file.exists()
    assert window.doc.plan.tasks[0].name == task.name
