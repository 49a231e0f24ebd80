"""Tab "Theo dõi thực hiện": one quarter's check-ins, a unit filter, the period counts, the
selected task's check-in in full on the side (with its evidence files), and under the table
the units' report forms of the quarter: send, take back, who has answered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.contributions import task_answers
from cchc_desktop.domain.dates import short_date
from cchc_desktop.domain.model import CheckIn, Evidence, Task
from cchc_desktop.domain.periods import Period, default_period
from cchc_desktop.domain.progress import TaskState
from cchc_desktop.domain.status import STATUS_LABELS, Status, color_of
from cchc_desktop.domain.summary import Counts
from cchc_desktop.errors import ValidationError
from cchc_desktop.services.checkin_edits import copies_of_previous, with_field, with_file

from cchc_desktop.ui.background import Background
from cchc_desktop.ui.commands.checkin_commands import DeleteCheckin, RecordCheckin
from cchc_desktop.ui.dialogs import ask
from cchc_desktop.ui.evidence_files import EvidenceFiles
from cchc_desktop.ui.first_paint import on_first_paint
from cchc_desktop.ui.models.checkin_table_model import (
    COL_ACHIEVED,
    COL_DUE,
    COL_LEAD,
    COL_NAME,
    COL_PROGRESS,
    COL_RESULT,
    COL_STATUS,
    COL_STT,
    CheckinTableModel,
)
from cchc_desktop.ui.plan_document import PlanDocument
from cchc_desktop.ui.ui_state import Key, kept_splitter, restore_state, save_state
from cchc_desktop.ui.widgets.banner import MessageBanner
from cchc_desktop.ui.widgets.checkin_form import CheckinForm
from cchc_desktop.ui.widgets.contributions_panel import ContributionsPanel
from cchc_desktop.ui.widgets.delegates import ChoiceDelegate, TextDelegate
from cchc_desktop.ui.widgets.forms_panel import FormsPanel
from cchc_desktop.ui.widgets.period_counts import PeriodCountsBox
from cchc_desktop.ui.widgets.table_keys import TableKeys
from cchc_desktop.ui.widgets.tables import (
    coalescing_timer,
    editable_table,
    fill_unit_filter,
    fit_changed_rows,
    fit_rows,
    unit_filter_combo,
)

if TYPE_CHECKING:
    from cchc_desktop.services.forms import UnitFormStatus

    from cchc_desktop.ui.unit_forms import UnitForms

COLUMN_WIDTHS = {
    COL_STT: 44,
    COL_LEAD: 130,
    COL_DUE: 105,
    COL_STATUS: 120,
    COL_PROGRESS: 76,
    COL_RESULT: 190,
    COL_ACHIEVED: 96,
}


class CheckinsTab(QWidget):
    def __init__(
        self,
        doc: PlanDocument,
        settings: QSettings,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
        *,
        background: Background | None = None,
        forms: UnitForms | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.settings = settings
        self._today = today
        self.forms = forms  # None: the unit forms are not offered (no panel)
        self._forms_stale = True
        self.background = background or Background(self)
        self.evidence_files = EvidenceFiles(
            self, settings, self.background, lambda: self.doc.db.path
        )
        self.model = CheckinTableModel(doc, today, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self._dirty = True
        self._fit_timer = coalescing_timer(self, self._fit_rows)
        self._build()
        self._connect_signals()
        self._on_plan_loaded()

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.period = QComboBox(self)
        self.unit_filter = unit_filter_combo(self)
        self.copy_button = QPushButton("Chép kết quả quý trước", self)
        self.copy_button.setToolTip(
            "Lấy báo cáo quý trước của các nhiệm vụ đang chọn làm điểm xuất phát cho quý này"
        )
        self.delete_button = QPushButton("Xóa báo cáo quý này", self)
        # The filter a click in "Tổng quan" set, with the button that lifts it.
        self.filter_label = QLabel(self)
        self.filter_label.setStyleSheet("background: #FFF2CC; padding: 2px 6px;")
        self.clear_filter_button = QPushButton("Bỏ lọc", self)
        self.filter_label.hide()
        self.clear_filter_button.hide()
        self.banner = MessageBanner(self)

        self.table = editable_table(self, self.proxy, COL_NAME, COLUMN_WIDTHS)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        statuses = [(s.value, STATUS_LABELS[s]) for s in Status]
        colors = {s.value: color_of(s.value) for s in Status}
        self.table.setItemDelegateForColumn(COL_STATUS, ChoiceDelegate(statuses, colors, self))
        self.table.setItemDelegateForColumn(COL_RESULT, TextDelegate(self.table))

        self.counts_box = PeriodCountsBox(self)
        self.count_labels = self.counts_box.count_labels

        self.form = CheckinForm(self)
        form_box = QGroupBox("Báo cáo của nhiệm vụ đang chọn (đơn vị chủ trì)", self)
        form_layout = QVBoxLayout(form_box)
        form_layout.addWidget(self.form)
        # The partners' contributions beneath the lead's answer (issue 14).
        self.contributions = ContributionsPanel(self)
        self.partners_box = QGroupBox("Đơn vị phối hợp", self)
        partners_layout = QVBoxLayout(self.partners_box)
        partners_layout.addWidget(self.contributions)
        side = QWidget(self)
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(0, 0, 0, 0)
        side_box.addWidget(self.counts_box)
        side_box.addWidget(form_box, 1)
        side_box.addWidget(self.partners_box)
        scroll = QScrollArea(self)
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(330)

        self.forms_panel = FormsPanel(self._today, self)
        self.forms_panel.setVisible(self.forms is not None)
        self.forms_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.forms_splitter.setChildrenCollapsible(False)
        self.forms_splitter.addWidget(self.table)
        self.forms_splitter.addWidget(self.forms_panel)
        self.forms_splitter.setStretchFactor(0, 1)
        self.forms_splitter.setSizes([440, 170])

        restore_state(self.settings, Key.CHECKINS_FORMS_SPLITTER, self.forms_splitter)
        self.forms_splitter.splitterMoved.connect(self._save_forms_splitter)
        self.splitter = kept_splitter(
            self, self.settings, Key.CHECKINS_SPLITTER, (self.forms_splitter, scroll), (980, 360),
            stretch=(1,),
        )  # fmt: skip

        top = QHBoxLayout()
        top.addWidget(QLabel("Kỳ báo cáo:", self))
        top.addWidget(self.period)
        top.addSpacing(12)
        top.addWidget(QLabel("Đơn vị:", self))
        top.addWidget(self.unit_filter, 1)
        top.addWidget(self.filter_label)
        top.addWidget(self.clear_filter_button)
        top.addStretch(1)
        top.addWidget(self.copy_button)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

    def _connect_signals(self) -> None:
        self.doc.plan_loaded.connect(self._on_plan_loaded)
        for signal in (
            self.doc.checkins_changed,
            self.doc.tasks_reset,
            self.doc.task_changed,
            self.doc.task_inserted,
            self.doc.task_removed,
            self.doc.task_moved,
        ):
            signal.connect(self._mark_dirty)
        self.doc.checkin_changed.connect(self._on_checkin_changed)
        self.doc.units_changed.connect(self._fill_units)
        self.period.currentIndexChanged.connect(self._on_scope)
        self.unit_filter.currentIndexChanged.connect(self._on_scope)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.model.modelReset.connect(self._after_reset)
        self.proxy.dataChanged.connect(self._on_rows_changed)
        self.table.horizontalHeader().sectionResized.connect(lambda *_a: self._fit_timer.start())
        self.form.edited.connect(self._on_form_edited)
        self.contributions.edited.connect(self._on_contribution_edited)
        self.copy_button.clicked.connect(self.copy_previous_quarter)
        self.delete_button.clicked.connect(self.delete_current)
        self.clear_filter_button.clicked.connect(lambda: self.set_state_filter(None, ""))
        self.form.attach_requested.connect(self._on_attach_file)
        self.form.open_requested.connect(self._on_open_file)
        TableKeys(self.table, on_delete=self.delete_current, on_enter=self._on_enter)
        if self.forms is not None:
            self.forms_panel.export_button.clicked.connect(self.export_forms)
            self.forms_panel.import_button.clicked.connect(self.import_forms)
            self.forms.status_loaded.connect(self._on_forms_status)
            self.forms.changed.connect(self._on_forms_changed)
            self.forms.notice.connect(self.banner.show_info)

    # -- public -----------------------------------------------------------------------------
    def show_refusal(self, message: str) -> None:
        self.banner.show_error(message)

    @property
    def current_key(self) -> str | None:
        """The key of the task whose check-in the side form shows."""
        return self._current_key()

    @property
    def current_period(self) -> Period | None:
        data = self.period.currentData()
        return Period.parse(data) if data else None

    def set_period(self, period: Period) -> None:
        position = self.period.findData(str(period))
        if position >= 0:
            self.period.setCurrentIndex(position)

    def set_state_filter(self, keep: Callable[[TaskState], bool] | None, label: str) -> None:
        """Show only the rows ``keep`` accepts (None: all), saying so beside the filters."""
        self.model.state_filter = keep
        self.filter_label.setText(f"Lọc: {label}")
        self.filter_label.setVisible(keep is not None)
        self.clear_filter_button.setVisible(keep is not None)
        self._mark_dirty()

    def counts(self) -> Counts:
        self.refresh_if_dirty()
        return self.model.counts()

    def refresh_if_dirty(self) -> None:
        if self._dirty:
            self._dirty = False
            key = self._current_key()
            self.model.refresh()
            self._select_key(key)

    def showEvent(self, event: Any) -> None:
        self.refresh_if_dirty()
        super().showEvent(event)
        # The register is read off the GUI thread, but that work competes with this thread
        # for the interpreter: it starts once the table is on screen, so that the clerk sees
        # the quarter first (at start-up, a third of a second sooner).
        on_first_paint(self.table.viewport(), self._load_forms_status)

    # -- unit forms -------------------------------------------------------------------------
    def export_forms(self) -> None:
        """Send this quarter's forms (ask for a folder, write them off the GUI thread)."""
        if self.forms is not None:
            self.forms.export_forms(self.current_period)

    def import_forms(self) -> None:
        """Take filled forms back for this quarter (preview first, then store)."""
        if self.forms is not None:
            self.forms.import_forms(self.current_period)

    def _load_forms_status(self) -> None:
        # Reading the register needs the whole plan: done when the tab is seen.
        if self.forms is not None and self._forms_stale and self.isVisible():
            self._forms_stale = False
            self.forms.load_status(self.current_period)

    def _on_forms_changed(self) -> None:
        self._forms_stale = True
        self._load_forms_status()

    def _on_forms_status(self, period: Period | None, rows: list[UnitFormStatus]) -> None:
        if period == self.current_period:
            self.forms_panel.show_status(period, rows)

    # -- scope ------------------------------------------------------------------------------
    def _on_plan_loaded(self) -> None:
        plan = self.doc.plan
        self.period.blockSignals(True)
        self.period.clear()
        if plan is not None:
            for q in range(1, 5):
                p = Period.quarter(plan.year, q)
                self.period.addItem(p.short_label(), str(p))
            reported = sorted({c.period for c in plan.checkins})
            self.set_period(default_period(plan.year, self._today(), reported))
        self.period.blockSignals(False)
        self._fill_units()
        self.setEnabled(plan is not None)

    def _fill_units(self) -> None:
        fill_unit_filter(self.unit_filter, self.doc.plan.units if self.doc.plan else [])
        self._on_scope()

    def _on_scope(self, *_args: Any) -> None:
        # Summarising a big plan takes a moment: done now if the tab is seen, else when shown.
        self.model.set_scope(self.current_period, self.unit_filter.currentData(), refresh=False)
        self._dirty = True
        self._forms_stale = True
        if self.isVisible():
            self.refresh_if_dirty()
            self._load_forms_status()

    def _mark_dirty(self, *_args: Any) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh_if_dirty()

    def _on_checkin_changed(self, key: str) -> None:
        # One task's check-in: recompute that row only (a full summary of a 10,000-task plan
        # takes a noticeable moment), unless the whole table is due for a refresh anyway.
        if self._dirty or not self.isVisible():
            self._dirty = True
            return
        self.model.update_task(key)
        self._show_counts()
        if self._current_key() == key:
            self._show_current()

    def _after_reset(self) -> None:
        self._fit_rows()
        self._show_counts()
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self._select_key(None)
        self._show_current()

    def _on_rows_changed(self, top: QModelIndex, bottom: QModelIndex, *_args: object) -> None:
        fit_changed_rows(self.table, top, bottom)

    def _fit_rows(self) -> None:
        fit_rows(self.table)

    def _show_counts(self) -> None:
        counts = self.model.counts()
        self.counts_box.show_counts(counts, self.model.not_reported(), self.current_period)

    # -- selection and form -----------------------------------------------------------------
    def _current_source_row(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.mapToSource(index).row() if index.isValid() else None

    def _current_key(self) -> str | None:
        row = self._current_source_row()
        return self.model.state(row).task.key if row is not None else None

    def _select_key(self, key: str | None) -> None:
        row = self.model.row_of(key) if key else None
        if row is None:
            if self.proxy.rowCount():
                row = self.proxy.mapToSource(self.proxy.index(0, 0)).row()
            else:
                self._show_current()
                return
        index = self.proxy.mapFromSource(self.model.index(row, 1))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _show_current(self, *_args: Any) -> None:
        row = self._current_source_row()
        plan = self.doc.plan
        if row is None or plan is None:
            self.form.show_checkin(None, None, [], "Chọn một nhiệm vụ trong bảng.", "")
            self._show_contributions(None)
            return
        state = self.model.state(row)
        own = self.model.own_checkin(row)
        period = self.current_period
        if own is None and state.checkin is not None:
            earlier = state.checkin
            note = (
                f"Chưa báo cáo {period.short_label() if period else ''}. "
                f"Lần báo cáo gần nhất ({earlier.period.short_label()}): "
                f"{STATUS_LABELS[earlier.status]}, {earlier.progress}%."
            )
        elif own is None:
            note = "Chưa báo cáo."
        else:
            note = ""
        if state.overdue:
            due = state.task.timeframe.due_date(plan.year)
            note = f"Quá hạn (hạn {short_date(due)}). {note}"
        title = f"{self.model.data(self.model.index(row, COL_STT))}. {state.task.name}"
        self.form.show_checkin(state.task, own, plan.units, title, note.strip())
        self._show_contributions(state.task)

    def _show_contributions(self, task: Task | None) -> None:
        plan, period = self.doc.plan, self.current_period
        answers = task_answers(plan, task, period) if plan and task and period else None
        self.contributions.show_answers(answers)
        self.partners_box.setVisible(self.contributions.isVisibleTo(self.partners_box))

    def _on_contribution_edited(self, unit: str, field: str, value: Any) -> None:
        """A partner unit's contribution edited beneath the lead's answer: stored as that
        unit's answer (undoable), never the task's state."""
        row, period = self._current_source_row(), self.current_period
        if row is None or period is None:
            return
        key = self.model.state(row).task.key
        start = self.doc.checkin(key, period, unit) or CheckIn(
            key, period, reported_by=unit, reported_on=self._today(), unit=unit
        )
        try:
            new = with_field(start, field, value)
        except ValidationError as err:
            self.doc.refused.emit(err.message)
            self._show_current()
            return
        if new == start and self.doc.checkin(key, period, unit) is not None:
            return
        if not self.doc.execute(RecordCheckin(self.doc, new, f"Ghi phần phối hợp của {unit}")):
            self._show_current()

    def _on_form_edited(self, field: str, value: Any) -> None:
        row = self._current_source_row()
        if row is None:
            return
        try:
            new = with_field(self.model.starting_checkin(row), field, value)
        except ValidationError as err:
            self.doc.refused.emit(err.message)
            self._show_current()
            return
        if not self.doc.execute(RecordCheckin(self.doc, new)):
            self._show_current()

    # -- evidence files ---------------------------------------------------------------------
    def _on_attach_file(self, evidence_row: int) -> None:
        key, period = self._current_key(), self.current_period
        if key is None or period is None:
            return

        def copied(stored: str, original: str) -> None:
            self._record_file(key, period, evidence_row, stored, original)

        self.evidence_files.ask_and_copy(copied, self.banner.show_error)

    def _record_file(
        self, key: str, period: Period, evidence_row: int, stored: str, original: str
    ) -> None:
        """The copy is in the data folder: put it on (task, quarter)'s check-in, undoably."""
        row = self.model.row_of(key)
        if row is None or period != self.current_period:
            self.banner.show_error(
                f"Đã chép tệp “{original}” nhưng chưa gắn được: nhiệm vụ hoặc kỳ báo cáo đã "
                "đổi trong lúc chép. Hãy chọn lại và đính kèm lần nữa."
            )
            return
        new = with_file(self.model.starting_checkin(row), evidence_row, stored, original)
        if self.doc.execute(RecordCheckin(self.doc, new, "Đính kèm tệp kiểm chứng")):
            self.doc.message.emit(f"Đã đính kèm tệp {original}")

    def _on_open_file(self, item: Evidence) -> None:
        problem = self.evidence_files.open(item)
        if problem:
            self.banner.show_error(problem)

    def _on_enter(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        if self.model.flags(self.proxy.mapToSource(index)) & Qt.ItemFlag.ItemIsEditable:
            self.table.edit(index)
        else:
            self.form.focus_result()

    # -- actions ----------------------------------------------------------------------------
    def _selected_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        current = self._current_source_row()
        if not rows and current is not None:
            rows = {current}
        return sorted(rows)

    def copy_previous_quarter(self) -> None:
        """Start this quarter's check-in of the selected tasks from the previous quarter's."""
        period = self.current_period
        plan = self.doc.plan
        previous = period.previous_quarter() if period else None
        if plan is None or period is None or previous is None:
            self.show_refusal("Quý I không có quý trước trong cùng năm kế hoạch.")
            return
        keys = [self.model.state(row).task.key for row in self._selected_rows()]
        copies = copies_of_previous(keys, period, self.doc.checkin, self._today())
        if not copies:
            self.banner.show_info(
                f"Không có gì để chép: các nhiệm vụ đang chọn đã có báo cáo {period.short_label()} "
                f"hoặc chưa có báo cáo {previous.short_label()}."
            )
            return
        stack = self.doc.undo_stack
        stack.beginMacro(f"Chép kết quả {previous.short_label()}")
        try:
            for new in copies:
                self.doc.execute(RecordCheckin(self.doc, new, "Chép kết quả quý trước"))
        finally:
            stack.endMacro()
        self.doc.message.emit(
            f"Đã chép {len(copies)} báo cáo từ {previous.short_label()} sang {period.short_label()}"
        )

    def delete_current(self) -> None:
        period = self.current_period
        rows = [r for r in self._selected_rows() if self.model.own_checkin(r) is not None]
        if period is None or not rows:
            return
        if not ask.confirm(
            self,
            "Xóa báo cáo",
            f"Xóa {len(rows)} báo cáo {period.short_label()} đang chọn?\n\n"
            "Có thể hoàn tác bằng Ctrl+Z.",
        ):
            return
        keys = [self.model.state(r).task.key for r in rows]
        stack = self.doc.undo_stack
        stack.beginMacro("Xóa báo cáo")
        try:
            for key in keys:
                self.doc.execute(DeleteCheckin(self.doc, key, period))
        finally:
            stack.endMacro()

    def _save_forms_splitter(self, *_args: object) -> None:
        save_state(self.settings, Key.CHECKINS_FORMS_SPLITTER, self.forms_splitter)

    def select_task_key(self, key: str) -> QModelIndex:
        """Select the row of task ``key`` (for tests and for jumping from the task table)."""
        self.refresh_if_dirty()
        self._select_key(key)
        return self.table.currentIndex()
