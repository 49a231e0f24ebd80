"""A check-in edited in the application after its form went out is a conflict: reported, never
overwritten unless the clerk takes the form."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cchc_desktop.cli import main
from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.status import Status
from cchc_desktop.imports.xlsx_forms import read_form
from cchc_desktop.services.checkins import record_checkin
from cchc_desktop.services.forms import Change, Resolution, apply_forms, preview_forms
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.storage import Database
from tests.forms.form_helpers import Q2, by_unit, fill
from tests.helpers import snapshot

VP = "Văn phòng Sở"


def checkin(db: Database, hai_duong_id: int, key: str) -> CheckIn:
    return next(c for c in load_plan(db, hai_duong_id).checkins if c.task == key and c.period == Q2)


@pytest.fixture
def edited_after_export(send, db: Database, hai_duong_id: int) -> Path:  # type: ignore[no-untyped-def]
    """Q2 forms go out pre-filled; then the clerk edits T1 and T3 in the application; the unit
    changes T1 and T4 in its form and leaves T3 as it was sent."""
    path = by_unit(send(Q2), VP).path
    for key, progress in (("T1", 60), ("T3", 70)):
        old = checkin(db, hai_duong_id, key)
        record_checkin(db, hai_duong_id, dataclasses.replace(old, progress=progress, id=None))
    fill(path, {"T1": {"H": 90, "I": "Theo đơn vị: đã họp 9 lần"}, "T4": {"H": 80}})
    return path


def test_conflict_is_reported_not_overwritten(  # type: ignore[no-untyped-def]
    edited_after_export: Path, db: Database, hai_duong_id: int
) -> None:
    forms = [read_form(edited_after_export)]
    preview = preview_forms(db, hai_duong_id, forms, period=Q2)
    changes = {r.key: r.change for r in preview.rows}
    # T3: the unit kept what it was sent, the application is newer → nothing to take.
    assert changes == {"T1": Change.CONFLICT, "T3": Change.UNCHANGED, "T4": Change.CHANGED}
    [conflict] = preview.conflicts
    assert conflict.current is not None and conflict.current.progress == 60
    assert conflict.answer is not None and conflict.answer.progress == 90

    result = apply_forms(db, hai_duong_id, forms, period=Q2)
    assert (result.updated, result.unresolved, result.taken) == (["T4"], ["T1"], [])
    assert checkin(db, hai_duong_id, "T1").progress == 60  # the application's edit stays
    assert checkin(db, hai_duong_id, "T3").progress == 70
    assert checkin(db, hai_duong_id, "T4").progress == 80
    # Still a conflict next time, until the clerk decides.
    again = preview_forms(db, hai_duong_id, [read_form(edited_after_export)], period=Q2)
    assert [r.key for r in again.conflicts] == ["T1"]


def test_keep_app_changes_nothing_of_the_conflict(  # type: ignore[no-untyped-def]
    edited_after_export: Path, db: Database, hai_duong_id: int
) -> None:
    result = apply_forms(
        db, hai_duong_id, [read_form(edited_after_export)], default=Resolution.KEEP_APP
    )
    assert result.kept == ["T1"] and result.taken == []
    assert checkin(db, hai_duong_id, "T1").progress == 60


def test_take_form_stores_the_units_answer(  # type: ignore[no-untyped-def]
    edited_after_export: Path, db: Database, hai_duong_id: int
) -> None:
    forms = [read_form(edited_after_export)]
    result = apply_forms(db, hai_duong_id, forms, resolutions={"T1": Resolution.TAKE_FORM})
    assert result.taken == ["T1"]
    t1 = checkin(db, hai_duong_id, "T1")
    assert (t1.progress, t1.result, t1.status) == (
        90,
        "Theo đơn vị: đã họp 9 lần",
        Status.IN_PROGRESS,
    )
    before = snapshot(db.path)
    again = apply_forms(db, hai_duong_id, [read_form(edited_after_export)])
    assert again.stored == 0 and again.unresolved == []
    assert snapshot(db.path) == before


def test_cli_conflict_flags(  # type: ignore[no-untyped-def]
    edited_after_export: Path, db: Database, hai_duong_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    cchc = ["--db", str(db.path), "import-forms", str(hai_duong_id), str(edited_after_export)]
    assert main(cchc) == 0
    out = capsys.readouterr().out
    assert "T1       Xung đột   phần mềm: Đang thực hiện, 60%" in out
    assert "| phiếu: Đang thực hiện, 90% — Theo đơn vị: đã họp 9 lần" in out
    assert main([*cchc, "--apply"]) == 0
    assert "1 xung đột chưa xử lý, chưa lưu (T1)" in capsys.readouterr().err
    assert checkin(db, hai_duong_id, "T1").progress == 60
    assert main([*cchc, "--apply", "--take-form"]) == 0
    assert "1 lấy theo phiếu" in capsys.readouterr().out
    assert checkin(db, hai_duong_id, "T1").progress == 90


def test_unit_answering_a_form_it_resends_is_a_change_not_a_conflict(  # type: ignore[no-untyped-def]
    send, db: Database, hai_duong_id: int
) -> None:
    """A unit corrects its form and sends it again: the second copy changes its own answer."""
    path = by_unit(send(Q2), VP).path
    fill(path, {"T1": {"H": 65}})
    apply_forms(db, hai_duong_id, [read_form(path)])
    fill(path, {"T1": {"H": 70}})
    preview = preview_forms(db, hai_duong_id, [read_form(path)])
    assert {r.key: r.change for r in preview.rows}["T1"] is Change.CHANGED
