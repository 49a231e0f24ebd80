"""Plan-level operations of the window: open, create, copy to a new year, rename, delete,
and store an imported plan. These are not undoable (the undo history belongs to one open
plan); each asks first when it destroys something. The writing services are imported when
an action runs (see ``PlanCommand``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from cchc_desktop.domain.model import Plan
from cchc_desktop.services.plan_read import PlanListItem, list_plans

from cchc_desktop.ui.commands.plan_commands import UpdatePlanFields
from cchc_desktop.ui.dialogs import ask
from cchc_desktop.ui.plan_document import PlanDocument


class PlanActions(QObject):
    plans_changed = Signal()  # the list of plans changed (the toolbar chooser refreshes)

    def __init__(
        self,
        window: QWidget,
        doc: PlanDocument,
        status: Callable[[str], None],
        year: Callable[[], int],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.doc = doc
        self._status = status
        self._year = year
        self.last_review: QDialog | None = None  # the last copy-to-year review (tests look)

    def plans(self) -> list[PlanListItem]:
        return list_plans(self.doc.db)

    def open(self, plan_id: int) -> None:
        if self.doc.is_open and self.doc.plan_id == plan_id:
            return
        self.doc.open(plan_id)
        plan = self.doc.plan
        assert plan is not None
        self._status(f"Đã mở kế hoạch {plan.number_symbol.strip()} năm {plan.year}")

    # Dialogs are imported when first opened: they are not needed to show the window.
    def choose(self) -> None:
        from cchc_desktop.ui.dialogs.plan_chooser_dialog import PlanChooserDialog

        dialog = PlanChooserDialog(
            self.plans,
            self.doc.plan_id if self.doc.is_open else None,
            self.new_plan,
            self.copy_plan,
            self.rename_plan,
            self.delete_plan,
            self.window,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            self.open(dialog.chosen)

    def new_plan(self) -> int | None:
        from cchc_desktop.ui.dialogs.new_plan_dialog import NewPlanDialog

        template = self.doc.plan
        year = template.year + 1 if template else self._year()
        dialog = NewPlanDialog(template, year, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        from cchc_desktop.services.plan_store import save_new_plan

        plan_id = save_new_plan(self.doc.db, dialog.plan())
        self.plans_changed.emit()
        self.open(plan_id)
        self._status("Đã tạo kế hoạch mới")
        return plan_id

    def copy_plan(self, plan_id: int | None = None) -> int | None:
        source = (
            plan_id if plan_id is not None else (self.doc.plan_id if self.doc.is_open else None)
        )
        if source is None:
            return None
        item = next((p for p in self.plans() if p.id == source), None)
        if item is None:
            return None
        year, ok = QInputDialog.getInt(
            self.window,
            "Sao chép sang năm mới",
            f"Sao chép kế hoạch {item.number_symbol} ({item.year}) — nội dung, đơn vị và "
            "nhiệm vụ, không kèm kết quả thực hiện — sang năm:",
            item.year + 1,
            1900,
            9999,
        )
        if not ok:
            return None
        from cchc_desktop.services.plan_store import copy_plan_to_year, preview_copy_to_year

        from cchc_desktop.ui.dialogs.year_copy_dialog import YearCopyDialog

        # Nothing is stored until the clerk has seen what changes and what is left alone.
        review = YearCopyDialog(preview_copy_to_year(self.doc.db, source, year), item.year,
                                self.window)  # fmt: skip
        self.last_review = review
        if review.exec() != QDialog.DialogCode.Accepted:
            return None
        new_id = copy_plan_to_year(self.doc.db, source, year)
        self.plans_changed.emit()
        self.open(new_id)
        self._status(f"Đã sao chép kế hoạch sang năm {year}")
        return new_id

    def rename_plan(self, plan_id: int | None = None) -> None:
        target = (
            plan_id if plan_id is not None else (self.doc.plan_id if self.doc.is_open else None)
        )
        item = next((p for p in self.plans() if p.id == target), None)
        if item is None or target is None:
            return
        title, ok = QInputDialog.getText(
            self.window, "Đổi tên kế hoạch", "Trích yếu (tên) kế hoạch:", text=item.title
        )
        title = " ".join(title.split())
        if not ok or not title or title == item.title:
            return
        if self.doc.is_open and self.doc.plan_id == target:
            self.doc.execute(UpdatePlanFields(self.doc, "Đổi tên kế hoạch", title=title))
        else:
            from cchc_desktop.services.plan_edit import update_plan_fields

            update_plan_fields(self.doc.db, target, title=title)
        self.plans_changed.emit()

    def delete_plan(self, plan_id: int | None = None) -> bool:
        target = (
            plan_id if plan_id is not None else (self.doc.plan_id if self.doc.is_open else None)
        )
        item = next((p for p in self.plans() if p.id == target), None)
        if item is None or target is None:
            return False
        if not ask.confirm(
            self.window,
            "Xóa kế hoạch",
            f"Xóa hẳn kế hoạch {item.number_symbol} năm {item.year}\n“{item.title}”\n"
            "cùng toàn bộ nhiệm vụ và kết quả thực hiện?\n\nThao tác này không hoàn tác được "
            "(bản sao lưu tự động vẫn giữ dữ liệu cũ).",
        ):
            return False
        was_open = self.doc.is_open and self.doc.plan_id == target
        from cchc_desktop.services.plan_store import delete_plan

        delete_plan(self.doc.db, target)
        self.plans_changed.emit()
        if was_open:
            remaining = self.plans()
            if remaining:
                self.doc.open(remaining[0].id)
            else:
                self.doc.close()
        self._status(f"Đã xóa kế hoạch {item.number_symbol} năm {item.year}")
        return True

    # -- imports ----------------------------------------------------------------------------
    def store_imported(self, plan: Plan, source: Path | None = None) -> int:
        from cchc_desktop.services.plans import import_plan

        plan_id = import_plan(self.doc.db, plan, source=source)
        self.plans_changed.emit()
        self.doc.open(plan_id)
        self._status(f"Đã nhập kế hoạch {plan.number_symbol.strip()} năm {plan.year}")
        return plan_id

    def preview_docx(self, result: Any, path: Path) -> int | None:
        from cchc_desktop.ui.dialogs.import_preview_dialog import ImportPreviewDialog

        dialog = ImportPreviewDialog(result.plan, list(result.warnings), path.name, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self._status("Đã hủy nhập kế hoạch")
            return None
        return self.store_imported(result.plan, path)
