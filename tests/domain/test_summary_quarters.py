"""Per-quarter figures for half-year and year reports, and the count of tasks not reported
in a period, on tests/fixtures/plans/all-timeframes.plan.json (worked out by hand: see
tests/exports/test_xlsx_report_all_timeframes.py for the plan in a table)."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.progress import plan_states
from cchc_desktop.domain.summary import quarter_summaries, summarize
from cchc_desktop.interchange import read_plan_file
from tests.conftest import PLANS


@pytest.fixture(scope="module")
def plan() -> Plan:
    return read_plan_file(PLANS / "all-timeframes.plan.json")


def test_quarters_of_each_kind_of_period(plan: Plan) -> None:
    assert [str(s.period) for s in quarter_summaries(plan, Period.parse("2022-Q3"))] == ["2022-Q3"]
    assert [str(s.period) for s in quarter_summaries(plan, Period.parse("2022-H2"))] == [
        "2022-Q3",
        "2022-Q4",
    ]
    year = quarter_summaries(plan, Period.parse("2022"))
    assert [str(s.period) for s in year] == ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"]
    assert [s.counts.total for s in year] == [6, 8, 8, 9]  # tasks in scope each quarter


def test_a_quarter_not_begun_at_as_of_is_left_out(plan: Plan) -> None:
    year = Period.parse("2022")
    assert len(quarter_summaries(plan, year, as_of=dt.date(2022, 3, 31))) == 1
    assert len(quarter_summaries(plan, year, as_of=dt.date(2022, 4, 1))) == 2
    assert len(quarter_summaries(plan, year, as_of=dt.date(2023, 1, 10))) == 4


def test_quarter_figures_equal_the_quarter_report(plan: Plan) -> None:
    for quarter in quarter_summaries(plan, Period.parse("2022")):
        alone = summarize(plan, quarter.period)
        assert quarter.counts.by_key == alone.counts.by_key
        assert [(u.unit, u.led, u.done, u.not_reported) for u in quarter.units] == [
            (u.unit, u.led, u.done, u.not_reported) for u in alone.units
        ]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2022-Q1", 1),  # task 7
        # 5 and 7; 6 (a year task led by two units) was cancelled in Q1: it owes no more
        # reports that year
        ("2022-Q2", 2),
        ("2022-H1", 1),  # 5 reported in Q1, inside the half year
        ("2022-Q3", 1),  # 7
        ("2022-Q4", 3),  # 2, 7 and 8
        ("2022", 2),  # 7 and 8 never reported
    ],
)
def test_not_reported_count(plan: Plan, period: str, expected: int) -> None:
    summary = summarize(plan, Period.parse(period))
    assert summary.not_reported_count == expected
    listed = {s.task.key for states in summary.missing.values() for s in states}
    assert len(listed) == expected


@pytest.mark.parametrize("text", ["2022-Q1", "2022-Q3", "2022-H2", "2022"])
def test_summary_from_the_callers_states_is_the_same(plan: Plan, text: str) -> None:
    # The report judges every task's state once, for its figures and its part IV.
    period = Period.parse(text)
    as_of = dt.date(2022, 8, 20)
    given = summarize(plan, period, as_of, states=plan_states(plan, period, as_of))
    own = summarize(plan, period, as_of)
    assert own.counts.total > 0
    assert [(s.task.key, s.label, s.overdue) for s in given.states] == [
        (s.task.key, s.label, s.overdue) for s in own.states
    ]
    assert (given.counts, given.units, given.partition) == (own.counts, own.units, own.partition)
    assert {k: [s.task.key for s in v] for k, v in given.missing.items()} == {
        k: [s.task.key for s in v] for k, v in own.missing.items()
    }
