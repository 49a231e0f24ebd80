"""Commands on the plan's own fields, its organization, recipients, preamble and closing."""

from __future__ import annotations

import copy
from typing import Any

from cchc_desktop.domain.model import Paragraph, Recipient

from cchc_desktop.ui.plan_document import PlanDocument, SwapCommand


class UpdatePlanFields(SwapCommand[dict[str, Any]]):
    def __init__(self, doc: PlanDocument, text: str = "Sửa thông tin kế hoạch", **changes: Any):
        super().__init__(doc, text, changes)

    def store(self, value: dict[str, Any]) -> dict[str, Any]:
        from cchc_desktop.services.plan_edit import update_plan_fields

        # Against what this window shows (server mode): another clerk's change is refused.
        seen = {key: getattr(self.doc.plan, key) for key in value}
        old = update_plan_fields(self.doc.db, self.doc.plan_id, expected=seen, **value)
        self.doc.patch_plan_fields(value)
        return old


class UpdateOrganization(SwapCommand[dict[str, Any]]):
    def __init__(self, doc: PlanDocument, text: str = "Sửa cơ quan ban hành", **changes: Any):
        super().__init__(doc, text, changes)

    def store(self, value: dict[str, Any]) -> dict[str, Any]:
        from cchc_desktop.services.plan_edit import update_organization

        org = self.doc.plan.organization  # type: ignore[union-attr]
        seen = {key: getattr(org, key) for key in value}
        old = update_organization(self.doc.db, self.doc.plan_id, expected=seen, **value)
        self.doc.patch_organization(value)
        return old


class SetRecipients(SwapCommand[list[Recipient]]):
    def __init__(self, doc: PlanDocument, recipients: list[Recipient]) -> None:
        super().__init__(doc, "Sửa nơi nhận", copy.deepcopy(recipients))
        self.left: list[Recipient] | None = None  # what this command stored last

    def store(self, value: list[Recipient]) -> list[Recipient]:
        from cchc_desktop.services.plan_edit import set_recipients

        # Against what this command stored last, else what the window shows (server mode).
        seen = self.left if self.left is not None else self.doc.plan.recipients  # type: ignore[union-attr]
        old = set_recipients(
            self.doc.db, self.doc.plan_id, copy.deepcopy(value), expected=copy.deepcopy(seen)
        )
        self.left = copy.deepcopy(value)
        # The service drops recipients without a name; so does the cache.
        kept = [copy.copy(r) for r in value if r.name.strip()]
        self.doc.patch_plan_fields({"recipients": kept})
        return old


class SetParagraphs(SwapCommand[list[Paragraph]]):
    """Replace the preamble or the closing."""

    def __init__(self, doc: PlanDocument, part: str, paragraphs: list[Paragraph]) -> None:
        text = "Sửa phần mở đầu" if part == "preamble" else "Sửa phần kết thúc"
        super().__init__(doc, text, copy.deepcopy(paragraphs))
        self.part = part
        self.left: list[Paragraph] | None = None  # what this command stored last

    def store(self, value: list[Paragraph]) -> list[Paragraph]:
        from cchc_desktop.services.plan_edit import set_paragraphs

        seen = self.left if self.left is not None else getattr(self.doc.plan, self.part)
        old = set_paragraphs(
            self.doc.db,
            self.doc.plan_id,
            self.part,
            copy.deepcopy(value),
            expected=copy.deepcopy(seen),
        )
        self.left = copy.deepcopy(value)
        self.doc.patch_plan_fields({self.part: copy.deepcopy(value)})
        return old
