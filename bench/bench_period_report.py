"""Benchmark (not a test): the year report (Báo cáo) of a 1,000-task plan with four quarters
of check-ins, as .docx and as .xlsx, in-process and as a whole ``cchc export-report``
process (import once, then export; start-up, database read and write included).

    .venv/bin/python bench/bench_period_report.py [TASKS] [REPEAT]

Prints the median wall-clock seconds of each and the report's size (tasks, check-ins,
paragraphs of the .docx, rows of the annex sheet).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_plan

from cchc_desktop.domain.periods import Period
from cchc_desktop.exports.docx_report import write_report_docx
from cchc_desktop.exports.xlsx_report import write_report_xlsx
from cchc_desktop.interchange import write_plan_file

YEAR = Period.parse("2022")


def median(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    plan = synthetic_plan(tasks)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx_path, xlsx_path = folder / "nam.docx", folder / "nam.xlsx"
        t_docx = median(repeat, lambda: write_report_docx(plan, YEAR, docx_path))
        t_xlsx = median(repeat, lambda: write_report_xlsx(plan, YEAR, xlsx_path))
        json_path, db = folder / "plan.json", folder / "bench.sqlite"
        write_plan_file(plan, json_path)
        cchc = [sys.executable, "-m", "cchc_desktop", "--db", str(db)]
        subprocess.run([*cchc, "import", str(json_path)], check=True, capture_output=True)

        def export(target: Path) -> None:
            subprocess.run(
                [*cchc, "export-report", "1", "--period", "2022", "-o", str(target)],
                check=True, capture_output=True,
            )  # fmt: skip

        p_docx = median(repeat, lambda: export(folder / "p.docx"))
        p_xlsx = median(repeat, lambda: export(folder / "p.xlsx"))
        import docx
        from openpyxl import load_workbook

        paragraphs = len(docx.Document(str(docx_path)).paragraphs)
        annex_rows = load_workbook(xlsx_path)["Phụ lục"].max_row
    print(f"tasks {len(plan.tasks)}, check-ins {len(plan.checkins)}, year report")
    print(f".docx in-process {t_docx:.2f} s, whole cchc process {p_docx:.2f} s "
          f"({paragraphs} paragraphs)")  # fmt: skip
    print(f".xlsx in-process {t_xlsx:.2f} s, whole cchc process {p_xlsx:.2f} s "
          f"({annex_rows} rows in 'Phụ lục')")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
