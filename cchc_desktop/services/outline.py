"""Read only the body of a plan (its section tree with paragraphs).

The window reloads the outline after a structural edit (add, move, indent, delete, undo of a
delete) without reading the whole plan again: on a plan of thousands of tasks a full
``load_plan`` takes seconds, the outline a few milliseconds.
"""

from __future__ import annotations

from sqlmodel import col, select

from cchc_desktop.domain.entities import ParagraphRow, SectionRow
from cchc_desktop.domain.model import Paragraph, ParagraphStyle, Section
from cchc_desktop.services.plan_store import get_plan_row
from cchc_desktop.storage.database import Database


def load_sections(db: Database, plan_id: int) -> list[Section]:
    """The plan's sections as a tree in document order, each with its paragraphs and id."""
    with db.reader() as s:
        get_plan_row(s, plan_id)
        sections = s.exec(
            select(SectionRow)
            .where(SectionRow.plan_id == plan_id)
            .order_by(col(SectionRow.position), col(SectionRow.id))
        ).all()
        paragraphs = s.exec(
            select(ParagraphRow)
            .where(ParagraphRow.plan_id == plan_id, ParagraphRow.part == "section")
            .order_by(col(ParagraphRow.position), col(ParagraphRow.id))
        ).all()
    body: dict[int | None, list[Paragraph]] = {}
    for p in paragraphs:
        body.setdefault(p.section_id, []).append(Paragraph(p.text, ParagraphStyle(p.style), p.id))
    children: dict[int | None, list[SectionRow]] = {}
    for row in sections:
        children.setdefault(row.parent_id, []).append(row)

    def build(parent: int | None) -> list[Section]:
        return [
            Section(row.heading, body.get(row.id, []), build(row.id), row.id)
            for row in children.get(parent, [])
        ]

    return build(None)
