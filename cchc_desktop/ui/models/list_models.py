"""Small editable lists shown as tables: paragraphs (style + text) and recipients (name + note).

These lists are stored whole (``set_paragraphs``, ``set_section_body``, ``set_recipients``),
so the model edits a copy and hands the complete new list to ``on_change``, which turns it
into one undoable command. The model then shows whatever the owner sets back.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from cchc_desktop.domain.model import Evidence, Paragraph, ParagraphStyle, Recipient
from cchc_desktop.domain.text import nfc
from cchc_desktop.services.checkin_edits import NEW_EVIDENCE_TITLE

from cchc_desktop.ui.models.table_base import row_flags

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

STYLE_LABELS: dict[ParagraphStyle, str] = {
    ParagraphStyle.PLAIN: "Đoạn thường",
    ParagraphStyle.DASH: "Gạch đầu dòng (-)",
    ParagraphStyle.PLUS: "Dấu cộng (+)",
}
ITEM_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1


class EditableListModel(QAbstractTableModel, Generic[T]):
    """A list of small records; subclasses say how columns read and write a record."""

    headers: tuple[str, ...] = ()

    def __init__(self, on_change: Callable[[list[T]], bool], parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[T] = []
        self._on_change = on_change

    # -- subclass hooks ---------------------------------------------------------------------
    def display(self, item: T, column: int) -> str:
        raise NotImplementedError

    def edit_value(self, item: T, column: int) -> Any:
        return self.display(item, column)

    def with_value(self, item: T, column: int, value: Any) -> T:
        raise NotImplementedError

    def blank(self) -> T:
        raise NotImplementedError

    # -- the list ---------------------------------------------------------------------------
    @property
    def items(self) -> list[T]:
        return copy.deepcopy(self._items)

    def set_items(self, items: list[T]) -> None:
        self.beginResetModel()
        self._items = copy.deepcopy(items)
        self.endResetModel()

    def submit_items(self, items: list[T]) -> bool:
        """Hand a new complete list to the owner (one command); True when it was stored."""
        return self._on_change(copy.deepcopy(items))

    def insert_item(self, row: int, item: T | None = None) -> bool:
        items = self.items
        items.insert(max(0, min(row, len(items))), item if item is not None else self.blank())
        return self.submit_items(items)

    def remove_rows(self, rows: list[int]) -> bool:
        drop = set(rows)
        return self.submit_items([it for i, it in enumerate(self._items) if i not in drop])

    def move_item(self, row: int, delta: int) -> bool:
        target = row + delta
        if not (0 <= row < len(self._items) and 0 <= target < len(self._items)):
            return False
        items = self.items
        items.insert(target, items.pop(row))
        return self.submit_items(items)

    # -- QAbstractTableModel ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(item, index.column())
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_value(item, index.column())
        if role == ITEM_ROLE:
            return copy.deepcopy(item)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop).value)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return row_flags(index, Qt.ItemFlag.ItemIsEditable)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = index.row()
        new = self.with_value(self._items[row], index.column(), value)
        if new == self._items[row]:
            return False
        items = self.items
        items[row] = new
        return self.submit_items(items)


class ParagraphListModel(EditableListModel[Paragraph]):
    COL_STYLE, COL_TEXT = 0, 1
    headers = ("Kiểu", "Nội dung")

    def display(self, item: Paragraph, column: int) -> str:
        return STYLE_LABELS[item.style] if column == self.COL_STYLE else item.text

    def edit_value(self, item: Paragraph, column: int) -> Any:
        return item.style.value if column == self.COL_STYLE else item.text

    def with_value(self, item: Paragraph, column: int, value: Any) -> Paragraph:
        new = copy.deepcopy(item)
        if column == self.COL_STYLE:
            new.style = ParagraphStyle(value)
        else:
            new.text = nfc(str(value)).strip()
        return new

    def blank(self) -> Paragraph:
        return Paragraph("Nội dung mới", ParagraphStyle.PLAIN)


class RecipientListModel(EditableListModel[Recipient]):
    COL_NAME, COL_NOTE = 0, 1
    headers = ("Nơi nhận", "Ghi chú")

    def display(self, item: Recipient, column: int) -> str:
        return item.name if column == self.COL_NAME else item.note

    def with_value(self, item: Recipient, column: int, value: Any) -> Recipient:
        new = copy.deepcopy(item)
        text = " ".join(nfc(str(value)).split())
        if column == self.COL_NAME:
            new.name = text
        else:
            new.note = text
        return new

    def blank(self) -> Recipient:
        return Recipient("Nơi nhận mới", "")


class EvidenceListModel(EditableListModel[Evidence]):
    """Documents proving a check-in. Only the title is edited here; an attached file (copied
    by ``ui/evidence_files``) is kept as it is and shown by its original name."""

    headers = ("Tài liệu kiểm chứng",)

    def display(self, item: Evidence, column: int) -> str:
        if not item.file:
            return item.title
        name = item.original_name or "tệp đính kèm"
        return item.title if item.title == name else f"{item.title} (tệp: {name})"

    def edit_value(self, item: Evidence, column: int) -> Any:
        return item.title

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # An attached file gets the file icon, whatever its title says.
        if role == Qt.ItemDataRole.DecorationRole and index.isValid():
            if 0 <= index.row() < len(self._items) and self._items[index.row()].file:
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            return None
        return super().data(index, role)

    def with_value(self, item: Evidence, column: int, value: Any) -> Evidence:
        new = copy.deepcopy(item)
        new.title = " ".join(nfc(str(value)).split())
        return new

    def blank(self) -> Evidence:
        return Evidence(NEW_EVIDENCE_TITLE, "")
