"""A task with all its fields at once, in one dialog: a new task, or an existing one edited
whole (the table also edits existing tasks cell by cell).

The task is checked with the same rule as the service (``check_task``) before the dialog
closes, so a missing name or lead unit is refused here, in place, with its message.
"""

from __future__ import annotations

import copy
import itertools

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.model import Task, Unit
from cchc_desktop.domain.targets import parse_target, target_text
from cchc_desktop.domain.text import clean
from cchc_desktop.errors import ValidationError
from cchc_desktop.services.validation import check_task

from cchc_desktop.ui.dialogs.timeframe_dialog import TimeframeEditor
from cchc_desktop.ui.dialogs.unit_picker_dialog import UnitChecklist
from cchc_desktop.ui.widgets.buttons import error_label, ok_cancel


def task_problem(task: Task, year: int, units: list[Unit]) -> str | None:
    """The service's refusal message for ``task``, or None when it can be stored."""
    try:
        check_task(task, year, {u.name for u in units})
    except ValidationError as err:
        return err.message
    return None


GROUP_HINT = (
    "Để trống nhóm: trong phụ lục, nhiệm vụ in dưới tiêu đề nhóm của nhiệm vụ đứng trước nó."
)


class TaskDialog(QDialog):
    """Every field of a task in one dialog: texts, the lead and partner units as ticked
    lists, the timeframe, the target and the group (three nested dialogs before)."""

    def __init__(
        self,
        task: Task,
        year: int,
        units: list[Unit],
        groups: list[str],
        parent: QWidget | None = None,
        extra_columns: list[str] | None = None,
        *,
        editing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sửa nhiệm vụ" if editing else "Thêm nhiệm vụ")
        self.resize(900, 540)
        self._task = copy.deepcopy(task)
        self._year = year
        self._units = units
        self._groups = groups
        self.name = QPlainTextEdit(self)
        self.name.setTabChangesFocus(True)
        self.name.setPlaceholderText("Nhiệm vụ cụ thể")
        self.product = QPlainTextEdit(self)
        self.product.setTabChangesFocus(True)
        self.product.setPlaceholderText("Sản phẩm / kết quả")
        for box, lines in ((self.name, 3), (self.product, 2)):
            box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
        self.lead = UnitChecklist(units, task.lead, self)
        self.partners = UnitChecklist(units, task.partners, self)
        self.timeframe = TimeframeEditor(task.timeframe, year, self)
        self.target = QLineEdit(self)
        self.target.setPlaceholderText("ví dụ: 20 tin, bài (để trống nếu không có)")
        self.group = QComboBox(self)
        self.group.setEditable(True)
        self.group.addItems(["", *groups])
        self.group_hint = QLabel(GROUP_HINT, self)
        self.group_hint.setWordWrap(True)
        self.note = QLineEdit(self)
        # The plan's own appendix columns (an office's "Kinh phí", "Nguồn kinh phí" …).
        self.extra = {name: QLineEdit(self) for name in extra_columns or []}
        self.error = error_label(self, wrap=True)
        self.buttons = ok_cancel(self, "Lưu" if editing else "Thêm")
        self._build()
        self.name.setPlainText(task.name)
        self.product.setPlainText(task.product)
        self.target.setText(target_text(task.target))
        self.group.setCurrentText(task.group)
        self.note.setText(task.note)
        self._on_group()
        self._connect_signals()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("Nhiệm vụ:", self.name)
        form.addRow("Sản phẩm:", self.product)
        form.addRow("Chỉ tiêu:", self.target)
        form.addRow("Nhóm:", self.group)
        form.addRow("", self.group_hint)
        form.addRow("Ghi chú:", self.note)
        for name, edit in self.extra.items():  # the plan's own columns ("Kinh phí" …)
            form.addRow(f"{name}:", edit)
        when = QGroupBox("Thời gian thực hiện", self)
        QVBoxLayout(when).addWidget(self.timeframe)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(when)
        left.addStretch(1)
        right = QVBoxLayout()
        for title, checklist in (
            ("Đơn vị chủ trì (ít nhất một)", self.lead),
            ("Đơn vị phối hợp", self.partners),
        ):
            box = QGroupBox(title, self)
            QVBoxLayout(box).addWidget(checklist)
            right.addWidget(box, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # Tab follows the form as it reads: down the left column, then the units on the
        # right (the creation order jumped from "Sản phẩm" to the unit search, issue 17).
        chain = [self.name, self.product, self.target, self.group, self.note, *self.extra.values(),
                 self.timeframe.kind, self.timeframe.label, self.lead.search, self.lead.list,
                 self.partners.search, self.partners.list]  # fmt: skip
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        self.group.currentTextChanged.connect(self._on_group)
        for checklist in (self.lead, self.partners):
            checklist.changed.connect(self.error.clear)
        self.timeframe.edited.connect(self.error.clear)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

    def _on_group(self, *_args: object) -> None:
        # The hint matters only when the plan has groups: a task without one prints under
        # the heading of the group before it (issue 17).
        self.group_hint.setVisible(bool(self._groups) and not self.group.currentText().strip())

    def task(self) -> Task:
        task = copy.deepcopy(self._task)
        task.name = " ".join(clean(self.name.toPlainText()).split())
        task.product = " ".join(clean(self.product.toPlainText()).split())
        task.lead = self.lead.selected()
        task.partners = [u for u in self.partners.selected() if u not in task.lead]
        task.timeframe = self.timeframe.timeframe()
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
