"""Reading plans: the whole aggregate, the section outline, the list of plans.

Plain SQL through the session's connection, not ORM queries over the SQLModel tables:
building a plan of 1,000 tasks and 4,000 check-ins this way takes a third of the time, the
ORM's first use (mapper configuration, statement compilation) is not paid at all, and this
module does not import the table classes — building them costs about 80 ms, which the
window pays after its first paint instead of before it (see ``app.run_gui``).

Each query selects every column of its table (``t.*``) and rows become objects through
:mod:`cchc_desktop.services.mapping`, which reads them by column name: a column added to a
table (entities + migration) reaches the mapping without a change here.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from cchc_desktop.domain.model import CheckIn, Paragraph, Plan, Section, Task
from cchc_desktop.errors import NotFoundError
from cchc_desktop.services.mapping import (
    checkins_from_rows,
    evidence_by_checkin,
    organization_from_row,
    paragraph_from_row,
    plan_from_row,
    recipient_from_row,
    report_from_row,
    section_from_row,
    task_from_row,
    tasks_from_rows,
    unit_from_row,
)
from cchc_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class PlanListItem:
    id: int
    year: int
    number: str
    symbol: str
    title: str
    organization: str

    @property
    def number_symbol(self) -> str:
        return f"{self.number}/{self.symbol}" if self.number else f"/{self.symbol}"


@lru_cache(maxsize=64)
def _record_type(columns: tuple[str, ...]) -> Any:
    # A named tuple per result shape: its fields are C-level index getters, where SQLAlchemy's
    # Row resolves each attribute through its key map (that made a 1,000-task load 2x slower).
    return namedtuple("Record", columns, rename=True)


def _rows(s: Session, sql: str, **params: Any) -> Sequence[Any]:
    """The result rows as named tuples: read by column name."""
    columns, rows = _table(s, sql, **params)
    # tuple.__new__ on the record type: what namedtuple's own _make does, a third cheaper
    # than calling the type with each row's values spread out.
    return list(map(partial(tuple.__new__, _record_type(columns)), rows))


def _table(s: Session, sql: str, **params: Any) -> tuple[tuple[str, ...], Sequence[Any]]:
    """The result's column names and its rows as plain tuples (the mapping's
    ``*_from_rows`` find their columns by name in the first, once a query)."""
    conn = s.connection()
    if conn.dialect.name == "sqlite":
        # Plain tuples from the driver's own cursor, on the session's connection and inside
        # its transaction (``driver_connection`` is SQLAlchemy's public handle on it): the
        # Row objects SQLAlchemy builds first cost about 2 ms of a 1,000-task load's 36.
        # sqlite3 takes the ":name" parameters as they are written here. Other engines
        # (PostgreSQL: "%(name)s" parameters) go through SQLAlchemy below.
        driver = conn.connection.driver_connection
        assert driver is not None  # a checked-out connection always has one
        cursor = driver.cursor()
        try:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            columns = tuple(d[0] for d in cursor.description)
        except Exception:  # a fault: again through the engine, which classifies it
            cursor.close()
        else:
            cursor.close()
            return columns, rows
    result = conn.execute(text(sql), params)
    return tuple(result.keys()), [tuple(row) for row in result.all()]


def has_plans(db: Database) -> bool:
    with db.reader() as s:
        return bool(_rows(s, "SELECT 1 FROM plan LIMIT 1"))


def list_plans(db: Database) -> list[PlanListItem]:
    """Every plan, newest year first."""
    with db.reader() as s:
        rows = _rows(
            s,
            "SELECT p.id, p.year, p.number, p.symbol, p.title, o.name FROM plan p "
            "JOIN organization o ON o.id = p.organization_id ORDER BY p.year DESC, p.id",
        )
    return [PlanListItem(*row) for row in rows]


def load_plan(db: Database, plan_id: int) -> Plan:
    """The whole plan as plain objects (ids filled in), ready for export or display."""
    with db.reader() as s:
        return read_plan(s, plan_id)


def load_sections(db: Database, plan_id: int) -> list[Section]:
    """The plan's sections as a tree in document order, each with its paragraphs and id.

    The window reloads only this after a structural edit of the outline: a few milliseconds
    where reading the whole plan would take a noticeable part of a second on a large plan.
    """
    with db.reader() as s:
        _plan_row(s, plan_id)
        paragraphs = _rows(
            s,
            "SELECT * FROM paragraph WHERE plan_id = :plan AND part = 'section' "
            "ORDER BY position, id",
            plan=plan_id,
        )
        return _section_tree(s, plan_id, _section_bodies(paragraphs))


def plan_not_found(plan_id: int) -> NotFoundError:
    """The refusal for a plan that is not (or no longer) stored; writers raise it too."""
    return NotFoundError(
        f"Không tìm thấy kế hoạch số {plan_id}.", detail=f"no plan with id {plan_id}"
    )


def task_not_found(task_id: int) -> NotFoundError:
    """The refusal for a task that is not (or no longer) stored; writers raise it too."""
    return NotFoundError("Nhiệm vụ không còn tồn tại.", detail=f"no task with id {task_id}")


def _plan_row(s: Session, plan_id: int) -> Any:
    rows = _rows(s, "SELECT * FROM plan WHERE id = :plan", plan=plan_id)
    if not rows:
        raise plan_not_found(plan_id)
    return rows[0]


def _section_bodies(paragraphs: Sequence[Any]) -> dict[int | None, list[Paragraph]]:
    body: dict[int | None, list[Paragraph]] = {}
    for row in paragraphs:
        body.setdefault(row.section_id, []).append(paragraph_from_row(row))
    return body


def _section_tree(
    s: Session, plan_id: int, body: dict[int | None, list[Paragraph]]
) -> list[Section]:
    rows = _rows(
        s,
        "SELECT * FROM section WHERE plan_id = :plan ORDER BY position, id",
        plan=plan_id,
    )
    children: dict[int | None, list[Any]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def build(parent: int | None) -> list[Section]:
        return [
            section_from_row(row, body.get(row.id, []), build(row.id))
            for row in children.get(parent, [])
        ]

    return build(None)


def read_plan(s: Session, plan_id: int) -> Plan:
    """The whole plan, read inside the caller's session: a writing session sees its own
    changes (flushed first: plain SQL does not flush as ORM queries do); a
    ``Database.reader()`` session sees one snapshot."""
    s.flush()
    row = _plan_row(s, plan_id)
    org = _rows(s, "SELECT * FROM organization WHERE id = :org", org=row.organization_id)[0]
    plan = plan_from_row(row, organization_from_row(org))
    units = _rows(s, "SELECT * FROM unit WHERE plan_id = :plan ORDER BY position, id", plan=plan_id)
    plan.units = [unit_from_row(u) for u in units]
    unit_names = {u.id: u.name for u in plan.units}
    paragraphs = _rows(
        s, "SELECT * FROM paragraph WHERE plan_id = :plan ORDER BY position, id", plan=plan_id
    )
    plan.preamble = [paragraph_from_row(p) for p in paragraphs if p.part == "preamble"]
    plan.closing = [paragraph_from_row(p) for p in paragraphs if p.part == "closing"]
    body = _section_bodies([p for p in paragraphs if p.part not in ("preamble", "closing")])
    plan.sections = _section_tree(s, plan_id, body)
    recipients = _rows(
        s, "SELECT * FROM recipient WHERE plan_id = :plan ORDER BY position, id", plan=plan_id
    )
    plan.recipients = [recipient_from_row(r) for r in recipients]
    plan.tasks = _read_tasks(s, plan_id, unit_names)
    plan.checkins = _read_checkins(s, plan_id, unit_names, {t.id: t.key for t in plan.tasks})
    reports = _rows(s, "SELECT * FROM report WHERE plan_id = :plan ORDER BY id", plan=plan_id)
    plan.reports = [report_from_row(r) for r in reports]
    return plan


def get_task(db: Database, task_id: int) -> Task:
    """One task with its units' names (the window re-reads a task after editing it)."""
    with db.reader() as s:
        return task_with_units(s, task_id)


def task_with_units(s: Session, task_id: int) -> Task:
    """The stored task ``task_id`` read inside the caller's session (flushed first)."""
    s.flush()
    rows = _rows(s, "SELECT * FROM task WHERE id = :task", task=task_id)
    if not rows:
        raise task_not_found(task_id)
    links = _rows(
        s,
        "SELECT tu.role, u.name FROM task_unit tu JOIN unit u ON u.id = tu.unit_id "
        "WHERE tu.task_id = :task ORDER BY tu.position",
        task=task_id,
    )
    lead = [name for role, name in links if role == "lead"]
    partners = [name for role, name in links if role != "lead"]
    return task_from_row(rows[0], lead, partners)


def _read_tasks(s: Session, plan_id: int, unit_names: dict[int | None, str]) -> list[Task]:
    columns, rows = _table(
        s, "SELECT * FROM task WHERE plan_id = :plan ORDER BY position, id", plan=plan_id
    )
    links = _rows(
        s,
        "SELECT tu.task_id, tu.unit_id, tu.role FROM task_unit tu "
        "JOIN task t ON t.id = tu.task_id WHERE t.plan_id = :plan ORDER BY tu.position",
        plan=plan_id,
    )
    lead: dict[int, list[str]] = {}
    partners: dict[int, list[str]] = {}
    for task_id, unit_id, role in links:
        target = lead if role == "lead" else partners
        target.setdefault(task_id, []).append(unit_names[unit_id])
    return tasks_from_rows(columns, rows, lead, partners)


def _read_checkins(
    s: Session, plan_id: int, unit_names: dict[int | None, str], keys: dict[int | None, str]
) -> list[CheckIn]:
    columns, rows = _table(
        s,
        "SELECT c.* FROM checkin c JOIN task t ON t.id = c.task_id WHERE t.plan_id = :plan "
        "ORDER BY c.id",  # file order survives a round trip
        plan=plan_id,
    )
    evidence = _table(
        s,
        "SELECT e.* FROM evidence e "
        "JOIN checkin c ON c.id = e.checkin_id JOIN task t ON t.id = c.task_id "
        "WHERE t.plan_id = :plan ORDER BY e.position, e.id",
        plan=plan_id,
    )
    by_checkin = evidence_by_checkin(evidence[1], evidence[0])
    return checkins_from_rows(columns, rows, keys, by_checkin, unit_names)
