"""Store a whole plan, copy it to a new year, delete it (reading is in ``plan_read``)."""

from __future__ import annotations

import dataclasses

from sqlalchemy import MetaData, func, insert, text
from sqlmodel import Session, SQLModel, col, delete, select

from cchc_desktop.domain.entities import (
    CheckInRow,
    EvidenceRow,
    OrganizationRow,
    ParagraphRow,
    PlanRow,
    RecipientRow,
    ReportRow,
    SectionRow,
    TaskRow,
    TaskUnitRow,
    UnitRow,
)
from cchc_desktop.domain.model import Plan, Section
from cchc_desktop.domain.year_copy import YearCopy, copy_to_year
from cchc_desktop.services.mapping import (
    Values,
    checkin_values,
    evidence_values,
    organization_values,
    paragraph_values,
    plan_values,
    recipient_values,
    report_values,
    section_values,
    task_values,
    unit_values,
)
from cchc_desktop.services.plan_read import plan_not_found, read_plan
from cchc_desktop.storage.database import Database


def get_plan_row(s: Session, plan_id: int) -> PlanRow:
    row = s.get(PlanRow, plan_id)
    if row is None:
        raise plan_not_found(plan_id)
    return row


def save_new_plan(db: Database, plan: Plan) -> int:
    """Store ``plan`` as a new plan (one transaction) and return its id."""
    with db.session() as s:
        return insert_plan(s, plan)


def insert_plan(s: Session, plan: Plan) -> int:
    """Insert the whole aggregate inside the caller's transaction; returns the plan id.

    Rows go in as bulk ``executemany`` inserts with ids assigned here (the transaction holds
    SQLite's write lock, so nobody else can take them): the ORM's per-object unit of work
    would cost seconds for a plan of 1,000 tasks with a year of check-ins. The columns come
    from :mod:`~cchc_desktop.services.mapping`; this function adds only the structure (ids,
    parents, positions), and a column the mapping leaves out gets the table's default.
    """
    ids = _IdSource(s)
    org_id = ids.next(OrganizationRow)
    _bulk(s, OrganizationRow, [{"id": org_id, **organization_values(plan.organization)}])
    pid = ids.next(PlanRow)
    _bulk(s, PlanRow, [{"id": pid, "organization_id": org_id, **plan_values(plan)}])
    unit_ids = _insert_units(s, ids, pid, plan)
    _insert_text(s, ids, pid, plan)
    task_ids = _insert_tasks(s, ids, pid, plan, unit_ids)
    _insert_checkins(s, ids, plan, task_ids, unit_ids)
    _bulk(s, ReportRow, [{"plan_id": pid, **report_values(r)} for r in plan.reports])
    return pid


def _insert_units(s: Session, ids: _IdSource, pid: int, plan: Plan) -> dict[str, int]:
    unit_ids: dict[str, int] = {}
    rows = []
    for i, u in enumerate(plan.units):
        uid = unit_ids[u.name] = ids.next(UnitRow)
        rows.append({"id": uid, "plan_id": pid, "position": i, **unit_values(u)})
    _bulk(s, UnitRow, rows)
    return unit_ids


def _insert_text(s: Session, ids: _IdSource, pid: int, plan: Plan) -> None:
    """The preamble, the section tree with its paragraphs, the closing and the recipients."""
    paragraphs: list[Values] = [
        {"plan_id": pid, "part": part, "section_id": None, "position": i, **paragraph_values(p)}
        for part, items in (("preamble", plan.preamble), ("closing", plan.closing))
        for i, p in enumerate(items)
    ]
    sections: list[Values] = []

    def visit(items: list[Section], parent_id: int | None) -> None:
        for i, sec in enumerate(items):
            sid = ids.next(SectionRow)
            sections.append(
                {"id": sid, "plan_id": pid, "parent_id": parent_id, "position": i}
                | section_values(sec)
            )
            paragraphs.extend(
                {"plan_id": pid, "part": "section", "section_id": sid, "position": j}
                | paragraph_values(p)
                for j, p in enumerate(sec.body)
            )
            visit(sec.children, sid)

    visit(plan.sections, None)
    _bulk(s, SectionRow, sections)
    _bulk(s, ParagraphRow, paragraphs)
    _bulk(
        s,
        RecipientRow,
        [
            {"plan_id": pid, "position": i, **recipient_values(r)}
            for i, r in enumerate(plan.recipients)
        ],
    )


def _insert_tasks(
    s: Session, ids: _IdSource, pid: int, plan: Plan, unit_ids: dict[str, int]
) -> dict[str, int]:
    task_ids: dict[str, int] = {}
    rows = []
    links: list[Values] = []
    for i, t in enumerate(plan.tasks):
        tid = task_ids[t.key] = ids.next(TaskRow)
        rows.append({"id": tid, "plan_id": pid, "position": i, **task_values(t)})
        for role, names in (("lead", t.lead), ("partner", t.partners)):
            links.extend(
                {"task_id": tid, "unit_id": unit_ids[n], "role": role, "position": j}
                for j, n in enumerate(names)
            )
    _bulk(s, TaskRow, rows)
    _bulk(s, TaskUnitRow, links)
    return task_ids


def _insert_checkins(
    s: Session, ids: _IdSource, plan: Plan, task_ids: dict[str, int], unit_ids: dict[str, int]
) -> None:
    checkins = []
    evidence: list[Values] = []
    for c in plan.checkins:
        cid = ids.next(CheckInRow)
        checkins.append(
            {"id": cid, "task_id": task_ids[c.task]}
            | checkin_values(c, unit_ids.get(c.reported_by), unit_ids.get(c.unit))
        )
        evidence.extend(
            {"checkin_id": cid, "position": j, **evidence_values(e)}
            for j, e in enumerate(c.evidence)
        )
    _bulk(s, CheckInRow, checkins)
    _bulk(s, EvidenceRow, evidence)


# The tables the bulk insert writes, by name: the one definition in ``domain.entities``
# (a test swaps in a scratch copy with an extra column).
SCHEMA: MetaData = SQLModel.metadata


class _IdSource:
    """Next free primary keys per table.

    SQLite: read once per insert (max + 1; the transaction holds the database's write lock,
    so nobody else can take them). PostgreSQL (server mode, several clerks writing at once):
    drawn from the table's own sequence in growing blocks (1, 2, 4 … 256: a plan id stays
    the next number a clerk expects, a thousand tasks cost ten round trips), so a concurrent
    insert by another clerk never gets the same id and later ORM inserts never collide.
    """

    BLOCK = 256

    def __init__(self, s: Session):
        self.s = s
        self.last: dict[str, int] = {}
        self.server = s.get_bind().dialect.name == "postgresql"
        self.pool: dict[str, list[int]] = {}
        self.block: dict[str, int] = {}

    def next(self, table: type[SQLModel]) -> int:
        name = str(table.__tablename__)
        if self.server:
            return self._from_sequence(name)
        if name not in self.last:
            current = self.s.execute(select(func.max(SCHEMA.tables[name].c.id))).scalar()
            self.last[name] = int(current or 0)
        self.last[name] += 1
        return self.last[name]

    def _from_sequence(self, name: str) -> int:
        pool = self.pool.setdefault(name, [])
        if not pool:
            size = self.block[name] = min(self.BLOCK, 2 * self.block.get(name, 0) or 1)
            rows = self.s.execute(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:t, 'id')) "
                    "FROM generate_series(1, :n) ORDER BY 1 DESC"
                ),
                {"t": name, "n": size},
            ).all()
            pool.extend(int(r[0]) for r in rows)
        return pool.pop()


def _bulk(s: Session, table: type[SQLModel], rows: list[Values]) -> None:
    if rows:
        s.execute(insert(SCHEMA.tables[str(table.__tablename__)]), rows)


def delete_plan(db: Database, plan_id: int) -> None:
    """Delete a plan with everything in it (the organization row too when unused)."""
    with db.reader() as s:
        get_plan_row(s, plan_id)  # NotFoundError before a backup of nothing
    if db.path is not None and db.path.exists():
        from cchc_desktop.storage.backup import backup_before

        backup_before(db.path, "truoc-xoa-ke-hoach")
    with db.session() as s:
        row = get_plan_row(s, plan_id)
        org_id = row.organization_id
        task_ids = select(TaskRow.id).where(TaskRow.plan_id == plan_id)
        checkin_ids = select(CheckInRow.id).where(col(CheckInRow.task_id).in_(task_ids))
        s.exec(delete(EvidenceRow).where(col(EvidenceRow.checkin_id).in_(checkin_ids)))
        s.exec(delete(CheckInRow).where(col(CheckInRow.task_id).in_(task_ids)))
        s.exec(delete(ReportRow).where(col(ReportRow.plan_id) == plan_id))
        s.exec(delete(TaskUnitRow).where(col(TaskUnitRow.task_id).in_(task_ids)))
        s.exec(delete(TaskRow).where(col(TaskRow.plan_id) == plan_id))
        s.exec(delete(ParagraphRow).where(col(ParagraphRow.plan_id) == plan_id))
        s.exec(delete(SectionRow).where(col(SectionRow.plan_id) == plan_id))
        s.exec(delete(RecipientRow).where(col(RecipientRow.plan_id) == plan_id))
        s.exec(delete(UnitRow).where(col(UnitRow.plan_id) == plan_id))
        s.delete(row)
        s.flush()
        others = s.exec(select(PlanRow.id).where(PlanRow.organization_id == org_id)).first()
        if others is None:
            org = s.get(OrganizationRow, org_id)
            if org is not None:
                s.delete(org)


def preview_copy_to_year(db: Database, plan_id: int, year: int) -> YearCopy:
    """What copying ``plan_id`` to ``year`` would store: the rewritten plan, every
    replacement and every dated reference left alone. Nothing is written."""
    with db.reader() as s:
        return copy_to_year(read_plan(s, plan_id), year)


def copy_plan_to_year(db: Database, plan_id: int, year: int) -> int:
    """A new plan for ``year`` with the same text, units and tasks, and no check-ins.

    The number and the date are cleared (the new plan is not issued yet); the plan's year
    moves in its text and task timeframes, dated references stay
    (:func:`cchc_desktop.domain.year_copy.copy_to_year`, shown by :func:`preview_copy_to_year`).
    """
    with db.session() as s:
        new = copy_to_year(read_plan(s, plan_id), year).plan
        _clear_ids(new)
        return insert_plan(s, new)


def _clear_ids(obj: object) -> None:
    """Set every ``id`` in the aggregate to None (so the copy is stored as new rows)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "id":
                object.__setattr__(obj, "id", None)
            else:
                _clear_ids(value)
    elif isinstance(obj, list):
        for item in obj:
            _clear_ids(item)
