"""The task table: inline edits land in the database, undo/redo replay them, search ignores
diacritics, invalid input is refused in place, rows can be dragged into a new order."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit

from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind
from cchc_desktop.services.plan_read import load_plan

from cchc_desktop.ui.dialogs.task_dialog import TaskDialog
from cchc_desktop.ui.dialogs.timeframe_dialog import TimeframeDialog
from cchc_desktop.ui.models.task_table_model import (
    COL_NAME,
    COL_PARTNERS,
    COL_TARGET,
    COL_TIMEFRAME,
)

pytestmark = pytest.mark.gui


def _names(db, plan_id):  # type: ignore[no-untyped-def]
    return [t.name for t in load_plan(db, plan_id).tasks]


def test_edit_a_cell_then_undo_and_redo(qtbot, window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    old = _names(db, hai_duong_id)[1]
    index = tab.proxy.index(1, COL_NAME)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    editor.setPlainText("Tuyên truyền kết quả chỉ số CCHC năm 2022")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert _names(db, hai_duong_id)[1] == "Tuyên truyền kết quả chỉ số CCHC năm 2022"
    assert tab.proxy.data(index) == "Tuyên truyền kết quả chỉ số CCHC năm 2022"
    assert window.last_status == "Đã lưu"

    window.act_undo.trigger()
    assert _names(db, hai_duong_id)[1] == old
    assert tab.proxy.data(tab.proxy.index(1, COL_NAME)) == old
    window.act_redo.trigger()
    assert _names(db, hai_duong_id)[1] == "Tuyên truyền kết quả chỉ số CCHC năm 2022"


def test_undo_and_redo_shortcuts(qtbot, window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    tab.model.setData(tab.model.index(0, COL_TARGET), "20 tin, bài")
    assert load_plan(db, hai_duong_id).tasks[0].target.format() == "20 tin, bài"
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert load_plan(db, hai_duong_id).tasks[0].target is None
    qtbot.keyClick(tab.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert load_plan(db, hai_duong_id).tasks[0].target.format() == "20 tin, bài"


def test_search_ignores_diacritics_and_case(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.count.text() == "6 nhiệm vụ"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    qtbot.keyClicks(tab.search, "KIEM SOAT tthc")
    assert tab.proxy.rowCount() == 1
    assert "kiểm soát TTHC" in tab.proxy.data(tab.proxy.index(0, COL_NAME))
    assert tab.count.text() == "1/6 nhiệm vụ"
    tab.search.clear()
    qtbot.keyClicks(tab.search, "tuyen truyen")
    names = [tab.proxy.data(tab.proxy.index(r, COL_NAME)) for r in range(tab.proxy.rowCount())]
    assert names and all("tuyên truyền" in n.lower() for n in names)
    assert len(names) == 5  # every task but "Đăng các bài viết…"
    tab.unit_filter.setCurrentIndex(tab.unit_filter.findData("Văn phòng Sở"))
    assert tab.proxy.rowCount() == 3  # T1, T3, T4: led by Văn phòng Sở


def test_empty_name_is_refused_in_place(window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    before = _names(db, hai_duong_id)
    assert tab.model.setData(tab.model.index(0, COL_NAME), "   ") is False
    assert _names(db, hai_duong_id) == before
    assert tab.banner.isVisible()
    assert tab.banner.text == "Tên nhiệm vụ không được để trống."
    assert window.doc.undo_stack.count() == 0


def test_deadline_outside_the_plan_year_is_refused(window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    late = Timeframe(TimeframeKind.DEADLINE, due=dt.date(2023, 1, 15))
    assert tab.model.setData(tab.model.index(0, COL_TIMEFRAME), late) is False
    assert "nằm ngoài năm 2022" in tab.banner.text
    assert load_plan(db, hai_duong_id).tasks[0].timeframe.kind is TimeframeKind.RECURRING
    # The timeframe editor refuses it before closing, with the same message.
    task = load_plan(db, hai_duong_id).tasks[0]
    dialog = TimeframeDialog(
        task.timeframe,
        2022,
        lambda tf: (
            tab.model.doc and ("nằm ngoài năm 2022" if tf.due and tf.due.year != 2022 else None)
        ),
    )
    dialog.kind.setCurrentIndex(4)
    dialog.due.setDate(dialog.due.date().addYears(1))
    dialog._on_accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "nằm ngoài năm 2022" in dialog.error.text()


def test_timeframe_editor_writes_the_label(qapp) -> None:  # type: ignore[no-untyped-def]
    dialog = TimeframeDialog(Timeframe(TimeframeKind.YEAR), 2022)
    assert dialog.label.text() == "Năm 2022"
    dialog.kind.setCurrentIndex(2)  # quarters
    dialog.quarters[0].setChecked(True)
    dialog.quarters[1].setChecked(True)
    assert dialog.label.text() == "Quý I, II/2022"
    dialog.kind.setCurrentIndex(3)  # months
    dialog.months[5].setChecked(True)
    assert dialog.timeframe().months == [6]
    assert dialog.timeframe().label == "Tháng 6/2022"


def test_partners_picker_and_timeframe_go_through_the_model(window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.tasks_tab
    tab.model.setData(tab.model.index(0, COL_PARTNERS), ["Bản tin KH&CN"])
    quarters = Timeframe(TimeframeKind.QUARTERS, "Quý I, II/2022", quarters=[1, 2])
    tab.model.setData(tab.model.index(0, COL_TIMEFRAME), quarters)
    task = load_plan(db, hai_duong_id).tasks[0]
    assert task.partners == ["Bản tin KH&CN"]
    assert task.timeframe.quarters == [1, 2]
    assert tab.model.data(tab.model.index(0, COL_TIMEFRAME)) == "Quý I, II/2022"


def test_add_insert_delete_and_reorder(qtbot, window, db, hai_duong_id, monkeypatch, yes) -> None:  # type: ignore[no-untyped-def]
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)

    def accept(dialog: TaskDialog) -> int:
        dialog.name.setPlainText("Nhiệm vụ mới về số hóa hồ sơ")
        dialog._on_accept()
        return int(dialog.result())

    monkeypatch.setattr(TaskDialog, "exec", accept)
    tab.table.setCurrentIndex(tab.proxy.index(2, COL_NAME))
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Insert)  # insert before the current row
    names = _names(db, hai_duong_id)
    assert names[2] == "Nhiệm vụ mới về số hóa hồ sơ"
    assert len(names) == 7
    assert tab.current_task().name == "Nhiệm vụ mới về số hóa hồ sơ"
    assert load_plan(db, hai_duong_id).tasks[2].lead == ["Văn phòng Sở"]  # from the row

    tab.down_button.click()
    assert _names(db, hai_duong_id)[3] == "Nhiệm vụ mới về số hóa hồ sơ"
    assert tab.proxy.data(tab.proxy.index(3, 0)) == "4"

    # Drag rows 0 and 1 to the end (what a drop on the empty area below the rows does).
    first_two = names[:2]
    mime = tab.model.mimeData([tab.model.index(0, 0), tab.model.index(1, 0)])
    tab.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert _names(db, hai_duong_id)[-2:] == first_two
    window.act_undo.trigger()  # the whole drag is one step
    assert _names(db, hai_duong_id)[:2] == first_two

    tab.table.setCurrentIndex(tab.proxy.index(3, COL_NAME))
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "Nhiệm vụ mới về số hóa hồ sơ" not in _names(db, hai_duong_id)
    assert yes and yes[-1].startswith("Xóa nhiệm vụ")
    window.act_undo.trigger()
    assert _names(db, hai_duong_id)[3] == "Nhiệm vụ mới về số hóa hồ sơ"


def test_delete_and_undo_keeps_the_checkins(window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.tasks_tab
    before = load_plan(db, hai_duong_id)
    tab.table.setCurrentIndex(tab.proxy.index(0, COL_NAME))
    tab.delete_selected()
    after = load_plan(db, hai_duong_id)
    assert len(after.tasks) == 5 and not after.checkins_of("T1")
    window.act_undo.trigger()
    restored = load_plan(db, hai_duong_id)
    assert [t.key for t in restored.tasks] == [t.key for t in before.tasks]
    assert len(restored.checkins_of("T1")) == len(before.checkins_of("T1"))
    # The edit after the undo reaches the restored task (its id changed).
    window.act_redo.trigger()
    window.act_undo.trigger()
    tab.model.setData(tab.model.index(0, COL_NAME), "Tên mới sau khôi phục")
    assert load_plan(db, hai_duong_id).tasks[0].name == "Tên mới sau khôi phục"


def test_appendix_title_is_editable(qtbot, window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    tab.appendix_title.setFocus()
    tab.appendix_title.setText("PHỤ LỤC NHIỆM VỤ NĂM 2022")  # QTest types ASCII only
    qtbot.keyClick(tab.appendix_title, Qt.Key.Key_Return)
    assert load_plan(db, hai_duong_id).appendix_title == "PHỤ LỤC NHIỆM VỤ NĂM 2022"


def test_appendix_setting_and_reference_sentence(qtbot, window, db, hai_duong_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """'In phụ lục nhiệm vụ' switched off and on from the window, with undo; the reference
    sentence edited; the exported .docx follows."""
    import docx

    from cchc_desktop.domain.model import DEFAULT_APPENDIX_REFERENCE
    from cchc_desktop.exports.docx_plan import write_plan_docx

    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.print_appendix.text() == "In phụ lục nhiệm vụ"
    assert tab.print_appendix.isChecked()  # Hải Dương's office wrote an appendix
    assert tab.appendix_reference.text() == DEFAULT_APPENDIX_REFERENCE
    qtbot.mouseClick(tab.print_appendix, Qt.MouseButton.LeftButton)
    assert load_plan(db, hai_duong_id).print_appendix is False
    assert not tab.appendix_title.isEnabled() and not tab.appendix_reference.isEnabled()
    out = tmp_path / "off.docx"
    write_plan_docx(load_plan(db, hai_duong_id), out)
    assert len(docx.Document(str(out)).sections) == 1
    window.doc.undo_stack.undo()
    assert load_plan(db, hai_duong_id).print_appendix is True and tab.print_appendix.isChecked()
    tab.appendix_reference.setFocus()
    tab.appendix_reference.setText("(Xem Phu luc kem theo)")  # QTest types ASCII only
    qtbot.keyClick(tab.appendix_reference, Qt.Key.Key_Return)
    assert load_plan(db, hai_duong_id).appendix_reference == "(Xem Phu luc kem theo)"
    tab.resize(1200, 500)
    assert tab.grab().save(str(tmp_path / "tasks-tab.png"))


def test_new_task_fills_the_plans_own_columns(window, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A plan imported with a "Kinh phí" column asks for it when a task is added."""
    from cchc_desktop.interchange import read_plan_file
    from cchc_desktop.services.plan_store import save_new_plan
    from tests.conftest import HAI_DUONG

    plan = read_plan_file(HAI_DUONG)
    plan.extra_columns = ["Kinh phí (triệu đồng)"]
    plan_id = save_new_plan(db, plan)
    window.plan_actions.open(plan_id)
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    seen: list[list[str]] = []

    def accept(dialog: TaskDialog) -> int:
        seen.append(list(dialog.extra))
        dialog.name.setPlainText("Tập huấn cải cách hành chính")
        dialog.extra["Kinh phí (triệu đồng)"].setText("25")
        dialog._on_accept()
        return int(dialog.result())

    monkeypatch.setattr(TaskDialog, "exec", accept)
    assert window.doc.plan_id == plan_id
    tab.table.setCurrentIndex(tab.proxy.index(0, COL_NAME))  # its lead unit is the draft's
    tab.add_button.click()
    assert seen == [["Kinh phí (triệu đồng)"]]
    added = next(t for t in load_plan(db, plan_id).tasks if t.name.startswith("Tập huấn"))
    assert added.extra == {"Kinh phí (triệu đồng)": "25"}
