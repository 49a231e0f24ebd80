"""The plan as a signature-ready .docx in the Decree 30/2020 format.

Layout: the header block, "KẾ HOẠCH" and the trích yếu, the preamble, the numbered sections
(I./1./a), numbers from their position), the closing, "Nơi nhận" and the signature; page
numbers from page 2; then the appendix of tasks in its own landscape section.

When is there an appendix? When the plan has tasks, or an appendix title. A plan such as
the Ninh Thuận one lists tasks but gave its appendix no title; the tasks are still what the
units report on, so they are printed under a default title (:func:`appendix_title`). A title
with no task yet prints the heading and an empty table for the clerk to fill.

Callers import this module lazily (it imports python-docx).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from cchc_desktop.domain.dates import date_line, date_phrase
from cchc_desktop.domain.model import Plan, Task
from cchc_desktop.domain.names import agency_name
from cchc_desktop.exports import nd30
from cchc_desktop.exports.nd30_docx import CENTER, LEFT, Column, Nd30Document, recipients_lines
from cchc_desktop.logs import counts

log = logging.getLogger(__name__)

PLAN_COLUMNS: tuple[Column, ...] = tuple(
    Column(title, width, CENTER if i in (0, 3, 4, 5) else LEFT)
    for i, (title, width) in enumerate(nd30.PLAN_TABLE_COLUMNS)
)


def has_appendix(plan: Plan) -> bool:
    return bool(plan.tasks) or bool(plan.appendix_title.strip())


def appendix_title(plan: Plan) -> str:
    """The plan's appendix title, or a default one when the plan gives none."""
    if plan.appendix_title.strip():
        return plan.appendix_title.strip()
    return f"CÁC NHIỆM VỤ, SẢN PHẨM THỰC HIỆN {plan.doc_type.upper()} NĂM {plan.year}"


def number_line(plan: Plan) -> str:
    """``"Số: 74/KH-SKHCN"``; a blank number keeps room to write it in."""
    return f"Số: {plan.number_symbol}"


def document_reference(plan: Plan) -> str:
    """``"Kế hoạch số 74/KH-SKHCN ngày 28 tháng 01 năm 2022 của Sở Khoa học và Công nghệ"``."""
    kind = plan.doc_type.strip().capitalize()
    issued = date_phrase(plan.issued_on, plan.year)
    by = agency_name(plan.organization.name)
    return f"{kind} số {plan.number_symbol} {issued} của {by}"


def write_document(builder: Nd30Document, plan: Plan) -> None:
    """Header, title, body and signature of ``plan`` (any document of the same shape)."""
    org = plan.organization
    builder.header_block(
        org.parent,
        org.name,
        number_line(plan),
        date_line(org.place, plan.issued_on, plan.year),
    )
    builder.title_block(plan.doc_type, plan.title)
    for paragraph in plan.preamble:
        builder.body(paragraph.printed)
    for numbered in plan.walk_sections():
        builder.heading(numbered.depth, numbered.number, numbered.section.heading)
        for paragraph in numbered.section.body:
            builder.body(paragraph.printed)
    for i, paragraph in enumerate(plan.closing):
        # The last words stay on the page of the signature block.
        builder.body(paragraph.printed, keep_with_next=i == len(plan.closing) - 1)
    builder.signature_block(
        recipients_lines((r.printed for r in plan.recipients), plan.archive), plan.signer
    )


def unit_lines(names: Sequence[str]) -> list[str]:
    """One paragraph per unit; ";" ends all but the last, since names hold commas."""
    return [f"{name};" if i < len(names) - 1 else name for i, name in enumerate(names)]


def task_cells(task: Task, index: int, year: int) -> list[str | Sequence[str]]:
    """The cells of a task's row."""
    return [
        str(index),
        task.name,
        task.product,
        unit_lines(task.lead),
        unit_lines(task.partners),
        task.timeframe.display_label(year),
    ]


def write_plan_docx(plan: Plan, path: Path) -> None:
    """Write ``plan`` to ``path`` (.docx) in the Decree 30 format, atomically."""
    _write_plan_docx(plan, path)
    log.info("exported plan %s to %s: %s", plan.id, path, counts(plan))


def _write_plan_docx(plan: Plan, path: Path) -> None:
    builder = Nd30Document()
    builder.properties(plan.title, plan.organization.name)
    write_document(builder, plan)
    if has_appendix(plan):
        table = builder.appendix(
            appendix_title(plan), f"(Kèm theo {document_reference(plan)})", PLAN_COLUMNS
        )
        group = ""
        for index, task in enumerate(plan.tasks, start=1):
            if task.group and task.group != group:
                table.add_group(task.group)
            group = task.group
            table.add_row(task_cells(task, index, plan.year))
    builder.save(path)
