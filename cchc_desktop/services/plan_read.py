"""Reading plans: the whole aggregate, the section outline, the list of plans.

Plain SQL through the session's connection, not ORM queries over the SQLModel tables:
building a plan of 1,000 tasks and 4,000 check-ins this way takes a third of the time, the
ORM's first use (mapper configuration, statement compilation) is not paid at all, and this
module does not import the table classes — building them costs about 80 ms, which the
window pays after its first paint instead of before it (see ``app.run_gui``).

The column lists are spelled out so that a later migration adding a column cannot shift
what a query returns; ``tests/services/test_plan_read.py`` checks them against the tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.model import (
    CheckIn,
    Evidence,
    Organization,
    Paragraph,
    ParagraphStyle,
    Plan,
    Recipient,
    Section,
    Signer,
    Target,
    Task,
    Unit,
    UnitKind,
)
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind
from cchc_desktop.errors import NotFoundError
from cchc_desktop.storage.database import Database

PLAN_COLUMNS = (
    "id", "organization_id", "year", "number", "symbol", "issued_on", "doc_type", "title",
    "archive", "signer_authority", "signer_title", "signer_name", "appendix_title",
)  # fmt: skip
ORGANIZATION_COLUMNS = ("id", "parent", "name", "abbreviation", "place", "cutoff_day")
UNIT_COLUMNS = ("id", "name", "short", "kind", "active")
SECTION_COLUMNS = ("id", "parent_id", "heading")
PARAGRAPH_COLUMNS = ("id", "part", "section_id", "style", "text")
RECIPIENT_COLUMNS = ("id", "name", "note")
TASK_COLUMNS = (
    "id", "key", '"group"', "name", "product", "timeframe_kind", "timeframe_label",
    "timeframe_values", "target_quantity", "target_unit", "note",
)  # fmt: skip
TASK_UNIT_COLUMNS = ("task_id", "unit_id", "role")
CHECKIN_COLUMNS = (
    "id", "task_id", "period", "status", "progress", "result", "achieved", "difficulties",
    "proposals", "reported_by_id", "reported_on",
)  # fmt: skip
EVIDENCE_COLUMNS = ("id", "checkin_id", "title", "file", "original_name")


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


def _select(columns: Sequence[str], prefix: str = "") -> str:
    return ", ".join(f"{prefix}{name}" for name in columns)


def _rows(s: Session, sql: str, **params: Any) -> Sequence[Any]:
    return s.connection().execute(text(sql), params).all()


def _date(value: Any) -> dt.date | None:
    # SQLite hands back the stored ISO text; other engines a date.
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


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
            f"SELECT {_select(PARAGRAPH_COLUMNS)} FROM paragraph "
            "WHERE plan_id = :plan AND part = 'section' ORDER BY position, id",
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
    rows = _rows(s, f"SELECT {_select(PLAN_COLUMNS)} FROM plan WHERE id = :plan", plan=plan_id)
    if not rows:
        raise plan_not_found(plan_id)
    return rows[0]


def _paragraph(row: Any) -> Paragraph:
    return Paragraph(row.text, ParagraphStyle(row.style), row.id)


def _section_bodies(paragraphs: Sequence[Any]) -> dict[int | None, list[Paragraph]]:
    body: dict[int | None, list[Paragraph]] = {}
    for pid, _part, section_id, style, content in paragraphs:
        body.setdefault(section_id, []).append(Paragraph(content, ParagraphStyle(style), pid))
    return body


def _section_tree(
    s: Session, plan_id: int, body: dict[int | None, list[Paragraph]]
) -> list[Section]:
    rows = _rows(
        s,
        f"SELECT {_select(SECTION_COLUMNS)} FROM section WHERE plan_id = :plan "
        "ORDER BY position, id",
        plan=plan_id,
    )
    children: dict[int | None, list[tuple[int, str]]] = {}
    for sid, parent_id, heading in rows:
        children.setdefault(parent_id, []).append((sid, heading))

    def build(parent: int | None) -> list[Section]:
        return [
            Section(heading, body.get(sid, []), build(sid), sid)
            for sid, heading in children.get(parent, [])
        ]

    return build(None)


def read_plan(s: Session, plan_id: int) -> Plan:
    """The whole plan, read inside the caller's session: a writing session sees its own
    changes (flushed first: plain SQL does not flush as ORM queries do); a
    ``Database.reader()`` session sees one snapshot."""
    s.flush()
    row = _plan_row(s, plan_id)
    org = _rows(
        s,
        f"SELECT {_select(ORGANIZATION_COLUMNS)} FROM organization WHERE id = :org",
        org=row.organization_id,
    )[0]
    units = _rows(
        s,
        f"SELECT {_select(UNIT_COLUMNS)} FROM unit WHERE plan_id = :plan ORDER BY position, id",
        plan=plan_id,
    )
    unit_names = {uid: name for uid, name, *_ in units}
    paragraphs = _rows(
        s,
        f"SELECT {_select(PARAGRAPH_COLUMNS)} FROM paragraph WHERE plan_id = :plan "
        "ORDER BY position, id",
        plan=plan_id,
    )
    preamble = [_paragraph(p) for p in paragraphs if p.part == "preamble"]
    closing = [_paragraph(p) for p in paragraphs if p.part == "closing"]
    body = _section_bodies([p for p in paragraphs if p.part not in ("preamble", "closing")])
    recipients = _rows(
        s,
        f"SELECT {_select(RECIPIENT_COLUMNS)} FROM recipient WHERE plan_id = :plan "
        "ORDER BY position, id",
        plan=plan_id,
    )
    tasks = _read_tasks(s, plan_id, unit_names)
    return Plan(
        organization=Organization(org[1], org[2], org[3], org[4], org[5], org[0]),
        year=row.year,
        symbol=row.symbol,
        title=row.title,
        units=[Unit(n, short, UnitKind(kind), bool(on), uid) for uid, n, short, kind, on in units],
        number=row.number,
        issued_on=IssueDate.parse(row.issued_on, row.year) if row.issued_on else None,
        doc_type=row.doc_type,
        preamble=preamble,
        sections=_section_tree(s, plan_id, body),
        closing=closing,
        recipients=[Recipient(name, note, rid) for rid, name, note in recipients],
        archive=row.archive,
        signer=Signer(row.signer_authority, row.signer_title, row.signer_name),
        appendix_title=row.appendix_title,
        tasks=tasks,
        checkins=_read_checkins(s, plan_id, unit_names, {t.id: t.key for t in tasks}),
        id=row.id,
    )


def timeframe_from_values(kind_value: str, label: str, values: str) -> Timeframe:
    kind = TimeframeKind(kind_value)
    tf = Timeframe(kind=kind, label=label)
    if kind is TimeframeKind.QUARTERS:
        tf.quarters = [int(v) for v in values.split(",") if v]
    elif kind is TimeframeKind.MONTHS:
        tf.months = [int(v) for v in values.split(",") if v]
    elif kind is TimeframeKind.DEADLINE and values:
        tf.due = dt.date.fromisoformat(values)
    return tf


def task_from_values(row: Sequence[Any], lead: list[str], partners: list[str]) -> Task:
    """A task from a row of :data:`TASK_COLUMNS` and its units' names."""
    tid, key, group, name, product, kind, label, values, quantity, target_unit, note = row
    return Task(
        key=key,
        name=name,
        product=product,
        lead=lead,
        partners=partners,
        timeframe=timeframe_from_values(kind, label, values),
        target=Target(quantity, target_unit) if quantity is not None else None,
        note=note,
        group=group,
        id=tid,
    )


def get_task(db: Database, task_id: int) -> Task:
    """One task with its units' names (the window re-reads a task after editing it)."""
    with db.reader() as s:
        return task_with_units(s, task_id)


def task_with_units(s: Session, task_id: int) -> Task:
    """The stored task ``task_id`` read inside the caller's session (flushed first)."""
    s.flush()
    rows = _rows(s, f"SELECT {_select(TASK_COLUMNS)} FROM task WHERE id = :task", task=task_id)
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
    return task_from_values(rows[0], lead, partners)


def _read_tasks(s: Session, plan_id: int, unit_names: dict[int, str]) -> list[Task]:
    rows = _rows(
        s,
        f"SELECT {_select(TASK_COLUMNS)} FROM task WHERE plan_id = :plan ORDER BY position, id",
        plan=plan_id,
    )
    links = _rows(
        s,
        f"SELECT {_select(TASK_UNIT_COLUMNS, 'tu.')} FROM task_unit tu "
        "JOIN task t ON t.id = tu.task_id WHERE t.plan_id = :plan ORDER BY tu.position",
        plan=plan_id,
    )
    lead: dict[int, list[str]] = {}
    partners: dict[int, list[str]] = {}
    for task_id, unit_id, role in links:
        target = lead if role == "lead" else partners
        target.setdefault(task_id, []).append(unit_names[unit_id])
    return [task_from_values(r, lead.get(r[0], []), partners.get(r[0], [])) for r in rows]


def _read_checkins(
    s: Session, plan_id: int, unit_names: dict[int, str], keys: dict[int | None, str]
) -> list[CheckIn]:
    rows = _rows(
        s,
        f"SELECT {_select(CHECKIN_COLUMNS, 'c.')} FROM checkin c "
        "JOIN task t ON t.id = c.task_id WHERE t.plan_id = :plan "
        "ORDER BY c.id",  # file order survives a round trip
        plan=plan_id,
    )
    evidence = _rows(
        s,
        f"SELECT {_select(EVIDENCE_COLUMNS, 'e.')} FROM evidence e "
        "JOIN checkin c ON c.id = e.checkin_id JOIN task t ON t.id = c.task_id "
        "WHERE t.plan_id = :plan ORDER BY e.position, e.id",
        plan=plan_id,
    )
    by_checkin: dict[int, list[Evidence]] = {}
    for eid, checkin_id, title, file, original in evidence:
        by_checkin.setdefault(checkin_id, []).append(Evidence(title, file, eid, original))
    # A year has four quarters and six statuses: parse each once, not once per check-in.
    periods: dict[str, Period] = {}
    statuses = {st.value: st for st in Status}
    result = []
    for cid, task_id, period, status, progress, text_, achieved, diff, prop, by, on in rows:
        when = periods.get(period) or periods.setdefault(period, Period.parse(period))
        # Positional arguments, in CheckIn's field order: 4,000 of them are built at start-up.
        checkin = CheckIn(
            keys[task_id], when, statuses[status], progress, text_, achieved,
            by_checkin.get(cid, []), diff, prop, unit_names.get(by, "") if by else "",
            _date(on), cid,
        )  # fmt: skip
        result.append(checkin)
    return result
