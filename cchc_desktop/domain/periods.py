"""Reporting periods: a quarter ("2022-Q1"), a half year ("2022-H1") or a year ("2022").

Check-ins are stored per quarter; half-year and year figures are computed from them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from cchc_desktop.domain.numbering import roman


class PeriodKind(StrEnum):
    QUARTER = "Q"
    HALF = "H"
    YEAR = "Y"


_PATTERN = re.compile(r"^(\d{4})(?:-(Q|H)(\d))?$")

# Data cut-off by default (Nghị định 09/2019/NĐ-CP): from the 15th of the month before the
# period to the 14th of its last month. Organizations may configure another day.
DEFAULT_CUTOFF_DAY = 15


@dataclass(frozen=True, slots=True, order=True)
class Period:
    year: int
    kind: PeriodKind
    index: int = 1

    def __post_init__(self) -> None:
        limit = {PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}[self.kind]
        if not 1 <= self.index <= limit:
            raise ValueError(f"period index {self.index} out of range for {self.kind}")
        if not 1900 <= self.year <= 9999:
            raise ValueError(f"year {self.year} out of range")

    @classmethod
    def parse(cls, text: str) -> Period:
        """``"2022-Q1"``, ``"2022-H1"`` or ``"2022"``; ValueError otherwise."""
        m = _PATTERN.match(text.strip())
        if not m:
            raise ValueError(f'"{text}" is not a period (2022-Q1, 2022-H1 or 2022)')
        year = int(m[1])
        if m[2] is None:
            return cls(year, PeriodKind.YEAR)
        return cls(year, PeriodKind(m[2]), int(m[3]))

    @classmethod
    def quarter(cls, year: int, q: int) -> Period:
        return cls(year, PeriodKind.QUARTER, q)

    def __str__(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}"
        return f"{self.year}-{self.kind.value}{self.index}"

    @property
    def quarters(self) -> tuple[int, ...]:
        """The quarters (1..4) this period covers."""
        # A table lookup: reports ask this for every task and check-in of a plan.
        return _QUARTERS[self.kind, self.index]

    @property
    def last_quarter(self) -> int:
        # Asked for every check-in of a plan in every report period: kept cheap.
        if self.kind is PeriodKind.QUARTER:
            return self.index
        return 2 * self.index if self.kind is PeriodKind.HALF else 4

    @property
    def quarter_periods(self) -> tuple[Period, ...]:
        return tuple(Period.quarter(self.year, q) for q in self.quarters)

    @property
    def first_month(self) -> int:
        return (self.quarters[0] - 1) * 3 + 1

    @property
    def last_month(self) -> int:
        return self.last_quarter * 3

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        last = self.last_month
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    def cutoff(self, day: int = DEFAULT_CUTOFF_DAY) -> tuple[dt.date, dt.date]:
        """Data cut-off: the ``day`` of the month before the period to ``day - 1`` of its
        last month: Q1 15/12 (year before) → 14/3, H2 15/6 → 14/12, the year 15/12 → 14/12."""
        first_month = self.first_month
        before_year, before_month = (
            (self.year - 1, 12) if first_month == 1 else (self.year, first_month - 1)
        )
        start = _clamped(before_year, before_month, day)
        end = _clamped(self.year, self.last_month, day) - dt.timedelta(days=1)
        return start, end

    def label(self) -> str:
        """Vietnamese label as in a report title: "quý I năm 2022", "6 tháng đầu năm 2022"."""
        if self.kind is PeriodKind.QUARTER:
            return f"quý {roman(self.index)} năm {self.year}"
        if self.kind is PeriodKind.HALF:
            half = "đầu" if self.index == 1 else "cuối"
            return f"6 tháng {half} năm {self.year}"
        return f"năm {self.year}"

    def short_label(self) -> str:
        """Compact label for column headings and menus: "Quý I/2022", "6 tháng đầu 2022"."""
        if self.kind is PeriodKind.QUARTER:
            return f"Quý {roman(self.index)}/{self.year}"
        if self.kind is PeriodKind.HALF:
            half = "đầu" if self.index == 1 else "cuối"
            return f"6 tháng {half} năm {self.year}"
        return f"Năm {self.year}"

    def previous_quarter(self) -> Period | None:
        """The quarter before this period's first quarter, within the same year."""
        first = self.quarters[0]
        return Period.quarter(self.year, first - 1) if first > 1 else None

    def next_quarter(self) -> Period | None:
        last = self.last_quarter
        return Period.quarter(self.year, last + 1) if last < 4 else None


_QUARTERS: dict[tuple[PeriodKind, int], tuple[int, ...]] = {
    **{(PeriodKind.QUARTER, q): (q,) for q in range(1, 5)},
    (PeriodKind.HALF, 1): (1, 2),
    (PeriodKind.HALF, 2): (3, 4),
    (PeriodKind.YEAR, 1): (1, 2, 3, 4),
}


def quarter_of_month(month: int) -> int:
    return (month - 1) // 3 + 1


def current_quarter(today: dt.date) -> Period:
    return Period.quarter(today.year, quarter_of_month(today.month))


def default_period(year: int, today: dt.date, reported: Iterable[Period] = ()) -> Period:
    """The quarter a plan of ``year`` opens on: the current quarter for this year's plan; for
    another year's, the latest quarter with a check-in, else its last quarter (past) or
    first quarter (future)."""
    if year == today.year:
        return current_quarter(today)
    quarters = [p for p in reported if p.year == year]
    if quarters:
        return max(quarters)
    return Period.quarter(year, 4 if year < today.year else 1)


def report_periods(year: int) -> list[Period]:
    """The periods a report can cover: four quarters, two halves, the year."""
    return [
        *(Period.quarter(year, q) for q in range(1, 5)),
        Period(year, PeriodKind.HALF, 1),
        Period(year, PeriodKind.HALF, 2),
        Period(year, PeriodKind.YEAR),
    ]


def _clamped(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
