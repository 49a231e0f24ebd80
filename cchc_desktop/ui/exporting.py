"""Exports and imports from the window: ask where, run off the GUI thread, report back.

Exports write a snapshot of the open plan (a deep copy, so edits made meanwhile cannot
change what is being written) and then offer "Mở tệp" and "Mở thư mục". Exporters and
readers are imported inside the work functions: python-docx and openpyxl load only when
the first export asks for them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from cchc_desktop.domain.filenames import plan_file_name, report_file_name
from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.periods import Period, report_periods
from cchc_desktop.faults import as_user_error

from cchc_desktop.ui import file_dialogs
from cchc_desktop.ui.background import Background
from cchc_desktop.ui.ui_state import Key, remembered_folder

WORD = "Tài liệu Word (*.docx)"
EXCEL = "Bảng tính Excel (*.xlsx)"
JSON = "Kế hoạch CCHC (*.json)"
PDF = "Tệp PDF để ký số (*.pdf)"


class Exporter(QObject):
    def __init__(
        self,
        window: QWidget,
        settings: QSettings,
        background: Background,
        plan: Callable[[], Plan | None],
        status: Callable[[str], None],
        error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.background = background
        self._plan = plan
        self._status = status
        self._error = error
        self.last_offer: QMessageBox | None = None
        self.last_path: Path | None = None

    # -- where ------------------------------------------------------------------------------
    def folder(self) -> Path:
        return remembered_folder(self.settings, Key.EXPORT_FOLDER)

    def ask_save_path(self, title: str, name: str, file_filter: str, suffix: str) -> Path | None:
        return file_dialogs.save_path(
            self.window, self.settings, Key.EXPORT_FOLDER, title, name, file_filter, suffix
        )

    def ask_period(self, default: Period | None) -> Period | None:
        plan = self._plan()
        if plan is None:
            return None
        periods = report_periods(plan.year)
        labels = [p.short_label() for p in periods]
        current = periods.index(default) if default in periods else 0
        label, ok = QInputDialog.getItem(
            self.window, "Kỳ báo cáo", "Báo cáo cho kỳ:", labels, current, False
        )
        return periods[labels.index(label)] if ok else None

    # -- exports ----------------------------------------------------------------------------
    def export_plan_docx(self) -> None:
        plan = self._plan()
        if plan is None:
            return
        path = self.ask_save_path("Xuất kế hoạch (.docx)", plan_file_name(plan), WORD, ".docx")
        if path is not None:
            snapshot = copy.deepcopy(plan)

            def work() -> Path:
                from cchc_desktop.exports.docx_plan import write_plan_docx

                write_plan_docx(snapshot, path)
                return path

            self._run(work, "Đang xuất kế hoạch…")

    def export_plan_pdf(self) -> None:
        """Xuất PDF để ký số: the plan's .docx converted by the office suite on the PC."""
        plan = self._plan()
        if plan is None:
            return
        name = plan_file_name(plan, ".pdf")
        path = self.ask_save_path("Xuất PDF để ký số (kế hoạch)", name, PDF, ".pdf")
        if path is not None:
            snapshot = copy.deepcopy(plan)

            def work() -> Path:
                from cchc_desktop.exports.docx_plan import write_plan_docx
                from cchc_desktop.exports.pdf import write_pdf

                write_pdf(lambda docx: write_plan_docx(snapshot, docx), path)
                return path

            self._run(work, "Đang tạo PDF để ký số…")

    def export_report(self, suffix: str, default: Period | None) -> None:
        plan = self._plan()
        if plan is None:
            return
        period = self.ask_period(default)
        if period is None:
            return
        kind, file_filter = {".xlsx": ("Excel", EXCEL), ".pdf": ("PDF để ký số", PDF)}.get(
            suffix, ("Word", WORD)
        )
        path = self.ask_save_path(
            f"Xuất báo cáo ({kind})", report_file_name(plan, period, suffix), file_filter, suffix
        )
        if path is None:
            return
        snapshot = copy.deepcopy(plan)

        def work() -> Path:
            if suffix == ".xlsx":
                from cchc_desktop.exports.xlsx_report import write_report_xlsx

                write_report_xlsx(snapshot, period, path)
            elif suffix == ".pdf":
                from cchc_desktop.exports.docx_report import write_report_docx
                from cchc_desktop.exports.pdf import write_pdf

                write_pdf(lambda docx: write_report_docx(snapshot, period, docx), path)
            else:
                from cchc_desktop.exports.docx_report import write_report_docx

                write_report_docx(snapshot, period, path)
            return path

        self._run(work, "Đang xuất báo cáo…")

    def export_json(self) -> None:
        plan = self._plan()
        if plan is None:
            return
        name = plan_file_name(plan, ".plan.json")
        path = self.ask_save_path("Xuất kế hoạch (JSON)", name, JSON, ".json")
        if path is not None:
            snapshot = copy.deepcopy(plan)

            def work() -> Path:
                from cchc_desktop.interchange import write_plan_file

                write_plan_file(snapshot, path)
                return path

            self._run(work, "Đang xuất tệp JSON…")

    def _run(self, work: Callable[[], Path], label: str) -> None:
        self._status(label)
        self.background.run(work, self._on_exported, self._error, label)

    def _on_exported(self, path: Path) -> None:
        self.last_path = path
        self._status(f"Đã xuất tệp {path}")
        self.offer_open(path)

    def offer_open(self, path: Path) -> None:
        """Say where the file went and offer to open it or its folder (not modal)."""
        box = QMessageBox(QMessageBox.Icon.Information, "Đã xuất tệp", "", parent=self.window)
        box.setText(f"Đã lưu tệp:\n{path}")
        open_file = box.addButton("Mở tệp", QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton("Mở thư mục", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)

        def clicked(button: Any) -> None:
            if button is open_file:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            elif button is open_folder:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

        box.buttonClicked.connect(clicked)
        self.last_offer = box
        box.open()

    # -- imports ----------------------------------------------------------------------------
    def ask_open_path(self, title: str, file_filter: str, key: str) -> Path | None:
        return file_dialogs.open_path(self.window, self.settings, key, title, file_filter)

    def read_json(self, on_read: Callable[[Plan, Path], object]) -> None:
        path = self.ask_open_path(
            "Nhập kế hoạch từ JSON", f"{JSON};;Mọi tệp (*)", Key.JSON_IMPORT_FOLDER
        )
        if path is None:
            return

        def work() -> Plan:
            from cchc_desktop.interchange import read_plan_file

            return read_plan_file(path)

        self._status(f"Đang đọc {path.name}…")
        self.background.run(work, lambda plan: on_read(plan, path), self._error, "Đang đọc tệp…")

    def read_docx(self, on_read: Callable[[Any, Path], object]) -> None:
        path = self.ask_open_path(
            "Nhập kế hoạch từ Word", f"{WORD};;Mọi tệp (*)", Key.PLAN_DOCX_IMPORT_FOLDER
        )
        if path is None:
            return
        plan = self._plan()
        known = list(plan.units) if plan is not None else []

        def work() -> Any:
            from cchc_desktop.imports.docx_plan import read_plan_docx

            return read_plan_docx(path, known)

        self._status(f"Đang đọc {path.name}…")
        self.background.run(
            work, lambda result: on_read(result, path), self._error, "Đang đọc văn bản Word…"
        )


def describe_failure(exc: BaseException) -> str | None:
    """The clerk's message for a failure that is not a bug (None for a bug)."""
    fault = as_user_error(exc)
    return fault.message if fault is not None else None
