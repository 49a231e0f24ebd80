"""Tab "Nhiệm vụ": the appendix table with search, unit filter, pickers and reordering."""

from __future__ import annotations

import copy

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.model import DEFAULT_APPENDIX_REFERENCE, Task
from cchc_desktop.domain.task_place import groups_in_order, place_in_group
from cchc_desktop.domain.timeframes import Timeframe

from cchc_desktop.ui.commands.plan_commands import UpdatePlanFields
from cchc_desktop.ui.commands.task_commands import AddTask, DeleteTask, UpdateTask
from cchc_desktop.ui.dialogs import ask
from cchc_desktop.ui.models.task_filter_proxy import TaskFilterProxy
from cchc_desktop.ui.models.task_table_model import (
    COL_GROUP,
    COL_LEAD,
    COL_NAME,
    COL_PARTNERS,
    COL_PRODUCT,
    COL_STT,
    COL_TARGET,
    COL_TIMEFRAME,
    DIALOG_COLUMNS,
    TaskTableModel,
)
from cchc_desktop.ui.plan_document import PlanDocument
from cchc_desktop.ui.widgets.banner import MessageBanner
from cchc_desktop.ui.widgets.delegates import TextDelegate
from cchc_desktop.ui.widgets.editors import CommitLineEdit
from cchc_desktop.ui.widgets.table_keys import TableKeys
from cchc_desktop.ui.widgets.tables import (
    coalescing_timer,
    editable_table,
    fill_unit_filter,
    fit_changed_rows,
    fit_rows,
    unit_filter_combo,
)

COLUMN_WIDTHS = {
    COL_STT: 44,
    COL_PRODUCT: 210,
    COL_LEAD: 170,
    COL_PARTNERS: 190,
    COL_TIMEFRAME: 120,
    COL_TARGET: 90,
    COL_GROUP: 90,
}


class TasksTab(QWidget):
    def __init__(
        self, doc: PlanDocument, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.settings = settings  # the last timeframe used is kept there
        self.model = TaskTableModel(doc, self)
        self.proxy = TaskFilterProxy(self.model, self)
        # Row heights follow the wrapped text; measured once after a burst of changes.
        self._fit_timer = coalescing_timer(self, self._fit_rows)
        self._build()
        self._connect_signals()
        self._on_plan_loaded()
        self._on_proxy_reset()  # the proxy filtered before this tab listened

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.appendix_title = CommitLineEdit(self, "Tiêu đề phụ lục (để trống nếu không có)")
        self.print_appendix = QCheckBox("In phụ lục nhiệm vụ", self)
        self.print_appendix.setToolTip(
            "In bảng nhiệm vụ thành phụ lục của kế hoạch; khi tắt, nhiệm vụ vẫn được theo dõi "
            "nhưng không in ra văn bản"
        )
        self.appendix_reference = CommitLineEdit(self, DEFAULT_APPENDIX_REFERENCE)
        self.appendix_reference.setToolTip(
            "Câu dẫn chiếu in ở phần nội dung, nơi bắt đầu các nhiệm vụ của kế hoạch"
        )
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Tìm nhiệm vụ, sản phẩm, đơn vị… (gõ không dấu cũng được)")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Ctrl+F")
        self.unit_filter = unit_filter_combo(self)
        self.count = QLabel(self)
        self.banner = MessageBanner(self)

        self.table = editable_table(self, self.proxy, COL_NAME, COLUMN_WIDTHS)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        text = TextDelegate(self.table)
        self.table.setItemDelegateForColumn(COL_NAME, text)
        self.table.setItemDelegateForColumn(COL_PRODUCT, text)

        self.add_button = QPushButton("Thêm nhiệm vụ…", self)
        self.insert_button = QPushButton("Chèn trước dòng chọn…", self)
        self.edit_button = QPushButton("Sửa…", self)
        self.delete_button = QPushButton("Xóa", self)
        self.up_button = QPushButton("Lên", self)
        self.down_button = QPushButton("Xuống", self)
        self.lead_button = QPushButton("Đơn vị chủ trì…", self)
        self.partners_button = QPushButton("Đơn vị phối hợp…", self)
        self.timeframe_button = QPushButton("Thời gian…", self)
        for button, tip in (
            (
                self.add_button,
                "Thêm một nhiệm vụ vào nhóm của dòng đang chọn",
            ),
            (self.edit_button, "Sửa mọi nội dung của nhiệm vụ đang chọn trong một hộp thoại"),
            (self.insert_button, "Chèn một nhiệm vụ trước dòng đang chọn (phím Insert)"),
            (self.delete_button, "Xóa các nhiệm vụ đang chọn (phím Delete)"),
            (self.up_button, "Chuyển nhiệm vụ lên (hoặc kéo thả dòng)"),
            (self.down_button, "Chuyển nhiệm vụ xuống (hoặc kéo thả dòng)"),
        ):
            button.setToolTip(tip)

        top = QHBoxLayout()
        top.addWidget(self.print_appendix)
        top.addWidget(QLabel("Tiêu đề phụ lục:", self))
        top.addWidget(self.appendix_title, 2)
        top.addWidget(QLabel("Câu dẫn chiếu:", self))
        top.addWidget(self.appendix_reference, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(QLabel("Đơn vị:", self))
        filters.addWidget(self.unit_filter, 1)
        filters.addWidget(self.count)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.insert_button,
            self.edit_button,
            self.delete_button,
            self.up_button,
            self.down_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.lead_button, self.partners_button, self.timeframe_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.doc.plan_loaded.connect(self._on_plan_loaded)
        self.doc.header_changed.connect(self._show_header)
        self.doc.units_changed.connect(self._fill_unit_filter)
        self.appendix_title.committed.connect(self._on_appendix_title)
        self.print_appendix.clicked.connect(self._on_print_appendix)
        self.appendix_reference.committed.connect(self._on_appendix_reference)
        self.search.textChanged.connect(self._on_search)
        self.unit_filter.currentIndexChanged.connect(self._on_unit_filter)
        self.proxy.modelReset.connect(self._on_proxy_reset)
        self.proxy.dataChanged.connect(self._on_rows_changed)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.horizontalHeader().sectionResized.connect(lambda *_a: self._fit_timer.start())
        self.add_button.clicked.connect(lambda: self.add_task(at_end=True))
        self.insert_button.clicked.connect(lambda: self.add_task(at_end=False))
        self.edit_button.clicked.connect(self.edit_task)
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.lead_button.clicked.connect(lambda: self.edit_column(COL_LEAD))
        self.partners_button.clicked.connect(lambda: self.edit_column(COL_PARTNERS))
        self.timeframe_button.clicked.connect(lambda: self.edit_column(COL_TIMEFRAME))
        TableKeys(
            self.table,
            on_delete=self.delete_selected,
            on_insert=lambda: self.add_task(at_end=False),
            on_enter=self._on_enter,
        )

    # -- public -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_refusal(self, message: str) -> None:
        self.banner.show_error(message)

    def current_task(self) -> Task | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.task(self.proxy.source_row(index.row()))

    def selected_source_rows(self) -> list[int]:
        rows = {self.proxy.source_row(i.row()) for i in self.table.selectionModel().selectedRows()}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.proxy.source_row(self.table.currentIndex().row())}
        return sorted(rows)

    def select_task(self, task_id: int | None, column: int = COL_NAME) -> None:
        if task_id is None or self.doc.plan is None:
            return
        try:
            row = self.proxy.proxy_row(self.doc.task_row(task_id))
        except KeyError:
            return
        if row is None:
            return
        index = self.proxy.index(row, column)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    # -- actions ----------------------------------------------------------------------------
    def add_task(self, at_end: bool = True) -> None:
        """One dialog with every field. The new task goes into the group of the selected
        row (at the end of that group's rows), before the selected row with ``at_end``
        False; its timeframe starts as the last one used."""
        from cchc_desktop.ui.dialogs.task_dialog import TaskDialog
        from cchc_desktop.ui.ui_state import remember_timeframe, remembered_timeframe

        plan = self.doc.plan
        if plan is None:
            return
        current = self.current_task()
        before = None if at_end or current is None else self.doc.task_row(current.id or 0)
        unit = self.unit_filter.currentData()
        lead = [unit] if unit else ([current.lead[0]] if current and current.lead else [])
        draft = Task(key="", name="", lead=lead, timeframe=remembered_timeframe(
            self.settings, plan.year
        ))  # fmt: skip
        if current is not None:
            draft.group = current.group
        elif plan.tasks:
            draft.group = plan.tasks[-1].group  # where a task added at the end prints
        groups = groups_in_order(plan.tasks)
        dialog = TaskDialog(draft, plan.year, plan.units, groups, self, plan.extra_columns)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        task = dialog.task()
        index = before
        if before is None or task.group != (current.group if current else ""):
            index = place_in_group(plan.tasks, task.group)
        remember_timeframe(self.settings, task.timeframe, plan.year)
        command = AddTask(self.doc, task, index)
        if self.doc.execute(command):
            self.select_task(command.task_id)

    def edit_task(self) -> None:
        """The selected task in the same dialog, every field at once; one undo step."""
        from cchc_desktop.ui.dialogs.task_dialog import TaskDialog

        plan = self.doc.plan
        task = self.current_task()
        if plan is None or task is None:
            self.banner.show_info("Hãy chọn một nhiệm vụ trước.")
            return
        groups = groups_in_order(plan.tasks)
        dialog = TaskDialog(
            task, plan.year, plan.units, groups, self, plan.extra_columns, editing=True
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        edited = dialog.task()
        if edited != task:
            self.doc.execute(UpdateTask(self.doc, task.id or 0, edited))
            self.select_task(task.id)

    def delete_selected(self) -> None:
        rows = self.selected_source_rows()
        if not rows:
            return
        tasks = [self.model.task(r) for r in rows]
        names = "\n".join(f"– {t.name[:90]}" for t in tasks[:5])
        more = f"\n… và {len(tasks) - 5} nhiệm vụ khác" if len(tasks) > 5 else ""
        if not ask.confirm(
            self,
            "Xóa nhiệm vụ",
            f"Xóa {len(tasks)} nhiệm vụ cùng kết quả thực hiện đã ghi?\n\n{names}{more}\n\n"
            "Có thể hoàn tác bằng Ctrl+Z.",
        ):
            return
        next_row = rows[0]
        stack = self.doc.undo_stack
        stack.beginMacro(f"Xóa {len(tasks)} nhiệm vụ")
        try:
            for task in tasks:
                self.doc.execute(DeleteTask(self.doc, task.id or 0))
        finally:
            stack.endMacro()
        if self.doc.plan and self.doc.plan.tasks:
            target = self.doc.plan.tasks[min(next_row, len(self.doc.plan.tasks) - 1)]
            self.select_task(target.id)

    def move_selected(self, delta: int) -> None:
        rows = self.selected_source_rows()
        if not rows or self.doc.plan is None:
            return
        count = len(self.doc.plan.tasks)
        if (delta < 0 and rows[0] == 0) or (delta > 0 and rows[-1] == count - 1):
            return
        ids = [self.model.task(r).id for r in rows]
        target = rows[0] - 1 if delta < 0 else rows[-1] + 2
        self.model.move_rows(rows, target)
        self.table.clearSelection()
        for ident in ids:
            self.select_task(ident)

    def edit_column(self, column: int) -> None:
        """Open the picker (units, timeframe) for the current task."""
        from cchc_desktop.ui.dialogs.task_dialog import task_problem
        from cchc_desktop.ui.dialogs.timeframe_dialog import TimeframeDialog
        from cchc_desktop.ui.dialogs.unit_picker_dialog import UnitPickerDialog

        task = self.current_task()
        plan = self.doc.plan
        if task is None or plan is None:
            self.banner.show_info("Hãy chọn một nhiệm vụ trước.")
            return
        source = self.model.index(self.doc.task_row(task.id or 0), column)
        if column in (COL_LEAD, COL_PARTNERS):
            lead = column == COL_LEAD
            dialog = UnitPickerDialog(
                "Đơn vị chủ trì" if lead else "Đơn vị phối hợp",
                plan.units,
                task.lead if lead else task.partners,
                at_least_one=lead,
                parent=self,
            )
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.model.setData(source, dialog.selected())
        elif column == COL_TIMEFRAME:

            def validate(tf: Timeframe) -> str | None:
                candidate = copy.deepcopy(task)
                candidate.timeframe = tf
                return task_problem(candidate, plan.year, plan.units)

            tf_dialog = TimeframeDialog(task.timeframe, plan.year, validate, self)
            if tf_dialog.exec() == QDialog.DialogCode.Accepted:
                self.model.setData(source, tf_dialog.timeframe())

    # -- callbacks --------------------------------------------------------------------------
    def _on_plan_loaded(self) -> None:
        self._show_header()
        self._fill_unit_filter()
        enabled = self.doc.plan is not None
        for widget in (self.table, self.appendix_title, self.search, self.unit_filter,
                       self.print_appendix):  # fmt: skip
            widget.setEnabled(enabled)
        self._show_header()

    def _show_header(self) -> None:
        plan = self.doc.plan
        self.appendix_title.set_value(plan.appendix_title if plan else "")
        self.print_appendix.setChecked(bool(plan and plan.print_appendix))
        self.appendix_reference.set_value(plan.appendix_reference if plan else "")
        on = bool(plan and plan.print_appendix)
        self.appendix_title.setEnabled(on)
        self.appendix_reference.setEnabled(on)

    def _fill_unit_filter(self) -> None:
        fill_unit_filter(self.unit_filter, self.doc.plan.units if self.doc.plan else [])
        self.proxy.set_unit(self.unit_filter.currentData())

    def _on_appendix_title(self, text: str) -> None:
        self.doc.execute(
            UpdatePlanFields(self.doc, "Sửa tiêu đề phụ lục", appendix_title=" ".join(text.split()))
        )

    def _on_print_appendix(self, checked: bool) -> None:
        text = "Bật in phụ lục nhiệm vụ" if checked else "Tắt in phụ lục nhiệm vụ"
        self.doc.execute(UpdatePlanFields(self.doc, text, print_appendix=checked))

    def _on_appendix_reference(self, text: str) -> None:
        # Emptied: back to the default sentence (the body must point to its appendix).
        sentence = " ".join(text.split()) or DEFAULT_APPENDIX_REFERENCE
        self.doc.execute(
            UpdatePlanFields(self.doc, "Sửa câu dẫn chiếu phụ lục", appendix_reference=sentence)
        )

    def _on_search(self, text: str) -> None:
        self.proxy.set_query(text)

    def _on_unit_filter(self, _index: int) -> None:
        self.proxy.set_unit(self.unit_filter.currentData())

    def _on_proxy_reset(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        filtered = shown != total
        self.count.setText(f"{shown}/{total} nhiệm vụ" if filtered else f"{total} nhiệm vụ")
        # Reordering a filtered view would move rows the clerk cannot see.
        self.table.setDragEnabled(not filtered)
        self._fit_rows()

    def _fit_rows(self) -> None:
        fit_rows(self.table)

    def _on_rows_changed(self, top: QModelIndex, bottom: QModelIndex, *_args: object) -> None:
        fit_changed_rows(self.table, top, bottom)

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.column() in DIALOG_COLUMNS:
            self.edit_column(index.column())

    def _on_enter(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        if index.column() in DIALOG_COLUMNS:
            self.edit_column(index.column())
        elif index.column() == COL_STT:
            self.table.edit(index.siblingAtColumn(COL_NAME))
        else:
            self.table.edit(index)
