"""Tasks, units and check-ins through the services, as the window and the CLI use them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cchc_desktop.domain.model import CheckIn, Evidence, Task, Unit, UnitKind
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind
from cchc_desktop.errors import ValidationError
from cchc_desktop.services import checkins, tasks, units
from cchc_desktop.services.plan_edit import set_recipients, update_plan_fields
from cchc_desktop.services.plan_read import list_plans, load_plan
from cchc_desktop.services.plan_store import copy_plan_to_year, delete_plan
from cchc_desktop.storage.database import Database

Q1 = Period.parse("2022-Q1")


def test_add_update_move_delete_restore_task(db: Database, hai_duong_id: int) -> None:
    pid = hai_duong_id
    new = Task(
        key="",
        name="Tập huấn CCHC",
        lead=["Văn phòng Sở"],
        timeframe=Timeframe(TimeframeKind.QUARTERS, quarters=[2]),
    )
    tid = tasks.add_task(db, pid, new, index=0)
    plan = load_plan(db, pid)
    assert plan.tasks[0].name == "Tập huấn CCHC" and plan.tasks[0].key == "T7"
    assert len(plan.tasks) == 7

    edited = dataclasses.replace(
        plan.tasks[0], name="Tập huấn nghiệp vụ CCHC", partners=["Bản tin KH&CN"]
    )
    old = tasks.update_task(db, tid, edited)
    assert old.name == "Tập huấn CCHC"
    assert load_plan(db, pid).tasks[0].partners == ["Bản tin KH&CN"]

    assert tasks.move_task(db, tid, 3) == 0
    assert [t.key for t in load_plan(db, pid).tasks][:4] == ["T1", "T2", "T3", "T7"]

    t1 = load_plan(db, pid).tasks[0]
    index, task, kept = tasks.delete_task(db, t1.id or 0)
    assert index == 0 and task.key == "T1" and len(kept) == 2
    plan = load_plan(db, pid)
    assert "T1" not in [t.key for t in plan.tasks]
    assert all(c.task != "T1" for c in plan.checkins)
    tasks.restore_task(db, pid, index, task, kept)
    plan = load_plan(db, pid)
    assert plan.tasks[0].key == "T1"
    assert [c.result for c in plan.checkins_of("T1")] == [c.result for c in kept]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "  "}, "Tên nhiệm vụ"),
        ({"lead": []}, "chủ trì"),
        ({"lead": ["Phòng Ma"]}, "Phòng Ma"),
        (
            {"timeframe": Timeframe(TimeframeKind.DEADLINE, due=dt.date(2023, 1, 1))},
            "ngoài năm 2022",
        ),
    ],
)
def test_invalid_task_is_refused_and_nothing_stored(
    db: Database, hai_duong_id: int, change: dict[str, object], message: str
) -> None:
    before = load_plan(db, hai_duong_id)
    bad = dataclasses.replace(before.tasks[0], **change)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=message):
        tasks.update_task(db, before.tasks[0].id or 0, bad)
    assert load_plan(db, hai_duong_id) == before


def test_record_checkin_upserts_and_validates(db: Database, hai_duong_id: int) -> None:
    pid = hai_duong_id
    c = CheckIn(
        "T2",
        Period.parse("2022-Q3"),
        Status.IN_PROGRESS,
        60,
        result="Đã đăng 5 tin",
        evidence=[Evidence("Tin bài trên trang TTĐT")],
        reported_by="Văn phòng Sở",
        reported_on=dt.date(2022, 9, 20),
    )
    cid, old = checkins.record_checkin(db, pid, c)
    assert old is None and cid > 0
    c2 = dataclasses.replace(c, status=Status.DONE, progress=40)
    _, old = checkins.record_checkin(db, pid, c2)
    assert old is not None and old.progress == 60
    stored = [x for x in load_plan(db, pid).checkins_of("T2") if str(x.period) == "2022-Q3"]
    assert len(stored) == 1
    assert stored[0].status is Status.DONE and stored[0].progress == 100  # done means 100
    assert stored[0].evidence[0].title == "Tin bài trên trang TTĐT"

    before = load_plan(db, pid)
    for bad in (
        dataclasses.replace(c, progress=120),
        dataclasses.replace(c, period=Q1.parse("2022-H1")),
        dataclasses.replace(c, reported_by="Ai đó"),
        dataclasses.replace(c, period=Period.parse("2021-Q4")),
    ):
        with pytest.raises(ValidationError):
            checkins.record_checkin(db, pid, bad)
    assert load_plan(db, pid) == before

    removed = checkins.delete_checkin(db, pid, "T2", Period.parse("2022-Q3"))
    assert removed is not None and removed.status is Status.DONE
    assert checkins.delete_checkin(db, pid, "T2", Period.parse("2022-Q3")) is None


def test_units_in_use_cannot_be_deleted_and_merge_moves_uses(
    db: Database, hai_duong_id: int
) -> None:
    pid = hai_duong_id
    listed = units.list_units(db, pid)
    by_name = {u.name: (u, n) for u, n in listed}
    vp, used = by_name["Văn phòng Sở"]
    assert used == 3
    with pytest.raises(ValidationError, match="đang được giao ở 3 nhiệm vụ"):
        units.delete_unit(db, vp.id or 0)
    new_id = units.add_unit(db, pid, Unit("Phòng Quản lý chuyên ngành", "QLCN"))
    with pytest.raises(ValidationError, match="Đã có đơn vị"):
        units.add_unit(db, pid, Unit("Văn phòng Sở"))
    units.merge_units(db, vp.id or 0, new_id)
    plan = load_plan(db, pid)
    assert plan.unit("Văn phòng Sở") is None
    assert plan.tasks[0].lead == ["Phòng Quản lý chuyên ngành"]
    assert {c.reported_by for c in plan.checkins} >= {"Phòng Quản lý chuyên ngành"}
    old = units.update_unit(db, new_id, name="Phòng QLCN", kind=UnitKind.GROUP, active=False)
    assert old.name == "Phòng Quản lý chuyên ngành"
    unit = load_plan(db, pid).unit("Phòng QLCN")
    assert unit is not None and unit.kind is UnitKind.GROUP and not unit.active
    spare = units.add_unit(db, pid, Unit("Tổ công tác"))
    index, removed = units.delete_unit(db, spare)
    assert removed.name == "Tổ công tác" and index == len(load_plan(db, pid).units)


def test_plan_fields_copy_and_delete(db: Database, hai_duong_id: int) -> None:
    pid = hai_duong_id
    old = update_plan_fields(db, pid, number="75", title="Kế hoạch mới")
    assert old == {"number": "74", "title": "Tuyên truyền cải cách hành chính Nhà nước năm 2022"}
    with pytest.raises(ValidationError):
        update_plan_fields(db, pid, symbol=" ")
    assert load_plan(db, pid).symbol == "KH-SKHCN"
    from cchc_desktop.domain.model import Recipient

    set_recipients(db, pid, [Recipient("UBND tỉnh", "để b/c")])
    assert [r.printed for r in load_plan(db, pid).recipients] == ["UBND tỉnh (để b/c)"]

    copy_id = copy_plan_to_year(db, pid, 2023)
    copy = load_plan(db, copy_id)
    assert copy.year == 2023 and copy.number == "" and copy.issued_on is None
    assert copy.checkins == []
    assert len(copy.tasks) == 6
    assert copy.tasks[1].timeframe.label == "Năm 2023"
    delete_plan(db, pid)
    assert [p.id for p in list_plans(db)] == [copy_id]


def test_positions_stay_dense_through_inserts_moves_and_deletes(
    db: Database, hai_duong_id: int
) -> None:
    pid = hai_duong_id
    import sqlite3

    def positions() -> list[tuple[str, int]]:
        assert db.path is not None
        conn = sqlite3.connect(db.path)
        try:
            return conn.execute(
                "SELECT key, position FROM task WHERE plan_id = ? ORDER BY position", (pid,)
            ).fetchall()
        finally:
            conn.close()

    base = load_plan(db, pid).tasks[0]
    a = tasks.add_task(db, pid, dataclasses.replace(base, key="", id=None), index=2)
    tasks.add_task(db, pid, dataclasses.replace(base, key="", id=None), index=None)
    tasks.add_task(db, pid, dataclasses.replace(base, key="", id=None), index=99)
    assert [p for _, p in positions()] == list(range(9))
    assert positions()[2][0] == "T7"
    assert tasks.move_task(db, a, 8) == 2
    assert positions()[8][0] == "T7"
    assert tasks.move_task(db, a, -5) == 8
    assert positions()[0][0] == "T7"
    index, task, kept = tasks.delete_task(db, load_plan(db, pid).tasks[4].id or 0)
    assert index == 4
    assert [p for _, p in positions()] == list(range(8))
    tasks.restore_task(db, pid, index, task, kept)
    assert positions()[4][0] == task.key
    assert [p for _, p in positions()] == list(range(9))


def test_evidence_original_name_survives_edits_and_reload(db: Database, hai_duong_id: int) -> None:
    pid = hai_duong_id
    c = CheckIn(
        "T3",
        Period.parse("2022-Q3"),
        Status.IN_PROGRESS,
        30,
        evidence=[Evidence("Biên bản kiểm tra", "ab12cd.pdf", None, "Biên bản 12.pdf")],
    )
    checkins.record_checkin(db, pid, c)
    stored = next(x for x in load_plan(db, pid).checkins if str(x.period) == "2022-Q3")
    assert stored.evidence[0].file == "ab12cd.pdf"
    assert stored.evidence[0].original_name == "Biên bản 12.pdf"
    _, old = checkins.record_checkin(db, pid, dataclasses.replace(stored, progress=60))
    assert old is not None and old.evidence[0].original_name == "Biên bản 12.pdf"
    again = next(x for x in load_plan(db, pid).checkins if str(x.period) == "2022-Q3")
    assert again.progress == 60 and again.evidence[0].original_name == "Biên bản 12.pdf"
    copy_id = copy_plan_to_year(db, pid, 2023)
    assert load_plan(db, copy_id).checkins == []


def test_batch_upsert_stores_all_in_one_transaction(db: Database, hai_duong_id: int) -> None:
    batch = [CheckIn(f"T{i}", Period.parse("2022-Q3"), Status.DONE, 100) for i in (1, 2, 3)]
    with db.session() as s:
        results = checkins.upsert_checkins(s, hai_duong_id, batch)
    assert [old for _, old in results] == [None, None, None]
    q3 = [c for c in load_plan(db, hai_duong_id).checkins if str(c.period) == "2022-Q3"]
    assert sorted(c.task for c in q3) == ["T1", "T2", "T3"]
    bad = [*batch[:2], CheckIn("T9", Period.parse("2022-Q3"), Status.DONE, 100)]
    before = load_plan(db, hai_duong_id)
    with pytest.raises(Exception, match="T9"), db.session() as s:
        checkins.upsert_checkins(
            s,
            hai_duong_id,
            [dataclasses.replace(b, progress=50, status=Status.IN_PROGRESS) for b in bad],
        )
    assert load_plan(db, hai_duong_id) == before
