"""The preview of returned unit forms before anything is stored: one row per task of every
file (new, changed, unchanged, conflict, blank), every problem with its file and cell, and a
"take the form" tick on each conflict. The dialog stores nothing; the caller applies.

Wiring (the check-in tab)::

    forms = [read_form(p) for p in paths]                       # off the GUI thread
    preview = preview_forms(db, plan_id, forms, period=period)
    dialog = FormsImportDialog(preview, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        apply_forms(db, plan_id, forms, period=period, resolutions=dialog.resolutions())
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.forms import Answer
from cchc_desktop.domain.status import DerivedState, Status, color_of
from cchc_desktop.services.forms import Change, FormsPreview, Resolution, RowPreview

from cchc_desktop.ui.models.table_base import HeadedTableModel
from cchc_desktop.ui.widgets.buttons import ok_button, ok_cancel

Index = QModelIndex | QPersistentModelIndex

COL_FILE, COL_UNIT, COL_TASK, COL_CHANGE, COL_FORM, COL_APP, COL_TAKE = range(7)
HEADERS = (
    "Tệp",
    "Đơn vị",
    "Nhiệm vụ",
    "So sánh",
    "Phiếu ghi",
    "Phần mềm đang có",
    "Lấy theo phiếu",
)
ROW_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1  # the RowPreview
_CONFLICT = QColor(f"#{color_of(DerivedState.OVERDUE)}")
_NEW = QColor(f"#{color_of(Status.DONE)}")


def describe(answer: Answer | None) -> str:
    """``"Đang thực hiện, 50% — Đã tổ chức ..."``; ``"(trống)"`` for no answer."""
    if answer is None:
        return "(trống)"
    text = f"{answer.status.label}, {answer.progress}%"
    if answer.result:
        text += f" — {answer.result}"
    return text


class FormsPreviewModel(HeadedTableModel):
    """Every row of a preview; conflicts carry a checkbox: ticked = take the form."""

    headers = HEADERS
    row_numbers = False

    def __init__(self, preview: FormsPreview, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, RowPreview]] = [
            (f.name, f.form.identity.unit if f.form.identity else "", r)
            for f in preview.files
            for r in f.rows
        ]
        self._take: set[str] = set()  # task keys whose conflict the clerk takes from the form

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        file, unit, row = self._rows[index.row()]
        col = index.column()
        conflict = row.change is Change.CONFLICT
        if role == Qt.ItemDataRole.DisplayRole:
            current = Answer.of(row.current) if row.current else None
            values = {
                COL_FILE: file,
                COL_UNIT: unit,
                COL_TASK: f"{row.key} — {row.task_name}",
                COL_CHANGE: row.change.label,
                COL_FORM: describe(row.answer),
                COL_APP: describe(current),
                COL_TAKE: None,
            }
            return values.get(col)
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_TAKE and conflict:
            taken = row.key in self._take
            return Qt.CheckState.Checked if taken else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_CHANGE:
            if conflict:
                return QBrush(_CONFLICT)
            if row.change in (Change.NEW, Change.CHANGED):
                return QBrush(_NEW)
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_TASK, COL_FORM, COL_APP):
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_TAKE and self._rows[index.row()][2].change is Change.CONFLICT:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != COL_TAKE:
            return False
        row = self._rows[index.row()][2]
        if row.change is not Change.CONFLICT:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        (self._take.add if checked else self._take.discard)(row.key)
        # One task may sit in two files with the same answer: keep their ticks together.
        for i, (_f, _u, other) in enumerate(self._rows):
            if other.key == row.key:
                cell = self.index(i, COL_TAKE)
                self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.CheckStateRole])
        return True

    def resolutions(self) -> dict[str, Resolution]:
        """The clerk's choice for every conflict: ticked → the form, else the application."""
        return {
            row.key: Resolution.TAKE_FORM if row.key in self._take else Resolution.KEEP_APP
            for _f, _u, row in self._rows
            if row.change is Change.CONFLICT
        }


class FormsImportDialog(QDialog):
    """Shows a :class:`FormsPreview`; "Lưu" is offered only when no file is blocked."""

    def __init__(self, preview: FormsPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nhập phiếu báo cáo của các đơn vị")
        self.resize(1100, 640)
        self.model = FormsPreviewModel(preview, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in ((COL_FILE, 200), (COL_UNIT, 150), (COL_TASK, 220), (COL_CHANGE, 80)):
            self.table.setColumnWidth(col, width)
        header.setStretchLastSection(False)
        for col in (COL_FORM, COL_APP):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self._summary(preview), self)
        self.summary.setWordWrap(True)
        problems = [("" if p.blocking else "Cảnh báo: ") + p.text() for p in preview.problems]
        self.problems = QPlainTextEdit("\n".join(problems) or "Không có lỗi.", self)
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(150)
        buttons = ok_cancel(self, "Lưu vào phần mềm", "Đóng")
        self.ok = ok_button(buttons)
        self.ok.setEnabled(not preview.blocking and preview.has_changes)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(f"Lỗi và cảnh báo ({len(problems)}):", self))
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    @staticmethod
    def _summary(preview: FormsPreview) -> str:
        counts = ", ".join(
            f"{sum(f.count(c) for f in preview.files)} {c.label.lower()}" for c in Change
        )
        text = f"{len(preview.files)} tệp: {counts}."
        if preview.blocking:
            text += " Có lỗi: chưa thể lưu; hãy sửa hoặc bỏ các tệp lỗi rồi nhập lại."
        elif preview.conflicts:
            text += (
                " Xung đột: số liệu đã được sửa trong phần mềm sau khi gửi phiếu. Đánh dấu "
                "“Lấy theo phiếu” để ghi đè; không đánh dấu thì giữ số liệu trong phần mềm."
            )
        return text

    def resolutions(self) -> dict[str, Resolution]:
        return self.model.resolutions()
