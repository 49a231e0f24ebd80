"""Add, edit, reorder and delete the appendix tasks of a plan."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, update
from sqlmodel import Session, col, delete, select

from cchc_desktop.domain.entities import CheckInRow, PlanRow, TaskRow, TaskUnitRow, UnitRow
from cchc_desktop.domain.model import CheckIn, Task
from cchc_desktop.domain.periods import Period
from cchc_desktop.errors import ConflictError, ValidationError
from cchc_desktop.services.checkins import read_checkin, upsert_checkin
from cchc_desktop.services.conflicts import gone, lock_plan, locked_row, stale, stale_delete
from cchc_desktop.services.mapping import apply_values, task_values
from cchc_desktop.services.ordering import close_gap, open_gap, slide
from cchc_desktop.services.plan_read import task_not_found, task_with_units
from cchc_desktop.services.plan_store import get_plan_row
from cchc_desktop.services.validation import check_task
from cchc_desktop.storage.database import Database


def _task(s: Session, task_id: int) -> TaskRow:
    row = s.get(TaskRow, task_id)
    if row is None:
        raise task_not_found(task_id)
    return row


def _units(s: Session, plan_id: int) -> dict[str, int]:
    return {u.name: u.id or 0 for u in s.exec(select(UnitRow).where(UnitRow.plan_id == plan_id))}


def _touch(s: Session, plan_id: int) -> None:
    plan = s.get(PlanRow, plan_id)
    if plan is not None:
        plan.updated_at = dt.datetime.now(dt.UTC)
        s.add(plan)


def _link_units(s: Session, row: TaskRow, task: Task, unit_ids: dict[str, int]) -> None:
    s.exec(delete(TaskUnitRow).where(col(TaskUnitRow.task_id) == row.id))
    for role, names in (("lead", task.lead), ("partner", task.partners)):
        s.add_all(
            TaskUnitRow(task_id=row.id or 0, unit_id=unit_ids[n], role=role, position=i)
            for i, n in enumerate(names)
        )


def read_task(s: Session, row: TaskRow) -> Task:
    """The stored task of ``row`` with its units (no pending change of ``row`` is seen)."""
    return task_with_units(s, row.id or 0)


def next_key(existing: set[str]) -> str:
    n = len(existing) + 1
    while f"T{n}" in existing:
        n += 1
    return f"T{n}"


def add_task(db: Database, plan_id: int, task: Task, index: int | None = None) -> int:
    """Insert a task at ``index`` (None: at the end); a blank key gets the next free "T<n>"."""
    with db.session() as s:
        plan = get_plan_row(s, plan_id)
        units = _units(s, plan_id)
        check_task(task, plan.year, set(units))
        keys = set(s.exec(select(TaskRow.key).where(TaskRow.plan_id == plan_id)).all())
        key = task.key or next_key(keys)
        if key in keys:
            raise ValidationError(f"Mã nhiệm vụ “{key}” đã có.", detail=f"duplicate key {key}")
        row = TaskRow(plan_id=plan_id, key=key)
        apply_values(row, task_values(task))
        row.key = key
        row.position = _gap_at(s, plan_id, index)
        s.add(row)
        s.flush()
        _link_units(s, row, task, units)
        _touch(s, plan_id)
        return row.id or 0


def _gap_at(s: Session, plan_id: int, index: int | None) -> int:
    """Free position ``index`` (clamped; None = the end) for a new task and return it."""
    count = _count(s, plan_id)
    where = count if index is None else max(0, min(index, count))
    open_gap(s, TaskRow, col(TaskRow.plan_id) == plan_id, where)
    return where


def update_task(
    db: Database, task_id: int, task: Task, *, expected_version: int | None = None
) -> Task:
    """Replace every field of a task (its key stays); returns the task as it was.

    ``expected_version`` (the window's edits and undos; server mode, issue 19) is the
    version the clerk saw: when another clerk stored the task since, :class:`ConflictError`
    refuses the edit with both versions. As for check-ins, the version moves in one
    conditional UPDATE, so of two clerks storing at once exactly one wins."""
    with db.session() as s:
        row = _task(s, task_id)
        plan = get_plan_row(s, row.plan_id)
        units = _units(s, row.plan_id)
        check_task(task, plan.year, set(units))
        bump = update(TaskRow).where(col(TaskRow.id) == task_id)
        if expected_version is not None:
            bump = bump.where(col(TaskRow.version) == expected_version)
        bumped = s.execute(
            bump.values(version=col(TaskRow.version) + 1).returning(col(TaskRow.version))
        ).scalar()
        if bumped is None:
            if s.scalar(select(TaskRow.id).where(TaskRow.id == task_id)) is None:
                raise gone(f"Nhiệm vụ “{row.key}”", detail=f"task {row.key}")
            s.expire(row)
            raise _conflict(task, read_task(s, row))
        old = read_task(s, row)
        key = row.key
        apply_values(row, task_values(task))
        row.key = key
        row.version = bumped
        row.edited_by = str(s.info.get("clerk", ""))
        row.edited_at = dt.datetime.now(dt.UTC)
        s.add(row)
        _link_units(s, row, task, units)
        _touch(s, row.plan_id)
        return old


def _task_line(task: Task) -> str:
    """One line of a conflict message: what the task says."""
    parts = [task.name[:80] + ("…" if len(task.name) > 80 else "")]
    if task.lead:
        parts.append("chủ trì: " + ", ".join(task.lead))
    parts.append(f"thời gian: {task.timeframe.label}" if task.timeframe.label else "")
    return "; ".join(p for p in parts if p)


def _conflict(mine: Task, theirs: Task) -> ConflictError:
    who = f" ({theirs.edited_by})" if theirs.edited_by else ""
    return ConflictError(
        f"Nhiệm vụ “{theirs.key}” vừa được người khác{who} sửa trước bạn; thay đổi của bạn "
        f"chưa được lưu.\nBản đang lưu: {_task_line(theirs)}\nBản của bạn: {_task_line(mine)}\n"
        "Hãy tải lại để xem bản mới nhất rồi sửa tiếp.",
        theirs=theirs,
        mine=mine,
        detail=f"task {theirs.key} was changed by another user since it was read; nothing "
        "stored (reload and edit again)",
    )


def _checked_task(s: Session, task_id: int, *, deleting: bool = False) -> TaskRow:
    """The task row after the plan's structural lock (see ``conflicts.lock_plan``); a task
    deleted by another clerk meanwhile is refused as such."""
    detail = f"task {task_id}"
    return locked_row(s, TaskRow, task_id, "Nhiệm vụ", deleting=deleting, detail=detail)


def move_task(
    db: Database, task_id: int, new_index: int, *, expected_index: int | None = None
) -> int:
    """Move a task to ``new_index`` in the appendix; returns its old index.
    ``expected_index``: the row the clerk saw it on (the window's moves and their undo);
    refused when another clerk moved, added or deleted a task before it since."""
    with db.session() as s:
        row = _task(s, task_id) if expected_index is None else _checked_task(s, task_id)
        if expected_index is not None and row.position != expected_index:
            raise stale(
                f"Vị trí của nhiệm vụ “{row.key}”",
                f"dòng {row.position + 1}",
                f"dòng {expected_index + 1}",
                stored=row.position,
                seen=expected_index,
                detail=f"position of task {row.key}",
            )
        count = _count(s, row.plan_id)
        old, new = row.position, max(0, min(new_index, count - 1))
        slide(s, TaskRow, col(TaskRow.plan_id) == row.plan_id, old, new)
        row.position = new
        s.add(row)
        _touch(s, row.plan_id)
        return old


def _count(s: Session, plan_id: int) -> int:
    return int(
        s.exec(select(func.count()).select_from(TaskRow).where(TaskRow.plan_id == plan_id)).one()
    )


def checkin_versions(checkins: list[CheckIn]) -> list[tuple[str, str, int]]:
    """What a clerk saw of a task's answers: (quarter, unit, version) of each, sorted."""
    return sorted((str(c.period), c.unit, c.version) for c in checkins)


def _answers_line(answers: list[tuple[str, str, int]]) -> str:
    """``"báo cáo: Quý I (lần sửa 1), Quý II (lần sửa 2)"``: a task's answers as seen."""
    if not answers:
        return "chưa có báo cáo"
    shown = [
        f"{Period.parse(p).short_label()}{f' — {u}' if u else ''} (lần sửa {v})"
        for p, u, v in sorted(answers)
    ]
    return "báo cáo: " + ", ".join(shown)


def delete_task(
    db: Database,
    task_id: int,
    *,
    expected_version: int | None = None,
    expected_checkins: list[tuple[str, str, int]] | None = None,
) -> tuple[int, Task, list[CheckIn]]:
    """Delete a task and its check-ins; returns (index, task, check-ins) for undo.

    ``expected_version`` (the window): the task's version the clerk saw; with
    ``expected_checkins`` (:func:`checkin_versions`), its answers too. A task another clerk
    edited, or answered, since is not deleted (their work would go with it)."""
    checked = expected_version is not None
    with db.session() as s:
        row = _checked_task(s, task_id, deleting=True) if checked else _task(s, task_id)
        index = row.position
        task = read_task(s, row)
        checkins = [
            read_checkin(s, c, row.key)
            for c in s.exec(
                select(CheckInRow)
                .where(CheckInRow.task_id == row.id)
                .order_by(col(CheckInRow.period))
            ).all()
        ]
        answers = checkin_versions(checkins)
        if checked and (
            row.version != expected_version
            or (expected_checkins is not None and sorted(expected_checkins) != answers)
        ):
            who = f" ({row.edited_by})" if row.edited_by else ""
            raise stale_delete(
                f"Nhiệm vụ “{row.key}”{who}",
                f"{_task_line(task)} (lần sửa thứ {row.version}); {_answers_line(answers)}",
                f"lần sửa thứ {expected_version}"
                + ("" if expected_checkins is None else f"; {_answers_line(expected_checkins)}"),
                stored=task,
                seen=expected_version,
                detail=f"task {row.key}",
            )
        s.exec(delete(TaskUnitRow).where(col(TaskUnitRow.task_id) == row.id))
        s.delete(row)
        s.flush()
        close_gap(s, TaskRow, col(TaskRow.plan_id) == row.plan_id, index)
        _touch(s, row.plan_id)
        return index, task, checkins


def restore_task(
    db: Database,
    plan_id: int,
    index: int,
    task: Task,
    checkins: list[CheckIn],
    *,
    checked: bool = False,
) -> int:
    """Put a deleted task back where it was, with its check-ins (undo of delete).
    ``checked`` (the window): refused when another clerk meanwhile gave its key to a new
    task or deleted a unit it names."""
    with db.session() as s:
        if checked:
            lock_plan(s, plan_id)
        units = _units(s, plan_id)
        if checked:
            _check_restorable(s, plan_id, task, set(units))
        row = TaskRow(plan_id=plan_id, key=task.key)
        apply_values(row, task_values(task))
        row.position = _gap_at(s, plan_id, index)
        s.add(row)
        s.flush()
        _link_units(s, row, task, {n: i for n, i in units.items()})
        for c in checkins:
            upsert_checkin(s, plan_id, c)
        _touch(s, plan_id)
        return row.id or 0


def _check_restorable(s: Session, plan_id: int, task: Task, units: set[str]) -> None:
    taken = s.exec(select(TaskRow).where(TaskRow.plan_id == plan_id, TaskRow.key == task.key))
    other = taken.first()
    if other is not None:
        raise stale(
            f"Mã nhiệm vụ “{task.key}”",
            _task_line(read_task(s, other)),
            _task_line(task),
            stored=other.key,
            seen=task.key,
            detail=f"key {task.key}",
        )
    missing = [n for n in (*task.lead, *task.partners) if n not in units]
    if missing:
        raise gone(f"Đơn vị “{missing[0]}” của nhiệm vụ “{task.key}”", detail=f"unit {missing[0]}")
