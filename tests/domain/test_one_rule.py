"""Each rule stated once in the domain (issue 18, item 2): "done means 100 %", the day
overdue is judged at, the quarter a plan opens on and the periods a report can cover."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from cchc_desktop.domain.periods import Period, PeriodKind, default_period, report_periods
from cchc_desktop.domain.progress import judged_at
from cchc_desktop.domain.status import DONE_PROGRESS, Status, progress_for

PACKAGE = Path(__file__).resolve().parents[2] / "cchc_desktop"


def test_done_means_100_and_nothing_else_changes() -> None:
    assert progress_for(Status.DONE, 40) == DONE_PROGRESS == 100
    assert progress_for(Status.DONE_LATE, 0) == 100
    assert progress_for(Status.IN_PROGRESS, 40) == 40
    assert progress_for(Status.CANCELLED, 30) == 30


def test_no_module_restates_the_done_rule() -> None:
    # "is_done ... 100" on one line is the rule written again instead of called.
    pattern = re.compile(r"is_done.*\b100\b|\b100\b.*is_done")
    restated = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in PACKAGE.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert restated == []


def test_overdue_is_judged_at_the_earlier_of_today_and_the_period_end() -> None:
    q1 = Period.quarter(2022, 1)
    assert judged_at(q1) == dt.date(2022, 3, 31)
    assert judged_at(q1, dt.date(2022, 2, 10)) == dt.date(2022, 2, 10)
    assert judged_at(q1, dt.date(2023, 1, 5)) == dt.date(2022, 3, 31)


def test_the_quarter_a_plan_opens_on() -> None:
    today = dt.date(2022, 5, 3)
    assert default_period(2022, today) == Period.quarter(2022, 2)
    assert default_period(2021, today) == Period.quarter(2021, 4)
    assert default_period(2023, today) == Period.quarter(2023, 1)
    reported = [Period.quarter(2021, 2), Period.quarter(2020, 3)]
    assert default_period(2021, today, reported) == Period.quarter(2021, 2)


def test_a_report_covers_four_quarters_two_halves_and_the_year() -> None:
    periods = report_periods(2022)
    assert [str(p) for p in periods[:4]] == ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"]
    assert [p.kind for p in periods[4:]] == [PeriodKind.HALF, PeriodKind.HALF, PeriodKind.YEAR]
