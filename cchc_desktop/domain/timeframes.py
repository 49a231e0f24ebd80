"""Task timeframes ("Thời gian thực hiện") and the quarters in which a task is due."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from cchc_desktop.domain.dates import short_date
from cchc_desktop.domain.numbering import roman
from cchc_desktop.domain.periods import quarter_of_month


class TimeframeKind(StrEnum):
    RECURRING = "recurring"
    YEAR = "year"
    QUARTERS = "quarters"
    MONTHS = "months"
    DEADLINE = "deadline"


TIMEFRAME_KIND_LABELS: dict[TimeframeKind, str] = {
    TimeframeKind.RECURRING: "Thường xuyên",
    TimeframeKind.YEAR: "Cả năm",
    TimeframeKind.QUARTERS: "Theo quý",
    TimeframeKind.MONTHS: "Theo tháng",
    TimeframeKind.DEADLINE: "Hạn chót",
}


@dataclass(slots=True)
class Timeframe:
    """When a task is carried out. ``label`` is the printed text; "" means "write one"."""

    kind: TimeframeKind = TimeframeKind.YEAR
    label: str = ""
    quarters: list[int] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    due: dt.date | None = None

    def validate(self, year: int | None = None) -> list[tuple[str, str]]:
        """Problems as (key, message) pairs; empty when the timeframe is sound."""
        problems: list[tuple[str, str]] = []
        if self.kind is TimeframeKind.QUARTERS:
            if not self.quarters:
                problems.append(("quarters", "at least one quarter is required"))
            for q in self.quarters:
                if not 1 <= q <= 4:
                    problems.append(("quarters", f"quarter {q} is not 1-4"))
            if len(set(self.quarters)) != len(self.quarters):
                problems.append(("quarters", "a quarter is listed twice"))
        elif self.kind is TimeframeKind.MONTHS:
            if not self.months:
                problems.append(("months", "at least one month is required"))
            for m in self.months:
                if not 1 <= m <= 12:
                    problems.append(("months", f"month {m} is not 1-12"))
            if len(set(self.months)) != len(self.months):
                problems.append(("months", "a month is listed twice"))
        elif self.kind is TimeframeKind.DEADLINE:
            if self.due is None:
                problems.append(("due", "a due date is required"))
            elif year is not None and self.due.year != year:
                problems.append(("due", f"due date {self.due.isoformat()} is outside {year}"))
        return problems

    def due_quarters(self) -> tuple[int, ...]:
        """The quarters in which a check-in is expected."""
        if self.kind is TimeframeKind.QUARTERS:
            return tuple(sorted(set(self.quarters)))
        if self.kind is TimeframeKind.MONTHS:
            return tuple(sorted({quarter_of_month(m) for m in self.months}))
        if self.kind is TimeframeKind.DEADLINE and self.due is not None:
            return tuple(range(1, quarter_of_month(self.due.month) + 1))
        return (1, 2, 3, 4)

    def due_date(self, year: int) -> dt.date:
        """The date by which the task must be finished."""
        if self.kind is TimeframeKind.DEADLINE and self.due is not None:
            return self.due
        if self.kind is TimeframeKind.QUARTERS and self.quarters:
            month = max(self.quarters) * 3
        elif self.kind is TimeframeKind.MONTHS and self.months:
            month = max(self.months)
        else:
            month = 12
        return dt.date(year, month, calendar.monthrange(year, month)[1])

    def default_label(self, year: int) -> str:
        """The label the application writes when the plan gives none."""
        if self.kind is TimeframeKind.RECURRING:
            return "Thường xuyên trong năm"
        if self.kind is TimeframeKind.YEAR:
            return f"Năm {year}"
        if self.kind is TimeframeKind.QUARTERS:
            quarters = ", ".join(roman(q) for q in sorted(self.quarters))
            return f"Quý {quarters}/{year}"
        if self.kind is TimeframeKind.MONTHS:
            months = ", ".join(str(m) for m in sorted(self.months))
            return f"Tháng {months}/{year}"
        if self.due is not None:
            return f"Trước {short_date(self.due)}"
        return ""

    def display_label(self, year: int) -> str:
        return self.label or self.default_label(year)
