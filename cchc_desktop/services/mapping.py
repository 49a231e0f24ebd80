"""The one mapping between stored rows and the plain Plan aggregate, both directions.

Each table's columns are defined once, in :mod:`cchc_desktop.domain.entities`; the Plan
aggregate is :mod:`cchc_desktop.domain.model`; this module is the only place that names a
column next to a field. The fast reader (``plan_read``) selects every column of a table
and builds objects with the ``*_from_row`` functions here; the bulk inserter
(``plan_store``) and the ORM writers store the dicts of the ``*_values`` functions, and a
column they leave out gets its default from the table definition.

What is *not* here is structure: ids, parent ids (``plan_id``, ``section_id`` …) and
positions, which the reader and the inserter derive from the shape of the aggregate.

Adding a column: the table definition (entities + a migration), the aggregate's field, and
its two lines here — nothing else (``tests/services/test_one_schema.py``).

``*_from_row`` reads attributes by column name, so it takes a SQL result row and an ORM row
alike; a migration adding a column cannot shift what they read. This module imports no
table class (building them costs ~80 ms that start-up does not pay).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import attrgetter, itemgetter
from typing import Any

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
    SectionKind,
    Signer,
    Target,
    Task,
    Unit,
    UnitKind,
)
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report_record import ReportRecord
from cchc_desktop.domain.status import Status
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind

Values = dict[str, Any]
"""Column name → value of one row, as ``sqlalchemy.insert`` and :func:`apply_values` take."""


def apply_values(row: object, values: Mapping[str, Any]) -> None:
    """Copy ``values`` onto an ORM row (the writers that edit one row at a time)."""
    for name, value in values.items():
        setattr(row, name, value)


def _date(value: Any) -> dt.date | None:
    # SQLite hands back the stored ISO text through plain SQL; the ORM and other engines a date.
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _datetime(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


# organization ---------------------------------------------------------------------------


def organization_values(org: Organization) -> Values:
    return {
        "parent": org.parent,
        "name": org.name,
        "abbreviation": org.abbreviation,
        "place": org.place,
        "cutoff_day": org.cutoff_day,
    }


def organization_from_row(row: Any) -> Organization:
    return Organization(row.parent, row.name, row.abbreviation, row.place, row.cutoff_day, row.id)


# plan -----------------------------------------------------------------------------------


def plan_values(plan: Plan) -> Values:
    return {
        "year": plan.year,
        "number": plan.number,
        "symbol": plan.symbol,
        "issued_on": plan.issued_on.iso() if plan.issued_on else "",
        "doc_type": plan.doc_type,
        "title": plan.title,
        "archive": plan.archive,
        "signer_authority": plan.signer.authority,
        "signer_title": plan.signer.title,
        "signer_name": plan.signer.name,
        "appendix_title": plan.appendix_title,
        "print_appendix": plan.print_appendix,
        "appendix_reference": plan.appendix_reference,
        "extra_columns": json.dumps(plan.extra_columns, ensure_ascii=False)
        if plan.extra_columns
        else "",
    }


def plan_from_row(row: Any, organization: Organization) -> Plan:
    """The plan's own fields; the caller fills in its units, text, tasks and check-ins."""
    return Plan(
        organization=organization,
        year=row.year,
        symbol=row.symbol,
        title=row.title,
        number=row.number,
        issued_on=issued_from_row(row),
        doc_type=row.doc_type,
        archive=row.archive,
        signer=signer_from_row(row),
        appendix_title=row.appendix_title,
        id=row.id,
        print_appendix=bool(row.print_appendix),
        appendix_reference=row.appendix_reference,
        extra_columns=list(json.loads(row.extra_columns)) if row.extra_columns else [],
    )


def issued_from_row(row: Any) -> IssueDate | None:
    return IssueDate.parse(row.issued_on, row.year) if row.issued_on else None


def signer_from_row(row: Any) -> Signer:
    return Signer(row.signer_authority, row.signer_title, row.signer_name)


# unit, section, paragraph, recipient ----------------------------------------------------


def unit_values(unit: Unit) -> Values:
    return {"name": unit.name, "short": unit.short, "kind": unit.kind.value, "active": unit.active}


def unit_from_row(row: Any) -> Unit:
    return Unit(row.name, row.short, UnitKind(row.kind), bool(row.active), row.id)


def section_values(section: Section) -> Values:
    return {"heading": section.heading, "kind": section.kind.value}


def section_from_row(row: Any, body: list[Paragraph], children: list[Section]) -> Section:
    return Section(row.heading, body, children, row.id, SectionKind(row.kind))


def paragraph_values(paragraph: Paragraph) -> Values:
    return {"style": paragraph.style.value, "text": paragraph.text}


def paragraph_from_row(row: Any) -> Paragraph:
    return Paragraph(row.text, ParagraphStyle(row.style), row.id)


def recipient_values(recipient: Recipient) -> Values:
    return {"name": recipient.name, "note": recipient.note}


def recipient_from_row(row: Any) -> Recipient:
    return Recipient(row.name, row.note, row.id)


# task -----------------------------------------------------------------------------------


def timeframe_to_values(tf: Timeframe) -> str:
    if tf.kind is TimeframeKind.QUARTERS:
        return ",".join(str(q) for q in tf.quarters)
    if tf.kind is TimeframeKind.MONTHS:
        return ",".join(str(m) for m in tf.months)
    if tf.kind is TimeframeKind.DEADLINE and tf.due is not None:
        return tf.due.isoformat()
    return ""


_TIMEFRAME_KINDS = {kind.value: kind for kind in TimeframeKind}


def timeframe_from_values(kind_value: str, label: str, values: str) -> Timeframe:
    # A dict look-up before the enum's own call (a fifth of the time), which still refuses
    # an unknown kind with its ValueError.
    kind = _TIMEFRAME_KINDS.get(kind_value) or TimeframeKind(kind_value)
    if kind is TimeframeKind.QUARTERS:
        return Timeframe(kind, label, [int(v) for v in values.split(",") if v])
    if kind is TimeframeKind.MONTHS:
        return Timeframe(kind, label, [], [int(v) for v in values.split(",") if v])
    if kind is TimeframeKind.DEADLINE and values:
        return Timeframe(kind, label, due=dt.date.fromisoformat(values))
    return Timeframe(kind, label)


def task_values(task: Task) -> Values:
    """The task's own columns (its units are rows of ``task_unit``)."""
    return {
        "key": task.key,
        "group": task.group,
        "name": task.name,
        "product": task.product,
        "timeframe_kind": task.timeframe.kind.value,
        "timeframe_label": task.timeframe.label,
        "timeframe_values": timeframe_to_values(task.timeframe),
        "target_quantity": task.target.quantity if task.target else None,
        "target_unit": task.target.unit if task.target else "",
        "note": task.note,
        "extra": json.dumps(task.extra, ensure_ascii=False) if task.extra else "",
    }


# The task columns the mapping reads, in the order ``_tasks`` unpacks them.
_TASK_READ = (
    "id", "key", "group", "name", "product", "timeframe_kind", "timeframe_label",
    "timeframe_values", "target_quantity", "target_unit", "note", "version", "edited_by",
    "extra",
)  # fmt: skip


def task_from_row(row: Any, lead: list[str], partners: list[str]) -> Task:
    """One stored task (an ORM row, or any object with the columns as attributes) with the
    names of its lead and partner units."""
    return _tasks([row], picker(None, _TASK_READ), {row.id: lead}, {row.id: partners})[0]


def tasks_from_rows(
    columns: Sequence[str],
    rows: Iterable[tuple[Any, ...]],
    lead: Mapping[Any, list[str]],
    partners: Mapping[Any, list[str]],
) -> list[Task]:
    """Tasks from plain result tuples of ``columns`` (the fast reader's); ``lead`` and
    ``partners`` are the unit names by task id (a task missing from them has none)."""
    return _tasks(rows, picker(columns, _TASK_READ), lead, partners)


def _tasks(
    rows: Iterable[Any],
    pick: Callable[[Any], tuple[Any, ...]],
    lead: Mapping[Any, list[str]],
    partners: Mapping[Any, list[str]],
) -> list[Task]:
    out = []
    for (
        id_, key, group, name, product, tf_kind, tf_label, tf_values, quantity, target_unit,
        note, version, edited_by, extra,
    ) in map(pick, rows):  # fmt: skip
        # Positional arguments, in Task's field order.
        out.append(Task(
            key, name, product, lead.get(id_, []), partners.get(id_, []),
            timeframe_from_values(tf_kind, tf_label, tf_values),
            Target(quantity, target_unit) if quantity is not None else None,
            note, group, id_, version, edited_by,
            dict(json.loads(extra)) if extra else {},
        ))  # fmt: skip
    return out


# check-in, evidence ---------------------------------------------------------------------


def checkin_values(
    checkin: CheckIn, reported_by_id: int | None, unit_id: int | None = None
) -> Values:
    """The check-in's own columns; ``reported_by_id`` is the id of its ``reported_by`` unit,
    ``unit_id`` that of its ``unit`` (None: the lead unit's answer)."""
    return {
        "unit_id": unit_id if checkin.unit else None,
        "period": str(checkin.period),
        "status": checkin.status.value,
        "progress": checkin.progress,
        "result": checkin.result,
        "achieved": checkin.achieved,
        "difficulties": checkin.difficulties,
        "proposals": checkin.proposals,
        "reported_by_id": reported_by_id,
        "reported_on": checkin.reported_on,
        "updated_at": dt.datetime.now(dt.UTC),
        # Left out when "" (the table default, "the rule decides"): rows written for a
        # database at an older revision (a test of that migration) still insert.
        **(
            {"difficulties_scope": checkin.difficulties_scope} if checkin.difficulties_scope else {}
        ),
        **({"proposals_scope": checkin.proposals_scope} if checkin.proposals_scope else {}),
    }


_STATUSES = {st.value: st for st in Status}

# The check-in columns the mapping reads, in the order ``_checkins`` unpacks them.
_CHECKIN_READ = (
    "id", "task_id", "period", "status", "progress", "result", "achieved", "difficulties",
    "proposals", "reported_by_id", "reported_on", "version", "edited_by", "updated_at",
    "difficulties_scope", "proposals_scope", "unit_id",
)  # fmt: skip


def picker(columns: Sequence[str] | None, names: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
    """What takes the values of ``names`` out of one row, as a tuple in that order: by
    position in a plain tuple of the result ``columns`` (found by name once a query), or by
    attribute on an ORM row (``columns`` None). One C call a row, where reading a row's
    attributes one by one costs a Python look-up each."""
    if columns is None:
        return attrgetter(*names)
    return itemgetter(*(columns.index(name) for name in names))


def checkin_from_row(
    row: Any,
    key: str,
    evidence: list[Evidence],
    reported_by: str,
    periods: dict[str, Period] | None = None,
    unit: str = "",
) -> CheckIn:
    """One stored check-in (an ORM row, or any object with the columns as attributes).
    ``unit`` is the name of the row's ``unit_id`` (``""``: the lead unit's answer),
    ``reported_by`` that of its ``reported_by_id``. ``periods`` caches parsed periods over
    a batch."""
    names = {row.reported_by_id: reported_by, row.unit_id: unit}
    return _checkins(
        [row], picker(None, _CHECKIN_READ), {row.task_id: key}, {row.id: evidence}, names, periods
    )[0]


def checkins_from_rows(
    columns: Sequence[str],
    rows: Iterable[tuple[Any, ...]],
    keys: Mapping[Any, str],
    evidence: Mapping[Any, list[Evidence]],
    unit_names: Mapping[Any, str],
) -> list[CheckIn]:
    """Check-ins from plain result tuples of ``columns`` (the fast reader's): ``keys`` are
    the task keys by task id, ``evidence`` the evidence lists by check-in id and
    ``unit_names`` the unit names by unit id."""
    return _checkins(rows, picker(columns, _CHECKIN_READ), keys, evidence, unit_names, {})


def _checkins(
    rows: Iterable[Any],
    pick: Callable[[Any], tuple[Any, ...]],
    keys: Mapping[Any, str],
    evidence: Mapping[Any, list[Evidence]],
    unit_names: Mapping[Any, str],
    periods: dict[str, Period] | None,
) -> list[CheckIn]:
    # The reader builds 4,000 of these at start-up: the values unpacked into locals, periods
    # and report dates parsed once a batch (a plan has four quarters and a few dozen dates),
    # CheckIn built with positional arguments in its field order.
    periods = {} if periods is None else periods
    iso_datetime = dt.datetime.fromisoformat  # what _datetime does with SQLite's text
    days: dict[Any, dt.date | None] = {None: None}
    out = []
    for (
        id_, task_id, period_text, status, progress, result, achieved, difficulties,
        proposals, reported_by_id, reported_on, version, edited_by, updated_at,
        difficulties_scope, proposals_scope, unit_id,
    ) in map(pick, rows):  # fmt: skip
        period = periods.get(period_text)
        if period is None:
            period = periods[period_text] = Period.parse(period_text)
        if reported_on in days:
            day = days[reported_on]
        else:
            day = days[reported_on] = _date(reported_on)
        out.append(CheckIn(
            keys[task_id], period, _STATUSES[status], progress, result, achieved,
            evidence.get(id_, []), difficulties, proposals,
            unit_names.get(reported_by_id, "") if reported_by_id else "", day, id_,
            version, edited_by,
            iso_datetime(updated_at) if updated_at.__class__ is str else _datetime(updated_at),
            difficulties_scope,
            proposals_scope, unit_names.get(unit_id, "") if unit_id else "",
        ))  # fmt: skip
    return out


def evidence_values(evidence: Evidence) -> Values:
    return {"title": evidence.title, "file": evidence.file, "original_name": evidence.original_name}


# The evidence columns the mapping reads, in Evidence's field order.
_EVIDENCE_READ = ("title", "file", "id", "original_name")


def evidence_from_row(row: Any) -> Evidence:
    return Evidence(*picker(None, _EVIDENCE_READ)(row))


# report ---------------------------------------------------------------------------------


def report_values(record: ReportRecord) -> Values:
    signer = record.signer
    return {
        "period": str(record.period),
        "number": record.number,
        "issued_on": record.issued_on.iso() if record.issued_on else "",
        "addressees": json.dumps(record.addressees, ensure_ascii=False),
        "recipients": json.dumps(record.recipients, ensure_ascii=False),
        "signer_authority": None if signer is None else signer.authority,
        "signer_title": "" if signer is None else signer.title,
        "signer_name": "" if signer is None else signer.name,
        "narrative": json.dumps(record.narrative, ensure_ascii=False),
        "basis": json.dumps(record.basis, ensure_ascii=False),
        "updated_at": dt.datetime.now(dt.UTC),
    }


def report_from_row(row: Any) -> ReportRecord:
    period = Period.parse(row.period)
    signer = None
    if row.signer_authority is not None:
        signer = Signer(row.signer_authority, row.signer_title, row.signer_name)
    return ReportRecord(
        period=period,
        number=row.number,
        issued_on=IssueDate.parse(row.issued_on, period.year) if row.issued_on else None,
        addressees=list(json.loads(row.addressees)),
        recipients=list(json.loads(row.recipients)),
        signer=signer,
        narrative=dict(json.loads(row.narrative)),
        basis=dict(json.loads(row.basis)),
        id=row.id,
        version=row.version,
        edited_by=row.edited_by,
    )


def evidence_by_checkin(
    rows: Iterable[Any], columns: Sequence[str] | None = None
) -> dict[int, list[Evidence]]:
    """Evidence rows grouped under their check-in's id, in the rows' order: plain result
    tuples of ``columns``, or rows with the columns as attributes (``columns`` None)."""
    out: dict[int, list[Evidence]] = {}
    for checkin_id, *values in map(picker(columns, ("checkin_id", *_EVIDENCE_READ)), rows):
        out.setdefault(checkin_id, []).append(Evidence(*values))
    return out
