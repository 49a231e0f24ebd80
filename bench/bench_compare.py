"""Benchmark (not a test): the operations issue 18 must not slow down, comparable across
checkouts — load of the plan aggregate (the largest example plan and a 1,000-task plan),
import of the 1,000-task plan into a new database, its .docx plan export, its .xlsx and
.docx year reports and its units' forms of a quarter.

    PYTHONPATH=CHECKOUT .venv/bin/python bench/bench_compare.py [--runs N] [--tasks N]

Uses only APIs every checkout since issue 5 has, so the same file times the tree before
a refactor (``PYTHONPATH=/tmp/pre18``) and after it. The .xlsx report is also timed without
its annex sheet, which the tree before issue 18 did not write: the same sheets in both.
Prints the minimum wall time of ``--runs`` runs of each step (the minimum is the run least
disturbed by other programs on a shared machine); garbage collection is collected between
runs, not during them.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_plan

import cchc_desktop
from cchc_desktop.domain.periods import Period
from cchc_desktop.exports import xlsx_report
from cchc_desktop.exports.docx_plan import write_plan_docx
from cchc_desktop.exports.docx_report import write_report_docx
from cchc_desktop.exports.xlsx_forms import write_unit_forms
from cchc_desktop.exports.xlsx_report import write_report_xlsx
from cchc_desktop.interchange import read_plan_file, write_plan_file
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.plans import import_plan
from cchc_desktop.storage import open_database

EXAMPLES = Path("/work/shared/examples")


# The year report's annex sheet ("Phụ lục", issue 13) came after the tree before issue 18:
# leaving it out times the sheets both trees write (the annex sheet stays, empty).
ANNEXED = hasattr(xlsx_report, "write_annex_sheet")


def without_annex(fn: Callable[[], object]) -> None:
    if not ANNEXED:
        fn()
        return
    saved = xlsx_report.write_annex_sheet, xlsx_report.annex_report
    xlsx_report.write_annex_sheet = lambda *args, **kwargs: None
    xlsx_report.annex_report = lambda *args, **kwargs: None
    try:
        fn()
    finally:
        xlsx_report.write_annex_sheet, xlsx_report.annex_report = saved


def best(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        gc.enable()
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--tasks", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    print(f"code: {Path(cchc_desktop.__file__).parent}")

    largest = max(EXAMPLES.glob("*.plan.json"), key=lambda p: p.stat().st_size)
    synthetic = work / "synthetic.plan.json"
    write_plan_file(synthetic_plan(args.tasks), synthetic)

    db = open_database(work / "load.sqlite")
    example_id = import_plan(db, read_plan_file(largest))
    big_id = import_plan(db, read_plan_file(synthetic))
    load_plan(db, big_id)  # first use of the connection and statements, not timed

    counter = itertools.count()

    def new_folder() -> Path:
        folder = work / f"forms-{next(counter)}"
        folder.mkdir()
        return folder

    def do_import() -> None:
        fresh = open_database(work / f"import-{next(counter)}.sqlite")
        import_plan(fresh, read_plan_file(synthetic))
        fresh.dispose()

    big = load_plan(db, big_id)
    period = Period.parse(f"{big.year}")
    quarter = Period.parse(f"{big.year}-Q2")
    q4 = Period.parse(f"{big.year}-Q4")
    rows = [
        (f"load {largest.name[:34]}", lambda: load_plan(db, example_id)),
        (f"load {args.tasks}-task plan", lambda: load_plan(db, big_id)),
        (f"import {args.tasks}-task plan (new db)", do_import),
        (f"export .docx {args.tasks} tasks", lambda: write_plan_docx(big, work / "p.docx")),
        (
            f"export .xlsx {args.tasks} tasks",
            lambda: write_report_xlsx(big, period, work / "r.xlsx"),
        ),
        (
            f"export .docx report {args.tasks} tasks",
            lambda: write_report_docx(big, period, work / "r.docx"),
        ),
        (
            # A quarter's report prints each task's latest answer, as every period's did before
            # issue 13 (the year report now prints every quarter of its window).
            f"  the .docx report of Q4, {args.tasks} tasks",
            lambda: write_report_docx(big, q4, work / "q4.docx"),
        ),
        (
            f"export unit forms Q2, {args.tasks} tasks",
            lambda: write_unit_forms(big, quarter, new_folder()),
        ),
        (
            f"  the same, sheets pre-18 wrote ({'annex left out' if ANNEXED else 'all'})",
            lambda: without_annex(lambda: write_report_xlsx(big, period, work / "a.xlsx")),
        ),
    ]
    for label, fn in rows:
        print(f"{label:42} {best(fn, args.runs) * 1000:8.1f} ms  (min of {args.runs})")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
