"""Commands on check-ins (what a unit reports on a task for one quarter)."""

from __future__ import annotations

import copy

from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period

from cchc_desktop.ui.plan_document import PlanDocument, SwapCommand


class _CheckinCommand(SwapCommand[CheckIn | None]):
    """One unit's answer on one (task, quarter): the lead's (``unit`` ``""``) or a partner's
    contribution. None stands for "no answer"."""

    def __init__(
        self,
        doc: PlanDocument,
        text: str,
        key: str,
        period: Period,
        new: CheckIn | None,
        unit: str = "",
    ) -> None:
        super().__init__(doc, text, new)
        self.key = key
        self.period = period
        self.unit = unit

    def store(self, value: CheckIn | None) -> CheckIn | None:
        """Store ``value`` (None: remove it) for (key, period); return what was there."""
        from cchc_desktop.services.checkins import delete_checkin, record_checkin

        # Optimistic concurrency (server mode): against the version this window last saw,
        # which after this window's own edit is the one it stored, so an undo is refused
        # when another clerk changed the row since, and only then.
        current = self.doc.checkin(self.key, self.period, self.unit)
        if value is None:
            old = delete_checkin(
                self.doc.db, self.doc.plan_id, self.key, self.period,
                expected_version=current.version if current is not None else None,
                unit=self.unit,
            )  # fmt: skip
            self.doc.patch_checkin(self.key, self.period, None, self.unit)
            return old
        stored = copy.deepcopy(value)  # the service may correct it (done → 100 %)
        checkin_id, old = record_checkin(
            self.doc.db, self.doc.plan_id, stored,
            expected_version=current.version if current is not None else 0,
        )  # fmt: skip
        stored.id = checkin_id
        self.doc.patch_checkin(self.key, self.period, stored, self.unit)
        return old


class RecordCheckin(_CheckinCommand):
    def __init__(self, doc: PlanDocument, checkin: CheckIn, text: str = "") -> None:
        new = copy.deepcopy(checkin)
        default = "Ghi phần phối hợp" if new.unit else "Ghi kết quả thực hiện"
        super().__init__(doc, text or default, new.task, new.period, new, new.unit)


class DeleteCheckin(_CheckinCommand):
    """Undo puts back what the delete removed; a delete that found nothing undoes nothing
    (it must not remove a check-in recorded since)."""

    def __init__(self, doc: PlanDocument, key: str, period: Period, unit: str = "") -> None:
        super().__init__(doc, "Xóa kết quả thực hiện", key, period, None, unit)

    def apply(self) -> None:
        removed = self.store(None)
        if removed is not None:  # a redo keeps what it removed this time
            self.old, self._has_old = removed, True

    def revert(self) -> None:
        if self.old is not None:
            self.store(self.old)
