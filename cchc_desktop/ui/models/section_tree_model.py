"""The body's sections as a tree, each shown with its live number ("I.", "1.", "a)").

Numbers come from ``Plan.walk_sections`` (the domain's numbering), never from storage, so a
move renumbers at once. Indexes carry the section id; a rename is a ``RenameSection``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from cchc_desktop.domain.model import Section

from cchc_desktop.ui.commands.section_commands import RenameSection
from cchc_desktop.ui.plan_document import PlanDocument

Index = QModelIndex | QPersistentModelIndex

SECTION_ID_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1
DEPTH_ROLE = int(Qt.ItemDataRole.UserRole.value) + 2


@dataclass(slots=True)
class _Node:
    section: Section
    parent_id: int  # 0 for the top level
    row: int
    depth: int
    number: str
    children: list[int]


class SectionTreeModel(QAbstractItemModel):
    def __init__(self, doc: PlanDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._nodes: dict[int, _Node] = {}
        self._top: list[int] = []
        doc.plan_loaded.connect(self.refresh)
        doc.sections_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._nodes.clear()
        self._top = []
        if self.doc.plan is not None:
            for item in self.doc.plan.walk_sections():
                ident = item.section.id or 0
                parent = self._parent_of(item.path)
                self._nodes[ident] = _Node(
                    item.section, parent, item.path[-1], item.depth, item.number, []
                )
                siblings = self._top if parent == 0 else self._nodes[parent].children
                siblings.append(ident)
        self.endResetModel()

    def _parent_of(self, path: tuple[int, ...]) -> int:
        if len(path) == 1:
            return 0
        assert self.doc.plan is not None
        sections = self.doc.plan.sections
        node = sections[path[0]]
        for i in path[1:-1]:
            node = node.children[i]
        return node.id or 0

    # -- lookup -----------------------------------------------------------------------------
    def section_id(self, index: Index) -> int | None:
        return int(index.internalId()) if index.isValid() else None

    def index_of(self, section_id: int | None) -> QModelIndex:
        node = self._nodes.get(section_id or 0)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, section_id or 0)

    def depth(self, section_id: int) -> int:
        return self._nodes[section_id].depth

    def number(self, section_id: int) -> str:
        return self._nodes[section_id].number

    def section(self, section_id: int) -> Section:
        return self._nodes[section_id].section

    # -- QAbstractItemModel -----------------------------------------------------------------
    def _children(self, parent: Index) -> list[int]:
        if not parent.isValid():
            return self._top
        node = self._nodes.get(int(parent.internalId()))
        return node.children if node else []

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self._children(parent)
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        node = self._nodes.get(int(child.internalId()))
        if node is None or node.parent_id == 0:
            return QModelIndex()
        return self.index_of(node.parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and section == 0
        ):
            return "Mục"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._nodes.get(int(index.internalId()))
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{node.number} {node.section.heading}"
        if role == Qt.ItemDataRole.EditRole:
            return node.section.heading
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{node.number} {node.section.heading}"
        if role == SECTION_ID_ROLE:
            return node.section.id
        if role == DEPTH_ROLE:
            return node.depth
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        node = self._nodes.get(int(index.internalId()))
        heading = " ".join(str(value).split())
        if node is None or heading == node.section.heading:
            return False
        return self.doc.execute(RenameSection(self.doc, int(index.internalId()), heading))
