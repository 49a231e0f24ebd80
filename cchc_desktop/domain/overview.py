"""The figures of the "Tổng quan" tab: the period's progress, the trend over the year's
quarters, per lead unit, the next deadlines and who owes a report.

One adapter over the report's own domain function (:func:`summary.summarize`, the one the
.xlsx progress report prints), so the dashboard and the .xlsx agree cell for cell. When the
report moves to the one partition of issue 13 (``domain/partition``), only
:func:`_classes` and :func:`class_of` change here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.progress import TaskState
from cchc_desktop.domain.status import Status
from cchc_desktop.domain.summary import (
    SUMMARY_KEYS,
    PeriodSummary,
    UnitFigures,
    quarter_summaries,
    summarize,
    summary_label,
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
    """The classes of the report's "totals by status" rows: each stored status, and the
    tasks with no check-in ("Chưa báo cáo"); "Quá hạn" overlaps them and is apart."""
    counts = summary.counts
    return [
        Slice(key, summary_label(key), counts.by_key[key], counts.percent(key))
        for key in SUMMARY_KEYS
        if key != OVERDUE
    ]


def class_of(state: TaskState) -> str:
    """The class key of ``state`` in :func:`_classes` (the click-through filter)."""
    return state.checkin.status.value if state.checkin is not None else NOT_REPORTED


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
        total=summary.counts.total,
        percent_done=summary.counts.percent_done,
        slices=_classes(summary),
        overdue=summary.counts.by_key[OVERDUE],
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
