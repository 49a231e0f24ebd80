"""The issue date of a document, where the day (or the whole date) may be left blank for
the signer to write by hand: "ngày    tháng 02 năm 2022"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from cchc_desktop.domain.dates import IssueDate

BLANK_LABEL = "(để trống)"


class IssueDateEdit(QWidget):
    edited = Signal()  # the clerk changed a part (not emitted by set_value)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = QComboBox(self)
        self.day.addItem(BLANK_LABEL, None)
        for d in range(1, 32):
            self.day.addItem(f"{d:02d}", d)
        self.month = QComboBox(self)
        self.month.addItem(BLANK_LABEL, None)
        for m in range(1, 13):
            self.month.addItem(f"{m:02d}", m)
        self.year = QSpinBox(self)
        self.year.setRange(1900, 9999)
        self.year.setKeyboardTracking(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (("ngày", self.day), ("tháng", self.month), ("năm", self.year)):
            layout.addWidget(QLabel(text, self))
            layout.addWidget(widget)
        layout.addStretch(1)
        self.day.activated.connect(lambda _i: self.edited.emit())
        self.month.activated.connect(lambda _i: self.edited.emit())
        self.year.editingFinished.connect(self._year_edited)
        self._year_value = self.year.value()

    def _year_edited(self) -> None:
        if self.year.value() != self._year_value:
            self._year_value = self.year.value()
            self.edited.emit()

    def set_value(self, date: IssueDate | None, default_year: int) -> None:
        for combo, value in (
            (self.day, date.day if date else None),
            (self.month, date.month if date else None),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.year.blockSignals(True)
        self.year.setValue(date.year if date else default_year)
        self.year.blockSignals(False)
        self._year_value = self.year.value()

    def value(self) -> IssueDate | None:
        """The date shown; None when the month is blank. ValueError for an impossible date
        (31/02) or a day without a month."""
        month = self.month.currentData()
        day = self.day.currentData()
        if month is None and day is None:
            return None
        if month is None:
            raise ValueError("a day needs a month")
        return IssueDate(self.year.value(), month, day)
