"""What an edit in "Theo dõi thực hiện" makes of a check-in: a value typed in the table or the
side form, a file attached, last quarter's report taken as the start of this one.

Plain functions without Qt: the table model and the tab turn their results into undoable
commands, or show the refusal (a :class:`ValidationError` with a Vietnamese message).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from cchc_desktop.domain.model import CheckIn, Evidence
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status, progress_for
from cchc_desktop.errors import ValidationError

NEW_EVIDENCE_TITLE = "Tài liệu mới"


def with_field(start: CheckIn, field: str, value: Any) -> CheckIn:
    """A copy of ``start`` with ``field`` set from what the clerk entered.

    Numbers are parsed here (a comma is a decimal separator, as Vietnamese write it); the
    services check the ranges. Marking a task done sets its progress to 100 %.
    """
    new = copy.deepcopy(start)
    text = str(value).strip() if value is not None else ""
    if field == "progress":
        number = text.removesuffix("%").strip()  # "50%", "50 %": what a clerk writes
        try:
            new.progress = int(number or "0")
        except ValueError:
            raise ValidationError(
                f"Tiến độ phải là số nguyên từ 0 đến 100 (đã nhập “{text}”).",
                detail=f"progress {text!r}",
            ) from None
    elif field == "achieved":
        try:
            new.achieved = float(text.replace(",", ".")) if text else None
        except ValueError:
            raise ValidationError(
                f"Số lượng đạt được phải là một số (đã nhập “{text}”).",
                detail=f"achieved {text!r}",
            ) from None
    elif field == "status":
        new.status = Status(value)
        new.progress = progress_for(new.status, new.progress)
    elif field in ("result", "difficulties", "proposals"):
        setattr(new, field, text)  # free text: surrounding blanks and newlines dropped
    else:
        setattr(new, field, copy.deepcopy(value))
    return new


def with_file(start: CheckIn, evidence_row: int, stored: str, original: str) -> CheckIn:
    """A copy of ``start`` with a copied file on its evidence row ``evidence_row`` (when that
    row has no file yet), else on a new row named after the file."""
    new = copy.deepcopy(start)
    if 0 <= evidence_row < len(new.evidence) and not new.evidence[evidence_row].file:
        old = new.evidence[evidence_row]
        # A row still called "Tài liệu mới" takes the file's name as its title.
        title = old.title if old.title and old.title != NEW_EVIDENCE_TITLE else original
        new.evidence[evidence_row] = Evidence(title, stored, old.id, original_name=original)
    else:
        new.evidence.append(Evidence(original, stored, original_name=original))
    return new


def copies_of_previous(
    keys: Iterable[str],
    period: Period,
    checkin: Callable[[str, Period], CheckIn | None],
    today: dt.date,
) -> list[CheckIn]:
    """Last quarter's check-ins of the tasks ``keys`` as new check-ins of ``period``, for the
    tasks that have one last quarter and none yet in ``period`` (nothing is overwritten)."""
    previous = period.previous_quarter()
    if previous is None:
        return []
    copies = []
    for key in keys:
        earlier = checkin(key, previous)
        if earlier is None or checkin(key, period) is not None:
            continue
        new = copy.deepcopy(earlier)
        new.id = None
        new.period = period
        new.reported_on = today
        for item in new.evidence:
            item.id = None
        copies.append(new)
    return copies
