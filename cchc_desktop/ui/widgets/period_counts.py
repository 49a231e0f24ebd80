"""The side panel's figures of one reporting period: done, in progress, not reported,
overdue, each beside its colour from the one palette (the same as the table and the .xlsx)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import color_of
from cchc_desktop.domain.summary import Counts

# (label, summary key) of each figure, in the order shown.
COUNT_ROWS = (
    ("Hoàn thành", "done"),
    ("Đang thực hiện", "in_progress"),
    ("Chưa báo cáo trong kỳ", "not_reported"),
    ("Quá hạn", "overdue"),
)


class PeriodCountsBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Tổng hợp kỳ báo cáo", parent)
        grid = QGridLayout(self)
        self.count_labels: dict[str, QLabel] = {}
        for row, (label, key) in enumerate(COUNT_ROWS):
            swatch = QLabel(self)
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background: #{color_of(key)}; border: 1px solid #999;")
            value = QLabel("0", self)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.count_labels[key] = value
            grid.addWidget(swatch, row, 0)
            grid.addWidget(QLabel(label, self), row, 1)
            grid.addWidget(value, row, 2)
        self.total_label = QLabel(self)
        self.total_label.setWordWrap(True)
        grid.addWidget(self.total_label, len(COUNT_ROWS), 0, 1, 3)
        grid.setColumnStretch(1, 1)

    def show_counts(self, counts: Counts, not_reported: int, period: Period | None) -> None:
        figures = {
            "done": counts.done,
            "in_progress": counts.by_key["in_progress"],
            "not_reported": not_reported,
            "overdue": counts.by_key["overdue"],
        }
        for _label, key in COUNT_ROWS:
            self.count_labels[key].setText(str(figures[key]))
        name = period.short_label() if period else ""
        self.total_label.setText(
            f"{name}: {counts.total} nhiệm vụ trong kỳ; hoàn thành {counts.percent_done:g}%."
        )
