"""Benchmark (not a test): the Decree 30 .docx of a plan with 1,000 appendix tasks against
python-docx writing the same task texts into an unformatted 6-column table with
``add_row().cells``, in the same run.

    .venv/bin/python bench/bench_docx_plan.py [TASKS] [REPEAT]

Target: the export is no slower than the plain table (ratio <= 1.0), i.e. its rows cost the
same however long the table is. Prints both times (best of REPEAT, CPU time) and the ratio,
and the export time at half the size to show it grows linearly.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import docx
from synthetic import synthetic_plan

from cchc_desktop.domain.model import Plan
from cchc_desktop.exports.docx_plan import PLAN_COLUMNS, task_cells, write_plan_docx

TARGET_RATIO = 1.0
CLOCK = time.process_time  # CPU time: other programs on the machine do not blur it


def write_plain(plan: Plan, path: Path) -> None:
    """The same appendix texts in a plain python-docx table: no styles, widths or sections."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=len(PLAN_COLUMNS))
    for cell, column in zip(table.rows[0].cells, PLAN_COLUMNS, strict=True):
        cell.text = column.title
    for index, task in enumerate(plan.tasks, start=1):
        cells = table.add_row().cells
        for cell, value in zip(cells, task_cells(task, index, plan.year), strict=True):
            cell.text = value if isinstance(value, str) else "\n".join(value)
    document.save(str(path))


def best_of(repeat: int, fn: Callable[[Plan, Path], None], plan: Plan, path: Path) -> float:
    times = []
    for _ in range(repeat):
        start = CLOCK()
        fn(plan, path)
        times.append(CLOCK() - start)
    return min(times)


def main() -> int:
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    plan = synthetic_plan(tasks)
    half = synthetic_plan(tasks // 2)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        plain = best_of(repeat, write_plain, plan, out / "plain.docx")
        export = best_of(repeat, write_plan_docx, plan, out / "plan.docx")
        export_half = best_of(repeat, write_plan_docx, half, out / "half.docx")
        rows = len(docx.Document(str(out / "plan.docx")).tables[-1].rows)
    ratio = export / plain
    print(f"tasks: {tasks} ({rows} table rows with header and group rows)")
    print(f"python-docx add_row().cells, plain table: {plain:.3f} s")
    print(f"write_plan_docx, Decree 30 document:      {export:.3f} s")
    print(f"ratio: {ratio:.2f} (target <= {TARGET_RATIO})")
    print(f"linearity: {tasks // 2} tasks {export_half:.3f} s, {tasks} tasks {export:.3f} s "
          f"(x{export / export_half:.2f})")  # fmt: skip
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
