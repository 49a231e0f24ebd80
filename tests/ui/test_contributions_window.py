"""The check-in tab shows the lead's answer to edit and the partners' contributions beneath
it, each editable with its unit, and which units have not answered (issue 14, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.services.checkins import record_checkin
from cchc_desktop.services.plan_read import load_plan

pytestmark = pytest.mark.gui

Q3 = Period.parse("2022-Q3")
WEB, NEWS = "Ban biên tập Trang TTĐT", "Bản tin KH&CN"
LEAD6 = "Chi cục Tiêu chuẩn - Đo lường - Chất lượng"


def _answers(db, pid, key):  # type: ignore[no-untyped-def]
    return {
        c.unit: c.result for c in load_plan(db, pid).checkins if c.task == key and c.period == Q3
    }


@pytest.fixture
def tab(window):  # type: ignore[no-untyped-def]
    tab = window.checkins_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_period(Q3)
    return tab


def test_partners_beneath_the_lead_editable_undoable_never_counted(  # type: ignore[no-untyped-def]
    tab, window, db, hai_duong_id, tmp_path: Path
) -> None:
    record_checkin(db, hai_duong_id, CheckIn("T6", Q3, result="Đăng 4 tin", unit=WEB))
    window.doc.refresh_from_database()  # as when another clerk's edit is noticed
    tab.set_period(Q3)
    tab.refresh_if_dirty()
    counts_before = {k: label.text() for k, label in tab.count_labels.items()}
    tab.select_task_key("T6")
    panel = tab.contributions
    # The collective "Các phòng, đơn vị trực thuộc Sở" has no form: not listed.
    assert [b.unit for b in panel.boxes] == [WEB, NEWS]
    web, news = panel.box(WEB), panel.box(NEWS)
    assert web is not None and news is not None
    assert web.title() == f"Phối hợp — {WEB}"
    assert web.editors["result"].toPlainText() == "Đăng 4 tin"
    assert not web.state.isVisibleTo(web) and news.state.isVisibleTo(news)
    assert panel.missing.text() == f"Đơn vị chưa báo cáo: {LEAD6}, {NEWS}"
    # The lead's answer above: not given, the form says so; the partner is not promoted.
    assert tab.form.result.toPlainText() == ""
    assert "Chưa báo cáo" in tab.form.state_label.text()

    path = tmp_path / "tab.png"
    window.resize(1366, 768)
    assert tab.grab().save(str(path))
    side = tab.partners_box.parentWidget()
    assert side.grab().save(str(tmp_path / "side.png"))

    # Edit the partner's text in the window: stored as that unit's, undoable, uncounted.
    news.editors["result"].setPlainText("Bản tin số 9 có chuyên mục CCHC")
    news.editors["result"].commit()
    assert _answers(db, hai_duong_id, "T6") == {
        WEB: "Đăng 4 tin",
        NEWS: "Bản tin số 9 có chuyên mục CCHC",
    }
    assert {k: label.text() for k, label in tab.count_labels.items()} == counts_before
    assert panel.missing.text() == f"Đơn vị chưa báo cáo: {LEAD6}"
    web.editors["result"].setPlainText("Đăng 5 tin")
    web.editors["result"].commit()
    assert _answers(db, hai_duong_id, "T6")[WEB] == "Đăng 5 tin"

    window.act_undo.trigger()
    assert _answers(db, hai_duong_id, "T6")[WEB] == "Đăng 4 tin"
    assert panel.box(WEB).editors["result"].toPlainText() == "Đăng 4 tin"  # type: ignore[union-attr]
    window.act_undo.trigger()
    assert _answers(db, hai_duong_id, "T6") == {WEB: "Đăng 4 tin"}
    window.act_redo.trigger()
    assert _answers(db, hai_duong_id, "T6")[NEWS] == "Bản tin số 9 có chuyên mục CCHC"
    assert {k: label.text() for k, label in tab.count_labels.items()} == counts_before

    # The lead's answer edited above counts, and the partners stay as they were.
    tab.form.result.setPlainText("Chi cục đã hướng dẫn")
    tab.form.result.commit()
    answers = _answers(db, hai_duong_id, "T6")
    assert answers[""] == "Chi cục đã hướng dẫn" and answers[WEB] == "Đăng 4 tin"
    assert tab.count_labels["not_reported"].text() == str(int(counts_before["not_reported"]) - 1)
    assert panel.missing.text() == "Mọi đơn vị đã báo cáo."
