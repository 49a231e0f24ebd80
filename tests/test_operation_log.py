"""One INFO line per user operation, with the file and the counts, in the log folder beside
the database (issue 18, item 8): import, exports, backup, restore and the unit forms, run
through the command line (which configures the log as the window does) and the services."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from cchc_desktop import cli
from cchc_desktop.domain.periods import Period
from cchc_desktop.exports.xlsx_forms import write_unit_forms
from cchc_desktop.imports.xlsx_forms import read_form
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.logs import LOG_NAME, configure_logging
from cchc_desktop.paths import log_dir
from cchc_desktop.services.forms import apply_forms
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.storage import open_database

PLAN = Path(__file__).parent / "fixtures" / "plans" / "ke-hoach-74-skhcn-hai-duong-2022.plan.json"


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data" / "cchc.sqlite"
    path.parent.mkdir()
    yield path
    root = logging.getLogger("cchc_desktop")
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", "").startswith(str(tmp_path)):
            root.removeHandler(handler)
            handler.close()


def _lines(db_path: Path) -> list[str]:
    log_file = log_dir(db_path) / LOG_NAME
    return [line for line in log_file.read_text("utf-8").splitlines() if " INFO " in line]


def _run(db_path: Path, *args: str) -> None:
    assert cli.main(["--db", str(db_path), *args]) == 0


def test_each_command_line_operation_logs_one_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = read_plan_file(PLAN)
    tasks, checkins = len(plan.tasks), len(plan.checkins)
    _run(db_path, "init")
    capsys.readouterr()
    assert not (log_dir(db_path) / LOG_NAME).exists()  # nothing logged, nothing created
    _run(db_path, "import", str(PLAN))
    plan_id = capsys.readouterr().out.strip()
    out = tmp_path / "out"
    out.mkdir()
    _run(db_path, "export-json", plan_id, "-o", str(out / "plan.json"))
    _run(db_path, "export-plan", plan_id, "-o", str(out / "plan.docx"))
    _run(db_path, "export-report", plan_id, "--period", "2022-Q1", "-o", str(out / "r.xlsx"))
    _run(db_path, "export-report", plan_id, "--period", "2022", "-o", str(out / "r.docx"))
    _run(db_path, "backup", "-o", str(out / "copy.sqlite"))
    _run(db_path, "restore", str(out / "copy.sqlite"))
    lines = _lines(db_path)
    assert len(lines) == 7, lines
    imported, as_json, as_docx, report_xlsx, report_docx, backup, restore = lines
    assert f"from {PLAN}: {tasks} tasks, " in imported and f"{checkins} check-ins" in imported
    counts = f"{tasks} tasks, {len(plan.units)} units, {checkins} check-ins"
    assert f"{out / 'plan.json'}: {counts}" in as_json
    assert f"{out / 'plan.docx'}: {counts}" in as_docx
    assert report_xlsx.endswith(f"{out / 'r.xlsx'}: {counts}")
    assert "2022-Q1 report" in report_xlsx and str(out / "r.xlsx") in report_xlsx
    assert "2022 report" in report_docx and str(out / "r.docx") in report_docx
    size = (out / "copy.sqlite").stat().st_size
    assert f"backed up {db_path} to {out / 'copy.sqlite'}: {size} bytes" in backup
    assert f"restored {db_path} from {out / 'copy.sqlite'}" in restore
    assert all(" cchc_desktop." in line for line in lines)  # each module's own logger


def test_forms_sent_and_applied_are_logged(db_path: Path, tmp_path: Path) -> None:
    log_file = configure_logging(log_dir(db_path))
    db = open_database(db_path)
    try:
        from cchc_desktop.services.plans import import_plan

        plan_id = import_plan(db, read_plan_file(PLAN), source=PLAN)
        plan = load_plan(db, plan_id)
        folder = tmp_path / "forms"
        folder.mkdir()
        sent = write_unit_forms(plan, Period.parse("2022-Q1"), folder)
        asked = sum(len(s.identity.tasks) for s in sent)
        returned = [read_form(s.path) for s in sent[:2]]
        apply_forms(db, plan_id, returned)
    finally:
        db.dispose()
    lines = [line for line in log_file.read_text("utf-8").splitlines() if " INFO " in line]
    assert len(lines) == 3, lines
    _imported, wrote, applied = lines
    assert f"wrote {len(sent)} unit forms for 2022-Q1 of plan {plan_id} into {folder}" in wrote
    assert f"{asked} tasks asked" in wrote
    assert f"applied 2 returned forms to plan {plan_id} ({sent[0].path.name}, " in applied
