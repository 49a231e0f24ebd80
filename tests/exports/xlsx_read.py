"""Read an exported .xlsx report back for tests: the tables of "Tổng hợp", the rows of
"Chi tiết" and "Chưa báo cáo", the raw XML of a part."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.exports.xlsx_report import write_report_workbook

HEADER_ROW = 3  # "Chi tiết" and "Chưa báo cáo": title, cut-off line, then the headings


def open_report(path: Path) -> Workbook:
    return load_workbook(path)


def pixels(width: float) -> int:
    """The pixels Excel shows a column of ``width`` (characters) in."""
    return int((256 * width + 18) / 256 * 7)


def column_widths(ws: Worksheet) -> list[float]:
    """Every set column's width, a range of columns of one width counted per column."""
    return [
        dim.width or 8.43
        for dim in ws.column_dimensions.values()
        for _ in range(dim.min or 1, (dim.max or dim.min or 1) + 1)
    ]


def report_workbook(plan: Plan, period: Period, as_of: dt.date | None = None) -> Workbook:
    """The report of ``plan`` for ``period`` as a reader of the file sees it (written in
    memory and read back)."""
    out = io.BytesIO()
    write_report_workbook(plan, period, out, as_of)
    out.seek(0)
    return load_workbook(out)


def sheet(wb: Workbook, name: str) -> Worksheet:
    ws = wb[name]
    assert isinstance(ws, Worksheet)
    return ws


def row_values(ws: Worksheet, row: int) -> tuple[Any, ...]:
    return tuple(c.value for c in ws[row])


def find_row(ws: Worksheet, text: str, col: int = 1) -> int:
    """The first row whose cell in ``col`` holds exactly ``text``."""
    for (cell,) in ws.iter_rows(min_col=col, max_col=col):
        if cell.value == text:
            return cell.row
    raise AssertionError(f"{text!r} not found in column {col} of {ws.title}")


def table_after(ws: Worksheet, heading: str) -> list[tuple[Any, ...]]:
    """The body rows of the table under ``heading`` (two heading rows), up to a row with
    nothing in column B (a blank row or the note under a table)."""
    first = find_row(ws, heading) + 3
    out = []
    for row in ws.iter_rows(min_row=first, values_only=True):
        if row[1] is None:
            break
        out.append(row)
    return out


def status_table(ws: Worksheet) -> dict[str, tuple[Any, ...]]:
    """Table I of "Tổng hợp": label → (count, share, count, share, …) per column block."""
    rows = table_after(ws, "I. TỔNG HỢP THEO TÌNH TRẠNG")
    return {r[1]: tuple(r[2:]) for r in rows}


def counts(ws: Worksheet, blocks: int) -> dict[str, list[int]]:
    """Table I counts only: label → [count of each column block]."""
    return {
        label: [values[2 * i] for i in range(blocks)] for label, values in status_table(ws).items()
    }


def shares(ws: Worksheet, blocks: int) -> dict[str, list[float | None]]:
    """Table I shares (0..1): label → [share of each column block]."""
    return {
        label: [values[2 * i + 1] for i in range(blocks)]
        for label, values in status_table(ws).items()
    }


def unit_table(ws: Worksheet, heading: str, width: int) -> dict[str, tuple[Any, ...]]:
    """Unit name → its ``width`` figures, from the table under ``heading``."""
    return {r[1]: tuple(r[2 : 2 + width]) for r in table_after(ws, heading)}


def detail(ws: Worksheet) -> tuple[list[str], list[dict[str, Any]], list[str]]:
    """("Chi tiết") the headings, the task rows as dicts by heading, the group headings."""
    headings = [c.value for c in ws[HEADER_ROW]]
    tasks: list[dict[str, Any]] = []
    groups: list[str] = []
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if isinstance(row[0], int):
            tasks.append(dict(zip(headings, row, strict=True)))
        elif row[0] is not None:
            groups.append(row[0])
    return headings, tasks, groups


def body_rows(ws: Worksheet) -> list[tuple[Any, ...]]:
    return [r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


def part_xml(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def part_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return z.namelist()
