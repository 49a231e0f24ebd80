"""Unit forms from the window: send the quarter's forms into a folder, fill one as the unit
would, take it back through the preview dialog, and find the answers in the database, in the
check-in tab and in the "Phiếu của đơn vị" panel; a form with a problem stores nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog

from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.services.forms import forms_status
from cchc_desktop.services.plan_read import load_plan
from tests.forms.form_helpers import fill

from cchc_desktop.ui.dialogs.forms_import_dialog import FormsImportDialog
from cchc_desktop.ui.models.checkin_table_model import COL_PROGRESS, COL_RESULT
from cchc_desktop.ui.models.forms_status_model import (
    COL_RETURNED,
    COL_SENT,
    COL_STATE,
    COL_UNIT,
    local_time,
)
from cchc_desktop.ui.unit_forms import NOT_UNDOABLE

pytestmark = pytest.mark.gui

Q3 = Period.parse("2022-Q3")
VP, TT = "Văn phòng Sở", "Trung tâm Đo lường, Thử nghiệm và TTKH"
FORMS = [
    "Phieu-bao-cao-Q3-2022-Ban-bien-tap-Trang-TTDT.xlsx",
    "Phieu-bao-cao-Q3-2022-Ban-tin-KH-CN.xlsx",
    "Phieu-bao-cao-Q3-2022-Chi-cuc-Tieu-chuan-Do-luong-Chat-luong.xlsx",
    "Phieu-bao-cao-Q3-2022-Trung-tam-Do-luong-Thu-nghiem-va-TTKH.xlsx",
    "Phieu-bao-cao-Q3-2022-Van-phong-So.xlsx",
]


def _checkin(db, plan_id, key, period=Q3):  # type: ignore[no-untyped-def]
    plan = load_plan(db, plan_id)
    return next((c for c in plan.checkins if c.task == key and c.period == period), None)


def _panel_row(tab, unit):  # type: ignore[no-untyped-def]
    model = tab.forms_panel.model
    return next(r for r in range(model.rowCount()) if model.data(model.index(r, COL_UNIT)) == unit)


@pytest.fixture
def tab(window):  # type: ignore[no-untyped-def]
    tab = window.checkins_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_period(Q3)
    return tab


@pytest.fixture
def sent(qtbot, window, tab, monkeypatch, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    """The forms of Q3 sent from the window (the folder dialog answers tmp_path/phieu)."""
    folder = tmp_path / "phieu"
    folder.mkdir()
    asked: list[str] = []

    def choose(_parent, title, start, *_options):  # type: ignore[no-untyped-def]
        asked.append(title)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose))
    tab.forms_panel.export_button.click()
    qtbot.waitUntil(lambda: window.unit_forms.last_sent is not None, timeout=60000)
    assert asked == ["Chọn thư mục lưu phiếu báo cáo Quý III/2022"]
    return folder


@pytest.fixture
def choose_files(monkeypatch):  # type: ignore[no-untyped-def]
    """Set the files the open dialog answers with."""
    answer: list[Path] = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *_a: ([str(p) for p in answer], "Phiếu báo cáo (*.xlsx)")),
    )
    return answer


@pytest.fixture
def shown_dialogs(monkeypatch) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """The preview dialog is "clicked" at once: Save when it is enabled, else it stays shut.
    What it showed is kept (the window deletes the dialog afterwards)."""
    seen: list[dict[str, object]] = []

    def run(dialog: FormsImportDialog) -> int:
        shown = {
            "save": dialog.ok.isEnabled(),
            "summary": dialog.summary.text(),
            "problems": dialog.problems.toPlainText(),
            "rows": dialog.model.rowCount(),
        }
        dialog.ok.click()  # a disabled button ignores the click, as for the clerk
        shown["result"] = dialog.result()
        seen.append(shown)
        return dialog.result()

    monkeypatch.setattr(FormsImportDialog, "exec", run)
    return seen


def test_export_forms_into_a_folder(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, window, tab, sent, db, hai_duong_id, monkeypatch
) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert {window.act_export_forms, window.act_import_forms} <= set(file_menu.actions())
    assert window.act_export_forms.text() == "Xuất phiếu báo cáo cho đơn vị…"
    assert sorted(p.name for p in sent.iterdir()) == FORMS
    assert window.settings.value("forms/export-folder") == str(sent)
    offer = window.unit_forms.last_offer
    assert offer is not None and offer.text().startswith("Đã xuất 5 phiếu báo cáo")
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url)))
    next(b for b in offer.buttons() if b.text() == "Mở thư mục").click()
    assert [Path(u.toLocalFile()) for u in opened] == [sent]
    assert window.last_status == f"Đã xuất 5 phiếu báo cáo vào {sent}"
    # The register: every unit sent once, none back yet, all missing.
    status = {s.unit: s for s in forms_status(db, hai_duong_id, Q3)}
    assert len(status) == 5 and all(s.forms_sent == 1 and s.missing for s in status.values())
    model = tab.forms_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 5 and bool(model.data(model.index(0, COL_SENT))))
    qtmodeltester.check(model)
    row = _panel_row(tab, VP)
    assert model.data(model.index(row, COL_SENT)) == local_time(status[VP].sent_at)
    assert model.data(model.index(row, COL_STATE)) == "Chưa nhận"
    assert model.data(model.index(row, COL_UNIT), Qt.ItemDataRole.BackgroundRole) is not None
    assert tab.forms_panel.summary.text() == (
        "Quý III/2022: đã gửi 5, đã nhận 0/5 phiếu; còn thiếu 5."
    )
    # Sending again into the same folder asks before replacing the files there.
    asked: list[str] = []
    from cchc_desktop.ui.dialogs import ask

    monkeypatch.setattr(ask, "confirm", lambda _p, title, text, action="": asked.append(text))
    window.unit_forms.last_sent = None
    window.act_export_forms.trigger()
    assert len(asked) == 1 and "đã có 5 phiếu cùng tên" in asked[0]
    assert window.unit_forms.last_sent is None and window.background.running == 0


def test_filled_form_comes_back(  # type: ignore[no-untyped-def]
    qtbot, window, tab, sent, db, hai_duong_id, choose_files, shown_dialogs
) -> None:
    form = sent / "Phieu-bao-cao-Q3-2022-Van-phong-So.xlsx"
    fill(
        form,
        {
            "T1": {
                "G": "Đang thực hiện",
                "H": 75,
                "I": "Lồng ghép tuyên truyền ở 12 cuộc họp",
                "N": dt.datetime(2022, 9, 10),
            },
            "T3": {"G": "Hoàn thành", "I": "Đã cập nhật đủ TTHC"},
        },
    )
    # An edit made before the import is on the undo stack; the import clears it.
    row = tab.model.row_of("T4")
    assert tab.model.setData(tab.model.index(row, COL_PROGRESS), "20")
    assert window.doc.undo_stack.count() == 1
    choose_files.append(form)
    window.act_import_forms.trigger()
    qtbot.waitUntil(lambda: window.unit_forms.last_result is not None, timeout=60000)

    dialog = shown_dialogs[0]
    assert dialog["save"] and NOT_UNDOABLE in dialog["summary"]
    assert dialog["summary"].startswith("1 tệp: 2 mới, 0 thay đổi, 0 không đổi")
    assert dialog["rows"] == 3 and dialog["result"] == int(QDialog.DialogCode.Accepted)
    result = window.unit_forms.last_result
    assert (sorted(result.created), result.returned) == (["T1", "T3"], [form.name])
    # In the database, exactly the answers typed into the form.
    t1 = _checkin(db, hai_duong_id, "T1")
    assert (t1.status, t1.progress) == (Status.IN_PROGRESS, 75)
    assert t1.result == "Lồng ghép tuyên truyền ở 12 cuộc họp"
    assert t1.reported_by == VP and t1.reported_on == dt.date(2022, 9, 10)
    t3 = _checkin(db, hai_duong_id, "T3")
    assert (t3.status, t3.progress) == (Status.DONE, 100)
    assert _checkin(db, hai_duong_id, "T4").progress == 20  # not on the form: kept
    # In the tab: the rows, the counts, the side form; no undo into what the unit reported.
    model = tab.model
    assert model.data(model.index(model.row_of("T1"), COL_PROGRESS)) == "75%"
    assert model.data(model.index(model.row_of("T1"), COL_RESULT)).startswith("Lồng ghép")
    assert tab.count_labels["not_reported"].text() == "2"  # T5, T6 (T2 was done in Q2)
    tab.select_task_key("T3")
    assert tab.form.result.toPlainText() == "Đã cập nhật đủ TTHC"
    assert window.doc.undo_stack.count() == 0 and not window.act_undo.isEnabled()
    assert window.last_status.startswith("Đã lưu 2 báo cáo từ 1 phiếu: 2 mới")
    assert tab.banner.isVisible() and tab.banner.text.startswith("Đã lưu 2 báo cáo")
    # The panel: the office now shows as returned, with the time it came back.
    returned = {s.unit: s for s in forms_status(db, hai_duong_id, Q3)}[VP].returned_at
    assert returned is not None
    panel = tab.forms_panel.model
    qtbot.waitUntil(lambda: panel.returned() == [VP])
    row = _panel_row(tab, VP)
    assert panel.data(panel.index(row, COL_RETURNED)) == local_time(returned)
    assert panel.data(panel.index(row, COL_STATE)) == "Đã nhận"
    assert panel.data(panel.index(row, COL_UNIT), Qt.ItemDataRole.BackgroundRole) is None
    assert VP not in panel.missing() and len(panel.missing()) == 4
    assert tab.forms_panel.summary.text().endswith("đã nhận 1/5 phiếu; còn thiếu 4.")
    assert window.settings.value("forms/import-folder") == str(sent)


def test_form_with_a_problem_stores_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, tab, sent, db, hai_duong_id, choose_files, shown_dialogs
) -> None:
    good = sent / "Phieu-bao-cao-Q3-2022-Van-phong-So.xlsx"
    bad = sent / "Phieu-bao-cao-Q3-2022-Trung-tam-Do-luong-Thu-nghiem-va-TTKH.xlsx"
    fill(good, {"T1": {"G": "Đang thực hiện", "H": 75}})
    fill(bad, {"T2": {"G": "Đang thực hiện", "H": 150}})
    before = load_plan(db, hai_duong_id).checkins
    choose_files.extend([good, bad])
    tab.forms_panel.import_button.click()
    qtbot.waitUntil(lambda: bool(shown_dialogs), timeout=60000)

    dialog = shown_dialogs[0]
    assert not dialog["save"] and dialog["result"] == int(QDialog.DialogCode.Rejected)
    assert "Tiến độ phải từ 0 đến 100 (đã ghi 150)" in dialog["problems"]
    assert "Có lỗi: chưa thể lưu" in dialog["summary"]
    assert NOT_UNDOABLE not in dialog["summary"]
    qtbot.waitUntil(lambda: window.background.running == 0)
    assert window.unit_forms.last_result is None
    assert window.last_status == "Chưa lưu phiếu nào"
    assert load_plan(db, hai_duong_id).checkins == before  # not even the good file
    assert _checkin(db, hai_duong_id, "T1") is None
    assert all(s.returned_at is None for s in forms_status(db, hai_duong_id, Q3))
    assert tab.model.not_reported() == 5  # all but T2, done in Q2
