"""One clerk in its own process (the concurrency tests and bench/bench_server.py): wait for
the start time, then store check-ins against the versions given, and print one line per
edit: ``won <version>`` or ``conflict <English detail>``.

    python edit_worker.py URL PLAN_ID START_AT TASK:PERIOD:VERSION:RESULT ...

An edit ``task=KEY:VERSION:NAME`` renames the task KEY instead, against its VERSION;
``plan=SEEN:NEW`` changes the plan's title, ``unit=ID:SEEN:NEW`` a unit's name and
``section=ID:SEEN:NEW`` a heading, each against the SEEN value.
"""

from __future__ import annotations

import sys
import time

from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.errors import ConflictError
from cchc_desktop.services.checkins import record_checkin
from cchc_desktop.services.plan_read import get_task, load_plan
from cchc_desktop.services.tasks import update_task
from cchc_desktop.storage import open_database
from cchc_desktop.storage.database import Database


def main(argv: list[str]) -> int:
    url, plan_id, start_at, *edits = argv
    db = open_database(url, migrate=False)
    with db.engine.connect():  # connected before the start: the race is the edit itself
        pass
    time.sleep(max(0.0, float(start_at) - time.time()))
    for edit in edits:
        if edit.startswith("task="):
            _rename_task(db, int(plan_id), edit.removeprefix("task="))
            continue
        kind, _, rest = edit.partition("=")
        if kind in FIELD_EDITS:
            _field_edit(db, int(plan_id), kind, rest)
            continue
        key, period, version, result = edit.split(":", 3)
        checkin = CheckIn(key, Period.parse(period), Status.IN_PROGRESS, 50, result)
        try:
            record_checkin(db, int(plan_id), checkin, expected_version=int(version))
        except ConflictError as err:
            print(f"conflict {err.detail}", flush=True)
        else:
            print(f"won {checkin.version}", flush=True)
    db.dispose()
    return 0


def _field_edit(db: Database, plan_id: int, kind: str, edit: str) -> None:
    from cchc_desktop.services.plan_edit import update_plan_fields
    from cchc_desktop.services.sections import rename_section
    from cchc_desktop.services.units import update_unit

    try:
        if kind == "plan":
            seen, new = edit.split(":", 1)
            update_plan_fields(db, plan_id, expected={"title": seen}, title=new)
        else:
            ident, seen, new = edit.split(":", 2)
            if kind == "unit":
                update_unit(db, int(ident), expected={"name": seen}, name=new)
            else:
                rename_section(db, int(ident), new, expected=seen)
    except ConflictError as err:
        print(f"conflict {err.detail}", flush=True)
    else:
        print("won", flush=True)


FIELD_EDITS = ("plan", "unit", "section")


def _rename_task(db: Database, plan_id: int, edit: str) -> None:
    key, version, name = edit.split(":", 2)
    task = next(t for t in load_plan(db, plan_id).tasks if t.key == key)
    task.name = name
    try:
        update_task(db, task.id or 0, task, expected_version=int(version))
    except ConflictError as err:
        print(f"conflict {err.detail}", flush=True)
    else:
        print(f"won {get_task(db, task.id or 0).version}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
