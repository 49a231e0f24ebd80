"""Record, edit and delete check-ins (what a unit reports on a task for one quarter)."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from cchc_desktop.domain.entities import CheckInRow, EvidenceRow, TaskRow, UnitRow
from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.errors import ConflictError, NotFoundError
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
    return checkin_from_row(
        row, key, [evidence_from_row(e) for e in evidence], reporter.name if reporter else ""
    )


def find_checkin(s: Session, plan_id: int, key: str, period: Period) -> CheckInRow | None:
    task = _task_row(s, plan_id, key)
    return s.exec(
        select(CheckInRow).where(CheckInRow.task_id == task.id, CheckInRow.period == str(period))
    ).first()


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

    def task_id(self, key: str) -> int:
        tid = self.tasks.get(key)
        if tid is None:
            raise NotFoundError(f"Không tìm thấy nhiệm vụ “{key}”.", detail=f"no task {key!r}")
        return tid


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
    row = s.exec(
        select(CheckInRow).where(
            CheckInRow.task_id == task_id, CheckInRow.period == str(checkin.period)
        )
    ).first()
    old = read_checkin(s, row, checkin.task) if row is not None else None
    clerk = str(s.info.get("clerk", ""))
    if row is None:
        if expected_version:  # the clerk edited one that another clerk deleted since
            raise _conflict(checkin, None)
        row = CheckInRow(task_id=task_id, period=str(checkin.period), version=1)
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
    apply_values(row, checkin_values(checkin, reporter))
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
        f"Kết quả thực hiện nhiệm vụ “{mine.task}”, {mine.period.short_label()} vừa được "
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
) -> CheckIn | None:
    """Remove a check-in; returns what was removed (None when there was none).
    With ``expected_version``, a check-in changed by another clerk since is not removed."""
    with db.session() as s:
        row = find_checkin(s, plan_id, task_key, period)
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
                raise _conflict(CheckIn(task_key, period), old)
            s.expunge(row)
            return old
        s.delete(row)
        return old
