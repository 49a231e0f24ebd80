"""The "Phiếu của đơn vị" strip under the check-in table: send the quarter's forms, take the
filled ones back, and see which units have answered (the missing ones highlighted).

A frame with its title on the button row, not a group box: the strip shares the height of
a 768-pixel screen with the check-in table, and a group box title costs a line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.periods import Period

from cchc_desktop.ui.models.forms_status_model import (
    COL_DEADLINE,
    COL_RETURNED,
    COL_SENT,
    COL_STATE,
    COL_TASKS,
    COL_UNIT,
    FormsStatusModel,
)

if TYPE_CHECKING:
    from cchc_desktop.services.forms import UnitFormStatus

TITLE = "Phiếu của đơn vị"


class FormsPanel(QFrame):
    def __init__(
        self, today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = FormsStatusModel(today, self)
        self.title = QLabel(f"<b>{TITLE}</b>", self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.export_button = QPushButton("Xuất phiếu cho đơn vị…", self)
        self.export_button.setToolTip(
            "Mỗi đơn vị có nhiệm vụ trong quý một tệp Excel để điền kết quả và gửi lại"
        )
        self.import_button = QPushButton("Nhập phiếu đã điền…", self)
        self.import_button.setToolTip(
            "Đọc các phiếu đơn vị đã gửi lại, xem trước rồi lưu vào phần mềm"
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_UNIT, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (COL_TASKS, 90),
            (COL_SENT, 130),
            (COL_DEADLINE, 90),
            (COL_RETURNED, 130),
            (COL_STATE, 140),
        ):
            self.table.setColumnWidth(column, width)
        lines = self.fontMetrics().lineSpacing()
        self.table.verticalHeader().setDefaultSectionSize(lines + 8)
        self.table.setMinimumHeight(lines * 4)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.show_status(None, [])

    def show_status(self, period: Period | None, rows: list[UnitFormStatus]) -> None:
        self.model.set_rows(rows)
        if period is None:
            self.summary.setText("")
            return
        name = period.short_label()
        if not rows:
            self.summary.setText(f"{name}: không đơn vị nào có nhiệm vụ cần báo cáo.")
            return
        sent = sum(1 for r in rows if r.forms_sent)
        returned = len(self.model.returned())
        missing = len(self.model.missing())
        if not sent:
            text = f"{name}: chưa gửi phiếu cho {len(rows)} đơn vị."
        else:
            text = f"{name}: đã gửi {sent}, đã nhận {returned}/{len(rows)} phiếu"
            text += f"; còn thiếu {missing}." if missing else "; đã đủ."
        self.summary.setText(text)
