"""One clerk in its own process (the concurrency tests and bench/bench_server.py): wait for
the start time, then store check-ins against the versions given, and print one line per
edit: ``won <version>`` or ``conflict <English detail>``.

    python edit_worker.py URL PLAN_ID START_AT TASK:PERIOD:VERSION:RESULT ...

An edit ``task=KEY:VERSION:NAME`` renames the task KEY instead, against its VERSION;
``plan=SEEN:NEW`` changes the plan's title, ``unit=ID:SEEN:NEW`` a unit's name and
``section=ID:SEEN:NEW`` a heading, each against the SEEN value.

Structural edits (issue 19, third round) are checked against the plan as this process
read it before the start time, so both clerks saw the same state: ``kind=ID:KIND``,
``body=ID:TEXT``, ``movesec=ID:DELTA``, ``delsec=ID``, ``movetask=KEY:INDEX``,
``deltask=KEY``, ``delunit=ID``, ``recipients=NAME`` (added at the end), ``preamble=TEXT``,
``report=PERIOD:NUMBER``. Each prints ``won`` or ``conflict <English detail>``.
"""

from __future__ import annotations

import sys
import time

from cchc_desktop.domain.model import CheckIn, Paragraph, Plan, Recipient, Section, SectionKind
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report_record import ReportRecord
from cchc_desktop.domain.status import Status
from cchc_desktop.errors import ConflictError, NotFoundError
from cchc_desktop.services.checkins import record_checkin
from cchc_desktop.services.plan_read import get_task, load_plan
from cchc_desktop.services.sections import Place
from cchc_desktop.services.tasks import update_task
from cchc_desktop.storage import open_database
from cchc_desktop.storage.database import Database


def main(argv: list[str]) -> int:
    url, plan_id, start_at, *edits = argv
    db = open_database(url, migrate=False)
    with db.engine.connect():  # connected before the start: the race is the edit itself
        pass
    seen = load_plan(db, int(plan_id))  # what this clerk's window shows
    time.sleep(max(0.0, float(start_at) - time.time()))
    for edit in edits:
        kind, _, rest = edit.partition("=")
        if kind in STRUCTURE_EDITS:
            try:
                _structure_edit(db, seen, kind, rest)
            except ConflictError as err:
                print(f"conflict {err.detail}", flush=True)
            else:
                print("won", flush=True)
            continue
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
    except NotFoundError as err:
        # The other clerk deleted the row and committed before this one read it: this edit
        # loses as it does in the window ("… không còn tồn tại"), a conflict of its own kind.
        print(f"conflict gone: {err.detail}", flush=True)
    else:
        print("won", flush=True)


FIELD_EDITS = ("plan", "unit", "section")
STRUCTURE_EDITS = (
    "kind", "body", "movesec", "delsec", "movetask", "deltask", "delunit", "recipients",
    "preamble", "report",
)  # fmt: skip


def _structure_edit(db: Database, seen: Plan, kind: str, edit: str) -> None:
    from cchc_desktop.services import plan_edit, reports, sections, tasks, units

    sections_by_id = {s.id: s for s in _walk(seen.sections)}
    if kind == "kind":
        ident, value = edit.split(":", 1)
        section = sections_by_id[int(ident)]
        sections.set_section_kind(db, section.id or 0, SectionKind(value), expected=section.kind)
    elif kind == "body":
        ident, text = edit.split(":", 1)
        section = sections_by_id[int(ident)]
        sections.set_section_body(db, section.id or 0, [Paragraph(text)], expected=section.body)
    elif kind == "movesec":
        ident, delta = edit.split(":", 1)
        place = _place(seen.sections, int(ident))
        sections.move_section(db, int(ident), int(delta), expected=place)
    elif kind == "delsec":
        sections.delete_section(db, int(edit), expected=sections_by_id[int(edit)])
    elif kind == "movetask":
        key, index = edit.split(":", 1)
        row = next(i for i, t in enumerate(seen.tasks) if t.key == key)
        tasks.move_task(db, seen.tasks[row].id or 0, int(index), expected_index=row)
    elif kind == "deltask":
        task = next(t for t in seen.tasks if t.key == edit)
        answers = tasks.checkin_versions([c for c in seen.checkins if c.task == edit])
        tasks.delete_task(
            db, task.id or 0, expected_version=task.version, expected_checkins=answers
        )
    elif kind == "delunit":
        unit = next(u for u in seen.units if u.id == int(edit))
        units.delete_unit(db, unit.id or 0, expected=unit)
    elif kind == "recipients":
        new = [*seen.recipients, Recipient(edit)]
        plan_edit.set_recipients(db, seen.id or 0, new, expected=seen.recipients)
    elif kind == "preamble":
        plan_edit.set_paragraphs(
            db, seen.id or 0, "preamble", [Paragraph(edit)], expected=seen.preamble
        )
    else:
        period, number = edit.split(":", 1)
        record = seen.report(Period.parse(period)) or ReportRecord(Period.parse(period))
        version = record.version
        record.number = number
        reports.save_report(db, seen.id or 0, record, expected_version=version)


def _walk(sections: list[Section]) -> list[Section]:
    return [d for s in sections for d in (s, *_walk(s.children))]


def _place(sections: list[Section], ident: int, parent: int | None = None) -> Place | None:
    for i, s in enumerate(sections):
        if s.id == ident:
            return parent, i
        found = _place(s.children, ident, s.id)
        if found is not None:
            return found
    return None


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
