"""The reporting calendar of the CCHC regime (Bộ Nội vụ, 581/BNV-CCHC): four reports a year.

- Quý I (``2022-Q1``): data 15/12 of the year before → 14/3;
- 6 tháng (``2022-H1``, the second quarter's report): 15/12 → 14/6;
- Quý III (``2022-Q3``): 15/6 → 14/9;
- Năm (``2022``, the fourth quarter's report): 15/12 → 14/12;

each due by the 20th of the period's last month. The cut-off day (15 above) is the
organization's setting (``Organization.cutoff_day``); the windows themselves are computed by
:meth:`Period.cutoff`, never a second time here. Pure: dates only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc_desktop.domain.periods import DEFAULT_CUTOFF_DAY, Period, PeriodKind

# The report is due by this day of the period's last month.
DUE_DAY = 20


@dataclass(frozen=True, slots=True)
class ReportSlot:
    """One of the four reports of a year: its period, data window and due date."""

    period: Period
    window: tuple[dt.date, dt.date]
    due: dt.date

    @property
    def title(self) -> str:
        """As in a report title: "quý I năm 2022", "6 tháng đầu năm 2022", "năm 2022"."""
        return self.period.label()

    @property
    def menu_label(self) -> str:
        """Compact, for a period picker: "Quý I/2022", "6 tháng đầu năm 2022", "Năm 2022"."""
        return self.period.short_label()

    def contains(self, day: dt.date) -> bool:
        """Whether data dated ``day`` belong to this report's window."""
        return self.window[0] <= day <= self.window[1]


def report_periods(year: int) -> tuple[Period, ...]:
    """The four report periods of ``year``, in order: Q1, H1, Q3, the year."""
    return (
        Period.quarter(year, 1),
        Period(year, PeriodKind.HALF, 1),
        Period.quarter(year, 3),
        Period(year, PeriodKind.YEAR),
    )


def is_report_period(period: Period) -> bool:
    """One of the four periods a report is sent for (Q2, Q4 and H2 are not)."""
    return period in report_periods(period.year)


def slot(period: Period, cutoff_day: int = DEFAULT_CUTOFF_DAY) -> ReportSlot:
    """Window and due date of the report of ``period`` (any period: a quarter's own window
    for Q2/Q4, 15/6 → 14/12 for H2)."""
    return ReportSlot(period, period.cutoff(cutoff_day), due_date(period))


def calendar(year: int, cutoff_day: int = DEFAULT_CUTOFF_DAY) -> tuple[ReportSlot, ...]:
    """The year's four reports."""
    return tuple(slot(p, cutoff_day) for p in report_periods(year))


def due_date(period: Period) -> dt.date:
    """The 20th of the period's last month: 20/3, 20/6, 20/9, 20/12."""
    return dt.date(period.year, period.last_month, DUE_DAY)


def window_of(day: dt.date, cutoff_day: int = DEFAULT_CUTOFF_DAY) -> Period:
    """The quarter whose data window holds ``day``: 15/12/2021 → 2022-Q1, 14/3/2022 → 2022-Q1,
    15/3/2022 → 2022-Q2. A check-in dated after a window's cut-off counts in the next one."""
    for q in (1, 2, 3, 4):
        start, end = Period.quarter(day.year, q).cutoff(cutoff_day)
        if start <= day <= end:
            return Period.quarter(day.year, q)
    # From the cut-off day of December on: the first quarter of the next year.
    return Period.quarter(day.year + 1, 1)


def next_report(today: dt.date, cutoff_day: int = DEFAULT_CUTOFF_DAY) -> ReportSlot:
    """The first of the four reports not yet due at ``today`` (due day included)."""
    for year in (today.year, today.year + 1):
        for s in calendar(year, cutoff_day):
            if s.due >= today:
                return s
    raise AssertionError("unreachable: next year's Q1 is always ahead")  # pragma: no cover
