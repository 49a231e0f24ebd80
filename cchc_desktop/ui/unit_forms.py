"""Unit report forms from the window: send one .xlsx per unit, take the filled ones back, and
tell who has answered.

The same services as ``cchc export-forms`` / ``cchc import-forms``
(:mod:`cchc_desktop.services.forms`). Writing, reading, previewing and applying run off the GUI
thread; the preview dialog is the clerk's confirmation. Applying forms is not an edit of one
check-in but a batch of them stored in one transaction (after an automatic backup), so it is
not put on the undo stack; the stack is cleared instead, because its commands hold check-ins
that the forms may just have replaced.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from cchc_desktop.domain import forms as F
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.errors import UserError
from cchc_desktop.file_locks import check_replaceable

from cchc_desktop.ui import file_dialogs
from cchc_desktop.ui.background import Background
from cchc_desktop.ui.dialogs import ask
from cchc_desktop.ui.plan_document import PlanDocument
from cchc_desktop.ui.ui_state import Key, remembered_folder

EXCEL = "Phiếu báo cáo (*.xlsx)"
NOT_UNDOABLE = (
    "Lưu xong không hoàn tác được bằng Ctrl+Z (phần mềm tự sao lưu dữ liệu ngay trước khi lưu; "
    "phục hồi ở Tệp → Phục hồi…)."
)


class UnitForms(QObject):
    status_loaded = Signal(object, object)  # Period, list[UnitFormStatus]
    changed = Signal()  # forms went out or came back: any status shown is stale
    notice = Signal(str)  # something to tell the clerk in place (nothing went wrong)

    def __init__(
        self,
        window: QWidget,
        doc: PlanDocument,
        settings: QSettings,
        background: Background,
        status: Callable[[str], None],
        error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.doc = doc
        self.settings = settings
        self.background = background
        self._status = status
        self._error = error
        self.working = False  # an export or import is under way: a second one waits
        self._status_ticket = 0  # only the newest status request is shown
        # For tests and for the clerk's "what happened": the last of each.
        self.last_sent: list[F.SentForm] | None = None
        self.last_result: Any = None
        self.last_offer: QMessageBox | None = None

    # -- where ------------------------------------------------------------------------------
    def _ready(self, period: Period | None) -> Period | None:
        """The quarter to work on, or None (and say why) when there is nothing to do."""
        if not self.doc.is_open or period is None:
            return None
        if self.working:
            self.notice.emit("Đang xử lý phiếu báo cáo, xin chờ xong rồi thử lại.")
            return None
        if period.kind is not PeriodKind.QUARTER:
            self.notice.emit("Phiếu báo cáo được lập theo quý: hãy chọn một quý.")
            return None
        return period

    # -- sending ----------------------------------------------------------------------------
    def export_forms(self, period: Period | None) -> None:
        """Ask for a folder, write one form per unit with tasks due in ``period``, record
        the dispatch."""
        period = self._ready(period)
        plan = self.doc.plan
        if period is None or plan is None:
            return
        units = F.form_units(plan, period)
        if not units:
            self.notice.emit(
                f"Không có đơn vị nào có nhiệm vụ cần báo cáo trong {period.short_label()}: "
                "không có phiếu để xuất."
            )
            return
        folder = file_dialogs.folder_path(
            self.window,
            self.settings,
            Key.FORMS_EXPORT_FOLDER,
            f"Chọn thư mục lưu phiếu báo cáo {period.short_label()}",
            also=(Key.EXPORT_FOLDER,),
        )
        if folder is None:
            return
        # A unit's filled form saved back under its original name would be lost silently.
        existing = [
            name
            for unit, _tasks in units
            if (folder / (name := F.form_file_name(period, unit.name))).exists()
        ]
        try:  # open in LibreOffice/Excel or read-only: said before asking to replace
            for name in existing:
                check_replaceable(folder / name)
        except UserError as err:
            ask.warn(self.window, "Xuất phiếu báo cáo", err.message)
            return
        if existing and not ask.confirm(
            self.window,
            "Ghi đè phiếu",
            f"Thư mục đã có {len(existing)} phiếu cùng tên (ví dụ {existing[0]}). Nếu đó là "
            "phiếu đơn vị đã điền, hãy nhập chúng trước hoặc chọn thư mục khác.\n\n"
            "Ghi đè các tệp này?",
            action="Ghi đè",
        ):
            return
        snapshot = copy.deepcopy(plan)  # edits made meanwhile cannot change what is written
        plan_id, db = self.doc.plan_id, self.doc.db

        def work() -> list[F.SentForm]:
            from cchc_desktop.exports.xlsx_forms import write_unit_forms
            from cchc_desktop.services.forms import record_dispatch

            sent = write_unit_forms(snapshot, period, folder)
            record_dispatch(db, plan_id, sent)
            return sent

        self._start(work, self._on_exported, "Đang xuất phiếu báo cáo…")

    def _on_exported(self, sent: list[F.SentForm]) -> None:
        self.working = False
        self.last_sent = sent
        folder = (
            sent[0].path.parent
            if sent
            else remembered_folder(self.settings, Key.FORMS_EXPORT_FOLDER)
        )
        self._status(f"Đã xuất {len(sent)} phiếu báo cáo vào {folder}")
        self.changed.emit()
        box = QMessageBox(QMessageBox.Icon.Information, "Đã xuất phiếu", "", parent=self.window)
        box.setText(
            f"Đã xuất {len(sent)} phiếu báo cáo, mỗi đơn vị một tệp, vào thư mục:\n{folder}\n\n"
            "Gửi mỗi tệp cho đơn vị của nó; khi nhận lại, chọn “Nhập phiếu đã điền…”."
        )
        open_folder = box.addButton("Mở thư mục", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)

        def clicked(button: Any) -> None:
            if button is open_folder:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

        box.buttonClicked.connect(clicked)
        self.last_offer = box
        box.open()

    # -- taking back ------------------------------------------------------------------------
    def import_forms(self, period: Period | None) -> None:
        """Ask for filled forms, read and preview them, and store them if the clerk says so."""
        period = self._ready(period)
        if period is None:
            return
        paths = file_dialogs.open_paths(
            self.window,
            self.settings,
            Key.FORMS_IMPORT_FOLDER,
            f"Nhập phiếu báo cáo đã điền ({period.short_label()})",
            f"{EXCEL};;Mọi tệp (*)",
            also=(Key.FORMS_EXPORT_FOLDER, Key.EXPORT_FOLDER),
        )
        if not paths:
            return
        plan_id, db = self.doc.plan_id, self.doc.db

        def work() -> tuple[list[Any], Any]:
            from cchc_desktop.imports.xlsx_forms import read_form
            from cchc_desktop.services.forms import preview_forms

            forms = [read_form(p) for p in paths]
            return forms, preview_forms(db, plan_id, forms, period=period)

        self._status(f"Đang đọc {len(paths)} phiếu…")
        self._start(
            work, lambda read: self._on_read(plan_id, period, *read), "Đang đọc phiếu báo cáo…"
        )

    def _on_read(self, plan_id: int, period: Period, forms: list[Any], preview: Any) -> None:
        self.working = False
        if not self.doc.is_open or self.doc.plan_id != plan_id:
            return  # another plan was opened meanwhile
        from cchc_desktop.ui.dialogs.forms_import_dialog import FormsImportDialog

        dialog = FormsImportDialog(preview, self.window)
        if dialog.ok.isEnabled():
            dialog.summary.setText(f"{dialog.summary.text()} {NOT_UNDOABLE}")
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        resolutions = dialog.resolutions()
        dialog.deleteLater()
        if not accepted:
            self._status("Chưa lưu phiếu nào")
            return
        db = self.doc.db

        def work() -> tuple[Any, list[Any]]:
            from cchc_desktop.services.forms import apply_forms
            from cchc_desktop.services.plan_read import load_plan

            result = apply_forms(db, plan_id, forms, period=period, resolutions=resolutions)
            return result, load_plan(db, plan_id).checkins

        self._start(work, lambda done: self._on_applied(plan_id, *done), "Đang lưu phiếu báo cáo…")

    def _on_applied(self, plan_id: int, result: Any, checkins: list[Any]) -> None:
        self.working = False
        self.last_result = result
        if self.doc.is_open and self.doc.plan_id == plan_id:
            # The undo commands hold check-ins the forms may have replaced: undoing one now
            # would silently bring back what a unit just reported.
            self.doc.undo_stack.clear()
            self.doc.replace_checkins(checkins)
        text = (
            f"Đã lưu {result.stored} báo cáo từ {len(result.returned) or 'các'} phiếu: "
            f"{len(result.created)} mới, {len(result.updated)} thay đổi, "
            f"{len(result.taken)} lấy theo phiếu"
        )
        if result.kept:
            text += f"; giữ số liệu trong phần mềm ở {len(result.kept)} xung đột"
        self._status(text)
        self.notice.emit(text + ".")
        self.changed.emit()

    # -- status -----------------------------------------------------------------------------
    def load_status(self, period: Period | None) -> None:
        """Read who has answered for ``period``; ``status_loaded`` brings the rows."""
        if not self.doc.is_open or period is None or period.kind is not PeriodKind.QUARTER:
            self.status_loaded.emit(period, [])
            return
        self._status_ticket += 1
        ticket, plan_id, db = self._status_ticket, self.doc.plan_id, self.doc.db

        def work() -> list[Any]:
            from cchc_desktop.services.forms import forms_status

            return forms_status(db, plan_id, period)

        def done(rows: list[Any]) -> None:
            if ticket == self._status_ticket and self.doc.is_open and self.doc.plan_id == plan_id:
                self.status_loaded.emit(period, rows)

        self.background.run(work, done, self._error, "Đang đọc sổ phiếu…")

    # -- running ----------------------------------------------------------------------------
    def _start(self, work: Callable[[], Any], done: Callable[[Any], object], label: str) -> None:
        self.working = True
        self.background.run(work, done, self._failed, label)

    def _failed(self, exc: BaseException) -> None:
        self.working = False
        self.changed.emit()  # a dispatch may have been recorded before the failure
        self._error(exc)
