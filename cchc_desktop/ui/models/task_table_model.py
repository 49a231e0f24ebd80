"""The appendix tasks as a table: STT, task, product, lead, partners, timeframe, target, group.

Reads the open plan's cache (``PlanDocument.plan.tasks``); an edit becomes an ``UpdateTask``
command, and the document's per-row signals keep the table in step without a full reset.
Rows can be dragged to a new place (``dropMimeData`` → ``MoveTask``).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from cchc_desktop.domain.model import Task
from cchc_desktop.domain.search import search_key
from cchc_desktop.domain.targets import parse_target, target_text
from cchc_desktop.domain.text import clean

from cchc_desktop.ui.commands.task_commands import MoveTask, UpdateTask
from cchc_desktop.ui.models.table_base import HeadedTableModel
from cchc_desktop.ui.plan_document import PlanDocument

Index = QModelIndex | QPersistentModelIndex

COL_STT, COL_NAME, COL_PRODUCT, COL_LEAD, COL_PARTNERS, COL_TIMEFRAME, COL_TARGET, COL_GROUP = (
    range(8)
)
HEADERS = (
    "STT",
    "Nhiệm vụ",
    "Sản phẩm / Kết quả",
    "Chủ trì",
    "Phối hợp",
    "Thời gian",
    "Chỉ tiêu",
    "Nhóm",
)
# Columns edited in a dialog (unit pickers, timeframe editor), not in the cell.
DIALOG_COLUMNS = frozenset({COL_LEAD, COL_PARTNERS, COL_TIMEFRAME})
TEXT_COLUMNS = frozenset({COL_NAME, COL_PRODUCT, COL_TARGET, COL_GROUP})

TASK_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1  # the Task object
UNITS_ROLE = int(Qt.ItemDataRole.UserRole.value) + 2  # lead + partner names

MIME_ROWS = "application/x-cchc-task-rows"
# Search keys are folded ahead of the first search, this many rows per idle moment.
WARM_CHUNK = 500

# Plain ints: comparing a role with an enum member costs far more in PySide6.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_EDIT = int(Qt.ItemDataRole.EditRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ALIGN_CENTER = int((Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop).value)
_ALIGN_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop).value)
_OTHER_ROLES = frozenset({_EDIT, _TOOLTIP, TASK_ROLE, UNITS_ROLE})
_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)
_EDITABLE_FLAGS = _FLAGS | Qt.ItemFlag.ItemIsEditable

_FIELD_TEXT = {
    COL_NAME: "Sửa tên nhiệm vụ",
    COL_PRODUCT: "Sửa sản phẩm",
    COL_LEAD: "Sửa đơn vị chủ trì",
    COL_PARTNERS: "Sửa đơn vị phối hợp",
    COL_TIMEFRAME: "Sửa thời gian thực hiện",
    COL_TARGET: "Sửa chỉ tiêu",
    COL_GROUP: "Sửa nhóm",
}


class TaskTableModel(HeadedTableModel):
    headers = HEADERS

    def __init__(self, doc: PlanDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        # The model's own list of rows: the document patches its cache first, then signals;
        # this list changes between begin/end so views always see a consistent count.
        self._tasks: list[Task] = []
        self._keys: list[str | None] = []  # diacritic-free search text per row, lazily
        self._warm_from = 0
        self._warm = QTimer(self)
        self._warm.setSingleShot(True)
        self._warm.setInterval(0)
        self._warm.timeout.connect(self._warm_keys)
        doc.plan_loaded.connect(self._reset)
        doc.tasks_reset.connect(self._reset)
        doc.units_changed.connect(self._reset)
        doc.task_changed.connect(self._on_changed)
        doc.task_inserted.connect(self._on_inserted)
        doc.task_removed.connect(self._on_removed)
        doc.task_moved.connect(self._on_moved)
        self._reset()

    def _source(self) -> list[Task]:
        return self.doc.plan.tasks if self.doc.plan is not None else []

    # -- reading ----------------------------------------------------------------------------
    def row_count(self) -> int:
        return len(self._tasks)

    def task(self, row: int) -> Task:
        return self._tasks[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, col: int, role: int) -> Any:
        """``data()`` by row and column: the proxy calls it directly (painting asks for
        about ten roles per cell, so this path avoids building source indexes)."""
        if not 0 <= row < len(self._tasks):
            return None
        if role == _DISPLAY:
            return self._display(self._tasks[row], row, col)
        if role == _ALIGN:
            return _ALIGN_CENTER if col == COL_STT else _ALIGN_LEFT
        if role not in _OTHER_ROLES:
            return None
        task = self._tasks[row]
        if role == _EDIT:
            return self._edit_value(task, row, col)
        if role == _TOOLTIP:
            if col in (COL_NAME, COL_PRODUCT):
                return self._display(task, row, col) or None
            if col in (COL_LEAD, COL_PARTNERS):
                return "\n".join(task.lead if col == COL_LEAD else task.partners) or None
            return None
        if role == TASK_ROLE:
            return task
        if role == UNITS_ROLE:
            return [*task.lead, *task.partners]
        return None

    def _display(self, task: Task, row: int, col: int) -> str:
        if col == COL_STT:
            return str(row + 1)
        if col == COL_NAME:
            return task.name
        if col == COL_PRODUCT:
            return task.product
        if col == COL_LEAD:
            return ", ".join(task.lead)
        if col == COL_PARTNERS:
            return ", ".join(task.partners)
        if col == COL_TIMEFRAME:
            year = self.doc.plan.year if self.doc.plan else 0
            return task.timeframe.display_label(year)
        if col == COL_TARGET:
            return target_text(task.target)
        if col == COL_GROUP:
            return task.group
        return ""

    def _edit_value(self, task: Task, row: int, col: int) -> Any:
        if col == COL_LEAD:
            return list(task.lead)
        if col == COL_PARTNERS:
            return list(task.partners)
        if col == COL_TIMEFRAME:
            return copy.deepcopy(task.timeframe)
        return self._display(task, row, col)

    def search_key(self, row: int) -> str:
        """Everything a search can find in a row, folded (cached until the row changes)."""
        key = self._keys[row]
        if key is None:
            t = self._tasks[row]
            tf = t.timeframe.display_label(self.doc.plan.year if self.doc.plan else 0)
            text = " \n ".join(
                (
                    t.name,
                    t.product,
                    t.group,
                    t.note,
                    tf,
                    *t.lead,
                    *t.partners,
                    target_text(t.target),
                )
            )
            key = self._keys[row] = search_key(text)
        return key

    # -- editing ----------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return self.column_flags(index.column())

    def column_flags(self, column: int) -> Qt.ItemFlag:
        return _EDITABLE_FLAGS if column in TEXT_COLUMNS else _FLAGS

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        task = self._tasks[index.row()]
        new = copy.deepcopy(task)
        col = index.column()
        if col == COL_NAME:
            new.name = clean(str(value))
        elif col == COL_PRODUCT:
            new.product = clean(str(value))
        elif col == COL_GROUP:
            new.group = clean(str(value))
        elif col == COL_TARGET:
            try:
                new.target = parse_target(str(value))
            except ValueError:
                self.doc.refused.emit(
                    "Chỉ tiêu phải bắt đầu bằng một số, ví dụ “20 tin, bài”; để trống nếu không có."
                )
                return False
        elif col == COL_LEAD:
            new.lead = list(value)
        elif col == COL_PARTNERS:
            new.partners = list(value)
        elif col == COL_TIMEFRAME:
            new.timeframe = copy.deepcopy(value)
        else:
            return False
        if new == task:
            return False
        assert task.id is not None
        return self.doc.execute(UpdateTask(self.doc, task.id, new, _FIELD_TEXT.get(col, "")))

    # -- drag and drop (reorder) ------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_ROWS]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(MIME_ROWS, QByteArray(",".join(map(str, rows)).encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(MIME_ROWS)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Move the dragged rows before ``row`` (or before ``parent``'s row, or to the end).

        Returns False on purpose: the move is done, and a True would make the view remove
        the "moved" source rows itself.
        """
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        text = bytes(data.data(MIME_ROWS).data()).decode()
        rows = [int(r) for r in text.split(",") if r]
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._tasks))
        self.move_rows(rows, target)
        return False

    def move_rows(self, rows: list[int], target: int) -> None:
        """Move ``rows`` so that they sit, in order, just before the row now at ``target``."""
        steps = plan_moves([t.id for t in self._tasks], rows, target)
        if not steps:
            return
        stack = self.doc.undo_stack
        stack.beginMacro("Chuyển nhiệm vụ")
        try:
            for ident, index in steps:
                self.doc.execute(MoveTask(self.doc, ident, index))
        finally:
            stack.endMacro()

    # -- following the document -------------------------------------------------------------
    def _reset(self) -> None:
        self.beginResetModel()
        self._tasks = list(self._source())
        self._keys = [None] * len(self._tasks)
        self.endResetModel()
        self._warm_from = 0
        self._warm.start()

    def _warm_keys(self) -> None:
        """Fold a chunk of rows while the window is idle, so that the first keystroke in
        the search box does not pay for folding a 10,000-task plan at once."""
        end = min(self._warm_from + WARM_CHUNK, len(self._tasks))
        for row in range(self._warm_from, end):
            self.search_key(row)
        self._warm_from = end
        if end < len(self._tasks):
            self._warm.start()

    def _on_changed(self, row: int) -> None:
        self._tasks[row] = self._source()[row]
        self._keys[row] = None
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def _on_inserted(self, row: int) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._tasks.insert(row, self._source()[row])
        self._keys.insert(row, None)
        self.endInsertRows()
        self._renumber_from(row + 1)

    def _on_removed(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._tasks[row]
        del self._keys[row]
        self.endRemoveRows()
        self._renumber_from(row)

    def _on_moved(self, old: int, new: int) -> None:
        if old == new:
            return
        dest = new + 1 if new > old else new  # Qt counts the destination before removal
        self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), dest)
        self._tasks.insert(new, self._tasks.pop(old))
        self._keys.insert(new, self._keys.pop(old))
        self.endMoveRows()
        self._renumber_from(min(old, new))

    def _renumber_from(self, row: int) -> None:
        if row < len(self._tasks):
            self.dataChanged.emit(
                self.index(row, COL_STT),
                self.index(len(self._tasks) - 1, COL_STT),
                [Qt.ItemDataRole.DisplayRole],
            )


def plan_moves(order: list[Any], rows: list[int], target: int) -> list[tuple[Any, int]]:
    """The single-row moves that put ``rows`` (in their order) just before the row at
    ``target`` (``len(order)``: at the end). Each step is (item, index after removal), as
    ``move_task`` takes it; rows that already sit right are not moved."""
    order = list(order)
    picked = sorted({r for r in rows if 0 <= r < len(order)})
    moved = [order[r] for r in picked]
    anchor = next((order[i] for i in range(max(target, 0), len(order)) if i not in picked), None)
    steps: list[tuple[Any, int]] = []
    previous: Any = None
    for i, item in enumerate(moved):
        current = order.index(item)
        order.pop(current)
        if i == 0:
            index = order.index(anchor) if anchor is not None else len(order)
        else:
            index = order.index(previous) + 1
        order.insert(index, item)
        if index != current:
            steps.append((item, index))
        previous = item
    return steps
