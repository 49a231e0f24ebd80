"""The window as a whole: title, exports off the GUI thread, imports, plan operations,
settings remembered, undo across tabs, and an unexpected error that does not close it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLabel, QMessageBox

from cchc_desktop.domain.periods import Period
from cchc_desktop.services.plan_read import list_plans, load_plan

from cchc_desktop.ui.dialogs.import_preview_dialog import ImportPreviewDialog
from cchc_desktop.ui.dialogs.new_plan_dialog import NewPlanDialog
from cchc_desktop.ui.dialogs.year_copy_dialog import YearCopyDialog
from cchc_desktop.ui.main_window import TAB_CHECKINS, MainWindow
from cchc_desktop.ui.models.task_table_model import COL_NAME
from cchc_desktop.ui.plan_document import PlanDocument

pytestmark = pytest.mark.gui

HAI_DUONG = Path(__file__).parents[1] / "fixtures/plans/ke-hoach-74-skhcn-hai-duong-2022.plan.json"


@pytest.fixture
def save_to(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """The save dialog answers with a file in tmp_path; the names it proposed are kept."""
    proposed: list[str] = []

    def answer(_parent, _title, path, _filter, *_options):  # type: ignore[no-untyped-def]
        proposed.append(Path(path).name)
        return str(tmp_path / "out" / Path(path).name), ""

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return proposed


def _wait_export(qtbot, window) -> Path:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.exporter.last_path is not None, timeout=60000)
    return window.exporter.last_path


def test_title_and_plan_chooser(window) -> None:  # type: ignore[no-untyped-def]
    assert window.windowTitle() == (
        "CCHC Desktop — Kế hoạch 74/KH-SKHCN năm 2022: "
        "Tuyên truyền cải cách hành chính Nhà nước năm 2022"
    )
    assert window.plan_chooser.currentText().startswith("2022 — 74/KH-SKHCN")
    assert [a.text() for a in window.menuBar().actions()] == ["&Tệp", "&Sửa", "Trợ &giúp"]


def test_export_plan_docx(qtbot, window, save_to) -> None:  # type: ignore[no-untyped-def]
    window.act_export_plan.trigger()
    path = _wait_export(qtbot, window)
    assert save_to == ["Ke-hoach-74-KH-SKHCN-2022.docx"]
    import docx

    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "74/KH-SKHCN" in text and "MỤC ĐÍCH VÀ YÊU CẦU" in text
    assert window.last_status == f"Đã xuất tệp {path}"
    offer = window.exporter.last_offer
    assert offer is not None and {b.text() for b in offer.buttons()} >= {"Mở tệp", "Mở thư mục"}
    offer.close()
    assert window.settings.value("export/folder") == str(path.parent)


def test_export_reports_and_json(qtbot, window, save_to, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.checkins_tab.set_period(Period.parse("2022-Q2"))
    monkeypatch.setattr(
        window.exporter,
        "ask_period",
        lambda default: default,  # the tab's quarter
    )
    window.act_export_xlsx.trigger()
    xlsx = _wait_export(qtbot, window)
    assert xlsx.name == "Bao-cao-Quy-II-2022-74-KH-SKHCN.xlsx"
    import openpyxl

    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames and book.active.max_row > 6
    window.exporter.last_path = None
    window.act_export_report_docx.trigger()
    report = _wait_export(qtbot, window)
    assert report.suffix == ".docx" and report.stat().st_size > 5000
    window.exporter.last_path = None
    window.act_export_json.trigger()
    exported = _wait_export(qtbot, window)
    from cchc_desktop.interchange import read_plan_file

    assert len(read_plan_file(exported).tasks) == 6


@pytest.mark.slow
def test_export_pdf_to_sign_plan_and_report(qtbot, window, save_to, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    monkeypatch.setattr(window.exporter, "ask_period", lambda default: Period.parse("2022-Q1"))
    assert window.act_export_plan_pdf.text() == "Xuất PDF để ký số (kế hoạch)…"
    window.act_export_plan_pdf.trigger()
    plan_pdf = _wait_export(qtbot, window)
    window.exporter.last_offer.close()
    window.exporter.last_path = None
    window.act_export_report_pdf.trigger()
    report_pdf = _wait_export(qtbot, window)
    assert save_to == ["Ke-hoach-74-KH-SKHCN-2022.pdf", "Bao-cao-Quy-I-2022-74-KH-SKHCN.pdf"]

    def text(path: Path) -> str:
        out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        return " ".join(out.stdout.decode("utf-8").split())

    assert "MỤC ĐÍCH VÀ YÊU CẦU" in text(plan_pdf)
    assert "quý I năm 2022" in text(report_pdf)


def test_export_failure_is_shown_not_fatal(qtbot, window, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "no-such-folder" / "x.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(missing), "")))
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text: shown.append(text))
    )
    window.act_export_plan.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    assert "Thư mục không tồn tại" in shown[0]
    assert window.isVisible()


def test_import_json_opens_the_new_plan(qtbot, window, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(HAI_DUONG), ""))
    )
    window.act_import_json.trigger()
    qtbot.waitUntil(lambda: len(list_plans(db)) == 2, timeout=30000)
    qtbot.waitUntil(lambda: window.plan_chooser.count() == 2)
    assert window.doc.plan_id == max(p.id for p in list_plans(db))
    assert "Đã nhập kế hoạch" in window.last_status


def test_import_word_shows_a_preview(qtbot, window, db, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.exports.docx_plan import write_plan_docx

    source = tmp_path / "ke-hoach.docx"
    write_plan_docx(load_plan(db, window.doc.plan_id), source)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(source), "")))
    seen: list[ImportPreviewDialog] = []

    def accept(dialog: ImportPreviewDialog) -> int:
        seen.append(dialog)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
    assert window.act_import_docx.isEnabled()
    window.act_import_docx.trigger()
    qtbot.waitUntil(lambda: len(list_plans(db)) == 2, timeout=60000)
    imported = load_plan(db, window.doc.plan_id)
    assert len(imported.tasks) == 6
    assert imported.number_symbol == "74/KH-SKHCN"
    texts = [label.text() for label in seen[0].findChildren(QLabel)]
    assert "6 nhiệm vụ, 6 đơn vị" in texts
    assert "74/KH-SKHCN" in texts


def test_plan_operations(window, db, monkeypatch, yes) -> None:  # type: ignore[no-untyped-def]
    first = window.doc.plan_id
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *a, **k: (2023, True)))
    reviewed: list[YearCopyDialog] = []

    def accept(dialog: YearCopyDialog) -> int:
        reviewed.append(dialog)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(YearCopyDialog, "exec", accept)
    window.act_copy.trigger()
    rows = reviewed[0].rows()
    assert ["Đã thay năm", "Trích yếu", "Tuyên truyền cải cách hành chính Nhà nước năm 2022",
            "Tuyên truyền cải cách hành chính Nhà nước năm 2023"] in rows  # fmt: skip
    assert ["Giữ nguyên — cần xem lại", "Mở đầu, đoạn 1",
            "Kế hoạch số 276/KH-UBND ngày 27 tháng 01 năm 2022", ""] in rows  # fmt: skip
    assert "năm 2023" in reviewed[0].summary.text()
    copy_id = window.doc.plan_id
    assert copy_id != first and window.doc.plan.year == 2023
    assert window.doc.plan.checkins == []
    assert window.plan_chooser.currentText().startswith("2023")

    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("Kế hoạch CCHC năm 2023", True))
    )
    window.act_rename.trigger()
    assert load_plan(db, copy_id).title == "Kế hoạch CCHC năm 2023"
    assert "Kế hoạch CCHC năm 2023" in window.windowTitle()

    def create(dialog: NewPlanDialog) -> int:
        dialog.title.setText("Kiểm soát thủ tục hành chính năm 2024")
        dialog.year.setValue(2024)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(NewPlanDialog, "exec", create)
    window.act_new.trigger()
    assert window.doc.plan.title == "Kiểm soát thủ tục hành chính năm 2024"
    assert window.doc.plan.units[0].name == "Văn phòng Sở"  # units reused

    window.act_delete.trigger()
    assert "Xóa hẳn kế hoạch" in yes[-1]
    assert len(list_plans(db)) == 2
    assert window.doc.plan_id in (first, copy_id)


def test_copy_to_year_cancelled_in_review_stores_nothing(window, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *a, **k: (2023, True)))
    monkeypatch.setattr(YearCopyDialog, "exec", lambda self: int(QDialog.DialogCode.Rejected))
    before = len(list_plans(db))
    assert window.plan_actions.copy_plan() is None
    assert len(list_plans(db)) == before
    review = window.plan_actions.last_review
    assert review is not None and review.table.rowCount() == 10  # 9 replaced, 1 kept


def test_undo_across_tabs(window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    window.content_tab.model.setData(window.content_tab.model.index(0, 0), "MỤC ĐÍCH")
    window.tasks_tab.model.setData(window.tasks_tab.model.index(0, COL_NAME), "Nhiệm vụ A")
    window.info_tab.fields["archive"].setText("VT, VP, Lưu trữ")
    window.info_tab.fields["archive"].editingFinished.emit()
    assert window.act_undo.text() == "Hoàn tác Sửa thông tin kế hoạch"
    for _ in range(3):
        window.act_undo.trigger()
    plan = load_plan(db, hai_duong_id)
    assert (plan.sections[0].heading, plan.tasks[0].name[:9], plan.archive) == (
        "MỤC ĐÍCH VÀ YÊU CẦU", "Tăng cườn", "VT, VP",
    )  # fmt: skip
    assert window.doc.undo_stack.canRedo()


def test_settings_are_remembered(qtbot, db, hai_duong_id, settings, window) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(TAB_CHECKINS)
    window.resize(800, 540)  # within the offscreen screen (800×600)
    size = (window.width(), window.height())
    assert size[1] == 540
    window.content_tab.splitter.setSizes([300, 1000])
    window.content_tab.splitter.splitterMoved.emit(300, 1)  # as a drag ends
    window.close()
    again = MainWindow(PlanDocument(db), settings)
    qtbot.addWidget(again)
    again.open_plan(None)
    assert again.doc.plan_id == hai_duong_id  # the last plan
    assert again.tabs.currentIndex() == TAB_CHECKINS
    # The offscreen screen is 800 px wide: a restored width is clamped to it, the height not.
    assert again.height() == size[1] == 540
    stored = settings.value("splitters/content")
    assert stored is not None
    assert bytes(again.content_tab.splitter.saveState()) == bytes(stored)
    assert Path(settings.fileName()).parent.name == "settings"  # a temp location


def test_unexpected_error_shows_the_log_location(window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from cchc_desktop.app import configure_logging, install_excepthook

    log_file = configure_logging(tmp_path / "logs")
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _p, _t, text: shown.append(text))
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(log_file, lambda: window)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    for handler in logging.getLogger("cchc_desktop").handlers:
        handler.flush()
    assert str(log_file) in shown[0]
    assert "boom in a slot" in log_file.read_text("utf-8")
    assert "Traceback" in log_file.read_text("utf-8")
    assert window.isVisible()


def test_about_names_the_data_folder(window, monkeypatch, db) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda _p, _t, text: shown.append(text)))
    window.act_about.trigger()
    assert str(db.path) in shown[0] and "0." in shown[0]


def test_restore_from_backup_reloads_every_view(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.dialogs import backup_dialog

    calls: list[bool] = []
    monkeypatch.setattr(
        backup_dialog, "open_backup_dialog", lambda _p, _db, restore: calls.append(restore) or True
    )
    window.tasks_tab.model.setData(window.tasks_tab.model.index(0, COL_NAME), "Sửa trước")
    window.act_restore.trigger()
    assert calls == [True]
    assert window.doc.undo_stack.count() == 0
    assert window.last_status == "Đã phục hồi dữ liệu từ bản sao lưu"
    assert window.doc.plan is not None and window.tasks_tab.model.rowCount() == 6
