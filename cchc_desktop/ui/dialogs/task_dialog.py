"""A new task with all its fields at once (the table edits existing tasks cell by cell).

The task is checked with the same rule as the service (``check_task``) before the dialog
closes, so a missing name or lead unit is refused here, in place, with its message.
"""

from __future__ import annotations

import copy

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.model import Task, Unit
from cchc_desktop.domain.targets import parse_target, target_text
from cchc_desktop.domain.text import clean
from cchc_desktop.errors import ValidationError
from cchc_desktop.services.validation import check_task

from cchc_desktop.ui.dialogs.timeframe_dialog import TimeframeDialog
from cchc_desktop.ui.dialogs.unit_picker_dialog import UnitPickerDialog
from cchc_desktop.ui.widgets.buttons import error_label, ok_cancel


def task_problem(task: Task, year: int, units: list[Unit]) -> str | None:
    """The service's refusal message for ``task``, or None when it can be stored."""
    try:
        check_task(task, year, {u.name for u in units})
    except ValidationError as err:
        return err.message
    return None


class TaskDialog(QDialog):
    def __init__(
        self,
        task: Task,
        year: int,
        units: list[Unit],
        groups: list[str],
        parent: QWidget | None = None,
        extra_columns: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thêm nhiệm vụ")
        self.resize(640, 520)
        self._task = copy.deepcopy(task)
        self._year = year
        self._units = units
        self.name = QPlainTextEdit(self)
        self.name.setTabChangesFocus(True)
        self.name.setPlaceholderText("Nhiệm vụ cụ thể")
        self.product = QPlainTextEdit(self)
        self.product.setTabChangesFocus(True)
        self.product.setPlaceholderText("Sản phẩm / kết quả")
        for box in (self.name, self.product):
            box.setFixedHeight(box.fontMetrics().lineSpacing() * 3 + 14)
        self.lead = QPushButton(self)
        self.partners = QPushButton(self)
        self.timeframe = QPushButton(self)
        self.target = QLineEdit(self)
        self.target.setPlaceholderText("ví dụ: 20 tin, bài (để trống nếu không có)")
        self.group = QComboBox(self)
        self.group.setEditable(True)
        self.group.addItems(["", *groups])
        self.note = QLineEdit(self)
        # The plan's own appendix columns (an office's "Kinh phí", "Nguồn kinh phí" …).
        self.extra = {name: QLineEdit(self) for name in extra_columns or []}
        self.error = error_label(self, wrap=True)
        self.buttons = ok_cancel(self, "Thêm")
        form = QFormLayout()
        form.addRow("Nhiệm vụ:", self.name)
        form.addRow("Sản phẩm:", self.product)
        form.addRow("Đơn vị chủ trì:", self.lead)
        form.addRow("Đơn vị phối hợp:", self.partners)
        form.addRow("Thời gian:", self.timeframe)
        form.addRow("Chỉ tiêu:", self.target)
        form.addRow("Nhóm:", self.group)
        form.addRow("Ghi chú:", self.note)
        for name, edit in self.extra.items():
            form.addRow(f"{name}:", edit)
            edit.setText(task.extra.get(name, ""))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.name.setPlainText(task.name)
        self.product.setPlainText(task.product)
        self.target.setText(target_text(task.target))
        self.group.setCurrentText(task.group)
        self.note.setText(task.note)
        self._show_choices()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.lead.clicked.connect(lambda: self._pick(True))
        self.partners.clicked.connect(lambda: self._pick(False))
        self.timeframe.clicked.connect(self._pick_timeframe)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

    def _show_choices(self) -> None:
        self.lead.setText(", ".join(self._task.lead) or "Chọn đơn vị chủ trì…")
        self.partners.setText(", ".join(self._task.partners) or "Chọn đơn vị phối hợp…")
        self.timeframe.setText(self._task.timeframe.display_label(self._year))

    def _pick(self, lead: bool) -> None:
        title = "Đơn vị chủ trì" if lead else "Đơn vị phối hợp"
        current = self._task.lead if lead else self._task.partners
        dialog = UnitPickerDialog(title, self._units, current, lead, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            if lead:
                self._task.lead = dialog.selected()
            else:
                self._task.partners = dialog.selected()
            self._show_choices()

    def _pick_timeframe(self) -> None:
        dialog = TimeframeDialog(self._task.timeframe, self._year, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._task.timeframe = dialog.timeframe()
            self._show_choices()

    def task(self) -> Task:
        task = copy.deepcopy(self._task)
        task.name = " ".join(clean(self.name.toPlainText()).split())
        task.product = " ".join(clean(self.product.toPlainText()).split())
        task.group = clean(self.group.currentText())
        task.note = clean(self.note.text())
        task.target = parse_target(self.target.text())
        cells = {name: clean(edit.text()) for name, edit in self.extra.items()}
        task.extra = {name: text for name, text in cells.items() if text}
        return task

    def _on_accept(self) -> None:
        try:
            task = self.task()
        except ValueError:
            self.error.setText("Chỉ tiêu phải bắt đầu bằng một số, ví dụ “20 tin, bài”.")
            return
        problem = task_problem(task, self._year, self._units)
        if problem:
            self.error.setText(problem)
            return
        self.accept()
