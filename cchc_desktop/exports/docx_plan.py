"""The plan as a signature-ready .docx in the Decree 30/2020 format.

Layout: the header block, "KẾ HOẠCH" and the trích yếu, the preamble, the numbered sections
(I./1./a), numbers from their position), the closing, "Nơi nhận" and the signature; page
numbers from page 2; then the appendix of tasks in its own landscape section.

When is there an appendix? When the plan's "in phụ lục nhiệm vụ" setting is on
(``Plan.print_appendix``: on for plans whose office wrote an appendix; the clerk switches
it). Then the body carries the reference sentence where its tasks begin
(:mod:`cchc_desktop.domain.appendix`), and a plan whose appendix has no title gets a
default one (:func:`appendix_title`); with no task yet the table is empty for the clerk to
fill. When it is off, the tasks (still what the units report on) are printed nowhere.

Columns: ours, then the office's own extra columns (``Plan.extra_columns``), then "Ghi chú"
when a task has a note or a target (``"Chỉ tiêu: 20 tin, bài"`` before the note).

An untitled khoản or điểm (``SectionKind.ITEM``) prints as a body paragraph with its number,
upright (Phụ lục I Mục V); it keeps the heading's outline level so that the importer reads
it back as the same numbered item.

Callers import this module lazily (it imports python-docx).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from cchc_desktop.domain.appendix import prints_appendix, reference_section, reference_sentence
from cchc_desktop.domain.dates import date_line, date_phrase
from cchc_desktop.domain.model import Plan, SectionKind, Task
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
    return prints_appendix(plan)


NOTE_COLUMN = "Ghi chú"
TARGET_PREFIX = "Chỉ tiêu: "


def note_cell(task: Task) -> list[str]:
    """The Ghi chú cell: the target (``"Chỉ tiêu: 20 tin, bài"``) then the note's lines."""
    lines = [f"{TARGET_PREFIX}{task.target.format()}"] if task.target is not None else []
    return lines + [line for line in task.note.splitlines() if line.strip()]


def needs_note_column(plan: Plan) -> bool:
    return any(t.note.strip() or t.target is not None for t in plan.tasks)


def plan_columns(plan: Plan) -> tuple[Column, ...]:
    """Our six columns, the office's extra ones, and Ghi chú when a task needs it; the
    columns after STT give up, in proportion, the width the added ones take."""
    added = [*plan.extra_columns, *([NOTE_COLUMN] if needs_note_column(plan) else [])]
    if not added:
        return PLAN_COLUMNS
    total = sum(c.width for c in PLAN_COLUMNS)
    stt, *ours = PLAN_COLUMNS
    each = min(nd30.EXTRA_COLUMN_WIDTH, (total - stt.width) // (2 * len(added)))
    room = total - stt.width - each * len(added)
    scale = room / sum(c.width for c in ours)
    return (
        stt,
        *(Column(c.title, int(c.width * scale), c.align) for c in ours),
        *(Column(title, each, LEFT) for title in added),
    )


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


def write_document(
    builder: Nd30Document, plan: Plan, reference: str = "", addressees: Sequence[str] = ()
) -> None:
    """Header, title, body and signature of ``plan`` (any document of the same shape);
    ``reference``, when given, is printed where the plan's tasks begin; ``addressees``: the
    "Kính gửi" of a document sent to named bodies (a report)."""
    org = plan.organization
    builder.header_block(
        org.parent,
        org.name,
        number_line(plan),
        date_line(org.place, plan.issued_on, plan.year),
    )
    builder.title_block(plan.doc_type, plan.title)
    if addressees:
        builder.addressee_block(addressees)
    for paragraph in plan.preamble:
        builder.body(paragraph.printed)
    if reference and not plan.sections:
        builder.body(reference)
    at = reference_section(plan) if reference else None
    for numbered in plan.walk_sections():
        section = numbered.section
        if section.kind is SectionKind.ITEM and numbered.depth > 1:
            builder.item(numbered.depth, numbered.number, section.heading)
        else:
            builder.heading(numbered.depth, numbered.number, section.heading)
        if numbered.depth == 1 and at is not None and numbered.path == (at,):
            builder.body(reference)
        for paragraph in section.body:
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


def task_cells(
    task: Task, index: int, year: int, plan: Plan | None = None, *, note: bool | None = None
) -> list[str | Sequence[str]]:
    """The cells of a task's row (with ``plan``: its extra columns and Ghi chú too).
    ``note``: :func:`needs_note_column` of ``plan``, asked once by a caller that writes every
    row (it looks at every task: per row, a plan of 1,000 tasks without a target or a note
    cost a million checks, 50 ms of its export)."""
    cells: list[str | Sequence[str]] = [
        str(index),
        task.name,
        task.product,
        unit_lines(task.lead),
        unit_lines(task.partners),
        task.timeframe.display_label(year),
    ]
    if plan is not None:
        cells.extend(task.extra.get(name, "").splitlines() for name in plan.extra_columns)
        if needs_note_column(plan) if note is None else note:
            cells.append(note_cell(task))
    return cells


def write_plan_docx(plan: Plan, path: Path) -> None:
    """Write ``plan`` to ``path`` (.docx) in the Decree 30 format, atomically."""
    _write_plan_docx(plan, path)
    log.info("exported plan %s to %s: %s", plan.id, path, counts(plan))


def _write_plan_docx(plan: Plan, path: Path) -> None:
    builder = Nd30Document()
    builder.properties(plan.title, plan.organization.name)
    write_document(builder, plan, reference_sentence(plan))
    if has_appendix(plan):
        table = builder.appendix(
            appendix_title(plan), f"(Kèm theo {document_reference(plan)})", plan_columns(plan)
        )
        group = ""
        note = needs_note_column(plan)
        for index, task in enumerate(plan.tasks, start=1):
            if task.group and task.group != group:
                table.add_group(task.group)
            group = task.group
            table.add_row(task_cells(task, index, plan.year, plan, note=note))
    builder.save(path)
