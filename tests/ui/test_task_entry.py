"""Task entry in one dialog (issue 17, points 2 and 3): the new task takes the selected
row's group and lands at the end of that group, the timeframe starts as the last one used,
and a ticked unit is never hidden by the picker's search."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_desktop.domain.model import Unit
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind
from cchc_desktop.services.plan_read import load_plan

from cchc_desktop.ui.dialogs.task_dialog import TaskDialog
from cchc_desktop.ui.dialogs.unit_picker_dialog import UnitChecklist, UnitPickerDialog
from cchc_desktop.ui.models.task_table_model import COL_NAME

pytestmark = pytest.mark.gui

GROUPED = Path(__file__).parents[1] / "fixtures" / "plans" / "all-timeframes.plan.json"


@pytest.fixture
def grouped_window(qtbot, db, settings, yes, today):  # type: ignore[no-untyped-def]
    from cchc_desktop.interchange import read_plan_file
    from cchc_desktop.services.plan_store import save_new_plan

    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    plan_id = save_new_plan(db, read_plan_file(GROUPED))
    win = MainWindow(PlanDocument(db), settings, today=lambda: today)
    qtbot.addWidget(win)
    win.open_plan(plan_id)
    win.show()
    qtbot.waitExposed(win)
    win.tabs.setCurrentWidget(win.tasks_tab)
    yield win, plan_id
    win.background.wait()


def _answer(monkeypatch, fill):  # type: ignore[no-untyped-def]
    seen: list[TaskDialog] = []

    def run(dialog: TaskDialog) -> int:
        seen.append(dialog)
        fill(dialog)
        dialog._on_accept()
        return int(dialog.result())

    monkeypatch.setattr(TaskDialog, "exec", run)
    return seen


def test_a_new_task_joins_the_selected_rows_group(grouped_window, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win, plan_id = grouped_window
    tab = win.tasks_tab
    seen = _answer(monkeypatch, lambda d: d.name.setPlainText("Rà soát thủ tục mới"))
    tab.table.setCurrentIndex(tab.proxy.index(2, COL_NAME))  # "Cải cách thủ tục hành chính"
    tab.add_button.click()
    dialog = seen[-1]
    assert dialog.group.currentText() == "Cải cách thủ tục hành chính"
    assert not dialog.group_hint.isVisibleTo(dialog)
    tasks = load_plan(db, plan_id).tasks
    assert len(tasks) == 10
    # After the group's last row (4th), not at the end under "Hiện đại hóa hành chính".
    assert tasks[4].name == "Rà soát thủ tục mới"
    assert tasks[4].group == "Cải cách thủ tục hành chính"
    assert [t.group for t in tasks[3:6]] == [
        "Cải cách thủ tục hành chính",
        "Cải cách thủ tục hành chính",
        "Cải cách tổ chức bộ máy",
    ]
    assert tab.current_task().name == "Rà soát thủ tục mới"


def test_a_blank_group_shows_the_hint(qtbot, grouped_window) -> None:  # type: ignore[no-untyped-def]
    win, _plan_id = grouped_window
    plan = win.doc.plan
    draft = plan.tasks[0].__class__(key="", name="", lead=[plan.units[0].name])
    dialog = TaskDialog(draft, plan.year, plan.units, ["Cải cách chế độ công vụ"])
    qtbot.addWidget(dialog)
    assert dialog.group_hint.isVisibleTo(dialog)
    assert "tiêu đề nhóm" in dialog.group_hint.text()
    dialog.group.setCurrentText("Cải cách chế độ công vụ")
    assert not dialog.group_hint.isVisibleTo(dialog)


def test_the_timeframe_starts_as_the_last_one_used(grouped_window, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win, plan_id = grouped_window
    tab = win.tasks_tab

    def first(dialog: TaskDialog) -> None:
        dialog.name.setPlainText("Nhiệm vụ quý hai")
        dialog.lead.model.toggle(0)
        assert dialog.timeframe.kind.currentData() == TimeframeKind.YEAR.value  # nothing kept
        dialog.timeframe.kind.setCurrentIndex(list(TimeframeKind).index(TimeframeKind.QUARTERS))
        dialog.timeframe.quarters[1].setChecked(True)

    _answer(monkeypatch, first)
    tab.add_button.click()
    seen = _answer(monkeypatch, lambda d: d.name.setPlainText("Nhiệm vụ tiếp theo"))
    tab.add_button.click()
    assert seen[-1].timeframe.kind.currentData() == TimeframeKind.QUARTERS.value
    assert seen[-1].timeframe.quarters[1].isChecked()
    names = {t.name: t for t in load_plan(db, plan_id).tasks}
    assert names["Nhiệm vụ tiếp theo"].timeframe.quarters == [2]
    assert names["Nhiệm vụ tiếp theo"].timeframe.display_label(2022) == "Quý II/2022"
    # And in the next session too (the window's settings).
    from cchc_desktop.ui.ui_state import remembered_timeframe

    kept = remembered_timeframe(win.settings, 2023)
    assert (kept.kind, kept.quarters, kept.display_label(2023)) == (
        TimeframeKind.QUARTERS,
        [2],
        "Quý II/2023",
    )


def test_edit_a_whole_task_in_one_dialog_is_one_undo_step(grouped_window, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win, plan_id = grouped_window
    tab = win.tasks_tab
    before = load_plan(db, plan_id).tasks[0]

    def fill(dialog: TaskDialog) -> None:
        assert dialog.windowTitle() == "Sửa nhiệm vụ"
        dialog.name.setPlainText("Tên đã sửa")
        dialog.target.setText("12 cuộc")

    _answer(monkeypatch, fill)
    tab.table.setCurrentIndex(tab.proxy.index(0, COL_NAME))
    tab.edit_button.click()
    after = load_plan(db, plan_id).tasks[0]
    assert after.name == "Tên đã sửa" and after.target.format() == "12 cuộc"
    win.act_undo.trigger()
    assert load_plan(db, plan_id).tasks[0].name == before.name


def _units() -> list[Unit]:
    return [
        Unit(name="Văn phòng Sở", short="VP"),
        Unit(name="Phòng Quản lý khoa học", short="QLKH"),
        Unit(name="Thanh tra Sở", short="TTr"),
    ]


def test_a_ticked_unit_stays_in_sight_while_searching(qtbot) -> None:  # type: ignore[no-untyped-def]
    checklist = UnitChecklist(_units(), ["Văn phòng Sở"])
    qtbot.addWidget(checklist)
    checklist.search.setText("thanh tra")
    shown = [checklist.proxy.index(r, 0).data() for r in range(checklist.proxy.rowCount())]
    assert shown == ["Văn phòng Sở (VP)", "Thanh tra Sở (TTr)"]
    assert checklist.chosen.text() == "Đã chọn: Văn phòng Sở"
    checklist.search.returnPressed.emit()  # ticks the one unticked match
    assert checklist.selected() == ["Văn phòng Sở", "Thanh tra Sở"]
    assert checklist.chosen.text() == "Đã chọn: Văn phòng Sở; Thanh tra Sở"
    picker = UnitPickerDialog("Đơn vị chủ trì", _units(), ["Thanh tra Sở"], True)
    qtbot.addWidget(picker)
    picker.search.setText("khoa hoc")
    assert picker.proxy.rowCount() == 2


def test_the_task_dialog_has_the_pickers_inside(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.domain.model import Task

    draft = Task(key="", name="", lead=["Văn phòng Sở"], timeframe=Timeframe())
    dialog = TaskDialog(draft, 2022, _units(), ["Cải cách thủ tục hành chính"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setPlainText("Số hóa hồ sơ")
    dialog.partners.model.toggle(2)
    dialog.timeframe.kind.setCurrentIndex(list(TimeframeKind).index(TimeframeKind.RECURRING))
    dialog.grab().save(str(tmp_path / "task-dialog.png"))
    dialog._on_accept()
    task = dialog.task()
    assert task.lead == ["Văn phòng Sở"] and task.partners == ["Thanh tra Sở"]
    assert task.timeframe.kind is TimeframeKind.RECURRING
    assert dialog.height() <= 560  # fits a 1024×600 screen
    # No lead unit: refused in place with the service's message.
    dialog.lead.model.toggle(0)
    dialog._on_accept()
    assert "chủ trì" in dialog.error.text()


def test_tab_goes_down_the_form_then_to_the_units(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tab from "Sản phẩm" jumped to the unit search on the right, past "Chỉ tiêu" (found by
    the clerk-job walk, issue 17); the plan's own columns were not in the form at all."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFormLayout

    from cchc_desktop.domain.model import Task

    draft = Task(key="", name="", lead=["Văn phòng Sở"], timeframe=Timeframe())
    dialog = TaskDialog(draft, 2023, _units(), [], extra_columns=["Kinh phí"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.product.setFocus()
    reached = []
    for _ in range(5):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        reached.append(dialog.focusWidget())
    assert reached[:4] == [dialog.target, dialog.group, dialog.note,
                           dialog.extra["Kinh phí"]]  # fmt: skip
    assert reached[4] is dialog.timeframe.kind
    labels = [f.labelForField(dialog.extra["Kinh phí"]) for f in dialog.findChildren(QFormLayout)]
    assert [label.text() for label in labels if label is not None] == ["Kinh phí:"]
