"""Record, edit and delete check-ins (what a unit reports on a task for one quarter).

A check-in is one unit's answer (issue 14): the lead unit's (``CheckIn.unit`` ``""``, the
task's own answer, stored with ``unit_id`` NULL) or a partner unit's contribution. Each is
keyed by (task, quarter, unit), so the units' answers never overwrite one another.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from cchc_desktop.domain.entities import CheckInRow, EvidenceRow, TaskRow, TaskUnitRow, UnitRow
from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.errors import ConflictError, NotFoundError, ValidationError
from cchc_desktop.services.mapping import (
    apply_values,
    checkin_from_row,
    checkin_values,
    evidence_from_row,
    evidence_values,
)
from cchc_desktop.services.plan_store import get_plan_row
from cchc_desktop.services.validation import check_checkin
from cchc_desktop.storage.database import Database


def _task_row(s: Session, plan_id: int, key: str) -> TaskRow:
    row = s.exec(select(TaskRow).where(TaskRow.plan_id == plan_id, TaskRow.key == key)).first()
    if row is None:
        raise NotFoundError(f"Không tìm thấy nhiệm vụ “{key}”.", detail=f"no task {key!r}")
    return row


def _unit_ids(s: Session, plan_id: int) -> dict[str, int]:
    return {u.name: u.id or 0 for u in s.exec(select(UnitRow).where(UnitRow.plan_id == plan_id))}


def read_checkin(s: Session, row: CheckInRow, key: str) -> CheckIn:
    evidence = s.exec(
        select(EvidenceRow)
        .where(EvidenceRow.checkin_id == row.id)
        .order_by(col(EvidenceRow.position))
    ).all()
    reporter = s.get(UnitRow, row.reported_by_id) if row.reported_by_id else None
    unit = s.get(UnitRow, row.unit_id) if row.unit_id else None
    return checkin_from_row(
        row,
        key,
        [evidence_from_row(e) for e in evidence],
        reporter.name if reporter else "",
        unit=unit.name if unit else "",
    )


def _answer_of(task_id: int, period: Period, unit_id: int | None) -> Any:
    """The WHERE clause of one unit's answer (``unit_id`` None: the lead's)."""
    unit = col(CheckInRow.unit_id)
    return (
        (col(CheckInRow.task_id) == task_id)
        & (col(CheckInRow.period) == str(period))
        & (unit.is_(None) if unit_id is None else unit == unit_id)
    )


def find_checkin(
    s: Session, plan_id: int, key: str, period: Period, unit: str = ""
) -> CheckInRow | None:
    """The stored answer of ``unit`` (``""``: the lead unit) on task ``key`` in ``period``."""
    task = _task_row(s, plan_id, key)
    unit_id = _unit_ids(s, plan_id).get(unit) if unit else None
    if unit and unit_id is None:
        return None
    return s.exec(select(CheckInRow).where(_answer_of(task.id or 0, period, unit_id))).first()


class PlanContext:
    """What validating and storing check-ins of one plan needs, looked up once per batch."""

    def __init__(self, s: Session, plan_id: int):
        self.plan_id = plan_id
        self.year = get_plan_row(s, plan_id).year
        self.units = _unit_ids(s, plan_id)
        self.unit_names = set(self.units)
        self.tasks = {
            key: tid
            for key, tid in s.exec(
                select(TaskRow.key, TaskRow.id).where(TaskRow.plan_id == plan_id)
            ).all()
        }
        names = {uid: name for name, uid in self.units.items()}
        # Task id → unit name → role ("lead" / "partner"): whose answer a check-in can be.
        self.roles: dict[int, dict[str, str]] = {}
        links = s.exec(
            select(TaskUnitRow.task_id, TaskUnitRow.unit_id, TaskUnitRow.role)
            .join(TaskRow, col(TaskRow.id) == col(TaskUnitRow.task_id))
            .where(TaskRow.plan_id == plan_id)
        ).all()
        for task_id, unit_id, role in links:
            self.roles.setdefault(task_id, {}).setdefault(names.get(unit_id, ""), role)

    def task_id(self, key: str) -> int:
        tid = self.tasks.get(key)
        if tid is None:
            raise NotFoundError(f"Không tìm thấy nhiệm vụ “{key}”.", detail=f"no task {key!r}")
        return tid

    def unit_id_of(self, checkin: CheckIn, task_id: int) -> int | None:
        """The ``unit_id`` ``checkin`` is stored under: None for the lead's answer (a lead
        unit named as ``unit`` is the lead's answer too); a partner's id otherwise. A unit
        that is not a partner of the task is refused."""
        if not checkin.unit:
            return None
        role = self.roles.get(task_id, {}).get(checkin.unit)
        if role == "lead":
            checkin.unit = ""
            return None
        if role is None:
            raise ValidationError(
                f"Đơn vị “{checkin.unit}” không chủ trì cũng không phối hợp thực hiện nhiệm "
                f"vụ “{checkin.task}”.",
                detail=f'unit "{checkin.unit}" is neither lead nor partner of task '
                f"{checkin.task!r}",
            )
        return self.units[checkin.unit]


def upsert_checkin(
    s: Session,
    plan_id: int,
    checkin: CheckIn,
    context: PlanContext | None = None,
    *,
    expected_version: int | None = None,
) -> tuple[int, CheckIn | None]:
    """Insert or replace the check-in of (task, quarter) inside the caller's transaction.

    Returns the row id and the check-in as it was before (None when new), for undo. Pass a
    :class:`PlanContext` when storing many check-ins of one plan in one transaction.

    ``expected_version`` (the window's edits; server mode) is the version the clerk saw:
    0 for "there was none". When the stored one differs, another clerk got there first and
    :class:`ConflictError` refuses the edit. The version moves by one with every update, in
    the UPDATE itself, so of two clerks storing against the same version at the same moment
    exactly one wins (PostgreSQL re-checks the condition once the first one commits).
    ``checkin`` gets the stored id, version and clerk.
    """
    ctx = context or PlanContext(s, plan_id)
    check_checkin(checkin, ctx.year, ctx.unit_names)
    task_id = ctx.task_id(checkin.task)
    unit_id = ctx.unit_id_of(checkin, task_id)
    row = s.exec(select(CheckInRow).where(_answer_of(task_id, checkin.period, unit_id))).first()
    old = read_checkin(s, row, checkin.task) if row is not None else None
    clerk = str(s.info.get("clerk", ""))
    if row is None:
        if expected_version:  # the clerk edited one that another clerk deleted since
            raise _conflict(checkin, None)
        row = CheckInRow(task_id=task_id, period=str(checkin.period), version=1, unit_id=unit_id)
    else:
        bump = update(CheckInRow).where(col(CheckInRow.id) == row.id)
        if expected_version is not None:
            bump = bump.where(col(CheckInRow.version) == expected_version)
        bumped = s.execute(
            bump.values(version=col(CheckInRow.version) + 1).returning(col(CheckInRow.version))
        ).scalar()
        if bumped is None:
            s.expire(row)
            raise _conflict(checkin, read_checkin(s, row, checkin.task))
        row.version = bumped
    reporter = ctx.units.get(checkin.reported_by) if checkin.reported_by else None
    apply_values(row, checkin_values(checkin, reporter, unit_id))
    row.edited_by = clerk
    s.add(row)
    try:
        s.flush()
    except IntegrityError:
        # Two clerks created the same (task, quarter) at once: the other one was first.
        if expected_version is None:
            raise
        raise _conflict(checkin, None) from None
    s.exec(delete(EvidenceRow).where(col(EvidenceRow.checkin_id) == row.id))
    s.add_all(
        EvidenceRow(checkin_id=row.id or 0, position=i, **evidence_values(e))
        for i, e in enumerate(checkin.evidence)
    )
    s.flush()
    checkin.id, checkin.version, checkin.edited_by = row.id, row.version, clerk
    checkin.edited_at = row.updated_at
    return row.id or 0, old


def summary(checkin: CheckIn | None) -> str:
    """``"Đang thực hiện, 75% — Đã tổ chức …"``, or ``"(đã bị xóa)"``: one line of a
    conflict message."""
    if checkin is None:
        return "(đã bị xóa)"
    text = f"{checkin.status.label}, {checkin.progress}%"
    if checkin.result:
        first = checkin.result.split("\n")[0]
        text += f" — {first[:60]}{'…' if len(first) > 60 else ''}"
    return text


def _conflict(mine: CheckIn, theirs: CheckIn | None) -> ConflictError:
    who = f" ({theirs.edited_by})" if theirs is not None and theirs.edited_by else ""
    return ConflictError(
        f"Kết quả thực hiện nhiệm vụ “{mine.task}”"
        + (f" (phần phối hợp của {mine.unit})" if mine.unit else "")
        + f", {mine.period.short_label()} vừa được "
        f"người khác{who} sửa trước bạn; thay đổi của bạn chưa được lưu.\n"
        f"Bản đang lưu: {summary(theirs)}\nBản của bạn: {summary(mine)}\n"
        "Hãy tải lại để xem bản mới nhất rồi sửa tiếp.",
        theirs=theirs,
        mine=mine,
        detail=f"check-in {mine.task} {mine.period} was changed by another user since it was "
        "read; nothing stored (reload and edit again)",
    )


def upsert_checkins(
    s: Session, plan_id: int, checkins: list[CheckIn]
) -> list[tuple[int, CheckIn | None]]:
    """Store many check-ins of one plan in the caller's transaction (lookups done once)."""
    ctx = PlanContext(s, plan_id)
    return [upsert_checkin(s, plan_id, c, ctx) for c in checkins]


def record_checkin(
    db: Database, plan_id: int, checkin: CheckIn, *, expected_version: int | None = None
) -> tuple[int, CheckIn | None]:
    """Record (or replace) a check-in in one transaction; returns (id, previous or None).
    ``expected_version``: see :func:`upsert_checkin`."""
    with db.session() as s:
        return upsert_checkin(s, plan_id, checkin, expected_version=expected_version)


def delete_checkin(
    db: Database,
    plan_id: int,
    task_key: str,
    period: Period,
    *,
    expected_version: int | None = None,
    unit: str = "",
) -> CheckIn | None:
    """Remove ``unit``'s answer (``""``: the lead's); returns what was removed (None when
    there was none). With ``expected_version``, a check-in changed by another clerk since
    is not removed."""
    with db.session() as s:
        row = find_checkin(s, plan_id, task_key, period, unit)
        if row is None:
            return None
        old = read_checkin(s, row, task_key)
        if expected_version is not None:
            gone = s.execute(
                delete(CheckInRow).where(
                    col(CheckInRow.id) == row.id, col(CheckInRow.version) == expected_version
                )
            )
            if getattr(gone, "rowcount", 1) != 1:
                raise _conflict(CheckIn(task_key, period, unit=unit), old)
            s.expunge(row)
            return old
        s.delete(row)
        return old
