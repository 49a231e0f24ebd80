"""Benchmark (issue 14): every unit's form of one quarter imported in one go — 30 forms of a
1,000-task plan, each unit filling every row it has (lead rows: status, %, result; partner
rows: its contribution), then the same files again (nothing to store).

    .venv/bin/python bench/bench_forms_units.py [--tasks 1000] [--units 30]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import synthetic_plan

from cchc_desktop.domain import forms as F
from cchc_desktop.domain.model import Unit
from cchc_desktop.domain.periods import Period
from cchc_desktop.exports.xlsx_forms import write_unit_forms
from cchc_desktop.imports.xlsx_forms import read_form
from cchc_desktop.services.forms import apply_forms, preview_forms, record_dispatch
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.storage import open_database

Q3 = Period.parse("2022-Q3")


def _plan(tasks: int, units: int):  # type: ignore[no-untyped-def]
    plan = synthetic_plan(tasks)
    names = [f"Phòng chuyên môn số {n}" for n in range(1, units + 1)]
    plan.units = [Unit(n, f"P{i + 1}") for i, n in enumerate(names)] + plan.units[-1:]
    rnd = random.Random(3)
    for i, task in enumerate(plan.tasks):
        task.lead = [names[i % units]]
        task.partners = rnd.sample([n for n in names if n != task.lead[0]], k=rnd.randint(0, 3))
    plan.checkins = [c for c in plan.checkins if c.period.index < 3]
    for c in plan.checkins:
        c.reported_by = plan.task(c.task).lead[0]  # type: ignore[union-attr]
    return plan


def _fill(path: Path) -> int:
    wb = openpyxl.load_workbook(path)
    ws = wb[F.FORM_SHEET]
    ident = read_form(path).identity
    assert ident is not None
    for i, key in enumerate(ident.tasks):
        row = F.FIRST_ROW + i
        ws[f"I{row}"] = f"{ident.unit}: kết quả phần việc ở {key}"
        if not ident.is_partner_row(key):
            ws[f"G{row}"] = "Đang thực hiện"
            ws[f"H{row}"] = 60
    wb.save(path)
    return len(ident.tasks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--units", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(folder / "bench.sqlite")
        pid = save_new_plan(db, _plan(args.tasks, args.units))
        t0 = time.perf_counter()
        sent = write_unit_forms(load_plan(db, pid), Q3, folder)
        record_dispatch(db, pid, sent)
        t_export = time.perf_counter() - t0
        rows = sum(_fill(s.path) for s in sent)
        paths = [s.path for s in sent]
        t0 = time.perf_counter()
        forms = [read_form(p) for p in paths]
        t_read = time.perf_counter() - t0
        t0 = time.perf_counter()
        preview = preview_forms(db, pid, forms, period=Q3)
        t_preview = time.perf_counter() - t0
        assert not preview.blocking, preview.blocking[:3]
        t0 = time.perf_counter()
        result = apply_forms(db, pid, forms, period=Q3)
        t_apply = time.perf_counter() - t0
        stored = sum(1 for c in load_plan(db, pid).checkins if c.period == Q3)
        t0 = time.perf_counter()
        again = apply_forms(db, pid, [read_form(p) for p in paths], period=Q3)
        t_again = time.perf_counter() - t0
        partners = sum(1 for r in preview.rows if r.unit)
        print(
            f"{len(sent)} forms, {rows} rows ({partners} partner contributions), "
            f"{args.tasks} tasks\n"
            f"export {t_export:.2f} s; read {t_read:.2f} s; preview {t_preview:.2f} s; "
            f"apply {t_apply:.2f} s ({result.stored} stored, {stored} Q3 answers in the DB); "
            f"re-import read+apply {t_again:.2f} s ({again.stored} stored)"
        )
        db.dispose()


if __name__ == "__main__":
    main()
