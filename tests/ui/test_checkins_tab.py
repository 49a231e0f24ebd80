"""Check-ins of a quarter: recording changes the period counts, invalid progress is
refused with nothing stored, last quarter's report can start this one, undo works."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.domain.periods import Period, default_period
from cchc_desktop.domain.status import Status
from cchc_desktop.services.plan_read import load_plan

from cchc_desktop.ui.models.checkin_table_model import COL_PROGRESS, COL_STATUS

pytestmark = pytest.mark.gui

Q2, Q3 = Period.parse("2022-Q2"), Period.parse("2022-Q3")


def _checkin(db, plan_id, key, period):  # type: ignore[no-untyped-def]
    plan = load_plan(db, plan_id)
    return next((c for c in plan.checkins if c.task == key and c.period == period), None)


@pytest.fixture
def tab(window):  # type: ignore[no-untyped-def]
    tab = window.checkins_tab
    window.tabs.setCurrentWidget(tab)
    return tab


def test_default_period_is_the_current_or_latest_quarter(tab, today) -> None:  # type: ignore[no-untyped-def]
    assert tab.current_period == Period.parse("2022-Q3")  # "today" is 20/08/2022
    assert default_period(2021, today) == Period.parse("2021-Q4")
    assert default_period(2021, today, [Q2.__class__.parse("2021-Q2")]) == Period.parse("2021-Q2")
    assert [tab.period.itemText(i) for i in range(4)] == [
        "Quý I/2022", "Quý II/2022", "Quý III/2022", "Quý IV/2022",
    ]  # fmt: skip


def test_recording_changes_the_counts(tab, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab.set_period(Q3)
    # Every task is due every quarter, but T2 was done in Q2: it owes no Q3 report.
    assert tab.model.not_reported() == 5
    assert tab.count_labels["not_reported"].text() == "5"
    assert tab.count_labels["done"].text() == "1"  # T2, done in Q2
    assert tab.model.data(tab.model.index(1, COL_STATUS)) == "Hoàn thành (Quý II/2022)"
    assert tab.model.data(tab.model.index(0, COL_STATUS)) == "Chưa báo cáo"

    row = tab.model.row_of("T2")
    assert tab.model.setData(tab.model.index(row, COL_STATUS), Status.DONE.value)
    stored = _checkin(db, hai_duong_id, "T2", Q3)
    assert stored is not None and stored.status is Status.DONE and stored.progress == 100
    assert stored.reported_by == "Trung tâm Đo lường, Thử nghiệm và TTKH"  # the lead
    assert tab.count_labels["done"].text() == "1"
    assert tab.count_labels["not_reported"].text() == "5"
    assert tab.model.data(tab.model.index(row, COL_STATUS)) == "Hoàn thành"

    row = tab.model.row_of("T1")
    assert tab.model.setData(tab.model.index(row, COL_PROGRESS), "70")
    assert tab.count_labels["in_progress"].text() == "5"  # T1, T3–T6 as of Q3
    assert tab.count_labels["not_reported"].text() == "4"
    assert _checkin(db, hai_duong_id, "T1", Q3).progress == 70

    tab.window().act_undo.trigger()
    assert _checkin(db, hai_duong_id, "T1", Q3) is None
    assert tab.count_labels["not_reported"].text() == "5"


def test_invalid_progress_is_refused_and_nothing_stored(tab, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab.set_period(Q3)
    row = tab.model.row_of("T1")
    assert tab.model.setData(tab.model.index(row, COL_PROGRESS), "120") is False
    assert tab.banner.isVisible()
    assert tab.banner.text == "Tiến độ phải từ 0 đến 100 (đã nhập 120)."
    assert _checkin(db, hai_duong_id, "T1", Q3) is None
    # The same through the side form: refused, and the field shows what is stored.
    tab.select_task_key("T1")
    tab.form.progress.setText("120")
    tab.form.progress.editingFinished.emit()
    assert "Tiến độ phải từ 0 đến 100" in tab.banner.text
    assert _checkin(db, hai_duong_id, "T1", Q3) is None
    assert tab.form.progress.text() == ""
    assert tab.window().doc.undo_stack.count() == 0


def test_side_form_records_every_field(qtbot, tab, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab.set_period(Q3)
    tab.select_task_key("T5")
    form = tab.form
    form.status.setCurrentIndex(form.status.findData(Status.IN_PROGRESS.value))
    form.status.activated.emit(form.status.currentIndex())
    form.result.setPlainText("Đăng 8 tin, bài trong quý")
    form.result.commit()
    form.achieved.setText("25")
    form.achieved.editingFinished.emit()
    form.evidence_editor.add_button.click()
    form.evidence.setData(form.evidence.index(0, 0), "Danh sách tin bài quý III")
    form.difficulties.setPlainText("Thiếu cộng tác viên")
    form.difficulties.commit()
    stored = _checkin(db, hai_duong_id, "T5", Q3)
    assert stored.status is Status.IN_PROGRESS
    assert stored.result == "Đăng 8 tin, bài trong quý"
    assert stored.achieved == 25
    assert [e.title for e in stored.evidence] == ["Danh sách tin bài quý III"]
    assert stored.evidence[0].file == ""
    assert stored.difficulties == "Thiếu cộng tác viên"


def test_copy_last_quarter(tab, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab.set_period(Q3)
    tab.select_task_key("T1")
    tab.copy_previous_quarter()
    copied = _checkin(db, hai_duong_id, "T1", Q3)
    earlier = _checkin(db, hai_duong_id, "T1", Q2)
    assert copied is not None
    assert (copied.status, copied.progress, copied.result) == (
        earlier.status, earlier.progress, earlier.result,
    )  # fmt: skip
    assert tab.model.data(tab.model.index(tab.model.row_of("T1"), COL_PROGRESS)) == "50%"
    assert "Đã chép 1 báo cáo" in tab.window().last_status
    tab.window().act_undo.trigger()
    assert _checkin(db, hai_duong_id, "T1", Q3) is None


def test_delete_a_checkin(tab, db, hai_duong_id, yes) -> None:  # type: ignore[no-untyped-def]
    tab.set_period(Q2)
    tab.select_task_key("T2")
    tab.table.setFocus()
    from pytestqt.qtbot import QtBot

    QtBot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert _checkin(db, hai_duong_id, "T2", Q2) is None
    assert tab.model.data(tab.model.index(tab.model.row_of("T2"), COL_STATUS)) == "Chưa báo cáo"
    tab.window().act_undo.trigger()
    assert _checkin(db, hai_duong_id, "T2", Q2).status is Status.DONE


def test_unit_filter_and_overdue_mark(tab, window) -> None:  # type: ignore[no-untyped-def]
    tab.set_period(Q3)
    tab.unit_filter.setCurrentIndex(tab.unit_filter.findData("Văn phòng Sở"))
    assert tab.proxy.rowCount() == 3
    assert tab.count_labels["not_reported"].text() == "3"
    # A deadline task not finished by its date is marked overdue in the quarter.
    import datetime as dt

    from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind

    from cchc_desktop.ui.models.task_table_model import COL_TIMEFRAME

    deadline = Timeframe(TimeframeKind.DEADLINE, due=dt.date(2022, 7, 31))
    tasks = window.tasks_tab.model
    assert tasks.setData(tasks.index(0, COL_TIMEFRAME), deadline)
    row = tab.model.row_of("T1")
    from cchc_desktop.ui.models.checkin_table_model import COL_DUE

    assert "(quá hạn)" in tab.model.data(tab.model.index(row, COL_DUE))
    assert tab.count_labels["overdue"].text() == "1"


def test_status_combo_in_the_cell(qtbot, tab, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QComboBox

    tab.set_period(Q3)
    index = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of("T4"), COL_STATUS))
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[:3] == ["Chưa triển khai", "Đang thực hiện", "Hoàn thành"]
    assert combo.itemData(2, Qt.ItemDataRole.BackgroundRole).name().upper() == "#C6EFCE"
    combo.setCurrentIndex(combo.findData(Status.NOT_DONE.value))
    combo.activated.emit(combo.currentIndex())
    qtbot.wait(10)
    assert _checkin(db, hai_duong_id, "T4", Q3).status is Status.NOT_DONE
    assert tab.model.data(tab.model.index(tab.model.row_of("T4"), COL_STATUS)) == "Không hoàn thành"
    assert tab.form.status.currentData() == Status.NOT_DONE.value  # the side form follows


def test_progress_field_takes_a_percent_sign_and_no_letters(tab, db, hai_duong_id, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 17, point 8: "50%" is stored as 50 (it was refused and the field cleared); a
    letter cannot be typed into the field, so "abc" never replaces what is there."""
    tab.set_period(Q3)
    tab.select_task_key("T1")
    field = tab.form.progress
    field.clear()
    qtbot.keyClicks(field, "50%")
    assert field.text() == "50%"
    field.editingFinished.emit()
    assert _checkin(db, hai_duong_id, "T1", Q3).progress == 50
    assert field.text() == "50"
    qtbot.keyClicks(field, "abc")
    assert field.text() == "50"  # the letters were not taken, nothing was cleared
    assert "0 đến 100" in field.toolTip()


def test_ctrl_s_stores_the_field_being_typed_and_says_all_is_saved(  # type: ignore[no-untyped-def]
    tab, window, db, hai_duong_id, qtbot
) -> None:
    """Issue 17, point 9: Ctrl+S did nothing and said nothing. It now finishes the field the
    clerk is typing in (stored at once) and says that every edit is saved as it is made."""
    from PySide6.QtGui import QKeySequence

    from cchc_desktop.ui.main_window import SAVED_MESSAGE

    tab.set_period(Q3)
    tab.select_task_key("T1")
    field = tab.form.result
    field.setFocus()
    qtbot.keyClicks(field, "Hop giao ban quy III")  # QTest types ASCII only
    assert window.act_save.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    window.act_save.trigger()
    assert _checkin(db, hai_duong_id, "T1", Q3).result == "Hop giao ban quy III"
    assert window.statusBar().currentMessage() == SAVED_MESSAGE
