"""Benchmark: `cchc import` and `cchc export-json` of a synthetic plan (default 1,000 tasks).

Run: .venv/bin/python bench/bench_interchange.py [--tasks N] [--repeat R]
Prints the median wall time of each step, in-process (the same code the CLI runs) and as
a whole `cchc` subprocess (Python start-up included).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_plan

from cchc_desktop.interchange import dump_plan, read_plan_file, write_plan_file
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.plans import import_plan
from cchc_desktop.storage import open_database


def median_time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    source = work / "plan.json"
    plan = synthetic_plan(args.tasks)
    write_plan_file(plan, source)
    size_kb = source.stat().st_size / 1024
    print(
        f"plan: {args.tasks} tasks, {len(plan.units)} units, "
        f"{len(plan.walk_sections())} sections, {len(plan.checkins)} check-ins, "
        f"{size_kb:.0f} KiB of JSON"
    )

    counter = iter(range(10_000))

    def do_import() -> None:
        db = open_database(work / f"import-{next(counter)}.sqlite")
        import_plan(db, read_plan_file(source))
        db.dispose()

    db = open_database(work / "export.sqlite")
    plan_id = import_plan(db, read_plan_file(source))

    def do_export() -> None:
        write_plan_file(load_plan(db, plan_id), work / "out.json")

    t_read = median_time(lambda: read_plan_file(source), args.repeat)
    t_import = median_time(do_import, args.repeat)
    t_load = median_time(lambda: load_plan(db, plan_id), args.repeat)
    t_export = median_time(do_export, args.repeat)
    assert dump_plan(load_plan(db, plan_id)) == source.read_text("utf-8")
    print(f"read+validate JSON      {t_read * 1000:8.1f} ms")
    print(f"import (read + store)   {t_import * 1000:8.1f} ms  (new database each time)")
    print(f"load aggregate          {t_load * 1000:8.1f} ms")
    print(f"export-json (load+write){t_export * 1000:8.1f} ms")

    cli = [sys.executable, "-m", "cchc_desktop", "--db", str(work / "cli.sqlite")]
    subprocess.run([*cli, "init"], check=True, capture_output=True)

    def cli_import() -> None:
        subprocess.run([*cli, "import", str(source)], check=True, capture_output=True)

    def cli_export() -> None:
        subprocess.run(
            [*cli, "export-json", "1", "-o", str(work / "cli.json")],
            check=True,
            capture_output=True,
        )

    print(f"`cchc import` process   {median_time(cli_import, 3) * 1000:8.1f} ms")
    print(f"`cchc export-json` proc {median_time(cli_export, 3) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
