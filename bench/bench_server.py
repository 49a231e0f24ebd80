"""Issue 19 benchmark: 10 writer processes x 100 check-in edits each on a throwaway local
PostgreSQL (each writer on its own task, every edit against the version it last stored),
beside one writer x 100 edits on SQLite. Prints edits/s and the lost updates (must be 0).

    .venv/bin/python bench/bench_server.py
"""

from __future__ import annotations

import copy
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cchc_desktop.domain.model import CheckIn  # noqa: E402
from cchc_desktop.domain.periods import Period  # noqa: E402
from cchc_desktop.interchange import read_plan_file  # noqa: E402
from cchc_desktop.services.checkins import record_checkin  # noqa: E402
from cchc_desktop.services.plan_read import load_plan  # noqa: E402
from cchc_desktop.services.plan_store import save_new_plan  # noqa: E402
from cchc_desktop.storage import open_database  # noqa: E402
from tests.server.pg_cluster import running_cluster  # noqa: E402

PLAN = ROOT / "tests/fixtures/plans/ke-hoach-sldtbxh-ninh-thuan-2022.plan.json"
WORKER = ROOT / "tests/server/edit_worker.py"
Q3 = Period.parse("2022-Q3")
EDITS = 100


def run(url: str, writers: int) -> tuple[float, int]:
    db = open_database(url)
    plan = read_plan_file(PLAN)
    plan.checkins = []
    for i in range(writers):  # one task per writer, whatever the plan has
        extra = copy.deepcopy(plan.tasks[0])
        extra.key, extra.id = f"BENCH{i}", None
        plan.tasks.append(extra)
    pid = save_new_plan(db, plan)
    keys = [f"BENCH{i}" for i in range(writers)]
    for key in keys:
        record_checkin(db, pid, CheckIn(key, Q3))
    start = time.time() + 2
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                url,
                str(pid),
                str(start),
                *[f"{k}:2022-Q3:{v}:e{v}" for v in range(1, EDITS + 1)],
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for k in keys
    ]
    outs = [p.communicate()[0].splitlines() for p in procs]
    elapsed = time.time() - start
    wins = sum(line.startswith("won") for out in outs for line in out)
    final = {c.task: c.version for c in load_plan(db, pid).checkins}
    assert len(keys) == writers, f"the plan has only {len(keys)} tasks"
    lost = sum(EDITS + 1 - final[k] for k in keys) + (writers * EDITS - wins)
    db.dispose()
    return writers * EDITS / elapsed, lost


if __name__ == "__main__":
    with running_cluster() as cluster:
        rate, lost = run(cluster.create_database("bench"), 10)
        print(f"postgresql: 10 writers x {EDITS} edits: {rate:.0f} edits/s, lost {lost}")
    with tempfile.TemporaryDirectory() as folder:
        rate, lost = run(str(Path(folder) / "bench.sqlite"), 1)
        print(f"sqlite: 1 writer x {EDITS} edits: {rate:.0f} edits/s, lost {lost}")
