"""The list of plans by year: open one, create, copy to a new year, rename, delete."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.services.plan_read import PlanListItem

from cchc_desktop.ui.models.plan_list_model import COL_TITLE, PlanListModel


class PlanChooserDialog(QDialog):
    """``actions`` do the work (the window owns them) and return the plan to select."""

    def __init__(
        self,
        list_plans: Callable[[], list[PlanListItem]],
        current_id: int | None,
        new_plan: Callable[[], int | None],
        copy_plan: Callable[[int], int | None],
        rename_plan: Callable[[int], None],
        delete_plan: Callable[[int], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Danh sách kế hoạch")
        self.resize(900, 420)
        self._list_plans = list_plans
        self._actions = (new_plan, copy_plan, rename_plan, delete_plan)
        self.chosen: int | None = None
        self.model = PlanListModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.open_button = QPushButton("Mở", self)
        self.open_button.setDefault(True)
        self.new_button = QPushButton("Tạo kế hoạch mới…", self)
        self.copy_button = QPushButton("Sao chép sang năm mới…", self)
        self.rename_button = QPushButton("Đổi tên…", self)
        self.delete_button = QPushButton("Xóa…", self)
        close = QPushButton("Đóng", self)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.copy_button, self.rename_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self._open)
        self.table.doubleClicked.connect(lambda _i: self._open())
        close.clicked.connect(self.reject)
        self.new_button.clicked.connect(lambda: self._after(new_plan()))
        self.copy_button.clicked.connect(lambda: self._with_current(copy_plan))
        self.rename_button.clicked.connect(lambda: self._with_current(rename_plan))
        self.delete_button.clicked.connect(self._delete)
        self.refresh(current_id)

    def refresh(self, select: int | None = None) -> None:
        self.model.set_items(self._list_plans())
        row = self.model.row_of(select) if select is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        has = self.model.rowCount() > 0
        for button in (self.open_button, self.copy_button, self.rename_button, self.delete_button):
            button.setEnabled(has)

    def current_id(self) -> int | None:
        index: QModelIndex = self.table.currentIndex()
        return self.model.item(index.row()).id if index.isValid() else None

    def _with_current(self, action: Callable[[int], object]) -> None:
        ident = self.current_id()
        if ident is not None:
            result = action(ident)
            self._after(result if isinstance(result, int) else ident)

    def _after(self, select: int | None) -> None:
        self.refresh(select if select is not None else self.current_id())

    def _delete(self) -> None:
        ident = self.current_id()
        if ident is not None and self._actions[3](ident):
            self.refresh()

    def _open(self) -> None:
        self.chosen = self.current_id()
        if self.chosen is not None:
            self.accept()
