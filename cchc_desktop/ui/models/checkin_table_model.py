"""The tasks in scope for one quarter with their check-in of that quarter.

Which tasks, their state, "overdue" and the period counts all come from the domain's
``summarize`` (the same figures as the reports). A row without a check-in in the quarter
shows "Chưa báo cáo". Editing a cell records a check-in (``RecordCheckin``); a row that had
none gets one started with the lead unit as reporter and today's date.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cchc_desktop.domain.dates import short_date
from cchc_desktop.domain.model import CheckIn, Task, format_number
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.progress import TaskState, task_state
from cchc_desktop.domain.status import STATUS_LABELS, WARNING_TEXT_COLOR, Status, color_of
from cchc_desktop.domain.summary import Counts, PeriodSummary, summarize
from cchc_desktop.errors import ValidationError
from cchc_desktop.services.checkin_edits import with_field

from cchc_desktop.ui.commands.checkin_commands import RecordCheckin
from cchc_desktop.ui.models.table_base import HeadedTableModel, row_flags
from cchc_desktop.ui.plan_document import PlanDocument

Index = QModelIndex | QPersistentModelIndex

(COL_STT, COL_NAME, COL_LEAD, COL_DUE, COL_STATUS, COL_PROGRESS, COL_RESULT, COL_ACHIEVED) = range(
    8
)
HEADERS = (
    "STT",
    "Nhiệm vụ",
    "Chủ trì",
    "Thời gian",
    "Trạng thái",
    "Tiến độ",
    "Kết quả thực hiện",
    "Đạt / Chỉ tiêu",
)
# The columns edited in place, and the check-in field each one sets.
_EDITABLE = {
    COL_STATUS: "status",
    COL_PROGRESS: "progress",
    COL_RESULT: "result",
    COL_ACHIEVED: "achieved",
}
EDITABLE = frozenset(_EDITABLE)
NOT_REPORTED = "Chưa báo cáo"

STATE_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1  # the TaskState
CHECKIN_ROLE = int(Qt.ItemDataRole.UserRole.value) + 2  # this quarter's CheckIn or None
STATUS_KEY_ROLE = int(Qt.ItemDataRole.UserRole.value) + 3  # key for the colour palette

_OVERDUE_TEXT = QColor(f"#{WARNING_TEXT_COLOR}")


def _brush(key: str) -> QBrush:
    return QBrush(QColor(f"#{color_of(key)}"))


class CheckinTableModel(HeadedTableModel):
    headers = HEADERS

    def __init__(
        self,
        doc: PlanDocument,
        today: Callable[[], dt.date] = dt.date.today,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self._today = today
        self._period: Period | None = None
        self._unit: str | None = None
        self._summary: PeriodSummary | None = None
        # A filter on the state, set from the "Tổng quan" tab (None: every row).
        self.state_filter: Callable[[TaskState], bool] | None = None
        self._rows: list[TaskState] = []
        self._positions: dict[str, int] = {}  # task key → STT in the appendix
        self._own: dict[str, CheckIn] = {}  # task key → this quarter's check-in
        self._bold = QFont()
        self._bold.setBold(True)

    # -- scope ------------------------------------------------------------------------------
    @property
    def period(self) -> Period | None:
        return self._period

    @property
    def summary(self) -> PeriodSummary | None:
        return self._summary

    def counts(self) -> Counts:
        """The figures of the rows shown (the unit filter applies), as the reports count
        them: each task by its latest check-in up to the period."""
        counts = Counts()
        for state in self._rows:
            counts.add(state)
        return counts

    def not_reported(self) -> int:
        """Rows due in the period with no check-in recorded in it (the domain's rule)."""
        return sum(1 for state in self._rows if state.not_reported)

    def set_scope(self, period: Period | None, unit: str | None, refresh: bool = True) -> None:
        self._period, self._unit = period, unit
        if refresh:
            self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        plan = self.doc.plan
        if plan is None or self._period is None or self._period.year != plan.year:
            self._summary, self._rows, self._positions, self._own = None, [], {}, {}
        else:
            as_of = min(self._today(), self._period.end)
            self._summary = summarize(plan, self._period, as_of)
            self._positions = {t.key: i + 1 for i, t in enumerate(plan.tasks)}
            period = self._period
            # The lead unit's answer is the row's (partners' contributions: the side panel).
            self._own = {c.task: c for c in plan.checkins if c.period == period and not c.unit}
            unit, keep = self._unit, self.state_filter
            self._rows = [
                s
                for s in self._summary.states
                if (unit is None or unit in s.task.lead or unit in s.task.partners)
                and (keep is None or keep(s))
            ]
        self.endResetModel()

    def update_task(self, key: str) -> None:
        """The check-ins of task ``key`` changed: recompute its row alone."""
        plan, period = self.doc.plan, self._period
        row = self.row_of(key)
        if plan is None or period is None or row is None:
            return
        mine = [c for c in plan.checkins if c.task == key]
        as_of = min(self._today(), period.end)
        self._rows[row] = task_state(self._rows[row].task, mine, period, as_of)
        own = next((c for c in mine if c.period == period and not c.unit), None)
        if own is None:
            self._own.pop(key, None)
        else:
            self._own[key] = own
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def state(self, row: int) -> TaskState:
        return self._rows[row]

    def own_checkin(self, row: int) -> CheckIn | None:
        """The check-in recorded for this very quarter (not an earlier one)."""
        return self._own.get(self._rows[row].task.key)

    def row_of(self, key: str) -> int | None:
        return next((i for i, s in enumerate(self._rows) if s.task.key == key), None)

    # -- reading ----------------------------------------------------------------------------
    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        state = self._rows[index.row()]
        own = self.own_checkin(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(state, own, col)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(own, col)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_STATUS:
            return _brush(self._status_key(state, own))
        if role == Qt.ItemDataRole.ForegroundRole and state.overdue and col in (COL_NAME, COL_DUE):
            return QBrush(_OVERDUE_TEXT)
        if role == Qt.ItemDataRole.FontRole and state.overdue and col == COL_DUE:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(state, own, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (COL_STT, COL_PROGRESS):
                return int((Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop).value)
            return int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop).value)
        if role == STATE_ROLE:
            return state
        if role == CHECKIN_ROLE:
            return copy.deepcopy(own)
        if role == STATUS_KEY_ROLE:
            return self._status_key(state, own)
        return None

    def _status_key(self, state: TaskState, own: CheckIn | None) -> str:
        if own is not None:
            return own.status.value
        if _carried(state):
            return state.checkin.status.value  # type: ignore[union-attr]
        return "overdue" if state.overdue else "not_reported"

    def _display(self, state: TaskState, own: CheckIn | None, col: int) -> str:
        task = state.task
        if col == COL_STT:
            return str(self._positions.get(task.key, ""))
        if col == COL_NAME:
            return task.name
        if col == COL_LEAD:
            return ", ".join(task.lead)
        if col == COL_DUE:
            label = task.timeframe.display_label(self._period.year if self._period else 0)
            return f"{label}\n(quá hạn)" if state.overdue else label
        if col == COL_STATUS:
            if own is not None:
                return STATUS_LABELS[own.status]
            if _carried(state):
                earlier = state.checkin
                assert earlier is not None
                return f"{STATUS_LABELS[earlier.status]} ({earlier.period.short_label()})"
            return NOT_REPORTED
        if col == COL_PROGRESS:
            return f"{own.progress}%" if own is not None else ""
        if col == COL_RESULT:
            return own.result if own is not None else ""
        if col == COL_ACHIEVED:
            return _achieved_text(task, own)
        return ""

    def _edit_value(self, own: CheckIn | None, col: int) -> Any:
        if col == COL_STATUS:
            return own.status.value if own else Status.IN_PROGRESS.value
        if col == COL_PROGRESS:
            return str(own.progress) if own else ""
        if col == COL_RESULT:
            return own.result if own else ""
        if col == COL_ACHIEVED:
            return format_number(own.achieved) if own and own.achieved is not None else ""
        return None

    def _tooltip(self, state: TaskState, own: CheckIn | None, col: int) -> str | None:
        if col == COL_NAME:
            return state.task.name
        if col in (COL_STATUS, COL_DUE) and state.overdue:
            due = state.task.timeframe.due_date(state.period.year)
            return f"Quá hạn: hạn hoàn thành {short_date(due)}"
        if col == COL_STATUS and own is None and state.checkin is not None:
            earlier = state.checkin
            return (
                f"{earlier.period.short_label()}: {STATUS_LABELS[earlier.status]}, "
                f"{earlier.progress}%"
            )
        if col == COL_RESULT and own is not None and own.result:
            return own.result
        return None

    # -- editing ----------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        editable = index.column() in EDITABLE
        return row_flags(index, Qt.ItemFlag.ItemIsEditable if editable else Qt.ItemFlag.NoItemFlags)

    def starting_checkin(self, row: int) -> CheckIn:
        """This quarter's check-in to edit: the recorded one, or a fresh one."""
        own = self.own_checkin(row)
        if own is not None:
            return copy.deepcopy(own)
        task = self._rows[row].task
        assert self._period is not None
        return CheckIn(
            task=task.key,
            period=self._period,
            status=Status.IN_PROGRESS,
            reported_by=task.lead[0] if task.lead else "",
            reported_on=self._today(),
        )

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._period is None:
            return False
        field = _EDITABLE.get(index.column())
        if field is None:
            return False
        try:
            new = with_field(self.starting_checkin(index.row()), field, value)
        except ValidationError as err:
            self.doc.refused.emit(err.message)
            return False
        if new == self.own_checkin(index.row()):
            return False
        return self.doc.execute(RecordCheckin(self.doc, new))


def _carried(state: TaskState) -> bool:
    """No check-in in the period, but an earlier one still tells the state: the task was
    finished before, or nothing is expected of it in this period."""
    return state.checkin is not None and (state.finished_before or not state.due_in_period)


def _achieved_text(task: Task, own: CheckIn | None) -> str:
    if task.target is None:
        return format_number(own.achieved) if own and own.achieved is not None else ""
    return task.target.format(own.achieved if own else None)
