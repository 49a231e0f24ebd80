"""Tab "Tổng quan": its figures are the .xlsx report's, cell for cell, for the same plan and
period; a click opens the check-in tab filtered to what was clicked."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.domain.overview import overview
from cchc_desktop.domain.periods import Period
from cchc_desktop.exports.xlsx_report import SUMMARY_SHEET
from cchc_desktop.exports.xlsx_report_annex import ANNEX_SHEET
from tests.exports.xlsx_read import report_workbook

from cchc_desktop.ui.main_window import TAB_CHECKINS, TAB_OVERVIEW

TODAY = dt.date(2022, 8, 20)  # as tests/ui/conftest.py

pytestmark = pytest.mark.gui


def _rows_by_label(ws, first_row: int = 9) -> dict[str, list[object]]:  # type: ignore[no-untyped-def]
    """Column B's label → the figures to its right, for the first occurrence of each label."""
    out: dict[str, list[object]] = {}
    for row in ws.iter_rows(min_row=first_row, values_only=True):
        label = row[1]
        if isinstance(label, str) and label not in out:
            out[label] = list(row[2:])
    return out


@pytest.mark.parametrize("period", ["2022-Q2", "2022-Q3", "2022-H1", "2022"])
def test_dashboard_figures_are_the_xlsx_report_cells(hai_duong_plan, period) -> None:  # type: ignore[no-untyped-def]
    chosen = Period.parse(period)
    figures = overview(hai_duong_plan, chosen, TODAY)
    wb = report_workbook(hai_duong_plan, chosen, figures.as_of)
    cells = _rows_by_label(wb[SUMMARY_SHEET])
    assert cells["Tổng số nhiệm vụ trong kỳ"][0] == figures.total
    assert cells["Quá hạn"][0] == figures.overdue
    # The period's classes: the one partition, as the "Phụ lục" sheet prints it (label in
    # B, count in C, share in E; a class with no task is left out there).
    annex = _rows_by_label(wb[ANNEX_SHEET], first_row=5)
    assert annex["Tổng số nhiệm vụ trong kỳ"][0] == figures.total
    for s in figures.slices:
        if s.count:
            assert annex[s.label][0] == s.count, s.label
            assert annex[s.label][2] == pytest.approx(s.percent / 100)
        else:
            assert s.label not in annex
    note = next(
        c
        for row in wb[ANNEX_SHEET].iter_rows(values_only=True)
        for c in row
        if isinstance(c, str) and c.startswith("Ngoài ra:")
    )
    assert note.startswith(f"Ngoài ra: {figures.overdue} nhiệm vụ quá hạn")
    assert sum(s.count for s in figures.slices) == figures.total
    assert sum(s.percent for s in figures.slices if s.count) == pytest.approx(100.0)
    for u in figures.units:
        assert cells[u.unit][:6] == [
            u.led, u.done, u.in_progress, u.overdue, u.not_reported,
            pytest.approx(u.percent_done / 100),
        ]  # fmt: skip
    assert figures.total > 0 and figures.units


def test_dashboard_trend_is_the_year_report_quarter_blocks(hai_duong_plan) -> None:  # type: ignore[no-untyped-def]
    year = Period.parse("2022")
    figures = overview(hai_duong_plan, Period.parse("2022-Q3"), TODAY)
    ws = report_workbook(hai_duong_plan, year, TODAY)[SUMMARY_SHEET]
    totals = _rows_by_label(ws)["Tổng số nhiệm vụ trong kỳ"]
    done = _rows_by_label(ws)["Hoàn thành"]
    late = _rows_by_label(ws)["Hoàn thành chậm"]
    # Blocks: the whole year, then each quarter begun by TODAY (20/8: Q1-Q3), two columns each.
    assert [q.period.index for q in figures.trend] == [1, 2, 3]
    for i, q in enumerate(figures.trend, start=1):
        assert totals[2 * i] == q.total
        assert done[2 * i] + late[2 * i] == q.done


def test_the_tab_draws_the_figures_and_a_click_filters_the_checkins(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    tab = window.overview_tab
    qtbot.waitUntil(lambda: tab.figures is not None)
    figures = tab.figures
    assert tab.current_period == Period.parse("2022-Q3")
    assert [r.label for r in tab.unit_chart.rows] == [u.unit for u in figures.units]
    assert tab.deadlines.count() >= 1
    tab.grab()  # painted: the bars know where they are
    # Click the segment of the period bar's largest class.
    biggest = max(figures.slices, key=lambda s: s.count)
    hits = {(row, key): rect for rect, row, key in tab.progress_chart.hit_rects()}
    rect = hits[("2022-Q3", biggest.key)]
    qtbot.mouseClick(tab.progress_chart, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentIndex() == TAB_CHECKINS
    checkins = window.checkins_tab
    assert checkins.current_period == Period.parse("2022-Q3")
    assert checkins.proxy.rowCount() == biggest.count > 0
    assert checkins.filter_label.text() == f"Lọc: {biggest.label}"
    checkins.clear_filter_button.click()
    assert checkins.proxy.rowCount() == figures.total


def test_a_unit_badge_counts_the_rows_it_opens(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    tab = window.overview_tab
    qtbot.waitUntil(lambda: tab.figures is not None)
    unit = next(u for u in tab.figures.units if u.not_reported or u.overdue)
    key = "unit:not_reported" if unit.not_reported else "unit:overdue"
    tab.unit_chart.picked.emit(unit.unit, key)
    checkins = window.checkins_tab
    assert checkins.proxy.rowCount() == (unit.not_reported or unit.overdue)
    assert unit.unit in checkins.filter_label.text()
