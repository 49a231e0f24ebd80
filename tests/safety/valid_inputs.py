"""Valid files of every imported kind, made once per session from the fixture plan: the
seeds the mutation tests start from and the plan the CLI tests import into."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
HAI_DUONG = PLANS / "ke-hoach-74-skhcn-hai-duong-2022.plan.json"


@dataclass(frozen=True)
class ValidInputs:
    folder: Path
    db_path: Path  # a database holding the fixture plan (id ``plan_id``)
    plan_id: int
    json: Path
    docx: Path
    xlsx: Path  # a unit form of 2022-Q1, as sent


def make_valid_inputs(folder: Path) -> ValidInputs:
    from cchc_desktop.domain.periods import Period
    from cchc_desktop.exports.docx_plan import write_plan_docx
    from cchc_desktop.exports.xlsx_forms import write_unit_forms
    from cchc_desktop.interchange import read_plan_file
    from cchc_desktop.services.plan_read import load_plan
    from cchc_desktop.services.plans import import_plan
    from cchc_desktop.storage import open_database

    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "cchc.sqlite"
    db = open_database(db_path)
    try:
        plan_id = import_plan(db, read_plan_file(HAI_DUONG))
        plan = load_plan(db, plan_id)
    finally:
        db.dispose()
    docx = folder / "plan.docx"
    write_plan_docx(plan, docx)
    forms = folder / "forms"
    forms.mkdir()
    sent = write_unit_forms(plan, Period.parse("2022-Q1"), forms)
    return ValidInputs(folder, db_path, plan_id, HAI_DUONG, docx, Path(sent[0].path))
