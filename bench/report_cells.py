"""The cells the period report writes, as the exporter places them (for the benchmarks that
write the same cells other ways): per sheet, every (row, column, value, style name) and the
merged ranges, recorded while the report is written once to memory."""

from __future__ import annotations

import io
from typing import Any

from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.exports import xlsx_book
from cchc_desktop.exports.xlsx_report import write_report_workbook

Cell = tuple[int, int, Any, str]
Sheet = tuple[str, list[Cell], list[tuple[int, int, int, int]]]


def report_cells(plan: Plan, period: Period) -> list[Sheet]:
    sheets: dict[str, Sheet] = {}
    cls = xlsx_book.ReportSheet
    place, merge = cls._place, cls._merge

    def sheet_of(self: Any) -> Sheet:
        name = self.ws.get_name()
        return sheets.setdefault(name, (name, [], []))

    def recording_place(self: Any, row: int, col: int, value: Any, style: str, *a: Any) -> Any:
        sheet_of(self)[1].append((row, col, value, style))
        return place(self, row, col, value, style, *a)

    def recording_merge(self: Any, top: int, left: int, bottom: int, right: int, *a: Any) -> None:
        sheet_of(self)[2].append((top, left, bottom, right))
        merge(self, top, left, bottom, right, *a)

    cls._place, cls._merge = recording_place, recording_merge  # type: ignore[method-assign]
    try:
        write_report_workbook(plan, period, io.BytesIO())
    finally:
        cls._place, cls._merge = place, merge  # type: ignore[method-assign]
    return list(sheets.values())
