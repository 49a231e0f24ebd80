"""Edit the plan's own fields, its organization, recipients, preamble and closing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import col, delete, select

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.entities import OrganizationRow, ParagraphRow, PlanRow, RecipientRow
from cchc_desktop.domain.model import Paragraph, ParagraphStyle, Recipient, Signer
from cchc_desktop.domain.text import plain
from cchc_desktop.errors import ValidationError
from cchc_desktop.services.conflicts import lock_plan, refuse_if_changed, short, stale
from cchc_desktop.services.mapping import issued_from_row, signer_from_row
from cchc_desktop.services.plan_store import get_plan_row
from cchc_desktop.services.validation import plain_text, require_text
from cchc_desktop.storage.database import Database

PLAN_FIELDS = (
    "year",
    "number",
    "symbol",
    "issued_on",
    "doc_type",
    "title",
    "archive",
    "signer",
    "appendix_title",
    "print_appendix",
    "appendix_reference",
)
ORGANIZATION_FIELDS = ("parent", "name", "abbreviation", "place", "cutoff_day")
# How a refusal names a text field (a control character in it, domain.text's rule).
PLAN_FIELD_NAMES = {
    "number": "Số văn bản",
    "symbol": "Ký hiệu",
    "doc_type": "Loại văn bản",
    "title": "Trích yếu",
    "archive": "Nơi lưu",
    "appendix_title": "Tên phụ lục",
}
ORGANIZATION_FIELD_NAMES = {
    "parent": "Cơ quan chủ quản",
    "name": "Tên cơ quan",
    "abbreviation": "Tên viết tắt của cơ quan",
    "place": "Địa danh",
}


def update_plan_fields(
    db: Database, plan_id: int, *, expected: dict[str, Any] | None = None, **changes: Any
) -> dict[str, Any]:
    """Change plan fields (see PLAN_FIELDS); returns the old values of the changed fields.
    ``expected``: what the clerk saw of them (the window; see ``services/conflicts.py``)."""
    with db.session() as s:
        s.get(PlanRow, plan_id, with_for_update=expected is not None)  # locked till commit
        row = get_plan_row(s, plan_id)
        old: dict[str, Any] = {}
        for key, value in changes.items():
            if key not in PLAN_FIELDS:
                raise ValueError(f"unknown plan field {key}")
            if key == "signer":
                old[key] = signer_from_row(row)
                signer: Signer = value
                row.signer_authority = plain_text(signer.authority, "Thẩm quyền ký")
                row.signer_title = plain_text(signer.title, "Chức vụ người ký")
                row.signer_name = plain_text(signer.name, "Người ký")
            elif key == "issued_on":
                old[key] = issued_from_row(row)
                date: IssueDate | None = value
                row.issued_on = date.iso() if date else ""
            elif key == "print_appendix":
                old[key] = bool(row.print_appendix)
                row.print_appendix = bool(value)
            elif key == "year":
                old[key] = row.year
                if not isinstance(value, int) or not 1900 <= value <= 9999:
                    raise ValidationError("Năm không hợp lệ.", detail=f"bad year {value}")
                row.year = value
            else:
                old[key] = getattr(row, key)
                text = plain_text(str(value), PLAN_FIELD_NAMES.get(key, key))
                if key in ("symbol", "doc_type"):
                    require_text(text, {"symbol": "Ký hiệu", "doc_type": "Loại văn bản"}[key])
                setattr(row, key, text)
        refuse_if_changed(
            f"Thông tin kế hoạch “{old.get('title', row.title)}”", expected, old, changes
        )
        if row.issued_on and IssueDate.parse(row.issued_on, row.year).year != row.year:  # type: ignore[union-attr]
            raise ValidationError(
                f"Ngày ban hành phải thuộc năm {row.year} của kế hoạch.",
                detail="issue date outside the plan year",
            )
        row.updated_at = dt.datetime.now(dt.UTC)
        s.add(row)
        return old


def update_organization(
    db: Database, plan_id: int, *, expected: dict[str, Any] | None = None, **changes: Any
) -> dict[str, Any]:
    """``expected``: what the clerk saw of the fields (see ``services/conflicts.py``)."""
    with db.session() as s:
        plan = get_plan_row(s, plan_id)
        org = s.get(OrganizationRow, plan.organization_id, with_for_update=expected is not None)
        assert org is not None
        old: dict[str, Any] = {}
        for key, value in changes.items():
            if key not in ORGANIZATION_FIELDS:
                raise ValueError(f"unknown organization field {key}")
            old[key] = getattr(org, key)
            if key == "cutoff_day":
                if not isinstance(value, int) or not 1 <= value <= 28:
                    raise ValidationError(
                        "Ngày chốt số liệu phải từ 1 đến 28.",
                        detail=f"cutoff day {value} outside 1..28",
                    )
                org.cutoff_day = value
            else:
                if key == "name":
                    require_text(str(value), "Tên cơ quan")
                setattr(org, key, plain_text(str(value), ORGANIZATION_FIELD_NAMES[key]))
        refuse_if_changed(f"Cơ quan ban hành “{old.get('name', org.name)}”", expected, old, changes)
        s.add(org)
        return old


def _recipients_key(recipients: list[Recipient]) -> list[tuple[str, str]]:
    return [(plain(r.name).strip(), plain(r.note).strip()) for r in recipients if r.name.strip()]


def _recipients_line(recipients: list[Recipient]) -> str:
    return "; ".join(short(r.name, 50) for r in recipients if r.name.strip())


def _paragraphs_key(paragraphs: list[Paragraph]) -> list[tuple[str, str]]:
    return [(ParagraphStyle(p.style).value, plain(p.text)) for p in paragraphs]


def _paragraphs_line(paragraphs: list[Paragraph]) -> str:
    return " / ".join(short(p.text, 60) for p in paragraphs if p.text.strip())


def set_recipients(
    db: Database,
    plan_id: int,
    recipients: list[Recipient],
    *,
    expected: list[Recipient] | None = None,
) -> list[Recipient]:
    """Replace the "Nơi nhận" list; returns the old one. ``expected``: the list the clerk
    saw (the window; see ``services/conflicts.py``)."""
    with db.session() as s:
        if expected is not None:
            lock_plan(s, plan_id)
        get_plan_row(s, plan_id)
        rows = s.exec(
            select(RecipientRow)
            .where(RecipientRow.plan_id == plan_id)
            .order_by(col(RecipientRow.position))
        ).all()
        old = [Recipient(r.name, r.note, r.id) for r in rows]
        if expected is not None and _recipients_key(expected) != _recipients_key(old):
            raise stale(
                "Nơi nhận của kế hoạch",
                _recipients_line(old),
                _recipients_line(recipients),
                stored=old,
                seen=expected,
                detail="recipients",
            )
        s.exec(delete(RecipientRow).where(col(RecipientRow.plan_id) == plan_id))
        s.add_all(
            RecipientRow(
                plan_id=plan_id,
                position=i,
                name=plain_text(r.name, "Nơi nhận"),
                note=plain_text(r.note, "Ghi chú nơi nhận"),
            )
            for i, r in enumerate(recipients)
            if r.name.strip()
        )
        return old


def set_paragraphs(
    db: Database,
    plan_id: int,
    part: str,
    paragraphs: list[Paragraph],
    *,
    expected: list[Paragraph] | None = None,
) -> list[Paragraph]:
    """Replace the preamble or the closing; returns the old paragraphs. ``expected``: the
    paragraphs the clerk saw (the window; see ``services/conflicts.py``)."""
    if part not in ("preamble", "closing"):
        raise ValueError(f"part must be preamble or closing, not {part}")
    texts = [plain_text(p.text, f"Đoạn {i + 1}") for i, p in enumerate(paragraphs)]
    with db.session() as s:
        if expected is not None:
            lock_plan(s, plan_id)
        get_plan_row(s, plan_id)
        rows = s.exec(
            select(ParagraphRow)
            .where(ParagraphRow.plan_id == plan_id, ParagraphRow.part == part)
            .order_by(col(ParagraphRow.position))
        ).all()
        old = [Paragraph(r.text, ParagraphStyle(r.style), r.id) for r in rows]
        if expected is not None and _paragraphs_key(expected) != _paragraphs_key(old):
            raise stale(
                "Phần mở đầu của kế hoạch" if part == "preamble" else "Phần kết thúc của kế hoạch",
                _paragraphs_line(old),
                _paragraphs_line(paragraphs),
                stored=old,
                seen=expected,
                detail=f"{part} paragraphs",
            )
        s.exec(
            delete(ParagraphRow).where(
                col(ParagraphRow.plan_id) == plan_id, col(ParagraphRow.part) == part
            )
        )
        s.add_all(
            ParagraphRow(plan_id=plan_id, part=part, position=i, style=p.style.value, text=texts[i])
            for i, p in enumerate(paragraphs)
        )
        return old
