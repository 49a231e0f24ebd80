"""Tab "Tổng quan": the picture the head of office looks at. The period's progress, the
trend over the year's quarters, per lead unit (done / in progress / overdue / not
reported), the next deadlines and the units that owe a report or a form. Every bar, badge
and list line opens the check-in (or task) tab filtered to what was clicked.

The figures come from :mod:`cchc_desktop.domain.overview`, the .xlsx report's own figures.
Nothing is computed before the tab has painted; the forms register is read off the GUI
thread (it needs the writing services' table classes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.dates import short_date
from cchc_desktop.domain.overview import (
    NOT_REPORTED,
    OVERDUE,
    UNIT_MEASURES,
    Overview,
    overview,
)
from cchc_desktop.domain.periods import Period, PeriodKind, default_period, report_periods
from cchc_desktop.domain.status import color_of

from cchc_desktop.ui.background import Background
from cchc_desktop.ui.first_paint import on_first_paint
from cchc_desktop.ui.plan_document import PlanDocument
from cchc_desktop.ui.widgets.bar_chart import Badge, BarChart, Row, Segment

TITLE = "Tổng quan"
ROLE_KEY = Qt.ItemDataRole.UserRole


def _colour(key: str) -> str:
    return "not_started" if key == "not_due" else key


class OverviewTab(QWidget):
    # period, unit ("" for all), filter key (domain.overview.state_filter), its label
    checkins_requested = Signal(str, str, str, str)
    task_requested = Signal(str)  # a task key: its check-ins
    unit_tasks_requested = Signal(str)  # a unit: its tasks in the task table

    def __init__(
        self,
        doc: PlanDocument,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
        background: Background | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self._today = today
        self.background = background
        self.figures: Overview | None = None
        self._dirty = True
        self._build()
        self._connect_signals()
        self._on_plan_loaded()

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self._boxes: list[QGroupBox] = []
        self.period = QComboBox(self)
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.progress_chart = BarChart(150, self)
        self.trend_chart = BarChart(150, self)
        self.unit_chart = BarChart(320, self)
        self.deadlines = QListWidget(self)
        self.missing = QListWidget(self)
        self.forms_note = QLabel(self)
        self.forms_note.setWordWrap(True)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        for lst in (self.deadlines, self.missing):
            lst.setMinimumHeight(110)
            lst.setTextElideMode(Qt.TextElideMode.ElideMiddle)
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        top = QHBoxLayout()
        top.addWidget(QLabel("Kỳ báo cáo:", self))
        top.addWidget(self.period)
        top.addSpacing(12)
        top.addWidget(self.headline, 1)

        body = self._body = QWidget(self)
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(
            self._box("Tiến độ thực hiện trong kỳ", self.progress_chart, self.legend), 0, 0
        )
        grid.addWidget(self._box("Xu hướng theo quý (tỷ lệ hoàn thành)", self.trend_chart), 0, 1)
        grid.addWidget(self._box("Theo đơn vị chủ trì", self.unit_chart), 1, 0, 1, 2)
        grid.addWidget(self._box("Hạn sắp tới", self.deadlines), 2, 0)
        grid.addWidget(
            self._box("Đơn vị chưa báo cáo / chưa gửi lại phiếu", self.forms_note, self.missing),
            2, 1,
        )  # fmt: skip
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        hint = QLabel("Bấm vào một thanh, một đơn vị hoặc một dòng để xem danh sách nhiệm vụ.")
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)

    def _box(self, title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        self._boxes.append(box)
        inner = QVBoxLayout(box)
        for widget in widgets:
            inner.addWidget(widget)
        return box

    def _connect_signals(self) -> None:
        self.doc.plan_loaded.connect(self._on_plan_loaded)
        for signal in (
            self.doc.checkins_changed, self.doc.checkin_changed, self.doc.tasks_reset,
            self.doc.task_changed, self.doc.task_inserted, self.doc.task_removed,
            self.doc.units_changed,
        ):  # fmt: skip
            signal.connect(self._mark_dirty)
        self.period.currentIndexChanged.connect(self._mark_dirty)
        self.progress_chart.picked.connect(self._on_progress_picked)
        self.trend_chart.picked.connect(self._on_trend_picked)
        self.unit_chart.picked.connect(self._on_unit_picked)
        self.deadlines.itemActivated.connect(self._on_deadline)
        self.deadlines.itemClicked.connect(self._on_deadline)
        self.missing.itemActivated.connect(self._on_missing)
        self.missing.itemClicked.connect(self._on_missing)

    # -- scope ------------------------------------------------------------------------------
    @property
    def current_period(self) -> Period | None:
        data = self.period.currentData()
        return Period.parse(data) if data else None

    def _on_plan_loaded(self) -> None:
        plan = self.doc.plan
        self.period.blockSignals(True)
        self.period.clear()
        if plan is not None:
            for p in report_periods(plan.year):
                self.period.addItem(p.short_label(), str(p))
            reported = sorted({c.period for c in plan.checkins})
            chosen = default_period(plan.year, self._today(), reported)
            self.period.setCurrentIndex(max(0, self.period.findData(str(chosen))))
        self.period.blockSignals(False)
        self.setEnabled(plan is not None)
        self._mark_dirty()

    def _mark_dirty(self, *_args: Any) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        # Figures after the first paint: the window is on screen first.
        on_first_paint(self.progress_chart, self.refresh_if_dirty)

    def refresh_if_dirty(self) -> None:
        if self._dirty:
            self.refresh()

    # -- figures ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self._dirty = False
        plan, period = self.doc.plan, self.current_period
        if plan is None or period is None:
            self.figures = None
            for chart in (self.progress_chart, self.trend_chart, self.unit_chart):
                chart.set_rows([])
            self.deadlines.clear()
            self.missing.clear()
            self.headline.setText("Chưa có kế hoạch.")
            return
        figures = self.figures = overview(plan, period, self._today())
        self.headline.setText(
            f"<b>{period.short_label()}</b>: {figures.total} nhiệm vụ trong kỳ; hoàn thành "
            f"<b>{figures.percent_done:g}%</b>; quá hạn <b>{figures.overdue}</b> (xét đến "
            f"ngày {short_date(figures.as_of)})."
        )
        self._show_progress(figures)
        self._show_trend(figures)
        self._show_units(figures)
        self._show_deadlines(figures)
        self._show_missing(figures)
        self._load_forms(period)
        # The bars' heights changed: lay the boxes out now, not a few loop turns later (a
        # screenshot or the first look would catch them clipped).
        for widget in (*self._boxes, self._body):
            layout = widget.layout()
            if layout is not None:
                layout.activate()

    def _show_progress(self, f: Overview) -> None:
        segments = [
            # "Chưa đến hạn" has no colour of its own: the palette's "not started" grey.
            Segment(s.key, s.count, f"{s.label}: {s.count} ({s.percent:g}%)", _colour(s.key))
            for s in f.slices
            if s.count
        ]
        badges = [Badge(OVERDUE, f"Quá hạn {f.overdue}", OVERDUE)] if f.overdue else []
        row = Row(str(f.period), f.period.short_label(), segments, f"{f.percent_done:g}%", badges)
        self.legend.setText(
            " &nbsp; ".join(
                f"<span style='background:#{color_of(_colour(s.key))}; border:1px solid #999'>"
                f"&nbsp;&nbsp;&nbsp;&nbsp;</span> {s.label} <b>{s.count}</b>"
                for s in f.slices
                if s.count
            )
        )
        self.progress_chart.set_rows([row])

    def _show_trend(self, f: Overview) -> None:
        rows = [
            Row(
                str(q.period),
                q.period.short_label(),
                [
                    Segment("unit:done", q.done, f"Hoàn thành: {q.done}/{q.total}", "done"),
                    Segment("", q.total - q.done, f"Chưa xong: {q.total - q.done}", "not_started"),
                ],
                f"{q.percent_done:g}%",
                [Badge(OVERDUE, f"QH {q.overdue}", OVERDUE)] if q.overdue else [],
            )
            for q in f.trend
        ]
        self.trend_chart.set_rows(rows)

    def _show_units(self, f: Overview) -> None:
        rows = []
        for u in f.units:
            rest = u.led - u.done - u.in_progress
            segments = [
                Segment("unit:done", u.done, f"Hoàn thành: {u.done}", "done"),
                Segment("unit:in_progress", u.in_progress, f"Đang thực hiện: {u.in_progress}",
                        "in_progress"),
                Segment("", rest, f"Khác: {rest}", "not_started"),
            ]  # fmt: skip
            badges = [
                Badge(f"unit:{key}", f"{label} {value}", key)
                for key, label in UNIT_MEASURES[2:]
                if (value := getattr(u, key))
            ]
            rows.append(Row(u.unit, u.unit, segments, f"{u.done}/{u.led} · {u.percent_done:g}%",
                            badges))  # fmt: skip
        self.unit_chart.set_rows(rows)

    def _show_deadlines(self, f: Overview) -> None:
        self.deadlines.clear()
        for d in f.deadlines:
            lead = ", ".join(d.state.task.lead)
            item = QListWidgetItem(f"{short_date(d.due)} — {d.state.task.name} ({lead})")
            item.setData(ROLE_KEY, d.state.task.key)
            item.setToolTip(f"{d.state.label}. {d.state.task.name}")
            self.deadlines.addItem(item)
        if not f.deadlines:
            self.deadlines.addItem("Không còn hạn nào sắp tới trong kỳ.")

    def _show_missing(self, f: Overview) -> None:
        self.missing.clear()
        order = {u.name: i for i, u in enumerate(self.doc.plan.units if self.doc.plan else [])}
        for unit in sorted(f.missing, key=lambda n: order.get(n, len(order))):
            item = QListWidgetItem(f"{unit}: chưa báo cáo {len(f.missing[unit])} nhiệm vụ")
            item.setData(ROLE_KEY, unit)
            self.missing.addItem(item)
        if not f.missing:
            self.missing.addItem("Mọi nhiệm vụ đến kỳ đã được báo cáo.")

    def _load_forms(self, period: Period) -> None:
        """Who has not sent a form back (the register of forms sent, per quarter)."""
        if period.kind is not PeriodKind.QUARTER or self.background is None:
            self.forms_note.setText("Phiếu của đơn vị: chọn một quý để xem phiếu đã gửi lại.")
            return
        db, plan_id = self.doc.db, self.doc.plan_id

        def work() -> list[Any]:
            from cchc_desktop.services.forms import forms_status

            return forms_status(db, plan_id, period)

        def done(rows: list[Any]) -> None:
            if period == self.current_period and self.doc.is_open:
                self._show_forms(period, rows)

        self.background.run(work, done, lambda _exc: None, "Đang đọc sổ phiếu…")

    def _show_forms(self, period: Period, rows: list[Any]) -> None:
        sent = [r for r in rows if r.forms_sent]
        if not sent:
            self.forms_note.setText(f"Chưa xuất phiếu báo cáo {period.short_label()}.")
            return
        waiting = [r.unit for r in sent if r.returned_at is None]
        if waiting:
            self.forms_note.setText(
                f"<b>Chưa gửi lại phiếu {period.short_label()}</b> ({len(waiting)}/{len(sent)}): "
                + ", ".join(waiting)
            )
        else:
            self.forms_note.setText(f"Mọi đơn vị đã gửi lại phiếu {period.short_label()}.")

    # -- clicks -----------------------------------------------------------------------------
    def _label_of(self, key: str) -> str:
        if key == OVERDUE:
            return "Quá hạn"
        if key.startswith("unit:"):
            return dict(UNIT_MEASURES)[key.removeprefix("unit:")]
        slices = {s.key: s.label for s in self.figures.slices} if self.figures else {}
        return slices.get(key, key)

    def _on_progress_picked(self, period: str, key: str) -> None:
        if key:
            self.checkins_requested.emit(period, "", key, self._label_of(key))
        else:
            self.checkins_requested.emit(period, "", "", "")

    def _on_trend_picked(self, period: str, key: str) -> None:
        self.checkins_requested.emit(period, "", key, self._label_of(key) if key else "")

    def _on_unit_picked(self, unit: str, key: str) -> None:
        if not key:
            self.unit_tasks_requested.emit(unit)
            return
        period = str(self.current_period)
        self.checkins_requested.emit(period, unit, key, self._label_of(key))

    def _on_deadline(self, item: QListWidgetItem) -> None:
        key = item.data(ROLE_KEY)
        if key:
            self.task_requested.emit(str(key))

    def _on_missing(self, item: QListWidgetItem) -> None:
        unit = item.data(ROLE_KEY)
        if unit:
            key = f"unit:{NOT_REPORTED}"
            self.checkins_requested.emit(str(self.current_period), str(unit), key, "Chưa báo cáo")
