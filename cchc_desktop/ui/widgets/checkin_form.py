"""The check-in of one task for one quarter, field by field.

The form holds no state of its own: it shows a check-in and reports each field the clerk
changes as ``edited(field, value)``; the tab turns that into a ``RecordCheckin``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.model import CheckIn, Evidence, Task, Unit, format_number
from cchc_desktop.domain.report_checks import SCOPE_LABELS
from cchc_desktop.domain.status import STATUS_COLORS, STATUS_LABELS, Status

from cchc_desktop.ui.models.list_models import EvidenceListModel
from cchc_desktop.ui.widgets.editors import CommitLineEdit, CommitTextEdit
from cchc_desktop.ui.widgets.list_editor import evidence_editor

# QDateEdit cannot be empty: its minimum date stands for "no date" and shows blank.
_NO_DATE = QDate(2000, 1, 1)


def entered_text(checkin: CheckIn | None) -> str:
    """ "Nhập bởi <clerk> lúc <time> ngày <date>" (local time) of a stored answer; "" for
    none. Times read back from SQLite carry no zone: they were stored in UTC."""
    if checkin is None or not (checkin.edited_by or checkin.edited_at):
        return ""
    text = f"Nhập bởi {checkin.edited_by or '(không rõ)'}"
    if checkin.edited_at is not None:
        at = checkin.edited_at
        local = (at if at.tzinfo else at.replace(tzinfo=dt.UTC)).astimezone()
        text += f" lúc {local:%H:%M} ngày {local:%d/%m/%Y}"
    return text


class CheckinForm(QWidget):
    edited = Signal(str, object)  # CheckIn field name, new value
    attach_requested = Signal(int)  # the evidence row to attach a file to (-1: a new row)
    open_requested = Signal(object)  # the Evidence whose stored file to open

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task_label = QLabel(self)
        self.task_label.setWordWrap(True)
        self.task_label.setStyleSheet("font-weight: bold;")
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        self.status = QComboBox(self)
        for status in Status:
            self.status.addItem(STATUS_LABELS[status], status.value)
            self.status.setItemData(
                self.status.count() - 1,
                QColor(f"#{STATUS_COLORS[status]}"),
                Qt.ItemDataRole.BackgroundRole,
            )
        self.progress = CommitLineEdit(self, "0–100")
        self.progress.setMaximumWidth(80)
        # Digits and an optional "%" only (issue 17, point 8): a letter cannot be typed, and
        # "50%" is taken as 50 instead of being refused and cleared.
        self.progress.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\s*\d{0,3}\s*%?\s*"), self)
        )
        self.progress.setToolTip("Số nguyên từ 0 đến 100, ví dụ 50 hoặc 50%")
        self.result = CommitTextEdit(self, "Kết quả thực hiện trong quý", lines=3)
        self.achieved = CommitLineEdit(self, "số lượng")
        self.achieved.setMaximumWidth(100)
        self.target_label = QLabel(self)
        self.evidence = EvidenceListModel(self._on_evidence, self)
        self.evidence_editor = evidence_editor(self.evidence, self)
        lines = self.fontMetrics().lineSpacing()
        self.evidence_editor.view.setMinimumHeight(lines * 3)
        self.evidence_editor.view.setMaximumHeight(lines * 6)
        self.attach_button = QPushButton("Đính kèm tệp…", self)
        self.attach_button.setToolTip(
            "Chép một tệp (biên bản, quyết định, ảnh…) vào dữ liệu của phần mềm và gắn vào tài "
            "liệu đang chọn (hoặc thêm tài liệu mới mang tên tệp)"
        )
        self.open_button = QPushButton("Mở tệp", self)
        self.open_button.setToolTip("Mở bản sao đã lưu của tệp đính kèm")
        evidence_box = QWidget(self)
        evidence_layout = QVBoxLayout(evidence_box)
        evidence_layout.setContentsMargins(0, 0, 0, 0)
        evidence_layout.addWidget(self.evidence_editor)
        file_row = QHBoxLayout()
        file_row.addWidget(self.attach_button)
        file_row.addWidget(self.open_button)
        file_row.addStretch(1)
        evidence_layout.addLayout(file_row)
        self.difficulties = CommitTextEdit(self, "Khó khăn, vướng mắc", lines=2)
        self.proposals = CommitTextEdit(self, "Đề xuất, kiến nghị", lines=2)
        # Who each is for: only "gửi cấp trên" goes into the period report (issue 13);
        # "tự động" lets the rule decide (a proposal to the organization's own units is
        # internal). Internal ones stay here and in the .xlsx working file.
        self.difficulties_scope = self._scope_box()
        self.proposals_scope = self._scope_box()
        self.reported_by = QComboBox(self)
        self.reported_on = QDateEdit(self)
        self.reported_on.setCalendarPopup(True)
        self.reported_on.setDisplayFormat("dd/MM/yyyy")
        self.reported_on.setMinimumDate(_NO_DATE)
        self.reported_on.setSpecialValueText(" ")

        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress)
        progress_row.addStretch(1)
        achieved_row = QHBoxLayout()
        achieved_row.addWidget(self.achieved)
        achieved_row.addWidget(self.target_label, 1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.task_label)
        form.addRow(self.state_label)
        form.addRow("Trạng thái:", self.status)
        form.addRow("Tiến độ (%):", progress_row)
        form.addRow("Kết quả:", self.result)
        form.addRow("Đạt được:", achieved_row)
        form.addRow("Kiểm chứng:", evidence_box)
        form.addRow("Khó khăn:", self.difficulties)
        form.addRow("", self.difficulties_scope)
        form.addRow("Đề xuất:", self.proposals)
        form.addRow("", self.proposals_scope)
        form.addRow("Đơn vị báo cáo:", self.reported_by)
        form.addRow("Ngày báo cáo:", self.reported_on)
        # Who stored this answer last, and when (issue 19: several clerks on one server).
        self.entered_label = QLabel(self)
        self.entered_label.setStyleSheet("color: palette(mid);")
        form.addRow(self.entered_label)
        self._connect_signals()
        self.show_checkin(None, None, [], "", "")

    def _scope_box(self) -> QComboBox:
        box = QComboBox(self)
        for value, label in SCOPE_LABELS.items():
            box.addItem(label, value)
        box.setToolTip("Chỉ nội dung “Gửi cấp trên” được đưa vào báo cáo định kỳ")
        return box

    def _connect_signals(self) -> None:
        self.status.activated.connect(
            lambda _i: self.edited.emit("status", Status(self.status.currentData()))
        )
        self.progress.committed.connect(lambda text: self.edited.emit("progress", text))
        self.result.committed.connect(lambda text: self.edited.emit("result", text))
        self.achieved.committed.connect(lambda text: self.edited.emit("achieved", text))
        self.difficulties.committed.connect(lambda text: self.edited.emit("difficulties", text))
        self.proposals.committed.connect(lambda text: self.edited.emit("proposals", text))
        for name, box in (
            ("difficulties_scope", self.difficulties_scope),
            ("proposals_scope", self.proposals_scope),
        ):
            box.activated.connect(
                lambda _i, name=name, box=box: self.edited.emit(name, box.currentData() or "")
            )
        self.reported_by.activated.connect(
            lambda _i: self.edited.emit("reported_by", self.reported_by.currentData() or "")
        )
        self.reported_on.editingFinished.connect(self._on_date)
        self.attach_button.clicked.connect(self._on_attach)
        self.open_button.clicked.connect(self._on_open)
        self.evidence_editor.view.selectionModel().currentRowChanged.connect(
            self._update_file_buttons
        )
        self.evidence.modelReset.connect(self._update_file_buttons)

    def show_checkin(
        self,
        task: Task | None,
        checkin: CheckIn | None,
        units: list[Unit],
        title: str,
        state_text: str,
    ) -> None:
        """Show ``checkin`` (None: nothing recorded yet) of ``task``; no signal is emitted."""
        self.setEnabled(task is not None)
        self.task_label.setText(title)
        self.state_label.setText(state_text)
        c = checkin
        self.status.setCurrentIndex(
            max(self.status.findData(c.status.value), 0)
            if c
            else self.status.findData(Status.IN_PROGRESS.value)
        )
        if c is None:
            self.status.setCurrentIndex(-1)
        self.progress.set_value(str(c.progress) if c else "")
        self.result.set_value(c.result if c else "")
        self.achieved.set_value(format_number(c.achieved) if c and c.achieved is not None else "")
        target = task.target if task else None
        self.target_label.setText(f"/ {target.format()}" if target else "(không có chỉ tiêu)")
        self.evidence.set_items(c.evidence if c else [])
        self.difficulties.set_value(c.difficulties if c else "")
        self.proposals.set_value(c.proposals if c else "")
        for box, value in (
            (self.difficulties_scope, c.difficulties_scope if c else ""),
            (self.proposals_scope, c.proposals_scope if c else ""),
        ):
            box.setCurrentIndex(max(box.findData(value), 0))
        self.reported_by.clear()
        self.reported_by.addItem("", "")
        for unit in units:
            self.reported_by.addItem(unit.name, unit.name)
        self.reported_by.setCurrentIndex(
            max(self.reported_by.findData(c.reported_by), 0) if c else 0
        )
        self.reported_on.blockSignals(True)
        day = c.reported_on if c else None
        self.reported_on.setDate(QDate(day.year, day.month, day.day) if day else _NO_DATE)
        self.reported_on.blockSignals(False)
        self._shown_date = day
        self.entered_label.setText(entered_text(c))

    def _on_date(self) -> None:
        d = self.reported_on.date()
        day = None if d == _NO_DATE else dt.date(d.year(), d.month(), d.day())
        if day != getattr(self, "_shown_date", None):
            self._shown_date = day
            self.edited.emit("reported_on", day)

    def _on_evidence(self, items: list[Evidence]) -> bool:
        self.edited.emit("evidence", items)
        return True

    def current_evidence(self) -> tuple[int, Evidence | None]:
        """The selected evidence row and its item; (-1, None) when none is selected."""
        row = self.evidence_editor.current_row()
        items = self.evidence.items
        return (row, items[row]) if 0 <= row < len(items) else (-1, None)

    def _update_file_buttons(self, *_args: object) -> None:
        _row, item = self.current_evidence()
        self.open_button.setEnabled(item is not None and bool(item.file))

    def _on_attach(self) -> None:
        row, item = self.current_evidence()
        # A selected row without a file gets it; otherwise the file is a new document.
        self.attach_requested.emit(row if item is not None and not item.file else -1)

    def _on_open(self) -> None:
        _row, item = self.current_evidence()
        if item is not None and item.file:
            self.open_requested.emit(item)

    def focus_result(self) -> Any:
        self.result.setFocus()
