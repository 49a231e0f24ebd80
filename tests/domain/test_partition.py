"""The one partition of a report's tasks, on hand-worked examples: every task in exactly one
class, the percentages add to 100, "quá hạn" counted apart."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.domain.model import CheckIn, Organization, Plan, Task
from cchc_desktop.domain.partition import Partition, Share, partition, share_of
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.progress import plan_states
from cchc_desktop.domain.status import Status
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind

YEAR = Timeframe(TimeframeKind.YEAR)


def _q(*quarters: int) -> Timeframe:
    return Timeframe(TimeframeKind.QUARTERS, quarters=list(quarters))


def _by(day: dt.date) -> Timeframe:
    return Timeframe(TimeframeKind.DEADLINE, due=day)


def _c(task: str, quarter: int, status: Status) -> CheckIn:
    return CheckIn(task, Period.quarter(2022, quarter), status)


@pytest.fixture
def plan() -> Plan:
    tasks = [
        ("T1", YEAR),
        ("T2", _q(2)),
        ("T3", YEAR),
        ("T4", YEAR),
        ("T5", YEAR),
        ("T6", YEAR),
        ("T7", _q(3)),
        ("T8", _by(dt.date(2022, 3, 31))),
        ("T9", YEAR),
        ("T10", _by(dt.date(2022, 5, 31))),
    ]
    checkins = [
        _c("T1", 1, Status.DONE),
        _c("T2", 2, Status.DONE_LATE),
        _c("T3", 1, Status.CANCELLED),
        _c("T4", 1, Status.NOT_STARTED),
        _c("T4", 2, Status.IN_PROGRESS),
        _c("T5", 1, Status.NOT_STARTED),
        _c("T9", 2, Status.NOT_DONE),
        _c("T10", 2, Status.IN_PROGRESS),
    ]
    return Plan(
        Organization(name="Sở X"),
        2022,
        "KH-SX",
        "Kế hoạch",
        tasks=[Task(k, f"Nhiệm vụ {k}", timeframe=tf) for k, tf in tasks],
        checkins=checkins,
    )


def _shares(plan: Plan, period: str) -> dict[str, Share]:
    return {s.task.key: share_of(s) for s in plan_states(plan, Period.parse(period))}


def test_half_year_worked_by_hand(plan: Plan) -> None:
    assert _shares(plan, "2022-H1") == {
        "T1": Share.DONE_ON_TIME,  # done in Q1: stays done
        "T2": Share.DONE_LATE,
        "T3": Share.CANCELLED,
        "T4": Share.IN_PROGRESS,  # the latest check-in (Q2) wins over Q1's
        "T5": Share.NOT_STARTED,  # reported in Q1, inside the half year
        "T6": Share.NOT_REPORTED,  # a year task nobody reported on
        "T7": Share.NOT_DUE,  # its quarter (Q3) has not come
        "T8": Share.NOT_REPORTED,  # due 31/3, never reported
        "T9": Share.NOT_DONE,
        "T10": Share.IN_PROGRESS,  # in progress, and late: quá hạn counted apart
    }
    p = partition(plan_states(plan, Period.parse("2022-H1")))
    assert p.total == 10 and sum(p.counts.values()) == 10
    assert p.overdue == 2  # T8 (31/3) and T10 (31/5), neither finished by 30/6
    assert p.done == 2 and p.percent_done() == 20.0
    assert sum(p.percents().values()) == 100.0
    assert [(s.label, n) for s, n, _ in p.rows()] == [
        ("Hoàn thành đúng hạn", 1),
        ("Hoàn thành trễ hạn", 1),
        ("Đang thực hiện", 2),
        ("Chưa triển khai", 1),
        ("Không hoàn thành", 1),
        ("Chưa đến hạn", 1),
        ("Chưa báo cáo", 2),
        ("Dừng thực hiện", 1),
    ]


def test_second_quarter_worked_by_hand(plan: Plan) -> None:
    shares = _shares(plan, "2022-Q2")
    # T5 reported in Q1 only: a year task owes a Q2 report
    assert shares["T5"] is Share.NOT_REPORTED
    assert shares["T1"] is Share.DONE_ON_TIME  # finished in Q1: owes nothing more
    assert shares["T8"] is Share.NOT_REPORTED  # not due in Q2 but overdue and never reported
    assert shares["T7"] is Share.NOT_DUE


def test_first_quarter_worked_by_hand(plan: Plan) -> None:
    shares = _shares(plan, "2022-Q1")
    assert shares["T2"] is Share.NOT_DUE  # its quarter is Q2
    # a deadline of 31/5 expects a report in every quarter up to it, Q1 included
    assert shares["T10"] is Share.NOT_REPORTED
    assert shares["T4"] is Share.NOT_STARTED
    assert shares["T8"] is Share.NOT_REPORTED  # due in Q1, not reported in Q1
    p = partition(plan_states(plan, Period.parse("2022-Q1")))
    assert p.overdue == 1  # T8 at 31/3


def test_percentages_add_up_to_exactly_100() -> None:
    for total in range(1, 40):
        for a in range(total + 1):
            for b in range(total - a + 1):
                p = Partition(total=total)
                p.counts[Share.DONE_ON_TIME] = a
                p.counts[Share.IN_PROGRESS] = b
                p.counts[Share.NOT_REPORTED] = total - a - b
                percents = p.percents()
                assert round(sum(percents.values()), 6) == 100.0
                for share, value in percents.items():
                    assert abs(value - 100 * p.counts[share] / total) < 0.1 + 1e-9


def test_thirds_round_to_100() -> None:
    p = Partition(total=3)
    for share in (Share.DONE_ON_TIME, Share.IN_PROGRESS, Share.NOT_DUE):
        p.counts[share] = 1
    assert sorted(v for v in p.percents().values() if v) == [33.3, 33.3, 33.4]
    assert Partition().percents()[Share.DONE_ON_TIME] == 0.0
