"""The part every flat table model of the window shares: fixed headings across the top and,
where a view shows one, the row number (from 1) down the side.

Subclasses set ``headers`` and implement ``row_count``; the rest (``data``, ``flags``,
editing) stays theirs. A hook raising ``NotImplementedError`` stands in for an abstract
method because Shiboken's metaclass cannot be mixed with ``abc.ABCMeta``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


def row_flags(index: Index, extra: Qt.ItemFlag = Qt.ItemFlag.NoItemFlags) -> Qt.ItemFlag:
    """The flags of a cell of a flat list or table: enabled and selectable, no children,
    plus ``extra`` (editable, checkable); none outside the model."""
    if not index.isValid():
        return Qt.ItemFlag.NoItemFlags
    return (
        Qt.ItemFlag.ItemIsEnabled
        | Qt.ItemFlag.ItemIsSelectable
        | Qt.ItemFlag.ItemNeverHasChildren
        | extra
    )


class HeadedTableModel(QAbstractTableModel):
    """A table with no children under its rows, one column per entry of ``headers``."""

    headers: ClassVar[tuple[str, ...]] = ()
    # False where the model never numbered its rows: a view that shows the vertical header
    # would otherwise start to.
    row_numbers: ClassVar[bool] = True

    def row_count(self) -> int:
        """How many rows the model holds now; subclasses implement it."""
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return section + 1 if self.row_numbers else None
