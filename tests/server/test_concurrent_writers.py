"""Several clerks at once on PostgreSQL (issue 19, item 2): two processes storing the same
check-in against the same version — exactly one wins, the other is refused with the
conflict and nothing is silently overwritten; two processes on different tasks — both
stored. Plus the refusals themselves, on both engines."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.errors import ConflictError
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.checkins import delete_checkin, record_checkin
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.storage import open_database
from cchc_desktop.storage.database import Database
from tests.conftest import HAI_DUONG

WORKER = Path(__file__).with_name("edit_worker.py")
ROOT = Path(__file__).resolve().parents[2]
Q3 = Period.parse("2022-Q3")


def _run_clerks(url: str, plan_id: int, *edits: list[str]) -> list[list[str]]:
    start = time.time() + 1.5  # both processes are up and connected by then
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), url, str(plan_id), str(start), *e],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for e in edits
    ]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        outputs.append(out.splitlines())
    return outputs


def _checkin(db: Database, plan_id: int, key: str) -> CheckIn:
    plan = load_plan(db, plan_id)
    return next(c for c in plan.checkins if c.task == key and c.period == Q3)


@pytest.fixture
def server_plan(pg_url: str) -> tuple[Database, int]:
    db = open_database(pg_url)
    plan_id = save_new_plan(db, read_plan_file(HAI_DUONG))
    record_checkin(db, plan_id, CheckIn("T1", Q3, Status.IN_PROGRESS, 10, "ban đầu"))
    record_checkin(db, plan_id, CheckIn("T3", Q3, Status.IN_PROGRESS, 10, "ban đầu"))
    return db, plan_id


def test_two_processes_on_the_same_checkin_exactly_one_wins(
    server_plan: tuple[Database, int],
) -> None:
    db, plan_id = server_plan
    version = _checkin(db, plan_id, "T1").version
    a, b = _run_clerks(
        db.url, plan_id, [f"T1:2022-Q3:{version}:của A"], [f"T1:2022-Q3:{version}:của B"]
    )
    results = sorted([a[0].split()[0], b[0].split()[0]])
    assert results == ["conflict", "won"]
    loser = a[0] if a[0].startswith("conflict") else b[0]
    assert "changed by another user since it was read; nothing stored" in loser
    winner_text = "của A" if a[0].startswith("won") else "của B"
    stored = _checkin(db, plan_id, "T1")
    assert stored.result == winner_text  # the winner's edit, whole
    assert stored.version == version + 1  # one update, not two
    assert stored.edited_by == "cchc_test"  # the database role of the URL
    db.dispose()


def test_two_processes_on_different_tasks_both_store(server_plan: tuple[Database, int]) -> None:
    db, plan_id = server_plan
    v1 = _checkin(db, plan_id, "T1").version
    v3 = _checkin(db, plan_id, "T3").version
    a, b = _run_clerks(
        db.url, plan_id, [f"T1:2022-Q3:{v1}:A ghi T1"], [f"T3:2022-Q3:{v3}:B ghi T3"]
    )
    assert a == [f"won {v1 + 1}"] and b == [f"won {v3 + 1}"]
    assert _checkin(db, plan_id, "T1").result == "A ghi T1"
    assert _checkin(db, plan_id, "T3").result == "B ghi T3"
    db.dispose()


def test_many_edits_from_two_processes_on_one_checkin_lose_nothing(
    server_plan: tuple[Database, int],
) -> None:
    # Each clerk stores against version 1, 2, …, 40: for every version exactly one wins.
    db, plan_id = server_plan
    start = _checkin(db, plan_id, "T1").version
    rounds = range(start, start + 40)
    a, b = _run_clerks(
        db.url, plan_id,
        [f"T1:2022-Q3:{v}:A{v}" for v in rounds], [f"T1:2022-Q3:{v}:B{v}" for v in rounds],
    )  # fmt: skip
    wins = [line for line in a + b if line.startswith("won")]
    assert len(a) == len(b) == 40
    stored = _checkin(db, plan_id, "T1")
    # Every win moved the version by exactly one; no update went in unchecked.
    assert stored.version == start + len(wins)
    assert sorted(int(w.split()[1]) for w in wins) == list(range(start + 1, stored.version + 1))
    db.dispose()


def test_a_stale_edit_is_refused_with_both_values_in_vietnamese(engine_db: str) -> None:
    db = open_database(engine_db)
    plan_id = save_new_plan(db, read_plan_file(HAI_DUONG))
    mine = CheckIn("T1", Q3, Status.IN_PROGRESS, 20, "bản của tôi")
    record_checkin(db, plan_id, mine, expected_version=0)
    assert mine.version == 1
    theirs = CheckIn("T1", Q3, Status.DONE, 100, "bản của người khác")
    record_checkin(db, plan_id, theirs, expected_version=1)
    late = CheckIn("T1", Q3, Status.IN_PROGRESS, 40, "sửa trên bản cũ")
    with pytest.raises(ConflictError) as info:
        record_checkin(db, plan_id, late, expected_version=1)
    message = info.value.message
    assert "vừa được người khác" in message and "thay đổi của bạn chưa được lưu" in message
    assert "Bản đang lưu: Hoàn thành, 100% — bản của người khác" in message
    assert "Bản của bạn: Đang thực hiện, 40% — sửa trên bản cũ" in message
    assert "Hãy tải lại" in message
    assert _checkin(db, plan_id, "T1").result == "bản của người khác"
    # A new one where another clerk created it meanwhile, and a delete of a changed one.
    with pytest.raises(ConflictError):
        record_checkin(db, plan_id, CheckIn("T1", Q3), expected_version=0)
    with pytest.raises(ConflictError):
        delete_checkin(db, plan_id, "T1", Q3, expected_version=1)
    assert _checkin(db, plan_id, "T1").version == 2
    assert delete_checkin(db, plan_id, "T1", Q3, expected_version=2) is not None
    db.dispose()
