"""The period report as a signature-ready .docx ("BÁO CÁO", Decree 30/2020 format).

The words come from :mod:`cchc_desktop.exports.report_text`; the layout is the plan's (the
same :class:`~cchc_desktop.exports.nd30_docx.Nd30Document` and :func:`write_document`), with
an appendix table of every task in the period and its state.

Callers import this module lazily (it imports python-docx).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path

from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.progress import TaskState
from cchc_desktop.exports import nd30
from cchc_desktop.exports.docx_plan import document_reference, unit_lines, write_document
from cchc_desktop.exports.nd30_docx import CENTER, LEFT, Column, Nd30Document
from cchc_desktop.exports.report_text import build_report
from cchc_desktop.logs import counts

log = logging.getLogger(__name__)

REPORT_COLUMNS: tuple[Column, ...] = tuple(
    Column(title, width, CENTER if i in (0, 2, 3, 4) else LEFT)
    for i, (title, width) in enumerate(nd30.REPORT_TABLE_COLUMNS)
)


def appendix_title(period: Period) -> str:
    return f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ {period.label().upper()}"


def state_cells(state: TaskState, index: int, year: int) -> list[str | Sequence[str]]:
    """STT | Nhiệm vụ | Đơn vị chủ trì | Thời gian | Tình trạng | Kết quả | Kiểm chứng."""
    task, checkin = state.task, state.checkin
    status = state.label
    if checkin is not None and not checkin.status.is_done and checkin.progress:
        status += f" ({checkin.progress}%)"
    result = checkin.result if checkin is not None else ""
    if checkin is not None and result and not state.reported_in_period:
        result += f" (theo báo cáo {checkin.period.short_label()})"
    if task.target is not None:
        achieved = checkin.achieved if checkin is not None else None
        result = "\n".join(x for x in (result, f"Chỉ tiêu: {task.target.format(achieved)}") if x)
    evidence = [e.title for e in checkin.evidence] if checkin is not None else []
    return [
        str(index),
        task.name,
        unit_lines(task.lead),
        task.timeframe.display_label(year),
        status,
        result.split("\n"),
        evidence,
    ]


def write_report_docx(plan: Plan, period: Period, path: Path, as_of: dt.date | None = None) -> None:
    """Write the report of ``plan`` for ``period`` to ``path`` (.docx), atomically.

    Task states are judged at ``as_of`` (default: the end of the period).
    """
    report = build_report(plan, period, as_of)
    builder = Nd30Document()
    write_document(builder, report.document)
    table = builder.appendix(
        appendix_title(period), f"(Kèm theo {document_reference(report.document)})", REPORT_COLUMNS
    )
    group = ""
    for index, state in enumerate(report.summary.states, start=1):
        if state.task.group and state.task.group != group:
            table.add_group(state.task.group)
        group = state.task.group
        table.add_row(state_cells(state, index, plan.year))
    builder.save(path)
    log.info("exported the %s report of plan %s to %s: %s", period, plan.id, path, counts(plan))
