"""Optimistic concurrency on the plan's fields, the units and the section headings (issue
19, item 2), against the real PostgreSQL: two processes change the same field over the
same value, exactly one wins and the other is refused; in the window, an undo over
another clerk's change is refused with both values and the plan reloaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.storage import open_database
from cchc_desktop.storage.database import Database
from tests.conftest import HAI_DUONG
from tests.server.test_concurrent_writers import _run_clerks


@pytest.fixture
def server_plan(pg_url: str) -> tuple[Database, int]:
    db = open_database(pg_url)
    return db, save_new_plan(db, read_plan_file(HAI_DUONG))


def _one_wins(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    assert sorted([a[0].split()[0], b[0].split()[0]]) == ["conflict", "won"]
    return (a, b) if a[0] == "won" else (b, a)


def test_two_processes_on_the_plan_title_exactly_one_wins(server_plan) -> None:  # type: ignore[no-untyped-def]
    db, plan_id = server_plan
    seen = load_plan(db, plan_id).title
    a, b = _run_clerks(db.url, plan_id, [f"plan={seen}:Tên của A"], [f"plan={seen}:Tên của B"])
    winner, loser = _one_wins(a, b)
    assert "title changed by another user since it was read; nothing stored" in loser[0]
    assert load_plan(db, plan_id).title == ("Tên của A" if winner is a else "Tên của B")
    db.dispose()


def test_two_processes_on_a_unit_and_a_heading_exactly_one_wins(server_plan) -> None:  # type: ignore[no-untyped-def]
    db, plan_id = server_plan
    plan = load_plan(db, plan_id)
    unit, section = plan.units[0], plan.sections[0]
    a, b = _run_clerks(
        db.url, plan_id,
        [f"unit={unit.id}:{unit.name}:Đơn vị A", f"section={section.id}:{section.heading}:Mục A"],
        [f"unit={unit.id}:{unit.name}:Đơn vị B", f"section={section.id}:{section.heading}:Mục B"],
    )  # fmt: skip
    after = load_plan(db, plan_id)
    unit_winner, _ = _one_wins(a[:1], b[:1])
    assert after.units[0].name == ("Đơn vị A" if unit_winner == a[:1] else "Đơn vị B")
    heading_winner, _ = _one_wins(a[1:], b[1:])
    assert after.sections[0].heading == ("Mục A" if heading_winner == a[1:] else "Mục B")
    # Different fields of the same plan: both stored.
    a, b = _run_clerks(
        db.url, plan_id,
        [f"unit={unit.id}:{after.units[0].name}:Đơn vị C"],
        [f"section={section.id}:{after.sections[0].heading}:Mục C"],
    )  # fmt: skip
    assert (a, b) == (["won"], ["won"])
    final = load_plan(db, plan_id)
    assert (final.units[0].name, final.sections[0].heading) == ("Đơn vị C", "Mục C")
    db.dispose()


@pytest.mark.gui
def test_window_undo_of_a_plan_field_refused_after_another_clerk(  # type: ignore[no-untyped-def]
    qtbot, server_plan, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from cchc_desktop.ui.commands.plan_commands import UpdatePlanFields
    from cchc_desktop.ui.commands.unit_commands import UpdateUnit
    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    db, plan_id = server_plan
    window = MainWindow(
        PlanDocument(db), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.open_plan(plan_id)
    doc = window.doc
    refused: list[str] = []
    doc.refused.connect(refused.append)
    original = doc.plan.title
    assert doc.execute(UpdatePlanFields(doc, title="Tên trong cửa sổ"))
    doc.undo_stack.undo()  # one's own edit, nobody else in between: undone
    assert load_plan(db, plan_id).title == original
    doc.undo_stack.redo()
    _run_clerks(db.url, plan_id, ["plan=Tên trong cửa sổ:Tên của người khác"])
    doc.undo_stack.undo()
    assert "vừa được người khác sửa trước bạn" in refused[0]
    assert "Bản đang lưu: Tên của người khác" in refused[0]
    assert f"Bản của bạn: {original}" in refused[0]
    assert load_plan(db, plan_id).title == "Tên của người khác"
    assert doc.plan.title == "Tên của người khác"  # reloaded
    # A unit renamed by another clerk: the window's stale rename is refused.
    unit = doc.plan.units[0]
    _run_clerks(db.url, plan_id, [f"unit={unit.id}:{unit.name}:Tên mới ở máy khác"])
    assert not doc.execute(UpdateUnit(doc, unit.id, name="Tên của tôi"))
    assert "Bản đang lưu: Tên mới ở máy khác" in refused[-1]
    assert load_plan(db, plan_id).units[0].name == "Tên mới ở máy khác"
    window.background.wait()
    db.dispose()


def test_stale_organization_edit_is_refused(server_plan) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.errors import ConflictError
    from cchc_desktop.services.plan_edit import update_organization

    db, plan_id = server_plan
    seen = load_plan(db, plan_id).organization.name
    update_organization(db, plan_id, expected={"name": seen}, name="Sở Khoa học (máy khác)")
    with pytest.raises(ConflictError) as refused:
        update_organization(db, plan_id, expected={"name": seen}, name="Sở của tôi")
    assert "Bản đang lưu: Sở Khoa học (máy khác)" in refused.value.message
    assert "Bản của bạn: Sở của tôi" in refused.value.message
    assert load_plan(db, plan_id).organization.name == "Sở Khoa học (máy khác)"
    db.dispose()
