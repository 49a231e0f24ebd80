"""The units tab (add, rename, deactivate, merge, a unit in use is never deleted) and the
plan information form with its live preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from cchc_desktop.domain.dates import BLANK, IssueDate
from cchc_desktop.domain.model import Paragraph
from cchc_desktop.services.plan_read import load_plan

from cchc_desktop.ui.models.unit_table_model import COL_ACTIVE, COL_NAME

pytestmark = pytest.mark.gui


def test_unit_in_use_is_not_deleted(window, db, hai_duong_id, yes) -> None:  # type: ignore[no-untyped-def]
    tab = window.units_tab
    window.tabs.setCurrentWidget(tab)
    tab.select_unit(load_plan(db, hai_duong_id).units[0].id)
    tab.delete_current()
    assert "đang được giao ở 3 nhiệm vụ" in tab.banner.text
    assert not yes  # refused before asking
    assert len(load_plan(db, hai_duong_id).units) == 6


def test_add_rename_deactivate_delete_unit(window, db, hai_duong_id, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tab = window.units_tab
    window.tabs.setCurrentWidget(tab)
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("Phòng Quản lý chuyên ngành", True))
    )
    tab.add_unit()
    names = [u.name for u in load_plan(db, hai_duong_id).units]
    assert "Phòng Quản lý chuyên ngành" in names
    assert tab.current_unit().name == "Phòng Quản lý chuyên ngành"
    row = tab.proxy.mapToSource(tab.table.currentIndex()).row()
    assert tab.model.setData(tab.model.index(row, COL_NAME), "Phòng QLCN")
    assert tab.model.setData(
        tab.model.index(row, COL_ACTIVE), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
    )
    unit = next(u for u in load_plan(db, hai_duong_id).units if u.name == "Phòng QLCN")
    assert unit.active is False
    tab.select_unit(unit.id)
    tab.delete_current()
    assert "Phòng QLCN" not in [u.name for u in load_plan(db, hai_duong_id).units]
    window.act_undo.trigger()
    assert "Phòng QLCN" in [u.name for u in load_plan(db, hai_duong_id).units]


def test_rename_used_unit_follows_into_tasks(window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.units_tab
    assert tab.model.setData(tab.model.index(0, COL_NAME), "Văn phòng")
    assert load_plan(db, hai_duong_id).tasks[0].lead == ["Văn phòng"]
    assert window.tasks_tab.model.data(window.tasks_tab.model.index(0, 3)) == "Văn phòng"
    window.act_undo.trigger()
    assert load_plan(db, hai_duong_id).tasks[0].lead == ["Văn phòng Sở"]


def test_merge_units(window, db, hai_duong_id, monkeypatch, yes) -> None:  # type: ignore[no-untyped-def]
    tab = window.units_tab
    window.tabs.setCurrentWidget(tab)
    plan = load_plan(db, hai_duong_id)
    tab.select_unit(plan.units[4].id)  # Bản tin KH&CN
    monkeypatch.setattr(
        QInputDialog, "getItem", staticmethod(lambda *a, **k: ("Ban biên tập Trang TTĐT", True))
    )
    tab.merge_current()
    plan = load_plan(db, hai_duong_id)
    assert "Bản tin KH&CN" not in [u.name for u in plan.units]
    assert all("Bản tin KH&CN" not in t.partners for t in plan.tasks)
    assert window.doc.undo_stack.count() == 0  # the history no longer fits: cleared


def test_info_form_and_preview(qtbot, window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.info_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.preview_number.text() == "Số: 74/KH-SKHCN"
    assert tab.preview_date.text() == "Hải Dương, ngày 28 tháng 01 năm 2022"
    number = tab.fields["number"]
    number.setFocus()
    number.setText("")  # the clerk will write the number at issuance
    assert tab.preview_number.text() == f"Số: {BLANK}/KH-SKHCN"  # live, before leaving
    qtbot.keyClick(number, Qt.Key.Key_Tab)
    assert load_plan(db, hai_duong_id).number == ""
    tab.issued_on.day.setCurrentIndex(0)  # day left blank
    tab.issued_on.edited.emit()
    assert load_plan(db, hai_duong_id).issued_on == IssueDate(2022, 1)
    assert tab.preview_date.text() == f"Hải Dương, ngày{BLANK}tháng 01 năm 2022"
    assert window.windowTitle().startswith("CCHC Desktop — Kế hoạch /KH-SKHCN năm 2022")
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert load_plan(db, hai_duong_id).number == "74"
    assert tab.fields["number"].text() == "74"


def test_required_field_and_date_outside_the_year_are_refused(window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.info_tab
    window.tabs.setCurrentWidget(tab)
    tab.fields["symbol"].setText("")
    tab.fields["symbol"].editingFinished.emit()
    assert tab.banner.text == "Ký hiệu không được để trống."
    assert tab.fields["symbol"].text() == "KH-SKHCN"  # back to what is stored
    tab.issued_on.year.setValue(2023)
    tab.issued_on.edited.emit()
    assert "thuộc năm 2022" in tab.banner.text
    assert load_plan(db, hai_duong_id).issued_on == IssueDate(2022, 1, 28)


def test_signer_recipients_preamble(window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.info_tab
    tab.signer["authority"].setText("KT. GIÁM ĐỐC")
    tab.signer["authority"].editingFinished.emit()
    assert load_plan(db, hai_duong_id).signer.authority == "KT. GIÁM ĐỐC"
    tab.recipients.setData(tab.recipients.index(0, 1), "để báo cáo")
    assert load_plan(db, hai_duong_id).recipients[0].printed == "UBND tỉnh (để báo cáo)"
    tab.recipients_editor.view.setCurrentIndex(tab.recipients.index(5, 0))
    tab.recipients_editor.add_button.click()
    assert load_plan(db, hai_duong_id).recipients[6].name == "Nơi nhận mới"
    tab.preamble.submit_items([*tab.preamble.items, Paragraph("Đoạn mở đầu thứ hai")])
    assert load_plan(db, hai_duong_id).preamble[-1].text == "Đoạn mở đầu thứ hai"
    assert tab.preamble.rowCount() == 2
