"""The preview dialog: every row shown, conflicts ticked to take the form, Save only when no
file is blocked."""

from __future__ import annotations

import dataclasses

import pytest

from cchc_desktop.imports.xlsx_forms import read_form
from cchc_desktop.services.checkins import record_checkin
from cchc_desktop.services.forms import Resolution, preview_forms
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.storage import Database
from tests.forms.form_helpers import Q2, by_unit, fill

from cchc_desktop.ui.dialogs.forms_import_dialog import (
    COL_APP,
    COL_CHANGE,
    COL_FORM,
    COL_TAKE,
    COL_TASK,
    FormsImportDialog,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def conflict_preview(send, db: Database, hai_duong_id: int):  # type: ignore[no-untyped-def]
    path = by_unit(send(Q2), "Văn phòng Sở").path
    old = next(c for c in load_plan(db, hai_duong_id).checkins if c.task == "T1" and c.period == Q2)
    record_checkin(db, hai_duong_id, dataclasses.replace(old, progress=60, id=None))
    fill(path, {"T1": {"H": 90}, "T4": {"H": 80}})
    return preview_forms(db, hai_duong_id, [read_form(path)], period=Q2)


def test_rows_and_conflict_choice(qtbot, qtmodeltester, conflict_preview) -> None:  # type: ignore[no-untyped-def]
    dialog = FormsImportDialog(conflict_preview)
    qtbot.addWidget(dialog)
    model = dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    shown = [[model.data(model.index(r, c)) for c in (COL_TASK, COL_CHANGE)] for r in range(3)]
    assert [s[1] for s in shown] == ["Xung đột", "Không đổi", "Thay đổi"]
    assert shown[0][0].startswith("T1 — Tăng cường tuyên truyền")
    assert model.data(model.index(0, COL_FORM)).startswith("Đang thực hiện, 90%")
    assert model.data(model.index(0, COL_APP)).startswith("Đang thực hiện, 60%")
    assert dialog.ok.isEnabled()
    assert "1 xung đột" in dialog.summary.text()
    # Not ticked: the application's check-in is kept; ticked: the form's answer is taken.
    assert dialog.resolutions() == {"T1": Resolution.KEEP_APP}
    take = model.index(0, COL_TAKE)
    assert model.setData(take, 2, 10)  # Qt.CheckStateRole, Checked
    assert dialog.resolutions() == {"T1": Resolution.TAKE_FORM}
    assert not model.setData(model.index(1, COL_TAKE), 2, 10)  # not a conflict


def test_blocked_preview_cannot_be_saved(  # type: ignore[no-untyped-def]
    qtbot, send, db: Database, hai_duong_id: int
) -> None:
    path = by_unit(send(Q2), "Văn phòng Sở").path
    fill(path, {"T1": {"H": 150}})
    preview = preview_forms(db, hai_duong_id, [read_form(path)], period=Q2)
    dialog = FormsImportDialog(preview)
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    assert f"{path.name}: Ô H11: Tiến độ phải từ 0 đến 100 (đã ghi 150)." in (
        dialog.problems.toPlainText()
    )
