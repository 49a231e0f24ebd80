"""The plan's units: name, short name, kind (unit or group), in use, number of tasks.

The task count comes from the open plan's cache (lead or partner), so it follows every task
edit without a query. Edits become ``UpdateUnit`` commands.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from cchc_desktop.domain.model import Unit, UnitKind
from cchc_desktop.domain.text import clean

from cchc_desktop.ui.commands.unit_commands import UpdateUnit
from cchc_desktop.ui.models.table_base import HeadedTableModel
from cchc_desktop.ui.plan_document import PlanDocument

Index = QModelIndex | QPersistentModelIndex

COL_NAME, COL_SHORT, COL_KIND, COL_ACTIVE, COL_TASKS = range(5)
HEADERS = ("Tên đơn vị", "Tên viết tắt", "Loại", "Đang sử dụng", "Số nhiệm vụ")
KIND_LABELS = {UnitKind.UNIT: "Đơn vị", UnitKind.GROUP: "Nhóm đơn vị"}
UNIT_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1
_INACTIVE = QColor("#808080")


class UnitTableModel(HeadedTableModel):
    headers = HEADERS

    def __init__(self, doc: PlanDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._units: list[Unit] = []
        self._uses: Counter[str] = Counter()
        for signal in (doc.plan_loaded, doc.units_changed, doc.tasks_reset):
            signal.connect(self.refresh)
        for signal in (doc.task_changed, doc.task_inserted, doc.task_removed):
            signal.connect(self._recount)
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._units = list(self.doc.plan.units) if self.doc.plan else []
        self._uses = self._count()
        self.endResetModel()

    def _count(self) -> Counter[str]:
        uses: Counter[str] = Counter()
        for task in self.doc.plan.tasks if self.doc.plan else []:
            uses.update(set(task.lead) | set(task.partners))
        return uses

    def _recount(self, *_args: Any) -> None:
        self._uses = self._count()
        if self._units:
            self.dataChanged.emit(
                self.index(0, COL_TASKS), self.index(len(self._units) - 1, COL_TASKS)
            )

    def unit(self, row: int) -> Unit:
        return self._units[row]

    def uses(self, name: str) -> int:
        return self._uses[name]

    def row_count(self) -> int:
        return len(self._units)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._units):
            return None
        unit = self._units[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_NAME:
                return unit.name
            if col == COL_SHORT:
                return unit.short
            if col == COL_KIND:
                return KIND_LABELS[unit.kind] if role == Qt.ItemDataRole.DisplayRole else unit.kind
            if col == COL_ACTIVE:
                return ("Có" if unit.active else "Ngừng") if role == 0 else unit.active
            if col == COL_TASKS:
                return self._uses[unit.name]
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_ACTIVE:
            return Qt.CheckState.Checked if unit.active else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and not unit.active:
            return _INACTIVE
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_TASKS:
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        if role == UNIT_ROLE:
            return unit
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        base |= Qt.ItemFlag.ItemNeverHasChildren
        if index.column() in (COL_NAME, COL_SHORT, COL_KIND):
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == COL_ACTIVE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        unit = self._units[index.row()]
        col = index.column()
        assert unit.id is not None
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_ACTIVE:
            active = Qt.CheckState(value) == Qt.CheckState.Checked
            return self.set_active(index.row(), active)
        if role != Qt.ItemDataRole.EditRole:
            return False
        if col == COL_NAME and clean(str(value)) != unit.name:
            text = "Đổi tên đơn vị"
            return self.doc.execute(UpdateUnit(self.doc, unit.id, text, name=str(value)))
        if col == COL_SHORT and clean(str(value)) != unit.short:
            return self.doc.execute(UpdateUnit(self.doc, unit.id, "", short=str(value)))
        if col == COL_KIND and UnitKind(value) != unit.kind:
            return self.doc.execute(UpdateUnit(self.doc, unit.id, "", kind=UnitKind(value)))
        return False

    def set_active(self, row: int, active: bool) -> bool:
        unit = self._units[row]
        if unit.active == active or unit.id is None:
            return False
        text = "Dùng lại đơn vị" if active else "Ngừng sử dụng đơn vị"
        return self.doc.execute(UpdateUnit(self.doc, unit.id, text, active=active))
