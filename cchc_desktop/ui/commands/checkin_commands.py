"""Commands on check-ins (what a unit reports on a task for one quarter)."""

from __future__ import annotations

import copy

from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.services.checkins import delete_checkin, record_checkin

from cchc_desktop.ui.plan_document import PlanCommand, PlanDocument


class _CheckinCommand(PlanCommand):
    def _put(self, key: str, period: Period, checkin: CheckIn | None) -> CheckIn | None:
        """Store ``checkin`` (None: remove it) for (key, period); return what was there."""
        if checkin is None:
            old = delete_checkin(self.doc.db, self.doc.plan_id, key, period)
            self.doc.patch_checkin(key, period, None)
            return old
        stored = copy.deepcopy(checkin)  # the service may correct it (done → 100 %)
        checkin_id, old = record_checkin(self.doc.db, self.doc.plan_id, stored)
        stored.id = checkin_id
        self.doc.patch_checkin(key, period, stored)
        return old


class RecordCheckin(_CheckinCommand):
    def __init__(self, doc: PlanDocument, checkin: CheckIn, text: str = "") -> None:
        super().__init__(doc, text or "Ghi kết quả thực hiện")
        self.new = copy.deepcopy(checkin)
        self.old: CheckIn | None = None
        self._first = True

    def apply(self) -> None:
        old = self._put(self.new.task, self.new.period, self.new)
        if self._first:
            self.old, self._first = old, False

    def revert(self) -> None:
        self._put(self.new.task, self.new.period, self.old)


class DeleteCheckin(_CheckinCommand):
    def __init__(self, doc: PlanDocument, key: str, period: Period) -> None:
        super().__init__(doc, "Xóa kết quả thực hiện")
        self.key = key
        self.period = period
        self.old: CheckIn | None = None

    def apply(self) -> None:
        old = self._put(self.key, self.period, None)
        if old is not None:
            self.old = old

    def revert(self) -> None:
        if self.old is not None:
            self._put(self.key, self.period, self.old)
