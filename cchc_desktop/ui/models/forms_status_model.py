"""Who has sent back the report form of one quarter: one row per unit that gets a form (or
was sent one), with when it went out, when it came back and whether it is still missing.

The rows come from :func:`cchc_desktop.services.forms.forms_status` (read off the GUI thread
by :class:`cchc_desktop.ui.unit_forms.UnitForms`); this model only shows them. Times are
stored in UTC and shown in the computer's local time.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from cchc_desktop.domain.dates import short_date
from cchc_desktop.domain.status import DerivedState, Status, color_of

from cchc_desktop.ui.models.table_base import HeadedTableModel, row_flags

if TYPE_CHECKING:
    from cchc_desktop.services.forms import UnitFormStatus

Index = QModelIndex | QPersistentModelIndex

COL_UNIT, COL_TASKS, COL_SENT, COL_DEADLINE, COL_RETURNED, COL_STATE = range(6)
HEADERS = ("Đơn vị", "Số nhiệm vụ", "Gửi lúc", "Hạn gửi lại", "Nhận lúc", "Tình hình")
ROW_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1  # the UnitFormStatus
_MISSING = QBrush(QColor(f"#{color_of(DerivedState.OVERDUE)}"))
_RETURNED = QBrush(QColor(f"#{color_of(Status.DONE)}"))
_NOT_SENT = QBrush(QColor(f"#{color_of(Status.NOT_STARTED)}"))


def local_time(moment: dt.datetime | None) -> str:
    """``"14/09/2022 08:30"`` in the computer's time zone; "" for none."""
    return moment.astimezone().strftime("%d/%m/%Y %H:%M") if moment is not None else ""


def state_text(row: UnitFormStatus, today: dt.date) -> str:
    if row.returned_at is not None:
        return "Đã nhận"
    if row.tasks_due == 0:
        return "Không có nhiệm vụ"  # sent earlier; the tasks are no longer due
    if row.forms_sent == 0:
        return "Chưa gửi phiếu"
    if row.deadline is not None and today > row.deadline:
        return "Quá hạn, chưa nhận"
    return "Chưa nhận"


class FormsStatusModel(HeadedTableModel):
    headers = HEADERS

    def __init__(self, today: Any = dt.date.today, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._rows: list[UnitFormStatus] = []

    def set_rows(self, rows: list[UnitFormStatus]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> UnitFormStatus:
        return self._rows[row]

    @property
    def rows(self) -> list[UnitFormStatus]:
        return list(self._rows)

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == COL_UNIT:
                return row.unit
            if col == COL_TASKS:
                return row.tasks_due if role == Qt.ItemDataRole.DisplayRole else None
            if col == COL_SENT:
                text = local_time(row.sent_at)
                return f"{text} ({row.forms_sent} lần)" if row.forms_sent > 1 else text
            if col == COL_DEADLINE:
                return short_date(row.deadline) if row.deadline else ""
            if col == COL_RETURNED:
                return local_time(row.returned_at)
            if col == COL_STATE:
                return state_text(row, self._today())
        if role == Qt.ItemDataRole.BackgroundRole and col in (COL_UNIT, COL_STATE):
            # Red only for a form that went out and has not come back; before anything is
            # sent, a whole red table would cry wolf.
            if row.missing and row.forms_sent:
                return _MISSING
            if col == COL_STATE and row.returned_at is not None:
                return _RETURNED
            if col == COL_STATE and row.missing:
                return _NOT_SENT
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_TASKS:
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return row_flags(index)

    def missing(self) -> list[str]:
        """The units still expected to send their form back."""
        return [r.unit for r in self._rows if r.missing]

    def returned(self) -> list[str]:
        return [r.unit for r in self._rows if r.returned_at is not None]
