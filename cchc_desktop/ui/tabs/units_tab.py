"""Tab "Đơn vị": the units tasks name; add, rename, merge, deactivate, delete when unused."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.model import Unit, UnitKind
from cchc_desktop.errors import UserError

from cchc_desktop.ui.commands.unit_commands import AddUnit, DeleteUnit, MoveUnit
from cchc_desktop.ui.dialogs import ask
from cchc_desktop.ui.models.unit_table_model import (
    COL_KIND,
    COL_NAME,
    COL_SHORT,
    KIND_LABELS,
    UnitTableModel,
)
from cchc_desktop.ui.plan_document import PlanDocument
from cchc_desktop.ui.widgets.banner import MessageBanner
from cchc_desktop.ui.widgets.delegates import ChoiceDelegate
from cchc_desktop.ui.widgets.table_keys import TableKeys


class UnitsTab(QWidget):
    def __init__(self, doc: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.model = UnitTableModel(doc, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._connect_signals()
        self._update_buttons()

    def _build(self) -> None:
        self.banner = MessageBanner(self)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        kinds = [(k.value, KIND_LABELS[k]) for k in UnitKind]
        self.table.setItemDelegateForColumn(COL_KIND, ChoiceDelegate(kinds, None, self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.add_button = QPushButton("Thêm đơn vị…", self)
        self.rename_button = QPushButton("Đổi tên…", self)
        self.merge_button = QPushButton("Gộp vào đơn vị khác…", self)
        self.active_button = QPushButton("Ngừng sử dụng", self)
        self.delete_button = QPushButton("Xóa", self)
        self.up_button = QPushButton("Lên", self)
        self.down_button = QPushButton("Xuống", self)
        self.merge_button.setToolTip(
            "Chuyển mọi nhiệm vụ và báo cáo của đơn vị này sang đơn vị khác rồi xóa nó"
        )
        self.active_button.setToolTip(
            "Đơn vị ngừng sử dụng vẫn giữ trong các nhiệm vụ cũ nhưng không còn để chọn"
        )
        hint = QLabel(
            "Đơn vị đang được giao nhiệm vụ không xóa được: hãy gộp vào đơn vị khác hoặc "
            "ngừng sử dụng. Nhấp đúp để sửa tên, tên viết tắt và loại.",
            self,
        )
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.rename_button,
            self.merge_button,
            self.active_button,
            self.delete_button,
            self.up_button,
            self.down_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_unit)
        self.rename_button.clicked.connect(self.rename_current)
        self.merge_button.clicked.connect(self.merge_current)
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_button.clicked.connect(self.delete_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        TableKeys(
            self.table,
            on_delete=self.delete_current,
            on_insert=self.add_unit,
            on_enter=self.rename_current,
        )

    # -- public -----------------------------------------------------------------------------
    def show_refusal(self, message: str) -> None:
        self.banner.show_error(message)

    def current_unit(self) -> Unit | None:
        index = self.table.currentIndex()
        return self.model.unit(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def select_unit(self, unit_id: int | None) -> None:
        for row in range(self.model.rowCount()):
            if self.model.unit(row).id == unit_id:
                index = self.proxy.mapFromSource(self.model.index(row, COL_NAME))
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                return

    # -- actions ----------------------------------------------------------------------------
    def add_unit(self) -> None:
        if self.doc.plan is None:
            return
        name, ok = QInputDialog.getText(self, "Thêm đơn vị", "Tên đơn vị:")
        if not ok or not name.strip():
            return
        current = self.current_unit()
        index = None
        if current is not None:
            index = next(i for i, u in enumerate(self.doc.plan.units) if u.id == current.id) + 1
        command = AddUnit(self.doc, Unit(" ".join(name.split())), index)
        if self.doc.execute(command):
            self.select_unit(command.unit_id)

    def rename_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            column = index.column() if index.column() in (COL_NAME, COL_SHORT, COL_KIND) else 0
            self.table.edit(index.siblingAtColumn(column))

    def toggle_active(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        row = next(i for i in range(self.model.rowCount()) if self.model.unit(i).id == unit.id)
        self.model.set_active(row, not unit.active)
        self.select_unit(unit.id)

    def delete_current(self) -> None:
        unit = self.current_unit()
        if unit is None or unit.id is None:
            return
        uses = self.model.uses(unit.name)
        if uses:
            # Refused before asking: the service would refuse it too (never silently).
            self.show_refusal(
                f"Đơn vị “{unit.name}” đang được giao ở {uses} nhiệm vụ nên không xóa được. "
                "Hãy gộp vào đơn vị khác hoặc ngừng sử dụng."
            )
            return
        if ask.confirm(self, "Xóa đơn vị", f"Xóa đơn vị “{unit.name}”?"):
            self.doc.execute(DeleteUnit(self.doc, unit.id))

    def merge_current(self) -> None:
        unit = self.current_unit()
        plan = self.doc.plan
        if unit is None or plan is None or unit.id is None:
            return
        others = [u for u in plan.units if u.id != unit.id]
        if not others:
            return
        names = [u.name for u in others]
        target_name, ok = QInputDialog.getItem(
            self, "Gộp đơn vị", f"Gộp “{unit.name}” vào đơn vị:", names, 0, False
        )
        if not ok:
            return
        target = others[names.index(target_name)]
        if not ask.confirm(
            self,
            "Gộp đơn vị",
            f"Chuyển mọi nhiệm vụ và báo cáo của “{unit.name}” sang “{target.name}”, rồi xóa "
            f"“{unit.name}”?\n\nThao tác này không hoàn tác được; lịch sử hoàn tác sẽ được xóa.",
            "Gộp",
        ):
            return
        try:
            from cchc_desktop.services.units import merge_units

            merge_units(self.doc.db, unit.id, target.id or 0)
        except UserError as err:
            self.show_refusal(err.message)
            return
        # Earlier commands name the merged unit: their undo can no longer replay.
        self.doc.undo_stack.clear()
        self.doc.reload()
        self.doc.message.emit(f"Đã gộp “{unit.name}” vào “{target.name}”")
        self.select_unit(target.id)

    def move_current(self, delta: int) -> None:
        unit = self.current_unit()
        plan = self.doc.plan
        if unit is None or plan is None or unit.id is None:
            return
        row = next(i for i, u in enumerate(plan.units) if u.id == unit.id)
        target = row + delta
        if 0 <= target < len(plan.units) and self.doc.execute(MoveUnit(self.doc, unit.id, target)):
            self.select_unit(unit.id)

    def _update_buttons(self, *_args: object) -> None:
        unit = self.current_unit()
        for button in (
            self.rename_button,
            self.merge_button,
            self.active_button,
            self.delete_button,
            self.up_button,
            self.down_button,
        ):
            button.setEnabled(unit is not None)
        self.active_button.setText(
            "Dùng lại" if unit is not None and not unit.active else "Ngừng sử dụng"
        )
        if unit is not None:
            uses = self.model.uses(unit.name)
            self.delete_button.setToolTip(
                f"Đang dùng ở {uses} nhiệm vụ: không xóa được" if uses else "Xóa đơn vị"
            )
