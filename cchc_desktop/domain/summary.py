"""Figures of a period report, computed once for every face that shows them (the window's
side panel, the .xlsx and the .docx reports): totals by state, per lead unit, who has not
reported. All numbers are computed here, never left to spreadsheet formulas.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.partition import Partition, partition
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.progress import TaskState, plan_states
from cchc_desktop.domain.status import DERIVED_LABELS, STATUS_LABELS, DerivedState, Status

# Order of the rows in "totals by status": stored statuses, then the derived ones.
SUMMARY_KEYS: tuple[str, ...] = (
    *(s.value for s in Status),
    DerivedState.OVERDUE.value,
    DerivedState.NOT_REPORTED.value,
)


def summary_label(key: str) -> str:
    try:
        return STATUS_LABELS[Status(key)]
    except ValueError:
        return DERIVED_LABELS[DerivedState(key)]


@dataclass(slots=True)
class Counts:
    total: int = 0
    by_key: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SUMMARY_KEYS, 0))

    def add(self, state: TaskState) -> None:
        self.total += 1
        # A StrEnum member is equal to its value and hashes alike: no .value lookups here,
        # this runs for every task of every period a report shows.
        if state.checkin is not None:
            self.by_key[state.checkin.status] += 1
        else:
            self.by_key[DerivedState.NOT_REPORTED] += 1
        if state.overdue:
            self.by_key[DerivedState.OVERDUE] += 1

    @property
    def done(self) -> int:
        return self.by_key[Status.DONE.value] + self.by_key[Status.DONE_LATE.value]

    def percent(self, key: str) -> float:
        """Share of ``key`` in percent, one decimal."""
        return round(100.0 * self.by_key[key] / self.total, 1) if self.total else 0.0

    @property
    def percent_done(self) -> float:
        return round(100.0 * self.done / self.total, 1) if self.total else 0.0


@dataclass(slots=True)
class UnitFigures:
    unit: str
    led: int = 0
    done: int = 0
    in_progress: int = 0
    overdue: int = 0
    not_reported: int = 0

    @property
    def percent_done(self) -> float:
        return round(100.0 * self.done / self.led, 1) if self.led else 0.0


@dataclass(slots=True)
class PeriodSummary:
    plan: Plan
    period: Period
    states: list[TaskState]  # tasks in scope, appendix order
    counts: Counts
    units: list[UnitFigures]
    missing: dict[str, list[TaskState]]  # lead unit → tasks due in the period, not reported
    partition: Partition  # the one partition of ``states`` every face prints

    @property
    def cutoff(self) -> tuple[dt.date, dt.date]:
        return self.period.cutoff(self.plan.organization.cutoff_day)

    @property
    def not_reported_count(self) -> int:
        """Tasks due in the period that nobody reported on in it, each counted once whatever
        its number of lead units (``missing`` lists a task under every lead unit)."""
        return sum(1 for s in self.states if s.not_reported)


def in_scope(state: TaskState) -> bool:
    """A task belongs in a period's report once its first due quarter has begun."""
    return min(state.task.timeframe.due_quarters()) <= state.period.last_quarter


def summarize(
    plan: Plan,
    period: Period,
    as_of: dt.date | None = None,
    *,
    states: list[TaskState] | None = None,
) -> PeriodSummary:
    """The figures of ``period``. ``states``: ``plan_states(plan, period, as_of)``, when the
    caller needs every task's state too (the report's part IV): judged once, not twice."""
    if states is None:
        states = plan_states(plan, period, as_of)
    states = [s for s in states if in_scope(s)]
    counts = Counts()
    per_unit: dict[str, UnitFigures] = {u.name: UnitFigures(u.name) for u in plan.units}
    missing: dict[str, list[TaskState]] = {}
    for state in states:
        counts.add(state)
        status = state.checkin.status if state.checkin is not None else None
        done = status is not None and status.is_done
        in_progress = status is Status.IN_PROGRESS
        overdue, not_reported = state.overdue, state.not_reported
        for name in state.task.lead:
            figures = per_unit.get(name)
            if figures is None:  # a lead unit missing from plan.units
                figures = per_unit[name] = UnitFigures(name)
            figures.led += 1
            if done:
                figures.done += 1
            if in_progress:
                figures.in_progress += 1
            if overdue:
                figures.overdue += 1
            if not_reported:
                figures.not_reported += 1
                missing.setdefault(name, []).append(state)
    units = [f for f in per_unit.values() if f.led]
    return PeriodSummary(plan, period, states, counts, units, missing, partition(states))


def quarter_summaries(
    plan: Plan, period: Period, as_of: dt.date | None = None
) -> list[PeriodSummary]:
    """The figures of each quarter of ``period``, for reports that show quarters side by side
    (two for a half year, four for the year, one for a quarter). A quarter that has not begun
    at ``as_of`` has no figures yet and is left out."""
    return [
        summarize(plan, quarter, as_of)
        for quarter in period.quarter_periods
        if as_of is None or quarter.start <= as_of
    ]
