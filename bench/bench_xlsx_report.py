"""Benchmark (not a test): the year .xlsx report of a 1,000-task plan with four quarters of
check-ins, against openpyxl writing the same cell values with no styling, in the same run.

    .venv/bin/python bench/bench_xlsx_report.py [TASKS] [REPEAT]

Target: the report takes at most 1.5 x the plain write. Prints both times and the ratio.
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from openpyxl import Workbook, load_workbook
from report_cells import report_cells
from synthetic import synthetic_plan

from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.exports.xlsx_report import write_report_xlsx

TARGET_RATIO = 1.5
# CPU time of this process: other programs on the machine do not blur the comparison.
CLOCK = time.process_time


Sheets = list[tuple[str, list[tuple[object, ...]]]]


def written_values(plan: Plan, period: Period) -> Sheets:
    """Every sheet's cell values, row by row, exactly as the report writes them: an empty
    text field is written as "" (a cell), a cell left empty as None (no cell)."""
    out: Sheets = []
    for title, cells, _ in report_cells(plan, period):
        width = max((c for _, c, _, _ in cells), default=0)
        rows: dict[int, list[object]] = {}
        for row, col, value, _ in cells:
            rows.setdefault(row, [None] * width)[col - 1] = value
        out.append(
            (
                title,
                [tuple(rows.get(r, [None] * width)) for r in range(1, max(rows, default=0) + 1)],
            )
        )
    return out


def read_back_values(path: Path) -> Sheets:
    """The values as a reader gets them back: "" cells come back as None and are dropped."""
    wb = load_workbook(path)
    return [(ws.title, [tuple(r) for r in ws.iter_rows(values_only=True)]) for ws in wb]


def write_plain(sheets: Sheets, path: Path) -> None:
    """The same values with openpyxl and nothing else: no styles, widths, chart or print set-up."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)


def timed(fn: Callable[..., None], *args: object) -> float:
    # Workbooks are full of reference cycles: collect the last run's garbage first, so that
    # neither side pays for the other's.
    gc.collect()
    start = CLOCK()
    fn(*args)
    return CLOCK() - start


def main() -> int:
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    plan = synthetic_plan(tasks)
    period = Period.parse(f"{plan.year}")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.xlsx"
        plain = Path(tmp) / "plain.xlsx"
        write_report_xlsx(plan, period, report)  # warm-up
        sheets = written_values(plan, period)
        dropped = read_back_values(report)
        cells = sum(v is not None for _, rows in sheets for r in rows for v in r)
        # Interleaved: a busy machine slows the runs of one round alike, so the median of
        # the rounds' ratios is steadier than the ratio of the best times.
        plain_times, report_times, dropped_times = [], [], []
        for _ in range(repeat):
            plain_times.append(timed(write_plain, sheets, plain))
            report_times.append(timed(write_report_xlsx, plan, period, report))
            dropped_times.append(timed(write_plain, dropped, plain))
    t_plain, t_report = min(plain_times), min(report_times)
    ratio = statistics.median(r / p for r, p in zip(report_times, plain_times, strict=True))
    ratio_dropped = statistics.median(
        r / p for r, p in zip(report_times, dropped_times, strict=True)
    )
    print(f"plan: {tasks} tasks, {len(plan.checkins)} check-ins; year report, {cells} cells")
    print(f"openpyxl, same values, no styling: {t_plain:.3f} s (best of {repeat}, CPU time)")
    print(f"write_report_xlsx:                  {t_report:.3f} s (best of {repeat}, CPU time)")
    verdict = "OK" if ratio <= TARGET_RATIO else "SLOWER THAN TARGET"
    print(f"ratio of the best times: {t_report / t_plain:.2f}")
    print(f"ratio (median of {repeat} rounds): {ratio:.2f} (target <= {TARGET_RATIO}) {verdict}")
    print(
        f"for reference, against the values read back (empty text cells dropped, "
        f"{min(dropped_times):.3f} s): {ratio_dropped:.2f}"
    )
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
