"""The clerk's whole job (issue 17), walked on the real window at 1366×768 through its
menus, toolbar, buttons, tables and dialogs (``clerk_job``), with the content checked after
every step: the database's rows, the exported .docx's text, the .xlsx's cells. Screenshots of
each step and dialog go to ``tmp_path/shots``. The time estimate is ``bench/bench_clerk_job.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_desktop.services.plan_read import list_plans, load_plan
from tests.ui.clerk_driver import Clerk
from tests.ui.clerk_job import (
    ADDED_SENTENCE,
    CHECKINS,
    NEW_TASKS,
    Q1,
    TT,
    UNIT_ANSWER,
    VP,
    ClerkJob,
    Places,
)  # fmt: skip

pytestmark = pytest.mark.gui


@pytest.fixture
def job(qtbot, tmp_path, settings, monkeypatch):  # type: ignore[no-untyped-def]
    clerk = Clerk(tmp_path / "shots")
    walk = ClerkJob(clerk, tmp_path / "cchc.sqlite", settings, Places(tmp_path / "home"))
    for name, function in walk.files.functions().items():
        monkeypatch.setattr("PySide6.QtWidgets.QFileDialog." + name, function)
    yield walk
    clerk.stop()
    if walk.window is not None:
        walk.window.close()
        walk.window.background.wait()
        walk.window.doc.db.dispose()


def _text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_whole_job(qtbot, job) -> None:  # type: ignore[no-untyped-def]
    clerk = job.clerk
    job.start()
    qtbot.addWidget(job.window)
    win, db = job.window, job.window.doc.db
    assert [p.number_symbol for p in list_plans(db)] == ["74/KH-SKHCN"]  # the sample
    assert (win.width(), win.height()) == (1366, 768)

    job.import_word()
    plans = list_plans(db)
    assert len(plans) == 2 and win.doc.plan_id == max(p.id for p in plans)
    imported = load_plan(db, win.doc.plan_id)
    assert (imported.number_symbol, imported.year, len(imported.tasks)) == ("74/KH-SKHCN", 2022, 6)
    assert job.files.asked[0].kind == "open"

    job.copy_to_year()
    plan = load_plan(db, win.doc.plan_id)
    assert plan.year == 2023 and plan.title.endswith("năm 2023") and plan.checkins == []
    assert [t.key for t in plan.tasks] == ["T1", "T2", "T3", "T4", "T5", "T6"]

    job.edit_section()
    plan = load_plan(db, plan.id)
    assert plan.sections[0].children[0].body[0].text.endswith(ADDED_SENTENCE)

    job.add_tasks()
    plan = load_plan(db, plan.id)
    assert len(plan.tasks) == 8
    for task, wanted in zip(plan.tasks[6:], NEW_TASKS, strict=True):
        assert task.name == wanted["name"] and task.product == wanted["product"]
        assert task.lead == [wanted["lead"]] and task.partners == list(wanted["partners"])
        assert (
            task.timeframe.quarters == [2] and task.timeframe.display_label(2023) == "Quý II/2023"
        )
    assert plan.tasks[6].target is not None and plan.tasks[6].target.format() == "12 tin, bài"

    job.fix_lead()
    plan = load_plan(db, plan.id)
    assert plan.tasks[1].lead == [VP] and TT not in plan.tasks[1].lead

    job.print_plan()
    text = _text(job.plan_docx)
    assert "năm 2023" in text and ADDED_SENTENCE in text
    assert all(t["name"] in text for t in NEW_TASKS) and "Quý II/2023" in text

    job.enter_checkins()
    stored = {c.task: c for c in load_plan(db, plan.id).checkins if c.period == Q1}
    assert set(stored) == set(CHECKINS)
    for key, (status, progress, result, evidence) in CHECKINS.items():
        c = stored[key]
        assert (c.status.label, str(c.progress), c.result) == (status, progress, result)
        assert [e.title for e in c.evidence] == [evidence]

    job.send_forms()
    assert len(job.forms) >= 3 and all(p.exists() for p in job.forms)
    returned = job.units_fill_forms()
    job.take_forms_back(returned)
    stored = {c.task: c for c in load_plan(db, plan.id).checkins if c.period == Q1}
    assert set(stored) >= {"T1", "T2", "T3", "T4", "T5", "T6"}
    assert stored["T2"].result == UNIT_ANSWER[2] and stored["T1"].result == CHECKINS["T1"][2]

    job.export_reports()
    assert job.report_xlsx is not None and job.report_docx is not None
    assert "quý I năm 2023" in _text(job.report_docx)
    import openpyxl

    book = openpyxl.load_workbook(job.report_xlsx)
    cells = [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value]
    assert any(CHECKINS["T3"][2] in c for c in cells)
    assert clerk.unexpected == []
