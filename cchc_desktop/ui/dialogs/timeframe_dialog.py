"""Edit a task's timeframe: the kind (recurring, year, quarters, months, deadline), its
values, and the label printed in the appendix (written from the kind unless typed).

A value that breaks a rule (no quarter ticked, a deadline outside the plan's year) is
refused in the dialog with the service's own Vietnamese message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.numbering import roman
from cchc_desktop.domain.timeframes import TIMEFRAME_KIND_LABELS, Timeframe, TimeframeKind

from cchc_desktop.ui.widgets.buttons import error_label, ok_cancel

# Returns the refusal message for a timeframe, or None when it can be stored.
Validator = Callable[[Timeframe], str | None]


class TimeframeEditor(QWidget):
    """The kind, its values and the printed label; in its own dialog (``TimeframeDialog``)
    and inside the task dialog."""

    edited = Signal()  # any change (the dialog clears its refusal)

    def __init__(self, timeframe: Timeframe, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._year = year
        self.kind = QComboBox(self)
        for kind in TimeframeKind:
            self.kind.addItem(TIMEFRAME_KIND_LABELS[kind], kind.value)
        self.pages = QStackedWidget(self)
        self.quarters = [QCheckBox(f"Quý {roman(q)}", self) for q in range(1, 5)]
        self.months = [QCheckBox(f"Tháng {m}", self) for m in range(1, 13)]
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd/MM/yyyy")
        self._build_pages()
        self.label = QLineEdit(self)
        self.auto_label = QCheckBox("Tự ghi theo loại thời gian", self)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Loại thời gian:", self.kind)
        form.addRow(self.pages)
        form.addRow("Ghi trong phụ lục:", self.label)
        form.addRow("", self.auto_label)
        self._load(timeframe)
        self._connect_signals()
        self._refresh_label()

    def _build_pages(self) -> None:
        def page(text: str) -> QWidget:
            widget = QWidget(self)
            box = QVBoxLayout(widget)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(QLabel(text, widget))
            return widget

        self.pages.addWidget(page("Thực hiện thường xuyên, báo cáo mỗi quý."))
        self.pages.addWidget(page(f"Thực hiện trong năm {self._year}, hoàn thành cuối năm."))
        quarters = QWidget(self)
        row = QHBoxLayout(quarters)
        row.setContentsMargins(0, 0, 0, 0)
        for box in self.quarters:
            row.addWidget(box)
        self.pages.addWidget(quarters)
        months = QWidget(self)
        grid = QGridLayout(months)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.months):
            grid.addWidget(box, i // 6, i % 6)
        self.pages.addWidget(months)
        deadline = QWidget(self)
        line = QHBoxLayout(deadline)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel("Hoàn thành trước ngày:", deadline))
        line.addWidget(self.due)
        line.addStretch(1)
        self.pages.addWidget(deadline)

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind)
        for box in (*self.quarters, *self.months):
            box.toggled.connect(self._refresh_label)
        self.due.dateChanged.connect(self._refresh_label)
        self.auto_label.toggled.connect(self._refresh_label)

    def _load(self, tf: Timeframe) -> None:
        self.kind.setCurrentIndex(list(TimeframeKind).index(tf.kind))
        self.pages.setCurrentIndex(self.kind.currentIndex())
        for q, box in enumerate(self.quarters, start=1):
            box.setChecked(q in tf.quarters)
        for m, box in enumerate(self.months, start=1):
            box.setChecked(m in tf.months)
        due = tf.due or dt.date(self._year, 12, 31)
        self.due.setDate(QDate(due.year, due.month, due.day))
        automatic = not tf.label or tf.label == tf.default_label(self._year)
        self.auto_label.setChecked(automatic)
        self.label.setText(tf.label or tf.default_label(self._year))

    def _on_kind(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self._refresh_label()

    def _refresh_label(self, *_args: object) -> None:
        automatic = self.auto_label.isChecked()
        self.label.setReadOnly(automatic)
        if automatic:
            self.label.setText(self._build(with_label=False).default_label(self._year))
        self.edited.emit()

    def _build(self, with_label: bool = True) -> Timeframe:
        kind = TimeframeKind(self.kind.currentData())
        tf = Timeframe(kind=kind)
        if kind is TimeframeKind.QUARTERS:
            tf.quarters = [q for q, box in enumerate(self.quarters, start=1) if box.isChecked()]
        elif kind is TimeframeKind.MONTHS:
            tf.months = [m for m, box in enumerate(self.months, start=1) if box.isChecked()]
        elif kind is TimeframeKind.DEADLINE:
            d = self.due.date()
            tf.due = dt.date(d.year(), d.month(), d.day())
        if with_label:
            tf.label = " ".join(self.label.text().split())
        return tf

    def timeframe(self) -> Timeframe:
        return self._build()


class TimeframeDialog(QDialog):
    def __init__(
        self,
        timeframe: Timeframe,
        year: int,
        validate: Validator | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thời gian thực hiện")
        self._validate = validate or (lambda _tf: None)
        self.editor = TimeframeEditor(timeframe, year, self)
        editor = self.editor
        self.kind, self.quarters, self.months = editor.kind, editor.quarters, editor.months
        self.due, self.label, self.auto_label = editor.due, editor.label, editor.auto_label
        self.error = error_label(self, wrap=True)
        self.buttons = ok_cancel(self, "Đồng ý")
        layout = QVBoxLayout(self)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        editor.edited.connect(self.error.clear)

    def timeframe(self) -> Timeframe:
        return self.editor.timeframe()

    def _on_accept(self) -> None:
        message = self._validate(self.timeframe())
        if message:
            self.error.setText(message)
            return
        self.accept()
