"""Optimistic concurrency on the appendix tasks (issue 19, item 2), against the real
PostgreSQL: two processes edit the same task against the same version, exactly one wins
and the other gets the conflict; two different tasks are both stored; in the window, an
edit or an undo over another clerk's newer version is refused with both versions shown and
the task reloaded."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from cchc_desktop.domain.model import Task
from cchc_desktop.errors import ConflictError
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.services.tasks import update_task
from cchc_desktop.storage import open_database
from cchc_desktop.storage.database import Database
from tests.conftest import HAI_DUONG
from tests.server.test_concurrent_writers import _run_clerks


def _task(db: Database, plan_id: int, key: str) -> Task:
    return next(t for t in load_plan(db, plan_id).tasks if t.key == key)


@pytest.fixture
def server_plan(pg_url: str) -> tuple[Database, int]:
    db = open_database(pg_url)
    return db, save_new_plan(db, read_plan_file(HAI_DUONG))


def test_two_processes_on_the_same_task_exactly_one_wins(
    server_plan: tuple[Database, int],
) -> None:
    db, plan_id = server_plan
    version = _task(db, plan_id, "T1").version
    a, b = _run_clerks(
        db.url, plan_id, [f"task=T1:{version}:Tên của A"], [f"task=T1:{version}:Tên của B"]
    )
    assert sorted([a[0].split()[0], b[0].split()[0]]) == ["conflict", "won"]
    winner, loser = (a, b) if a[0].startswith("won") else (b, a)
    assert winner == [f"won {version + 1}"]
    assert "task T1 was changed by another user since it was read; nothing stored" in loser[0]
    stored = _task(db, plan_id, "T1")
    assert stored.name == ("Tên của A" if winner is a else "Tên của B")
    assert stored.version == version + 1
    assert stored.edited_by == "cchc_test"  # the role of the URL
    db.dispose()


def test_two_processes_on_different_tasks_both_stored(server_plan: tuple[Database, int]) -> None:
    db, plan_id = server_plan
    v1, v2 = _task(db, plan_id, "T1").version, _task(db, plan_id, "T2").version
    a, b = _run_clerks(db.url, plan_id, [f"task=T1:{v1}:Một của A"], [f"task=T2:{v2}:Hai của B"])
    assert (a, b) == ([f"won {v1 + 1}"], [f"won {v2 + 1}"])
    assert _task(db, plan_id, "T1").name == "Một của A"
    assert _task(db, plan_id, "T2").name == "Hai của B"
    db.dispose()


def test_stale_task_edit_names_both_versions(server_plan: tuple[Database, int]) -> None:
    db, plan_id = server_plan
    seen = _task(db, plan_id, "T2")
    _run_clerks(db.url, plan_id, [f"task=T2:{seen.version}:Bản của người khác"])
    mine = copy.deepcopy(seen)
    mine.name = "Bản của tôi"
    with pytest.raises(ConflictError) as refused:
        update_task(db, seen.id or 0, mine, expected_version=seen.version)
    message = refused.value.message
    assert "Nhiệm vụ “T2” vừa được người khác (cchc_test) sửa trước bạn" in message
    assert "Bản đang lưu: Bản của người khác" in message
    assert "Bản của bạn: Bản của tôi" in message
    assert _task(db, plan_id, "T2").name == "Bản của người khác"
    db.dispose()


@pytest.mark.gui
def test_window_undo_of_a_task_edit_refused_after_another_clerk(  # type: ignore[no-untyped-def]
    qtbot, server_plan, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from cchc_desktop.ui.commands.task_commands import UpdateTask
    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    db, plan_id = server_plan
    window = MainWindow(
        PlanDocument(db), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.open_plan(plan_id)
    refused: list[str] = []
    window.doc.refused.connect(refused.append)
    doc = window.doc
    task = copy.deepcopy(doc.plan.tasks[0])
    task.name = "Sửa trong cửa sổ"
    assert doc.execute(UpdateTask(doc, task.id, task))
    # Undo and redo of one's own edit work while nobody else touched the task.
    doc.undo_stack.undo()
    assert _task(db, plan_id, task.key).name != "Sửa trong cửa sổ"
    doc.undo_stack.redo()
    now = _task(db, plan_id, task.key)
    assert now.name == "Sửa trong cửa sổ"
    _run_clerks(db.url, plan_id, [f"task={task.key}:{now.version}:Của người khác"])
    doc.undo_stack.undo()
    assert refused and "vừa được người khác (cchc_test) sửa trước bạn" in refused[0]
    assert _task(db, plan_id, task.key).name == "Của người khác"  # not overwritten
    assert doc.plan.tasks[0].name == "Của người khác"  # reloaded
    # A stale edit from the window is refused too (the cache is one version behind).
    _run_clerks(db.url, plan_id, [f"task={task.key}:{now.version + 1}:Lần nữa"])
    stale = copy.deepcopy(doc.plan.tasks[0])
    stale.name = "Tôi sửa bản cũ"
    assert not doc.execute(UpdateTask(doc, stale.id, stale))
    assert "Bản đang lưu: Lần nữa" in refused[-1]
    assert _task(db, plan_id, task.key).name == "Lần nữa"
    window.background.wait()
    db.dispose()
