"""Tab "Báo cáo": the period report's own words, pre-filled from the data and kept.

The clerk picks one of the four reports of the year (Quý I, 6 tháng, Quý III, Năm), types
the report's số, date, Kính gửi and extra Nơi nhận, and edits each narrative section of the
outline, which opens filled from the check-ins. "Lưu" stores what was typed
(``services.reports``); a section left as the data wrote it keeps following the data.
"Cập nhật số liệu" recomputes the data part: sections the clerk wrote stay as written and
are marked when their data have changed since. The warnings the export would print are
listed; a click on one about a task opens that task in "Theo dõi thực hiện".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.dates import short_date
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report_calendar import calendar
from cchc_desktop.domain.report_record import (
    NARRATIVE_HEADINGS,
    NARRATIVE_KEYS,
    ReportRecord,
    changed_sections,
)
from cchc_desktop.errors import ConflictError, UserError

from cchc_desktop.ui.first_paint import on_first_paint
from cchc_desktop.ui.plan_document import PlanDocument

DATA_MARK = "theo số liệu"
WRITTEN_MARK = "đã soạn"
CHANGED_MARK = "đã soạn — số liệu đã thay đổi kể từ khi soạn"


class ReportTab(QWidget):
    task_requested = Signal(str)  # a warning about this task was clicked

    def __init__(self, doc: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.record: ReportRecord | None = None
        self.data_texts: dict[str, str] = {}
        # The data part (python-docx-free, but the whole report's text) is computed after the
        # tab's first paint, never on the start-up path (tests/ui/test_startup_path.py).
        self._ready = False
        self._build()
        self._connect_signals()
        self._fill_periods()
        on_first_paint(self, self._on_first_paint)

    def _on_first_paint(self) -> None:
        if not self._ready:
            self._ready = True
            self.refresh_data()

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.period_box = QComboBox(self)
        self.due_label = QLabel(self)
        self.number_edit = QLineEdit(self)
        self.number_edit.setPlaceholderText("số báo cáo, ví dụ 125")
        self.date_edit = QLineEdit(self)
        self.date_edit.setPlaceholderText("năm-tháng-ngày, ví dụ 2022-06-18")
        self.to_edit = QLineEdit(self)
        self.to_edit.setPlaceholderText("ngăn cách bằng dấu ;")
        self.cc_edit = QLineEdit(self)
        self.cc_edit.setPlaceholderText("sau “- Như trên;”, ngăn cách bằng dấu ;")
        self.save_button = QPushButton("Lưu báo cáo", self)
        self.refresh_button = QPushButton("Cập nhật số liệu", self)
        self.warnings = QListWidget(self)
        self.warnings.setWordWrap(True)
        self.warnings.setMaximumHeight(130)

        top = QHBoxLayout()
        top.addWidget(QLabel("Kỳ báo cáo:", self))
        top.addWidget(self.period_box)
        top.addWidget(self.due_label, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.save_button)
        form = QFormLayout()
        form.addRow("Số:", self.number_edit)
        form.addRow("Ngày ký:", self.date_edit)
        form.addRow("Kính gửi:", self.to_edit)
        form.addRow("Nơi nhận thêm:", self.cc_edit)

        sections = QWidget(self)
        column = QVBoxLayout(sections)
        self.section_edits: dict[str, QPlainTextEdit] = {}
        self.section_marks: dict[str, QLabel] = {}
        for key in NARRATIVE_KEYS:
            heading = QLabel(f"<b>{NARRATIVE_HEADINGS[key]}</b>", sections)
            mark = QLabel(sections)
            mark.setStyleSheet("color: #555;")
            row = QHBoxLayout()
            row.addWidget(heading)
            row.addWidget(mark, 1)
            edit = QPlainTextEdit(sections)
            edit.setMinimumHeight(90)
            column.addLayout(row)
            column.addWidget(edit)
            self.section_edits[key] = edit
            self.section_marks[key] = mark
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(sections)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(QLabel("Cảnh báo trước khi xuất:", self))
        layout.addWidget(self.warnings)
        layout.addWidget(scroll, 1)

    def _connect_signals(self) -> None:
        self.period_box.currentIndexChanged.connect(self._on_period_changed)
        self.save_button.clicked.connect(self.save)
        self.refresh_button.clicked.connect(self.refresh_data)
        self.warnings.itemActivated.connect(self._on_warning)
        self.warnings.itemClicked.connect(self._on_warning)
        self.doc.plan_loaded.connect(self._fill_periods)
        self.doc.checkins_changed.connect(self.refresh_data)
        self.doc.checkin_changed.connect(lambda _key: self.refresh_data())

    # -- state --------------------------------------------------------------------------
    @property
    def period(self) -> Period | None:
        data = self.period_box.currentData()
        return data if isinstance(data, Period) else None

    def _fill_periods(self) -> None:
        self.period_box.blockSignals(True)
        self.period_box.clear()
        plan = self.doc.plan
        if plan is not None:
            for slot in calendar(plan.year, plan.organization.cutoff_day):
                self.period_box.addItem(slot.menu_label, slot.period)
        self.period_box.blockSignals(False)
        self._on_period_changed()

    def select_period(self, period: Period) -> None:
        self._ready = True
        # findData compares Python objects by identity: look the period up by value.
        for index in range(self.period_box.count()):
            if self.period_box.itemData(index) == period:
                if index == self.period_box.currentIndex():
                    self.refresh_data()
                self.period_box.setCurrentIndex(index)
                return

    def _on_period_changed(self) -> None:
        period, plan = self.period, self.doc.plan
        if period is None or plan is None:
            return
        from cchc_desktop.domain.report_calendar import slot

        s = slot(period, plan.organization.cutoff_day)
        self.due_label.setText(
            f"số liệu từ {short_date(s.window[0])} đến {short_date(s.window[1])}; "
            f"hạn gửi {short_date(s.due)}"
        )
        record = plan.report(period)
        self.record = record if record is not None else ReportRecord(period)
        self._show_record()
        self.data_texts = {}
        if self._ready:
            self.refresh_data()

    def _show_record(self) -> None:
        r = self.record
        assert r is not None
        self.number_edit.setText(r.number)
        self.date_edit.setText(r.issued_on.iso() if r.issued_on else "")
        self.to_edit.setText("; ".join(r.addressees))
        self.cc_edit.setText("; ".join(r.recipients))

    def refresh_data(self) -> None:
        """Recompute the data part; written sections stay, data-following ones follow."""
        plan, record = self.doc.plan, self.record
        if plan is None or record is None or not self._ready:
            return
        from cchc_desktop.exports.report_text import build_report

        previous = dict(self.data_texts)
        report = build_report(plan, record.period, record=record)
        self.data_texts = report.data_texts
        if not self.to_edit.text().strip():
            self.to_edit.setPlaceholderText("; ".join(report.addressees))
        changed = set(changed_sections(record, self.data_texts))
        for key in NARRATIVE_KEYS:
            edit = self.section_edits[key]
            written = record.text(key)
            shown = edit.toPlainText()
            follows = not written and (not shown or shown == previous.get(key, shown))
            if follows or not previous:
                edit.setPlainText(written or self.data_texts[key])
            mark = CHANGED_MARK if key in changed else WRITTEN_MARK if written else DATA_MARK
            self.section_marks[key].setText(f"({mark})")
        self.warnings.clear()
        for warning in report.warnings:
            item = QListWidgetItem(warning.message, self.warnings)
            item.setData(Qt.ItemDataRole.UserRole, warning.task)

    def _on_warning(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if key:
            self.task_requested.emit(str(key))

    def save(self) -> bool:
        """Store what is typed; a section equal to the data text keeps following the data."""
        plan, record = self.doc.plan, self.record
        if plan is None or record is None:
            return False
        if not self.data_texts:  # nothing to compare with yet: the data first
            self._ready = True
            self.refresh_data()
        from cchc_desktop.services.reports import save_report, set_field

        try:
            set_field(record, "number", self.number_edit.text())
            if self.date_edit.text().strip():
                set_field(record, "date", self.date_edit.text())
            else:
                record.issued_on = None
            set_field(record, "to", self.to_edit.text())
            set_field(record, "cc", self.cc_edit.text())
            for key in NARRATIVE_KEYS:
                text = self.section_edits[key].toPlainText().strip()
                data = self.data_texts.get(key, "")
                if text == data.strip():
                    record.narrative.pop(key, None)
                    record.basis.pop(key, None)
                elif text != record.text(key):
                    record.set_text(key, text, data)
            # Against the version this tab read (server mode): another clerk's save since is
            # refused with both versions, and the tab shows theirs (reloaded).
            stored = save_report(
                self.doc.db, self.doc.plan_id, record, expected_version=record.version
            )
        except UserError as err:
            self.doc.refused.emit(err.message)
            if isinstance(err, ConflictError):
                self.doc.reload()
                self._on_period_changed()
            return False
        plan.reports = [r for r in plan.reports if r.period != stored.period] + [stored]
        self.doc.message.emit(f"Đã lưu báo cáo {stored.period.label()}.")
        self.refresh_data()
        return True
