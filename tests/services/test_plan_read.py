"""The plain-SQL plan reader: values come back with the types the aggregate promises,
missing rows are reported, and it reads inside a session (its columns: test_one_schema)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from cchc_desktop.domain import entities as E
from cchc_desktop.domain.model import Evidence, Plan, Target, Unit
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.errors import NotFoundError
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.plan_read import (
    get_task,
    has_plans,
    list_plans,
    load_plan,
    read_plan,
)
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.services.units import add_unit, update_unit

ALL_TIMEFRAMES = Path(__file__).parents[1] / "fixtures" / "plans" / "all-timeframes.plan.json"


BOOKKEEPING = {"id", "version", "edited_by", "edited_at"}


def _without_ids(plan: Plan) -> dict[str, object]:
    data = dataclasses.asdict(plan)

    def strip(value: object) -> object:
        if isinstance(value, dict):
            # Ids and the server-mode bookkeeping (version, who, when) are the database's.
            return {k: strip(v) for k, v in value.items() if k not in BOOKKEEPING}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(data)  # type: ignore[return-value]


def test_a_stored_plan_reads_back_equal_with_its_types(db) -> None:  # type: ignore[no-untyped-def]
    source = read_plan_file(ALL_TIMEFRAMES)
    plan_id = save_new_plan(db, source)
    plan = load_plan(db, plan_id)

    assert _without_ids(plan) == _without_ids(source)
    assert plan.id == plan_id and all(t.id for t in plan.tasks)
    dated = [c for c in plan.checkins if c.reported_on is not None]
    assert dated and all(type(c.reported_on) is dt.date for c in dated)
    assert all(isinstance(c.period, Period) and isinstance(c.status, Status) for c in plan.checkins)
    targets = [t.target for t in plan.tasks if t.target is not None]
    assert targets and all(isinstance(t, Target) for t in targets)
    assert any(isinstance(c.achieved, float) for c in plan.checkins)
    evidence = [e for c in plan.checkins for e in c.evidence]
    assert evidence and all(isinstance(e, Evidence) and e.id for e in evidence)


def test_an_inactive_unit_reads_back_as_false(db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    unit_id = add_unit(db, hai_duong_id, Unit("Phòng Thử nghiệm", "PTN"))
    update_unit(db, unit_id, active=False)
    unit = load_plan(db, hai_duong_id).unit("Phòng Thử nghiệm")
    assert unit is not None and unit.active is False and unit.short == "PTN"


def test_list_and_presence(db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    assert has_plans(db)
    [item] = list_plans(db)
    assert (item.id, item.year, item.number_symbol) == (hai_duong_id, 2022, "74/KH-SKHCN")
    assert item.organization == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"


def test_an_empty_database_has_no_plans(db) -> None:  # type: ignore[no-untyped-def]
    assert not has_plans(db)
    assert list_plans(db) == []


def test_missing_rows_are_reported_in_vietnamese(db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="Không tìm thấy kế hoạch số 999"):
        load_plan(db, 999)
    with pytest.raises(NotFoundError, match="Nhiệm vụ không còn tồn tại"):
        get_task(db, 999_999)


def test_one_task_reads_like_the_whole_plan(db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    plan = load_plan(db, hai_duong_id)
    for task in plan.tasks[:5]:
        assert task.id is not None
        assert get_task(db, task.id) == task


def test_reads_inside_a_writing_session_see_its_changes(db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        row = s.get(E.PlanRow, hai_duong_id)
        row.title = "Tiêu đề đang sửa"
        s.add(row)
        s.flush()
        assert read_plan(s, hai_duong_id).title == "Tiêu đề đang sửa"
        s.rollback()
    assert load_plan(db, hai_duong_id).title != "Tiêu đề đang sửa"


def test_a_reader_sees_one_snapshot(db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.services.tasks import delete_task

    with db.reader() as s:
        before = read_plan(s, hai_duong_id)
        # Another connection commits meanwhile (the GUI thread while a worker reads).
        delete_task(db, before.tasks[0].id)
        again = read_plan(s, hai_duong_id)
        assert [t.key for t in again.tasks] == [t.key for t in before.tasks]
        assert len(again.checkins) == len(before.checkins)
    after = load_plan(db, hai_duong_id)
    assert [t.key for t in after.tasks] == [t.key for t in before.tasks[1:]]
