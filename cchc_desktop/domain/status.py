"""Check-in statuses, their Vietnamese labels and the one colour palette (window and .xlsx)."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DONE_LATE = "done_late"
    NOT_DONE = "not_done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_finished(self) -> bool:
        """Finished tasks are never overdue (done, done late or cancelled)."""
        return self in (Status.DONE, Status.DONE_LATE, Status.CANCELLED)

    @property
    def is_done(self) -> bool:
        return self in (Status.DONE, Status.DONE_LATE)

    @classmethod
    def from_label(cls, label: str) -> Status | None:
        for status, text in STATUS_LABELS.items():
            if text.casefold() == label.strip().casefold():
                return status
        return None


DONE_PROGRESS = 100


def progress_for(status: Status, progress: int) -> int:
    """The one "done means 100 %" rule: the progress a check-in of ``status`` stands for.

    Decided once, for every way in: a value a person enters (the window, a returned form,
    the services) is corrected to this, never refused, because choosing "Hoàn thành" says
    the task is finished whatever the progress box still holds. A plan file is written by
    the program, so the reader refuses one whose progress differs from this (the file was
    edited by hand or damaged) instead of guessing which of the two fields is right.
    """
    return DONE_PROGRESS if status.is_done else progress


class DerivedState(StrEnum):
    """States computed for a period, not stored: shown beside the stored statuses."""

    OVERDUE = "overdue"
    NOT_REPORTED = "not_reported"

    @property
    def label(self) -> str:
        return DERIVED_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.NOT_STARTED: "Chưa triển khai",
    Status.IN_PROGRESS: "Đang thực hiện",
    Status.DONE: "Hoàn thành",
    Status.DONE_LATE: "Hoàn thành chậm",
    Status.NOT_DONE: "Không hoàn thành",
    Status.CANCELLED: "Dừng thực hiện",
}

DERIVED_LABELS: dict[DerivedState, str] = {
    DerivedState.OVERDUE: "Quá hạn",
    DerivedState.NOT_REPORTED: "Chưa báo cáo",
}

# Background colours as RGB hex (no '#'), light enough for black text on screen and paper.
STATUS_COLORS: dict[str, str] = {
    Status.NOT_STARTED: "E7E6E6",
    Status.IN_PROGRESS: "FFF2CC",
    Status.DONE: "C6EFCE",
    Status.DONE_LATE: "DDEBF7",
    Status.NOT_DONE: "F8CBAD",
    Status.CANCELLED: "D9D9D9",
    DerivedState.OVERDUE: "FFC7CE",
    DerivedState.NOT_REPORTED: "FFFFFF",
}


# Dark red text: "overdue" in the check-in table and refusals under a form's fields.
WARNING_TEXT_COLOR = "9C0006"


def color_of(state: str) -> str:
    return STATUS_COLORS.get(state, "FFFFFF")
