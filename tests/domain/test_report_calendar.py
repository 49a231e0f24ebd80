"""The reporting calendar (581/BNV-CCHC): windows, due dates, labels, configurable cut-off."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report_calendar import (
    calendar,
    due_date,
    is_report_period,
    next_report,
    report_periods,
    slot,
    window_of,
)

D = dt.date


def test_four_reports_of_a_year_with_their_windows_and_due_dates() -> None:
    rows = [(str(s.period), s.window, s.due, s.title) for s in calendar(2022)]
    assert rows == [
        ("2022-Q1", (D(2021, 12, 15), D(2022, 3, 14)), D(2022, 3, 20), "quý I năm 2022"),
        ("2022-H1", (D(2021, 12, 15), D(2022, 6, 14)), D(2022, 6, 20), "6 tháng đầu năm 2022"),
        ("2022-Q3", (D(2022, 6, 15), D(2022, 9, 14)), D(2022, 9, 20), "quý III năm 2022"),
        ("2022", (D(2021, 12, 15), D(2022, 12, 14)), D(2022, 12, 20), "năm 2022"),
    ]


def test_cutoff_day_is_the_organizations() -> None:
    q1 = slot(Period.parse("2022-Q1"), cutoff_day=10)
    assert q1.window == (D(2021, 12, 10), D(2022, 3, 9))
    assert q1.due == D(2022, 3, 20)  # the due day does not move with the cut-off


def test_report_periods_are_q1_h1_q3_year() -> None:
    assert [str(p) for p in report_periods(2023)] == ["2023-Q1", "2023-H1", "2023-Q3", "2023"]
    assert [is_report_period(Period.parse(t)) for t in ("2022-Q2", "2022-Q4", "2022-H2")] == [
        False,
        False,
        False,
    ]
    assert is_report_period(Period.parse("2022-H1"))


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (D(2021, 12, 14), "2021-Q4"),
        (D(2021, 12, 15), "2022-Q1"),
        (D(2022, 3, 14), "2022-Q1"),
        (D(2022, 3, 15), "2022-Q2"),
        (D(2022, 6, 14), "2022-Q2"),
        (D(2022, 6, 15), "2022-Q3"),
        (D(2022, 12, 14), "2022-Q4"),
        (D(2022, 12, 31), "2023-Q1"),
    ],
)
def test_window_of_a_day(day: dt.date, quarter: str) -> None:
    assert str(window_of(day)) == quarter


def test_window_contains_and_next_report() -> None:
    q1 = slot(Period.parse("2022-Q1"))
    assert q1.contains(D(2022, 3, 14)) and not q1.contains(D(2022, 3, 15))
    assert str(next_report(D(2022, 3, 20)).period) == "2022-Q1"
    assert str(next_report(D(2022, 3, 21)).period) == "2022-H1"
    assert str(next_report(D(2022, 12, 21)).period) == "2023-Q1"
    assert due_date(Period.parse("2022-H2")) == D(2022, 12, 20)
