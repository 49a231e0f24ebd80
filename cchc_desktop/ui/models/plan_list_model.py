"""The stored plans, newest year first, for the plan chooser."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from cchc_desktop.services.plan_read import PlanListItem

from cchc_desktop.ui.models.table_base import HeadedTableModel, row_flags

Index = QModelIndex | QPersistentModelIndex

COL_YEAR, COL_NUMBER, COL_TITLE, COL_ORG = range(4)
HEADERS = ("Năm", "Số, ký hiệu", "Trích yếu", "Cơ quan ban hành")
PLAN_ID_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1


def plan_label(item: PlanListItem) -> str:
    """One line for menus and the toolbar: ``2022 — 74/KH-SKHCN — Tuyên truyền …``."""
    return f"{item.year} — {item.number_symbol} — {item.title}"


class PlanListModel(HeadedTableModel):
    headers = HEADERS
    row_numbers = False

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[PlanListItem] = []

    def set_items(self, items: list[PlanListItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> PlanListItem:
        return self._items[row]

    def row_of(self, plan_id: int) -> int | None:
        return next((i for i, it in enumerate(self._items) if it.id == plan_id), None)

    def row_count(self) -> int:
        return len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(item.year), item.number_symbol, item.title, item.organization)[
                index.column()
            ]
        if role == PLAN_ID_ROLE:
            return item.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return row_flags(index)
