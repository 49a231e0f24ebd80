"""The units (phòng, đơn vị) a plan's tasks name: add, edit, reorder, merge, deactivate."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from cchc_desktop.domain.entities import CheckInRow, TaskUnitRow, UnitRow
from cchc_desktop.domain.model import Unit, UnitKind
from cchc_desktop.domain.text import clean
from cchc_desktop.errors import NotFoundError, ValidationError
from cchc_desktop.services.conflicts import (
    gone,
    lock_plan,
    refuse_if_changed,
    stale,
    stale_delete,
)
from cchc_desktop.services.mapping import unit_values
from cchc_desktop.services.ordering import insert_at, move_to, renumber
from cchc_desktop.services.plan_store import get_plan_row
from cchc_desktop.services.validation import plain_text, require_text
from cchc_desktop.storage.database import Database


def _units(s: Session, plan_id: int) -> list[UnitRow]:
    return list(
        s.exec(
            select(UnitRow)
            .where(UnitRow.plan_id == plan_id)
            .order_by(col(UnitRow.position), col(UnitRow.id))
        ).all()
    )


def _unit(s: Session, unit_id: int) -> UnitRow:
    row = s.get(UnitRow, unit_id)
    if row is None:
        raise NotFoundError("Đơn vị không còn tồn tại.", detail=f"no unit with id {unit_id}")
    return row


def _as_unit(row: UnitRow) -> Unit:
    return Unit(row.name, row.short, UnitKind(row.kind), row.active, row.id)


def _check_name(s: Session, plan_id: int, name: str, own_id: int | None = None) -> str:
    name = clean(require_text(name, "Tên đơn vị"))
    for other in _units(s, plan_id):
        if other.name == name and other.id != own_id:
            raise ValidationError(f"Đã có đơn vị “{name}”.", detail=f'duplicate unit "{name}"')
    return name


def usage_count(s: Session, unit_id: int) -> int:
    """How many tasks name the unit (as lead or partner)."""
    return int(
        s.exec(
            select(func.count()).select_from(TaskUnitRow).where(TaskUnitRow.unit_id == unit_id)
        ).one()
    )


def add_unit(db: Database, plan_id: int, unit: Unit, index: int | None = None) -> int:
    with db.session() as s:
        get_plan_row(s, plan_id)
        name = _check_name(s, plan_id, unit.name)
        rows = _units(s, plan_id)
        values = unit_values(unit) | {
            "name": name,
            "short": clean(plain_text(unit.short, "Tên viết tắt")),
        }
        row = UnitRow(plan_id=plan_id, **values)
        insert_at(rows, row, index)
        s.add_all(rows)
        s.flush()
        return row.id or 0


def update_unit(
    db: Database, unit_id: int, *, expected: dict[str, Any] | None = None, **changes: Any
) -> Unit:
    """Change name, short, kind or active; returns the unit as it was. ``expected``: what
    the clerk saw of those fields (the window; see ``services/conflicts.py``)."""
    with db.session() as s:
        s.get(UnitRow, unit_id, with_for_update=expected is not None)  # locked till commit
        row = _unit(s, unit_id)
        old = _as_unit(row)
        stored = {key: getattr(old, key, None) for key in changes}
        refuse_if_changed(f"Đơn vị “{old.name}”", expected, stored, changes)
        for key, value in changes.items():
            if key == "name":
                row.name = _check_name(s, row.plan_id, value, row.id)
            elif key == "short":
                row.short = clean(plain_text(value, "Tên viết tắt"))
            elif key == "kind":
                row.kind = UnitKind(value).value
            elif key == "active":
                row.active = bool(value)
            else:
                raise ValueError(f"unknown unit field {key}")
        s.add(row)
        return old


def _locked_unit(s: Session, unit_id: int, *, deleting: bool = False) -> UnitRow:
    """The unit row locked till commit (a checked edit); one deleted meanwhile is refused."""
    row = s.get(UnitRow, unit_id, with_for_update=True)
    if row is None:
        raise gone("Đơn vị", deleting=deleting, detail=f"unit {unit_id}")
    return row


def _unit_line(unit: Unit) -> str:
    kind = "nhóm đơn vị" if UnitKind(unit.kind) is UnitKind.GROUP else ""
    parts = [unit.name, unit.short, kind]
    return "; ".join(p for p in parts if p) + ("" if unit.active else " (ngừng sử dụng)")


def delete_unit(db: Database, unit_id: int, *, expected: Unit | None = None) -> tuple[int, Unit]:
    """Delete an unused unit; returns (index, unit) for undo. A unit in use is refused.
    ``expected``: the unit as the clerk saw it; one another clerk changed since is kept."""
    with db.session() as s:
        row = _unit(s, unit_id) if expected is None else _locked_unit(s, unit_id, deleting=True)
        if expected is not None:
            stored = _as_unit(row)
            fields = ("name", "short", "kind", "active")
            if any(
                clean(str(getattr(stored, f))) != clean(str(getattr(expected, f))) for f in fields
            ):
                raise stale_delete(
                    f"Đơn vị “{expected.name}”",
                    _unit_line(stored),
                    _unit_line(expected),
                    stored=stored,
                    seen=expected,
                    detail=f"unit {unit_id}",
                )
        used = usage_count(s, unit_id)
        if used:
            raise ValidationError(
                f"Đơn vị “{row.name}” đang được giao ở {used} nhiệm vụ nên không xóa được. "
                "Hãy gộp vào đơn vị khác hoặc ngừng sử dụng.",
                detail=f'unit "{row.name}" is used by {used} tasks',
            )
        answered = s.exec(
            select(func.count()).select_from(CheckInRow).where(CheckInRow.unit_id == unit_id)
        ).one()
        if answered:  # its contributions would go with it (issue 14)
            raise ValidationError(
                f"Đơn vị “{row.name}” đã báo cáo {answered} lần với vai trò phối hợp nên không "
                "xóa được. Hãy gộp vào đơn vị khác hoặc ngừng sử dụng.",
                detail=f'unit "{row.name}" has {answered} contributions',
            )
        rows = _units(s, row.plan_id)
        index = rows.index(row)
        unit = _as_unit(row)
        s.delete(row)
        rows.pop(index)
        renumber(rows)
        s.add_all(rows)
        return index, unit


def merge_units(db: Database, source_id: int, target_id: int) -> None:
    """Move every use of ``source`` onto ``target`` and delete ``source``."""
    with db.session() as s:
        source, target = _unit(s, source_id), _unit(s, target_id)
        if source.plan_id != target.plan_id or source_id == target_id:
            raise ValidationError(
                "Chỉ gộp được hai đơn vị khác nhau của cùng kế hoạch.",
                detail="merge needs two units of the same plan",
            )
        links = s.exec(select(TaskUnitRow).where(TaskUnitRow.unit_id == source_id)).all()
        for link in links:
            clash = s.get(TaskUnitRow, (link.task_id, target_id, link.role))
            new = (
                None
                if clash
                else TaskUnitRow(
                    task_id=link.task_id, unit_id=target_id, role=link.role, position=link.position
                )
            )
            s.delete(link)
            s.flush()
            if new is not None:
                s.add(new)
        for c in s.exec(select(CheckInRow).where(CheckInRow.reported_by_id == source_id)).all():
            c.reported_by_id = target_id
            s.add(c)
        _merge_contributions(s, source_id, target_id)
        s.flush()
        rows = _units(s, source.plan_id)
        rows.remove(source)
        s.delete(source)
        renumber(rows)
        s.add_all(rows)


def _merge_contributions(s: Session, source_id: int, target_id: int) -> None:
    """The source's contributions become the target's. Where the target answered the same
    task and quarter too, the two texts are kept in the target's, one after the other (a
    merge never drops what a unit reported); the target's other fields win."""
    moved = s.exec(select(CheckInRow).where(CheckInRow.unit_id == source_id)).all()
    for c in moved:
        same = s.exec(
            select(CheckInRow).where(
                CheckInRow.unit_id == target_id,
                CheckInRow.task_id == c.task_id,
                CheckInRow.period == c.period,
            )
        ).first()
        if same is None:
            c.unit_id = target_id
            s.add(c)
            continue
        for name in ("result", "difficulties", "proposals"):
            mine, theirs = getattr(same, name), getattr(c, name)
            if theirs and theirs not in mine:
                setattr(same, name, f"{mine}\n{theirs}" if mine else theirs)
        s.add(same)
        s.delete(c)
    s.flush()


def move_unit(
    db: Database, unit_id: int, new_index: int, *, expected_index: int | None = None
) -> int:
    """Move a unit to ``new_index`` in the list; returns its old index. ``expected_index``:
    where the clerk saw it; refused when another clerk reordered the list since."""
    with db.session() as s:
        if expected_index is not None:
            plan_id = s.scalar(select(UnitRow.plan_id).where(UnitRow.id == unit_id))
            if plan_id is not None:
                lock_plan(s, plan_id)
            row = _locked_unit(s, unit_id)
        else:
            row = _unit(s, unit_id)
        rows = _units(s, row.plan_id)
        if expected_index is not None and rows.index(row) != expected_index:
            raise stale(
                f"Vị trí của đơn vị “{row.name}”",
                f"dòng {rows.index(row) + 1}",
                f"dòng {expected_index + 1}",
                stored=rows.index(row),
                seen=expected_index,
                detail=f"position of unit {row.name}",
            )
        old = move_to(rows, row, new_index)
        s.add_all(rows)
        return old


def list_units(db: Database, plan_id: int) -> list[tuple[Unit, int]]:
    """Units in order with the number of tasks naming each."""
    with db.reader() as s:
        return [(_as_unit(r), usage_count(s, r.id or 0)) for r in _units(s, plan_id)]
