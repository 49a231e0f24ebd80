"""The writer the crash test kills: ``python crash_writer.py DB`` (a zygote, see below).

Importing SQLAlchemy takes seconds on a loaded machine, so this process imports once,
prepares the database (the fixture plan via services.plans.import_plan), then on every
``go BASE`` line from stdin forks a fresh child that opens the database the way the window
does (storage.startup.open_for_app: lock, quick_check, daily backup) and records check-ins
through services.checkins.record_checkin for ever, printing ``<checkin id> <seq>`` after each
commit. The test kills the child with SIGKILL; this process reaps it and prints ``done``.
No SQLite connection is open in this process when it forks.
"""

from __future__ import annotations

import itertools
import os
import sys

from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.checkins import record_checkin
from cchc_desktop.services.plan_read import list_plans, load_plan
from cchc_desktop.services.plans import import_plan
from cchc_desktop.storage.startup import open_for_app


def prepare(db_path: str, fixture: str) -> tuple[int, list[str]]:
    db = open_for_app(db_path)
    try:
        plans = list_plans(db)
        plan_id = plans[0].id if plans else import_plan(db, read_plan_file(fixture))
        keys = [t.key for t in load_plan(db, plan_id).tasks]
    finally:
        db.dispose()
    return plan_id, keys


def child(db_path: str, plan_id: int, keys: list[str], base: int) -> None:
    print(f"child {os.getpid()}", flush=True)
    db = open_for_app(db_path)
    year = load_plan(db, plan_id).year
    periods = [Period.parse(f"{year}-Q{q}") for q in range(1, 5)]
    statuses = [Status.IN_PROGRESS, Status.DONE, Status.NOT_STARTED]
    for n in itertools.count(base):
        key = keys[n % len(keys)]
        period = periods[(n // len(keys)) % 4]
        checkin = CheckIn(
            task=key,
            period=period,
            status=statuses[n % 3],
            progress=n % 101,
            result=f"seq {n}",
        )
        row_id, _old = record_checkin(db, plan_id, checkin)
        print(f"{row_id} {n}", flush=True)  # only after the commit returned


def main() -> None:
    db_path, fixture = sys.argv[1], sys.argv[2]
    plan_id, keys = prepare(db_path, fixture)
    print("ready", flush=True)
    for line in sys.stdin:
        if not line.startswith("go "):
            break
        pid = os.fork()
        if pid == 0:
            try:
                child(db_path, plan_id, keys, int(line.split()[1]))
            finally:
                os._exit(0)
        _pid, status = os.waitpid(pid, 0)
        print(f"done {status}", flush=True)


if __name__ == "__main__":
    main()
