"""Commands on the plan's own fields, its organization, recipients, preamble and closing."""

from __future__ import annotations

import copy
from typing import Any

from cchc_desktop.domain.model import Paragraph, Recipient
from cchc_desktop.services.plan_edit import (
    set_paragraphs,
    set_recipients,
    update_organization,
    update_plan_fields,
)

from cchc_desktop.ui.plan_document import PlanCommand, PlanDocument


class UpdatePlanFields(PlanCommand):
    def __init__(self, doc: PlanDocument, text: str = "Sửa thông tin kế hoạch", **changes: Any):
        super().__init__(doc, text)
        self.changes = changes
        self.old: dict[str, Any] | None = None

    def apply(self) -> None:
        old = update_plan_fields(self.doc.db, self.doc.plan_id, **self.changes)
        if self.old is None:
            self.old = old
        self.doc.patch_plan_fields(self.changes)

    def revert(self) -> None:
        assert self.old is not None
        update_plan_fields(self.doc.db, self.doc.plan_id, **self.old)
        self.doc.patch_plan_fields(self.old)


class UpdateOrganization(PlanCommand):
    def __init__(self, doc: PlanDocument, text: str = "Sửa cơ quan ban hành", **changes: Any):
        super().__init__(doc, text)
        self.changes = changes
        self.old: dict[str, Any] | None = None

    def apply(self) -> None:
        old = update_organization(self.doc.db, self.doc.plan_id, **self.changes)
        if self.old is None:
            self.old = old
        self.doc.patch_organization(self.changes)

    def revert(self) -> None:
        assert self.old is not None
        update_organization(self.doc.db, self.doc.plan_id, **self.old)
        self.doc.patch_organization(self.old)


class SetRecipients(PlanCommand):
    def __init__(self, doc: PlanDocument, recipients: list[Recipient]) -> None:
        super().__init__(doc, "Sửa nơi nhận")
        self.new = copy.deepcopy(recipients)
        self.old: list[Recipient] | None = None

    def _store(self, recipients: list[Recipient]) -> list[Recipient]:
        old = set_recipients(self.doc.db, self.doc.plan_id, copy.deepcopy(recipients))
        # The service drops recipients without a name; so does the cache.
        kept = [copy.copy(r) for r in recipients if r.name.strip()]
        self.doc.patch_plan_fields({"recipients": kept})
        return old

    def apply(self) -> None:
        old = self._store(self.new)
        if self.old is None:
            self.old = old

    def revert(self) -> None:
        assert self.old is not None
        self._store(self.old)


class SetParagraphs(PlanCommand):
    """Replace the preamble or the closing."""

    def __init__(self, doc: PlanDocument, part: str, paragraphs: list[Paragraph]) -> None:
        super().__init__(doc, "Sửa phần mở đầu" if part == "preamble" else "Sửa phần kết thúc")
        self.part = part
        self.new = copy.deepcopy(paragraphs)
        self.old: list[Paragraph] | None = None

    def _store(self, paragraphs: list[Paragraph]) -> list[Paragraph]:
        old = set_paragraphs(self.doc.db, self.doc.plan_id, self.part, copy.deepcopy(paragraphs))
        self.doc.patch_plan_fields({self.part: copy.deepcopy(paragraphs)})
        return old

    def apply(self) -> None:
        old = self._store(self.new)
        if self.old is None:
            self.old = old

    def revert(self) -> None:
        assert self.old is not None
        self._store(self.old)
