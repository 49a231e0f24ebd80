"""Pick units for a task: a checkable list fed by the plan's units, with a search box that
never hides a ticked unit and a line naming what is ticked.

Lead ("chủ trì") needs at least one unit; partners ("phối hợp") may be none. The search
ignores diacritics and case like the task search. Inactive units are offered only when the
task already names them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.model import Unit, UnitKind
from cchc_desktop.domain.search import search_key

from cchc_desktop.ui.models.table_base import row_flags
from cchc_desktop.ui.widgets.buttons import error_label, ok_button, ok_cancel

Index = QModelIndex | QPersistentModelIndex


class UnitChoiceModel(QAbstractListModel):
    def __init__(self, units: list[Unit], selected: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._units = [u for u in units if u.active or u.name in selected]
        self._checked = set(selected)
        self._order = list(selected)  # keeps the task's order; new picks go to the end
        self._keys = [search_key(f"{u.name} {u.short}") for u in self._units]

    def selected(self) -> list[str]:
        return [n for n in self._order if n in self._checked]

    def key(self, row: int) -> str:
        return self._keys[row]

    def is_checked(self, row: int) -> bool:
        return self._units[row].name in self._checked

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._units)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._units):
            return None
        unit = self._units[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            label = f"{unit.name} ({unit.short})" if unit.short else unit.name
            if unit.kind is UnitKind.GROUP:
                label += " — nhóm"
            return label if unit.active else f"{label} — đã ngừng sử dụng"
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = unit.name in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return unit.name
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return row_flags(index, Qt.ItemFlag.ItemIsUserCheckable)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        name = self._units[index.row()].name
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(name)
            if name not in self._order:
                self._order.append(name)
        else:
            self._checked.discard(name)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def toggle(self, row: int) -> None:
        index = self.index(row)
        checked = self.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        self.setData(index, new, Qt.ItemDataRole.CheckStateRole)


class _SearchProxy(QSortFilterProxyModel):
    def __init__(self, source: UnitChoiceModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self._source = source
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._words = search_key(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        # A ticked unit is never hidden by the search: a lead unit ticked before (from the
        # selected row) was out of sight and the task got two lead units (issue 17).
        if self._source.is_checked(source_row):
            return True
        key = self._source.key(source_row)
        return all(w in key for w in self._words)


class UnitChecklist(QWidget):
    """The units as a ticked list with a search box above and "Đã chọn: …" below, so the
    clerk always sees what is ticked; used alone (``UnitPickerDialog``) and twice in the
    task dialog."""

    changed = Signal()

    def __init__(
        self, units: list[Unit], selected: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = UnitChoiceModel(units, selected, self)
        self.proxy = _SearchProxy(self.model)
        self.proxy.setParent(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Tìm đơn vị (gõ không dấu cũng được)…")
        self.search.setClearButtonEnabled(True)
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setUniformItemSizes(True)
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.chosen)
        self.search.textChanged.connect(self.proxy.set_query)
        self.search.returnPressed.connect(self._toggle_first)
        self.model.dataChanged.connect(self._on_changed)
        self.list.activated.connect(
            lambda index: self.model.toggle(self.proxy.mapToSource(index).row())
        )
        self._show_chosen()

    def selected(self) -> list[str]:
        return self.model.selected()

    def _toggle_first(self) -> None:
        unticked = [
            r
            for r in range(self.proxy.rowCount())
            if not self.model.is_checked(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
        ]
        if len(unticked) == 1:
            self.model.toggle(self.proxy.mapToSource(self.proxy.index(unticked[0], 0)).row())

    def _on_changed(self, *_args: Any) -> None:
        self._show_chosen()
        self.changed.emit()

    def _show_chosen(self) -> None:
        names = self.selected()
        self.chosen.setText(f"Đã chọn: {'; '.join(names)}" if names else "Chưa chọn đơn vị nào")


class UnitPickerDialog(QDialog):
    def __init__(
        self,
        title: str,
        units: list[Unit],
        selected: list[str],
        at_least_one: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(520, 460)
        self.checklist = UnitChecklist(units, selected, self)
        self.model = self.checklist.model
        self.proxy = self.checklist.proxy
        self.search = self.checklist.search
        self.list = self.checklist.list
        self._at_least_one = at_least_one
        self.hint = error_label(self)
        self.buttons = ok_cancel(self, "Đồng ý")
        layout = QVBoxLayout(self)
        layout.addWidget(self.checklist, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.checklist.changed.connect(self._update_ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update_ok()

    def _update_ok(self, *_args: Any) -> None:
        ok = bool(self.model.selected()) or not self._at_least_one
        ok_button(self.buttons).setEnabled(ok)
        self.hint.setText("" if ok else "Cần chọn ít nhất một đơn vị chủ trì.")

    def selected(self) -> list[str]:
        return self.model.selected()
