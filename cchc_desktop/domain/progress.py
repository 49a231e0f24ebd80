"""A task's state in a reporting period, computed from its quarterly check-ins.

The rule (cchc-plan v1): a task's state in a period is its latest check-in at or before the
period's last quarter, counting the lead unit's answers only (a partner unit's contribution
is shown beside it, never counted as the task's state: issue 14); it is overdue when its due
date falls inside or before the period and it is not finished by then. Half-year and year
figures are never stored, only computed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cchc_desktop.domain.model import CheckIn, Plan, Task
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import STATUS_LABELS, DerivedState, Status, progress_for
from cchc_desktop.domain.timeframes import TimeframeKind


@dataclass(frozen=True, slots=True)
class TaskState:
    task: Task
    period: Period
    checkin: CheckIn | None  # the latest check-in at or before the period, if any
    due_in_period: bool  # a check-in is expected in one of the period's quarters
    overdue: bool
    reported_in_period: bool  # a check-in exists in one of the period's own quarters

    @property
    def status(self) -> Status | None:
        return self.checkin.status if self.checkin else None

    @property
    def progress(self) -> int:
        if self.checkin is None:
            return 0
        return progress_for(self.checkin.status, self.checkin.progress)

    @property
    def finished_before(self) -> bool:
        """Done or cancelled in an earlier quarter, with nothing reported in this period."""
        return (
            not self.reported_in_period
            and self.checkin is not None
            and self.checkin.status.is_finished
        )

    @property
    def not_reported(self) -> bool:
        """Due in the period, nobody reported on it in the period, and not finished before:
        a task done or cancelled in an earlier quarter owes no more reports that year."""
        return self.due_in_period and not self.reported_in_period and not self.finished_before

    @property
    def state_key(self) -> str:
        """The key used for colours and counts: a Status value, "overdue" or "not_reported"."""
        if self.overdue:
            return DerivedState.OVERDUE.value
        if self.checkin is None:
            return DerivedState.NOT_REPORTED.value
        return self.checkin.status.value

    @property
    def label(self) -> str:
        if self.overdue:
            base = STATUS_LABELS[self.checkin.status] if self.checkin else "Chưa báo cáo"
            return f"{base} (quá hạn)"
        if self.checkin is None:
            return DerivedState.NOT_REPORTED.label
        return STATUS_LABELS[self.checkin.status]


def latest_checkin(checkins: Iterable[CheckIn], key: str, period: Period) -> CheckIn | None:
    """The task's check-in of the latest quarter at or before ``period``'s last quarter."""
    year, last = period.year, period.last_quarter
    best: CheckIn | None = None
    best_quarter = 0
    for c in checkins:
        if c.task != key or c.unit or c.period.year != year:
            continue
        quarter = c.period.last_quarter
        if quarter > last:
            continue
        if best is None or quarter > best_quarter:
            best, best_quarter = c, quarter
    return best


def is_due_in(task: Task, period: Period) -> bool:
    return not set(task.timeframe.due_quarters()).isdisjoint(period.quarters)


def task_state(
    task: Task,
    checkins: Iterable[CheckIn],
    period: Period,
    as_of: dt.date | None = None,
) -> TaskState:
    """State of ``task`` in ``period``; overdue is judged at ``as_of`` (default: period end)."""
    items = [c for c in checkins if c.task == task.key]
    return _state(task, items, period, judged_at(period, as_of))


def judged_at(period: Period, as_of: dt.date | None = None) -> dt.date:
    """The day overdue is judged at: ``as_of`` (today, for a report made mid-quarter), never
    later than the period's last day. Reports print it next to their figures."""
    end = period.end
    return min(as_of or end, end)


def _state(task: Task, items: list[CheckIn], period: Period, judged_at: dt.date) -> TaskState:
    """The rule itself, for check-ins already narrowed to ``task``: what
    :func:`latest_checkin` picks and whether one falls in the period, in one pass (reports
    call this for every task in up to five periods)."""
    year, quarters, last = period.year, period.quarters, period.last_quarter
    checkin: CheckIn | None = None
    checkin_quarter = 0
    reported = False
    for c in items:
        if c.unit or c.period.year != year:  # a partner's contribution is not the state
            continue
        quarter = c.period.last_quarter
        if quarter in quarters:
            reported = True
        if quarter <= last and (checkin is None or quarter > checkin_quarter):
            checkin, checkin_quarter = c, quarter
    due = task.timeframe.due_date(year)
    finished = checkin is not None and checkin.status.is_finished
    # "Thường xuyên" tasks run all year long: they are never late, only reported on.
    recurring = task.timeframe.kind is TimeframeKind.RECURRING
    overdue = not recurring and due <= judged_at and not finished
    return TaskState(task, period, checkin, is_due_in(task, period), overdue, reported)


def plan_states(plan: Plan, period: Period, as_of: dt.date | None = None) -> list[TaskState]:
    """The state of every task of ``plan`` in ``period``, in appendix order."""
    by_task: dict[str, list[CheckIn]] = {}
    for c in plan.checkins:
        by_task.setdefault(c.task, []).append(c)
    day = judged_at(period, as_of)  # the same for every task: computed once
    return [_state(t, by_task.get(t.key, []), period, day) for t in plan.tasks]
