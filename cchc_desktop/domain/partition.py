"""One partition of a report's tasks: every task in exactly one class, so the classes add up
to the task count and the percentages to 100 %. "Quá hạn" cuts across the classes (a task in
progress may be late) and is therefore a separate count, printed apart, never a class.

The .docx ("Cụ thể: …"), the .xlsx figures table and the window's period counts all read
:func:`partition`, so the three agree. The rule, first match wins, for a task's state in the
period (:mod:`cchc_desktop.domain.progress`):

1. finished by its latest check-in up to the period: hoàn thành đúng hạn / hoàn thành trễ
   hạn / dừng thực hiện (a task finished in Q1 stays finished in the H1 and year reports);
2. due in the period and nobody reported on it in the period: chưa báo cáo;
3. no check-in at all: chưa báo cáo when already overdue, else chưa đến hạn (its quarter has
   not come: nothing was owed yet);
4. its latest check-in's status: đang thực hiện, chưa triển khai, không hoàn thành.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from cchc_desktop.domain.progress import TaskState
from cchc_desktop.domain.status import Status


class Share(StrEnum):
    """A class of the partition; values shared with the status palette where one exists."""

    DONE_ON_TIME = "done"
    DONE_LATE = "done_late"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    NOT_DONE = "not_done"
    NOT_DUE = "not_due"
    NOT_REPORTED = "not_reported"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return SHARE_LABELS[self]


SHARE_LABELS: dict[Share, str] = {
    Share.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Share.DONE_LATE: "Hoàn thành trễ hạn",
    Share.IN_PROGRESS: "Đang thực hiện",
    Share.NOT_STARTED: "Chưa triển khai",
    Share.NOT_DONE: "Không hoàn thành",
    Share.NOT_DUE: "Chưa đến hạn",
    Share.NOT_REPORTED: "Chưa báo cáo",
    Share.CANCELLED: "Dừng thực hiện",
}

_BY_STATUS: dict[Status, Share] = {
    Status.DONE: Share.DONE_ON_TIME,
    Status.DONE_LATE: Share.DONE_LATE,
    Status.CANCELLED: Share.CANCELLED,
    Status.IN_PROGRESS: Share.IN_PROGRESS,
    Status.NOT_STARTED: Share.NOT_STARTED,
    Status.NOT_DONE: Share.NOT_DONE,
}


def share_of(state: TaskState) -> Share:
    """The one class of ``state`` (the rule in the module docstring)."""
    checkin = state.checkin
    if checkin is not None and checkin.status.is_finished:
        return _BY_STATUS[checkin.status]
    if state.not_reported:
        return Share.NOT_REPORTED
    if checkin is None:
        return Share.NOT_REPORTED if state.overdue else Share.NOT_DUE
    return _BY_STATUS[checkin.status]


@dataclass(slots=True)
class Partition:
    total: int = 0
    counts: dict[Share, int] = field(default_factory=lambda: dict.fromkeys(Share, 0))
    overdue: int = 0  # apart: overlaps the classes

    @property
    def done(self) -> int:
        return self.counts[Share.DONE_ON_TIME] + self.counts[Share.DONE_LATE]

    def percents(self) -> dict[Share, float]:
        """Each class's share in percent, one decimal, adding up to exactly 100 (largest
        remainder: the tenths lost to rounding go to the classes that lost most)."""
        if not self.total:
            return dict.fromkeys(Share, 0.0)
        exact = {s: 1000 * n / self.total for s, n in self.counts.items()}
        tenths = {s: int(v) for s, v in exact.items()}
        missing = 1000 - sum(tenths.values())
        for s in sorted(exact, key=lambda s: exact[s] - tenths[s], reverse=True)[:missing]:
            tenths[s] += 1
        return {s: t / 10 for s, t in tenths.items()}

    def percent_done(self) -> float:
        p = self.percents()
        return round(p[Share.DONE_ON_TIME] + p[Share.DONE_LATE], 1)

    def percent_overdue(self) -> float:
        return round(100.0 * self.overdue / self.total, 1) if self.total else 0.0

    def rows(self) -> list[tuple[Share, int, float]]:
        """(class, count, percent) of the classes that hold a task, in :class:`Share` order."""
        p = self.percents()
        return [(s, n, p[s]) for s, n in self.counts.items() if n]


def partition(states: Iterable[TaskState]) -> Partition:
    result = Partition()
    for state in states:
        result.total += 1
        result.counts[share_of(state)] += 1
        if state.overdue:
            result.overdue += 1
    return result
