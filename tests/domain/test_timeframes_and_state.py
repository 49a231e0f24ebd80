import datetime as dt

from cchc_desktop.domain.model import CheckIn, Task
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.progress import latest_checkin, task_state
from cchc_desktop.domain.status import Status
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind

Q = Period.parse


def tf(kind: TimeframeKind, **kw: object) -> Timeframe:
    return Timeframe(kind=kind, **kw)  # type: ignore[arg-type]


def test_due_quarters_per_kind() -> None:
    assert tf(TimeframeKind.RECURRING).due_quarters() == (1, 2, 3, 4)
    assert tf(TimeframeKind.YEAR).due_quarters() == (1, 2, 3, 4)
    assert tf(TimeframeKind.QUARTERS, quarters=[2, 1]).due_quarters() == (1, 2)
    assert tf(TimeframeKind.MONTHS, months=[6]).due_quarters() == (2,)
    assert tf(TimeframeKind.MONTHS, months=[3, 4, 11]).due_quarters() == (1, 2, 4)
    deadline = tf(TimeframeKind.DEADLINE, due=dt.date(2022, 2, 27))
    assert deadline.due_quarters() == (1,)
    assert tf(TimeframeKind.DEADLINE, due=dt.date(2022, 8, 1)).due_quarters() == (1, 2, 3)


def test_due_dates_and_default_labels() -> None:
    assert tf(TimeframeKind.QUARTERS, quarters=[1, 2]).due_date(2022) == dt.date(2022, 6, 30)
    assert tf(TimeframeKind.MONTHS, months=[2]).due_date(2024) == dt.date(2024, 2, 29)
    assert tf(TimeframeKind.YEAR).due_date(2022) == dt.date(2022, 12, 31)
    assert tf(TimeframeKind.QUARTERS, quarters=[1, 2]).default_label(2022) == "Quý I, II/2022"
    assert tf(TimeframeKind.MONTHS, months=[6]).default_label(2022) == "Tháng 6/2022"
    assert tf(TimeframeKind.YEAR).default_label(2022) == "Năm 2022"
    deadline = tf(TimeframeKind.DEADLINE, due=dt.date(2022, 2, 27))
    assert deadline.default_label(2022) == "Trước 27/02/2022"
    assert tf(TimeframeKind.RECURRING, label="Định kỳ").display_label(2022) == "Định kỳ"


def test_validation_of_timeframes() -> None:
    assert tf(TimeframeKind.QUARTERS, quarters=[]).validate(2022)
    assert tf(TimeframeKind.QUARTERS, quarters=[5]).validate(2022)
    assert tf(TimeframeKind.MONTHS, months=[13]).validate(2022)
    assert tf(TimeframeKind.DEADLINE, due=dt.date(2023, 1, 1)).validate(2022)
    assert tf(TimeframeKind.DEADLINE, due=dt.date(2022, 1, 1)).validate(2022) == []


def _task(kind: TimeframeKind, **kw: object) -> Task:
    return Task(key="T1", name="x", lead=["VP"], timeframe=tf(kind, **kw))


def test_state_is_latest_checkin_at_or_before_period() -> None:
    task = _task(TimeframeKind.YEAR)
    q1 = CheckIn("T1", Q("2022-Q1"), Status.IN_PROGRESS, 30)
    q3 = CheckIn("T1", Q("2022-Q3"), Status.DONE, 100)
    assert latest_checkin([q1, q3], "T1", Q("2022-Q2")) is q1
    assert latest_checkin([q1, q3], "T1", Q("2022-H1")) is q1
    assert latest_checkin([q1, q3], "T1", Q("2022")) is q3
    assert latest_checkin([q3], "T1", Q("2022-Q1")) is None
    state = task_state(task, [q1, q3], Q("2022-Q2"))
    assert state.checkin is q1
    assert state.not_reported  # due in Q2, nothing reported in Q2
    assert not state.overdue  # due at the year's end


def test_overdue_when_due_passed_and_not_finished() -> None:
    task = _task(TimeframeKind.DEADLINE, due=dt.date(2022, 2, 27))
    working = CheckIn("T1", Q("2022-Q1"), Status.IN_PROGRESS, 50)
    assert task_state(task, [working], Q("2022-Q1")).overdue
    assert task_state(task, [], Q("2022-Q2")).overdue
    done = CheckIn("T1", Q("2022-Q1"), Status.DONE_LATE, 100)
    assert not task_state(task, [done], Q("2022-Q1")).overdue
    # judged before the due date: not yet overdue
    assert not task_state(task, [working], Q("2022-Q1"), as_of=dt.date(2022, 2, 1)).overdue
    later = _task(TimeframeKind.QUARTERS, quarters=[3])
    assert not task_state(later, [], Q("2022-Q1")).overdue
    assert not task_state(later, [], Q("2022-Q1")).due_in_period


def test_recurring_tasks_are_never_overdue_and_done_means_100() -> None:
    task = _task(TimeframeKind.RECURRING)
    state = task_state(task, [CheckIn("T1", Q("2022-Q4"), Status.IN_PROGRESS, 80)], Q("2022"))
    assert not state.overdue
    assert state.progress == 80
    done = task_state(task, [CheckIn("T1", Q("2022-Q1"), Status.DONE, 100)], Q("2022-Q1"))
    assert done.progress == 100
    assert done.label == "Hoàn thành"


def test_a_task_finished_in_an_earlier_quarter_owes_no_more_reports() -> None:
    year_task = _task(TimeframeKind.YEAR)
    for status in (Status.DONE, Status.DONE_LATE, Status.CANCELLED):
        q1 = CheckIn("T1", Q("2022-Q1"), status, 100)
        for later in ("2022-Q2", "2022-Q3", "2022-Q4"):
            state = task_state(year_task, [q1], Q(later))
            assert state.due_in_period and not state.reported_in_period
            assert state.finished_before and not state.not_reported, (status, later)
    # Not finished: still owed every quarter it is due.
    stopped = CheckIn("T1", Q("2022-Q1"), Status.NOT_DONE, 40)
    assert task_state(year_task, [stopped], Q("2022-Q2")).not_reported
    # Reopened in Q3 after being done in Q1: Q3 has its report, Q4 owes one again.
    reopened = [
        CheckIn("T1", Q("2022-Q1"), Status.DONE, 100),
        CheckIn("T1", Q("2022-Q3"), Status.IN_PROGRESS, 60),
    ]
    assert not task_state(year_task, reopened, Q("2022-Q3")).not_reported
    assert task_state(year_task, reopened, Q("2022-Q4")).not_reported
    # Finished in the period itself: reported, not "finished before".
    assert not task_state(year_task, reopened[:1], Q("2022-Q1")).finished_before
