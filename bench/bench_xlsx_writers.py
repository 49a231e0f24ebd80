"""Benchmark (not a test, issue 18 item 3): the year .xlsx report's cells written three ways,
to choose how the exports write .xlsx without going around a library's public API.

    .venv/bin/python bench/bench_xlsx_writers.py [TASKS] [REPEAT]

The report is written once by the exporter; every cell's value, style name and the merged
ranges are recorded (bench/report_cells.py), then written again, timed (best of REPEAT, CPU
time) by:

1. openpyxl, values only (no styles): the floor;
2. openpyxl through its public API: ``ws.cell()``, ``cell.style = name``, ``merge_cells``;
3. XlsxWriter (what the report is written with since issue 18): one ``Format`` per named style,
   ``write`` / ``merge_range``, constant-memory mode off (merges need rows out of order).

It also times ``write_report_xlsx`` end to end (the summaries, chart, widths and print
set-up included), for the figure the notes compare with before the change.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from openpyxl import Workbook
from report_cells import report_cells
from synthetic import synthetic_plan

from cchc_desktop.domain.periods import Period
from cchc_desktop.exports import xlsx_style as st
from cchc_desktop.exports.xlsx_report import write_report_xlsx

CLOCK = time.process_time
Cell = tuple[int, int, Any, str]
Sheet = tuple[str, list[Cell], list[tuple[int, int, int, int]]]


def grid(plan: Any, period: Period) -> list[Sheet]:
    """Every written cell (row, column, value, named style) and merged range, per sheet."""
    return report_cells(plan, period)


def write_openpyxl_plain(sheets: list[Sheet], path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for title, cells, _ in sheets:
        ws = wb.create_sheet(title)
        for row, col, value, _style in cells:
            if value is not None:
                ws.cell(row=row, column=col, value=value)
    wb.save(path)


def write_openpyxl_public(sheets: list[Sheet], path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    book = st.StyleBook(wb)
    assert book.names
    for title, cells, merged in sheets:
        ws = wb.create_sheet(title)
        for row, col, value, style in cells:
            cell = ws.cell(row=row, column=col)
            cell.style = style
            if value is not None:
                cell.value = value
        for top, left, bottom, right in merged:
            ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    wb.save(path)


def write_xlsxwriter(sheets: list[Sheet], path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    formats: dict[str, Any] = {}

    def fmt(name: str) -> Any:
        # The named style's look as one XlsxWriter Format (font, fill, border, alignment,
        # number format): what a port of xlsx_style would declare once per style.
        if name not in formats:
            spec: dict[str, Any] = {"font_name": st.FONT_NAME, "font_size": st.FONT_SIZE}
            if name != "Normal":
                spec.update(border=1, text_wrap=True, valign="top")
            if name in (st.PERCENT, st.TOTAL_PERCENT):
                spec["num_format"] = st.PERCENT_FORMAT
            elif name == st.DATE:
                spec["num_format"] = st.DATE_FORMAT
            if name.startswith(st.STATE_PREFIX):
                key = name.removeprefix(st.STATE_PREFIX)
                spec["bg_color"] = "#" + st.color_of(key)
            formats[name] = wb.add_format(spec)
        return formats[name]

    for title, cells, merged in sheets:
        ws = wb.add_worksheet(title[:31])
        tops = {(top, left): (bottom, right) for top, left, bottom, right in merged}
        for row, col, value, style in cells:
            f = fmt(style)
            if (row, col) in tops:
                bottom, right = tops[(row, col)]
                ws.merge_range(row - 1, col - 1, bottom - 1, right - 1, value, f)
            elif isinstance(value, str):
                ws.write_string(row - 1, col - 1, value, f)
            elif value is None:
                ws.write_blank(row - 1, col - 1, None, f)
            else:
                ws.write(row - 1, col - 1, value, f)
    wb.close()


def best(fn: Callable[..., None], repeat: int, *args: object) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = CLOCK()
        fn(*args)
        times.append(CLOCK() - start)
    return min(times)


def main() -> int:
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    plan = synthetic_plan(tasks)
    period = Period.parse(f"{plan.year}")
    sheets = grid(plan, period)
    count = sum(len(cells) for _, cells, _ in sheets)
    print(f"plan: {tasks} tasks; year report, {count} styled cells, {len(sheets)} sheets")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.xlsx"
        writers: list[tuple[str, Callable[..., None]]] = [
            ("openpyxl, values only", write_openpyxl_plain),
            ("openpyxl, public API, styled", write_openpyxl_public),
        ]
        try:
            import xlsxwriter  # noqa: F401
        except ImportError:
            print("XlsxWriter: not installed")
        else:
            writers.append(("XlsxWriter, styled", write_xlsxwriter))
        for label, writer in writers:
            print(f"{label + ':':30} {best(writer, repeat, sheets, out):.3f} s")
        report = best(write_report_xlsx, repeat, plan, period, out)
        print(f"{'write_report_xlsx end to end:':30} {report:.3f} s (best of {repeat}, CPU time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
