"""Undo and redo of the swap-shaped commands, straight on a PlanDocument: the first apply
remembers what it replaced, undo stores that back, redo stores the new value again; and a
delete that found nothing undoes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.services.plan_read import load_plan

from cchc_desktop.ui.commands.checkin_commands import DeleteCheckin, RecordCheckin
from cchc_desktop.ui.commands.plan_commands import UpdatePlanFields
from cchc_desktop.ui.plan_document import PlanDocument

pytestmark = pytest.mark.gui
Q3 = Period.quarter(2022, 3)


@pytest.fixture
def doc(qapp, db, hai_duong_id) -> PlanDocument:  # type: ignore[no-untyped-def]
    document = PlanDocument(db)
    document.open(hai_duong_id)
    return document


def _stored(doc: PlanDocument, key: str) -> CheckIn | None:
    plan = load_plan(doc.db, doc.plan_id)
    return next((c for c in plan.checkins if c.task == key and c.period == Q3), None)


def test_plan_fields_swap_back_and_forth(doc: PlanDocument) -> None:
    title = doc.plan.title  # type: ignore[union-attr]
    assert doc.execute(UpdatePlanFields(doc, title="Kế hoạch đã sửa"))
    stack = doc.undo_stack
    for _ in range(2):
        stack.undo()
        assert load_plan(doc.db, doc.plan_id).title == title == doc.plan.title  # type: ignore[union-attr]
        stack.redo()
        assert load_plan(doc.db, doc.plan_id).title == "Kế hoạch đã sửa"


def test_recording_where_there_was_nothing_undoes_to_nothing(doc: PlanDocument) -> None:
    new = CheckIn("T1", Q3, Status.IN_PROGRESS, 70, "Quý III", reported_on=dt.date(2022, 9, 1))
    assert doc.execute(RecordCheckin(doc, new))
    assert _stored(doc, "T1").progress == 70  # type: ignore[union-attr]
    doc.undo_stack.undo()
    assert _stored(doc, "T1") is None and doc.checkin("T1", Q3) is None
    doc.undo_stack.redo()
    assert _stored(doc, "T1").result == "Quý III"  # type: ignore[union-attr]


def test_delete_undo_puts_back_what_it_removed(doc: PlanDocument) -> None:
    new = CheckIn("T1", Q3, Status.DONE, 100, "Xong", reported_on=dt.date(2022, 9, 1))
    assert doc.execute(RecordCheckin(doc, new))
    assert doc.execute(DeleteCheckin(doc, "T1", Q3))
    assert _stored(doc, "T1") is None
    doc.undo_stack.undo()
    assert (_stored(doc, "T1").status, _stored(doc, "T1").result) == (Status.DONE, "Xong")  # type: ignore[union-attr]
    doc.undo_stack.redo()
    assert _stored(doc, "T1") is None


def test_a_delete_that_found_nothing_does_not_delete_on_undo(doc: PlanDocument) -> None:
    assert doc.execute(DeleteCheckin(doc, "T2", Q3))  # T2 has no Q3 check-in
    # A check-in recorded since, outside the stack (as returned unit forms do):
    later = CheckIn("T2", Q3, Status.IN_PROGRESS, 10, "mới")
    from cchc_desktop.services.checkins import record_checkin

    record_checkin(doc.db, doc.plan_id, later)
    doc.undo_stack.undo()
    assert _stored(doc, "T2").result == "mới"  # type: ignore[union-attr]
