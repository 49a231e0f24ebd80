"""The "Báo cáo" tab: sections pre-filled from the data, the clerk's words kept through
close/reopen and a regenerate (what changed is marked), warnings that lead to the task."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.exports.docx_report import write_report_docx
from cchc_desktop.services.checkins import record_checkin
from cchc_desktop.services.plan_read import load_plan

from cchc_desktop.ui.tabs.report_tab import CHANGED_MARK, DATA_MARK, WRITTEN_MARK

pytestmark = pytest.mark.gui
H1 = Period.parse("2022-H1")
WRITTEN = "- Sở đã tổ chức quán triệt Kế hoạch tại cuộc họp giao ban tháng 02/2022."


def _open_h1(window):  # type: ignore[no-untyped-def]
    tab = window.report_tab
    window.tabs.setCurrentWidget(tab)
    tab.select_period(H1)
    return tab


def test_sections_are_prefilled_and_the_clerks_words_survive_reopen(  # type: ignore[no-untyped-def]
    window, db, hai_duong_id, tmp_path: Path, qtbot
) -> None:
    tab = _open_h1(window)
    assert [tab.period_box.itemText(i) for i in range(4)] == [
        "Quý I/2022", "6 tháng đầu năm 2022", "Quý III/2022", "Năm 2022",
    ]  # fmt: skip
    assert "hạn gửi 20/06/2022" in tab.due_label.text()
    chi_dao = tab.section_edits["chi_dao"]
    assert chi_dao.toPlainText().startswith("- Sở Khoa học và Công nghệ đã ban hành Kế hoạch số")
    assert tab.section_marks["chi_dao"].text() == f"({DATA_MARK})"
    assert tab.warnings.count() == 12  # the check-ins dated after their cut-off
    chi_dao.setPlainText(WRITTEN)
    tab.number_edit.setText("125")
    tab.date_edit.setText("2022-06-18")
    tab.to_edit.setText("Ủy ban nhân dân tỉnh Hải Dương")
    assert tab.save()
    assert tab.section_marks["chi_dao"].text() == f"({WRITTEN_MARK})"
    tab.grab().save(str(tmp_path / "report-tab.png"))

    stored = load_plan(db, hai_duong_id).report(H1)
    assert stored is not None and stored.number == "125"
    assert stored.text("chi_dao") == WRITTEN
    assert "uu_diem" not in stored.narrative  # left as the data wrote it: follows the data
    window.open_plan(hai_duong_id)  # close and reopen
    tab = _open_h1(window)
    assert tab.section_edits["chi_dao"].toPlainText() == WRITTEN
    assert tab.number_edit.text() == "125"
    target = tmp_path / "h1.docx"
    write_report_docx(load_plan(db, hai_duong_id), H1, target)
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    assert WRITTEN in texts and "Kính gửi: Ủy ban nhân dân tỉnh Hải Dương." in texts


def test_regenerate_keeps_written_text_and_marks_changed_data(window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = _open_h1(window)
    tab.section_edits["uu_diem"].setPlainText("- Các đơn vị chủ động triển khai.")
    assert tab.save()
    record_checkin(
        db, hai_duong_id, CheckIn("T6", Period.parse("2022-Q2"), Status.DONE, 100, "Xong.")
    )
    window.doc.open(hai_duong_id)  # the cache reloads the new check-in
    tab = _open_h1(window)
    tab.refresh_data()
    assert tab.section_edits["uu_diem"].toPlainText() == "- Các đơn vị chủ động triển khai."
    assert tab.section_marks["uu_diem"].text() == f"({CHANGED_MARK})"
    assert "Đã hoàn thành 2/6" in tab.data_texts["uu_diem"]
    assert tab.section_marks["han_che"].text() == f"({DATA_MARK})"


def test_a_warning_leads_to_the_task(window) -> None:  # type: ignore[no-untyped-def]
    tab = _open_h1(window)
    item = tab.warnings.item(0)
    tab._on_warning(item)
    assert window.tabs.currentWidget() is window.checkins_tab


def test_the_checkin_form_flags_a_proposal_outward_and_the_report_takes_it(  # type: ignore[no-untyped-def]
    window, db, hai_duong_id, tmp_path: Path
) -> None:
    tab = window.checkins_tab
    window.tabs.setCurrentWidget(tab)
    q1 = Period.parse("2022-Q1")
    tab.set_period(q1)
    tab.select_task_key("T2")  # "Đề nghị Văn phòng Sở cung cấp …": internal by the rule
    form = tab.form
    assert form.proposals_scope.currentText() == "Tự động"
    form.proposals_scope.setCurrentIndex(form.proposals_scope.findData("outward"))
    form.proposals_scope.activated.emit(form.proposals_scope.currentIndex())
    plan = load_plan(db, hai_duong_id)
    c = next(c for c in plan.checkins if c.task == "T2" and c.period == q1)
    assert c.proposals_scope == "outward"
    target = tmp_path / "q1.docx"
    write_report_docx(plan, q1, target)
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    v = texts.index("V. ĐỀ XUẤT, KIẾN NGHỊ")
    assert texts[v + 1] == f"- {c.proposals}"
    tab.select_task_key("T1")
    tab.select_task_key("T2")
    assert form.proposals_scope.currentText() == "Gửi cấp trên"
