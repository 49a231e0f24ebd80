"""Optimistic concurrency on what was still last-write-wins (issue 19, item 2, third round),
against the real PostgreSQL, two processes at once that read the same plan first: a
section's kind and text, moving sections and tasks, deleting sections, tasks and units,
the recipients, the preamble and the report record. Exactly one wins, the other gets the
conflict (a delete of a row already deleted says so), and nothing is lost: positions stay
dense and the stored value is the winner's, whole."""

from __future__ import annotations

import pytest

from cchc_desktop.domain.model import CheckIn, Paragraph, Unit
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.checkins import record_checkin
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.services.sections import set_section_body
from cchc_desktop.services.units import add_unit
from cchc_desktop.storage import open_database
from cchc_desktop.storage.database import Database
from tests.conftest import HAI_DUONG
from tests.server.test_concurrent_writers import _run_clerks

Q3 = Period.parse("2022-Q3")


@pytest.fixture
def server_plan(pg_url: str) -> tuple[Database, int]:
    db = open_database(pg_url)
    plan_id = save_new_plan(db, read_plan_file(HAI_DUONG))
    record_checkin(db, plan_id, CheckIn("T2", Q3, Status.IN_PROGRESS, 10, "ban đầu"))
    return db, plan_id


def _one_wins(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    assert sorted([a[0].split()[0], b[0].split()[0]]) == ["conflict", "won"], (a, b)
    return (a, b) if a[0] == "won" else (b, a)


def _dense(db: Database, table: str, plan_id: int, where: str = "") -> list[int]:
    from sqlalchemy import text

    with db.engine.connect() as c:
        rows = c.execute(
            text(f"SELECT position FROM {table} WHERE plan_id = :p {where} ORDER BY position"),
            {"p": plan_id},
        )
        return [r[0] for r in rows]


def test_section_kind_and_text_one_wins(server_plan: tuple[Database, int]) -> None:
    db, plan_id = server_plan
    section = load_plan(db, plan_id).sections[0].children[0]
    a, b = _run_clerks(
        db.url, plan_id,
        [f"kind={section.id}:item", f"body={section.id}:Nội dung của A"],
        [f"kind={section.id}:item", f"body={section.id}:Nội dung của B"],
    )  # fmt: skip
    _, loser = _one_wins(a[:1], b[:1])
    assert f"kind of section {section.id} changed by another user" in loser[0]
    winner, loser = _one_wins(a[1:], b[1:])
    assert f"text of section {section.id} changed by another user" in loser[0]
    stored = load_plan(db, plan_id).sections[0].children[0]
    assert stored.kind.value == "item"
    assert [p.text for p in stored.body] == [
        "Nội dung của A" if winner == a[1:] else "Nội dung của B"
    ]
    db.dispose()


def test_two_moves_of_one_section_one_wins_and_positions_stay_dense(
    server_plan: tuple[Database, int],
) -> None:
    db, plan_id = server_plan
    tops = load_plan(db, plan_id).sections
    middle = tops[1]
    a, b = _run_clerks(db.url, plan_id, [f"movesec={middle.id}:-1"], [f"movesec={middle.id}:1"])
    winner, loser = _one_wins(a, b)
    assert f"place of section {middle.id} changed by another user" in loser[0]
    after = [s.id for s in load_plan(db, plan_id).sections]
    expected = [tops[1].id, tops[0].id, *[s.id for s in tops[2:]]]
    if winner is b:
        expected = [tops[0].id, tops[2].id, tops[1].id, *[s.id for s in tops[3:]]]
    assert after == expected
    assert _dense(db, "section", plan_id, "AND parent_id IS NULL") == list(range(len(tops)))
    db.dispose()


def test_delete_of_a_section_against_an_edit_and_a_second_delete(
    server_plan: tuple[Database, int],
) -> None:
    db, plan_id = server_plan
    section = load_plan(db, plan_id).sections[0].children[1]
    a, b = _run_clerks(
        db.url, plan_id, [f"delsec={section.id}"], [f"body={section.id}:Đoạn mới của B"]
    )
    winner, loser = _one_wins(a, b)
    left = {s.id for t in load_plan(db, plan_id).sections for s in t.children}
    if winner is a:  # deleted first: B's edit of a deleted section is refused as such
        assert "was deleted by another user; nothing stored" in loser[0]
        assert section.id not in left
    else:  # B's new text first: A's delete would lose it, so it is refused
        assert "changed by another user since it was read; nothing deleted" in loser[0]
        assert section.id in left
        set_section_body(db, section.id or 0, [])  # back as both read it
    # Two clerks delete the same section: one deletes, the other is told it is gone.
    other = load_plan(db, plan_id).sections[0].children[0]
    a, b = _run_clerks(db.url, plan_id, [f"delsec={other.id}"], [f"delsec={other.id}"])
    _, loser = _one_wins(a, b)
    assert f"section {other.id} was deleted by another user; nothing to delete" in loser[0]
    db.dispose()


def test_task_moves_and_deletes_one_wins(server_plan: tuple[Database, int]) -> None:
    db, plan_id = server_plan
    count = len(load_plan(db, plan_id).tasks)
    a, b = _run_clerks(db.url, plan_id, ["movetask=T1:3"], ["movetask=T1:5"])
    winner, loser = _one_wins(a, b)
    assert "position of task T1 changed by another user" in loser[0]
    keys = [t.key for t in load_plan(db, plan_id).tasks]
    assert keys.index("T1") == (3 if winner is a else 5)
    assert _dense(db, "task", plan_id) == list(range(count))
    # A delete against a rename of the same task (the worker's task=KEY:VERSION:NAME).
    version = next(t for t in load_plan(db, plan_id).tasks if t.key == "T2").version
    a, b = _run_clerks(db.url, plan_id, ["deltask=T2"], [f"task=T2:{version}:Tên mới của B"])
    winner, loser = _one_wins(a, b)
    tasks = {t.key: t for t in load_plan(db, plan_id).tasks}
    if winner is a:
        assert "T2" not in tasks and "T2 was deleted by another user; nothing stored" in loser[0]
    else:
        assert tasks["T2"].name == "Tên mới của B"
        assert "task T2 changed by another user since it was read; nothing deleted" in loser[0]
    assert _dense(db, "task", plan_id) == list(range(len(tasks)))
    # Two deletes of one task: the second is told it is gone.
    a, b = _run_clerks(db.url, plan_id, ["deltask=T3"], ["deltask=T3"])
    _, loser = _one_wins(a, b)
    assert "was deleted by another user; nothing to delete" in loser[0]
    db.dispose()


def test_unit_delete_against_a_rename(server_plan: tuple[Database, int]) -> None:
    db, plan_id = server_plan
    unit_id = add_unit(db, plan_id, Unit("Tổ công tác tạm thời"))
    a, b = _run_clerks(
        db.url, plan_id, [f"delunit={unit_id}"], [f"unit={unit_id}:Tổ công tác tạm thời:Tổ B"]
    )
    winner, loser = _one_wins(a, b)
    names = [u.name for u in load_plan(db, plan_id).units]
    if winner is a:
        assert "Tổ B" not in names and "Tổ công tác tạm thời" not in names
    else:
        assert "Tổ B" in names
        assert (
            f"unit {unit_id} changed by another user since it was read; nothing deleted"
            in (loser[0])
        )
    db.dispose()


def test_recipients_preamble_and_report_one_wins(server_plan: tuple[Database, int]) -> None:
    db, plan_id = server_plan
    before = load_plan(db, plan_id)
    a, b = _run_clerks(
        db.url, plan_id,
        ["recipients=Sở Tài chính (A)", "preamble=Mở đầu của A", "report=2022-H1:11"],
        ["recipients=Sở Nội vụ (B)", "preamble=Mở đầu của B", "report=2022-H1:22"],
    )  # fmt: skip
    after = load_plan(db, plan_id)
    won_recipients, lost = _one_wins(a[:1], b[:1])
    assert "recipients changed by another user" in lost[0]
    added = "Sở Tài chính (A)" if won_recipients == a[:1] else "Sở Nội vụ (B)"
    assert [r.name for r in after.recipients] == [*[r.name for r in before.recipients], added]
    won_preamble, lost = _one_wins(a[1:2], b[1:2])
    assert "preamble paragraphs changed by another user" in lost[0]
    assert [p.text for p in after.preamble] == [
        "Mở đầu của A" if won_preamble == a[1:2] else "Mở đầu của B"
    ]
    won_report, lost = _one_wins(a[2:], b[2:])
    assert "report 2022-H1 was changed by another user" in lost[0]
    record = after.report(Period.parse("2022-H1"))
    assert record is not None and record.version == 1
    assert record.number == ("11" if won_report == a[2:] else "22")
    assert record.edited_by == "cchc_test"
    assert after.preamble != [Paragraph("")]
    db.dispose()
