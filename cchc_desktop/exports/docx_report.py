"""The period report as a signature-ready .docx ("BÁO CÁO", Decree 30/2020 format).

The words come from :mod:`cchc_desktop.exports.report_text`; the layout is the plan's (the
same :class:`~cchc_desktop.exports.nd30_docx.Nd30Document` and :func:`write_document`), with
an appendix table of every task in the period and its state.

Callers import this module lazily (it imports python-docx).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from cchc_desktop.domain.model import CheckIn, Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.progress import TaskState
from cchc_desktop.exports import nd30
from cchc_desktop.exports.docx_plan import document_reference, unit_lines, write_document
from cchc_desktop.exports.nd30_docx import CENTER, LEFT, Column, Nd30Document
from cchc_desktop.exports.report_text import QUARTER_NAMES, Report, build_report
from cchc_desktop.logs import counts

log = logging.getLogger(__name__)

REPORT_COLUMNS: tuple[Column, ...] = tuple(
    Column(title, width, CENTER if i in (0, 2, 3, 4) else LEFT)
    for i, (title, width) in enumerate(nd30.REPORT_TABLE_COLUMNS)
)


def appendix_title(period: Period) -> str:
    return f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ {period.label().upper()}"


def _by_quarter(window: Sequence[CheckIn], text: Callable[[CheckIn], list[str]]) -> list[str]:
    """One line per item; over several quarters each quarter's items under "Quý I:"."""
    if len(window) == 1:
        return text(window[0])
    out: list[str] = []
    for c in window:
        items = text(c)
        if items:
            out.append(f"{QUARTER_NAMES[c.period.last_quarter]}: {'; '.join(items)}")
    return out


def state_cells(
    state: TaskState, index: int, year: int, window: Sequence[CheckIn] | None = None
) -> list[str | Sequence[str]]:
    """STT | Nhiệm vụ | Đơn vị chủ trì | Thời gian | Tình trạng | Kết quả | Kiểm chứng.
    ``window``: the task's check-ins inside the period, in quarter order (every quarter's
    results and evidence in a 6-month or year report); by default the latest alone."""
    task, checkin = state.task, state.checkin
    status = state.label
    if checkin is not None and not checkin.status.is_done and checkin.progress:
        status += f" ({checkin.progress}%)"
    if window is None:
        window = [checkin] if checkin is not None and state.reported_in_period else []
    lines = _by_quarter(window, lambda c: [c.result.strip()] if c.result.strip() else [])
    if not window and checkin is not None and checkin.result.strip():
        lines = [f"{checkin.result.strip()} (theo báo cáo {checkin.period.short_label()})"]
    if task.target is not None:
        achieved = checkin.achieved if checkin is not None else None
        lines.append(f"Chỉ tiêu: {task.target.format(achieved)}")
    result = "\n".join(lines)
    shown = window or ([checkin] if checkin is not None else [])
    evidence = _by_quarter(shown, lambda c: [e.title for e in c.evidence if e.title.strip()])
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

    Task states are judged at ``as_of`` (default: the end of the period). Nobody is shown
    the report's warnings here: they are not worked out.
    """
    write_report(build_report(plan, period, as_of, document_only=True), path)


def write_report(report: Report, path: Path) -> None:
    """Write a built report (its warnings already shown) to ``path`` (.docx), atomically."""
    plan = report.summary.plan
    period = report.period
    builder = Nd30Document()
    write_document(builder, report.document, addressees=report.addressees)
    table = builder.appendix(
        appendix_title(period), f"(Kèm theo {document_reference(report.document)})", REPORT_COLUMNS
    )
    group = ""
    for index, state in enumerate(report.summary.states, start=1):
        if state.task.group and state.task.group != group:
            table.add_group(state.task.group)
        group = state.task.group
        window = report.window.get(state.task.key, [])
        table.add_row(state_cells(state, index, plan.year, window))
    builder.save(path)
    log.info("exported the %s report of plan %s to %s: %s", period, plan.id, path, counts(plan))
