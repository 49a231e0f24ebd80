"""The figures of the "Tổng quan" tab: the period's progress, the trend over the year's
quarters, per lead unit, the next deadlines and who owes a report.

One adapter over the report's own domain functions: the period's classes are the one
partition (``domain/partition``, what the .docx "Cụ thể" and the .xlsx "Phụ lục" print),
the unit figures and the quarters :func:`summary.summarize`'s (the .xlsx "Tổng hợp"), so
the dashboard and the .xlsx agree cell for cell. Only :func:`_classes` and
:func:`class_of` know which.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.partition import Share, share_of
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.progress import TaskState
from cchc_desktop.domain.status import Status
from cchc_desktop.domain.summary import (
    PeriodSummary,
    UnitFigures,
    quarter_summaries,
    summarize,
)

OVERDUE = "overdue"
NOT_REPORTED = "not_reported"
# The per-unit measures, as the .xlsx unit table prints them (UnitFigures' fields).
UNIT_MEASURES: tuple[tuple[str, str], ...] = (
    ("done", "Hoàn thành"),
    ("in_progress", "Đang thực hiện"),
    ("overdue", "Quá hạn"),
    ("not_reported", "Chưa báo cáo"),
)
DEADLINES_SHOWN = 8


@dataclass(frozen=True, slots=True)
class Slice:
    """One class of the period's tasks: every task is in exactly one."""

    key: str
    label: str
    count: int
    percent: float


@dataclass(frozen=True, slots=True)
class QuarterPoint:
    period: Period
    total: int
    done: int
    percent_done: float
    overdue: int


@dataclass(frozen=True, slots=True)
class Deadline:
    state: TaskState
    due: dt.date


@dataclass(frozen=True, slots=True)
class Overview:
    period: Period
    as_of: dt.date
    total: int
    percent_done: float
    slices: list[Slice]
    overdue: int
    units: list[UnitFigures]
    trend: list[QuarterPoint]
    deadlines: list[Deadline]
    missing: dict[str, list[TaskState]]  # lead unit → tasks it owes a report on


def as_of_for(period: Period, today: dt.date) -> dt.date:
    """The day overdue is judged at, as the window's check-in tab judges it."""
    return min(today, period.end)


# -- the adapter: the report's classes -------------------------------------------------------
def _classes(summary: PeriodSummary) -> list[Slice]:
    """The classes of the one partition, in its order; "Quá hạn" overlaps them and is apart."""
    p = summary.partition
    percents = p.percents()
    return [Slice(s.value, s.label, p.counts[s], percents[s]) for s in Share]


def class_of(state: TaskState) -> str:
    """The class key of ``state`` in :func:`_classes` (the click-through filter)."""
    return share_of(state).value


def unit_measure(state: TaskState, measure: str) -> bool:
    """Whether ``state`` counts in the unit figure ``measure`` (summary.summarize's rule)."""
    status = state.checkin.status if state.checkin is not None else None
    if measure == "done":
        return status is not None and status.is_done
    if measure == "in_progress":
        return status is Status.IN_PROGRESS
    if measure == OVERDUE:
        return state.overdue
    return state.not_reported


def state_filter(key: str) -> Callable[[TaskState], bool]:
    """The predicate behind a click: a class key, "overdue", or "unit:<measure>"."""
    if key == OVERDUE:
        return lambda s: s.overdue
    if key.startswith("unit:"):
        measure = key.removeprefix("unit:")
        return lambda s: unit_measure(s, measure)
    return lambda s: class_of(s) == key


# -- the figures ----------------------------------------------------------------------------
def overview(plan: Plan, period: Period, today: dt.date) -> Overview:
    as_of = as_of_for(period, today)
    summary = summarize(plan, period, as_of)
    year = Period(plan.year, PeriodKind.YEAR)
    trend = [
        QuarterPoint(
            q.period, q.counts.total, q.counts.done, q.counts.percent_done, q.counts.by_key[OVERDUE]
        )
        for q in quarter_summaries(plan, year, as_of_for(year, today))
    ]
    return Overview(
        period=period,
        as_of=as_of,
        total=summary.partition.total,
        percent_done=summary.partition.percent_done(),
        slices=_classes(summary),
        overdue=summary.partition.overdue,
        units=summary.units,
        trend=trend,
        deadlines=next_deadlines(summary, today),
        missing=summary.missing,
    )


def next_deadlines(summary: PeriodSummary, today: dt.date) -> list[Deadline]:
    """Unfinished tasks of the period by due date, the nearest first, from ``today`` on."""
    out = []
    for state in summary.states:
        if state.checkin is not None and state.checkin.status.is_finished:
            continue
        due = state.task.timeframe.due_date(summary.plan.year)
        if due >= today:
            out.append(Deadline(state, due))
    out.sort(key=lambda d: d.due)
    return out[:DEADLINES_SHOWN]
