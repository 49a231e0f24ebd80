"""Every unit's form of a quarter imported in one go (issue 14, item 2): the Hải Dương flow
as a clerk runs it — ``export-forms 1 --period 2022-Q3``, each unit fills its own rows with
its own words, ``import-forms 1 <five files> --apply`` — stores every answer; a partner's
form asks for its contribution only and shows no other unit's text."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from cchc_desktop.cli import main
from cchc_desktop.domain import forms as F
from cchc_desktop.imports.xlsx_forms import read_form
from cchc_desktop.interchange import read_plan_file
from tests.forms.form_helpers import HAI_DUONG, fill, row_of
from tests.helpers import snapshot

LEAD_FILL = {"G": "Đang thực hiện", "H": 70}


def _import_plan(db: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--db", db, "import", str(HAI_DUONG)]) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]


def _export(db: str, pid: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> list[Path]:
    args = ["--db", db, "export-forms", pid, "--period", "2022-Q3", "-o", str(folder)]
    assert main(args) == 0
    return [Path(line) for line in capsys.readouterr().out.split()]


def _fill_as_each_unit(paths: list[Path]) -> dict[tuple[str, str], str]:
    """Every unit fills every row of its form with its own words; returns (unit, task) →
    the result text it wrote."""
    written: dict[tuple[str, str], str] = {}
    for path in paths:
        form = read_form(path)
        ident = form.identity
        assert ident is not None
        answers = {}
        for key in ident.tasks:
            text = f"{ident.unit} đã làm phần việc của mình ở {key}"
            written[(ident.unit, key)] = text
            cells: dict[str, object] = {"I": text, "K": f"Văn bản của {ident.unit}"}
            if not ident.is_partner_row(key):
                cells |= LEAD_FILL
            answers[key] = cells
        fill(path, answers)
    return written


def test_five_forms_of_hai_duong_imported_together_store_every_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cchc.sqlite")
    pid = _import_plan(db, capsys)
    paths = _export(db, pid, tmp_path / "phieu", capsys)
    assert len(paths) == 5
    written = _fill_as_each_unit(paths)
    assert len(written) == 18  # every row of the five forms

    code = main(["--db", db, "import-forms", pid, *map(str, paths), "--apply"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "cũng được trả lời khác" not in err
    assert "Đã lưu 18 báo cáo: 18 mới" in out
    # The preview lists each unit's file with its rows; a partner's row says so.
    assert "Phieu-bao-cao-Q3-2022-Ban-bien-tap-Trang-TTDT.xlsx — Ban biên tập Trang TTĐT" in out
    assert "T6       Mới        Phối hợp — Ban biên tập Trang TTĐT đã làm phần việc" in out

    assert main(["--db", db, "export-json", pid, "-o", str(tmp_path / "out.json")]) == 0
    data = json.loads((tmp_path / "out.json").read_text("utf-8"))
    plan = read_plan_file(tmp_path / "out.json")
    lead_of = {t.key: t.lead[0] for t in plan.tasks}
    stored = {
        (c["unit"] if "unit" in c else lead_of[c["task"]], c["task"]): c
        for c in data["plan"]["checkins"]
        if c["period"] == "2022-Q3"
    }
    assert {k: c["result"] for k, c in stored.items()} == written
    for (unit, key), c in stored.items():
        assert c["reported_by"] == unit
        assert c["evidence"] == [{"title": f"Văn bản của {unit}", "file": ""}]
        if unit == lead_of[key]:
            assert (c["status"], c["progress"]) == ("in_progress", 70)
        else:  # a contribution has no status of its own
            assert (c["status"], c["progress"]) == ("not_started", 0)

    # Importing the same files again changes nothing.
    before = snapshot(Path(db))
    code = main(["--db", db, "import-forms", pid, *map(str, paths), "--apply"])
    out, _err = capsys.readouterr()
    assert code == 0 and "Đã lưu 0 báo cáo" in out
    assert snapshot(Path(db)) == before


def test_partner_form_asks_only_its_contribution_and_shows_only_its_own_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cchc.sqlite")
    pid = _import_plan(db, capsys)
    paths = _export(db, pid, tmp_path / "q3", capsys)
    written = _fill_as_each_unit(paths)
    assert main(["--db", db, "import-forms", pid, *map(str, paths), "--apply"]) == 0
    capsys.readouterr()
    # The forms of the same quarter again: each pre-filled with its own unit's answer only.
    again = _export(db, pid, tmp_path / "q3-again", capsys)
    web = next(p for p in again if "Ban-bien-tap" in p.name)
    wb = openpyxl.load_workbook(web)
    ws = wb[F.FORM_SHEET]
    ident = read_form(web).identity
    assert ident is not None and set(ident.partner_tasks) == set(ident.tasks)  # partner only
    everything = "\n".join(
        str(cell.value) for row in ws.iter_rows() for cell in row if cell.value is not None
    )
    others = [t for (unit, _k), t in written.items() if unit != "Ban biên tập Trang TTĐT"]
    assert not [t for t in others if t in everything]  # no other unit's words anywhere
    for key in ident.tasks:
        row = row_of(ws, key)
        assert ws[f"I{row}"].value == written[("Ban biên tập Trang TTĐT", key)]
        for col in "GHJ":  # no status, % or count to fill
            assert ws[f"{col}{row}"].protection.locked is not False, f"{col}{row}"
            assert ws[f"{col}{row}"].value == "—"
        for col in "IKLMN":
            assert ws[f"{col}{row}"].protection.locked is False
    rules = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert "list" not in rules and "whole" not in rules  # no status drop-down, no %
    assert "Dòng “Phối hợp”" in " ".join(
        str(c.value) for row in wb[F.GUIDE_SHEET].iter_rows() for c in row if c.value
    )
    # The lead's form keeps its status drop-down and shows the lead's words, not partners'.
    vp = next(p for p in again if "Van-phong-So" in p.name)
    ws = openpyxl.load_workbook(vp)[F.FORM_SHEET]
    row = row_of(ws, "T1")
    assert ws[f"I{row}"].value == written[("Văn phòng Sở", "T1")]
    assert ws[f"G{row}"].value == "Đang thực hiện" and ws[f"H{row}"].value == 70
    vp_text = "\n".join(str(c.value) for r in ws.iter_rows() for c in r if c.value is not None)
    assert "Ban biên tập Trang TTĐT đã làm" not in vp_text


def test_conflicts_are_per_unit(send, db, hai_duong_id: int) -> None:  # type: ignore[no-untyped-def]
    """An edit made in the app to one partner's contribution after the forms went out is a
    conflict for that unit's form only; the lead's answer and other units' rows are new."""
    from cchc_desktop.domain.model import CheckIn
    from cchc_desktop.services.checkins import record_checkin
    from cchc_desktop.services.forms import Change, preview_forms
    from tests.forms.form_helpers import Q3, by_unit

    sent = send(Q3)
    web, news, vp = (
        by_unit(sent, u).path for u in ("Ban biên tập Trang TTĐT", "Bản tin KH&CN", "Văn phòng Sở")
    )
    record_checkin(
        db,
        hai_duong_id,
        CheckIn("T1", Q3, result="Sửa trong phần mềm", unit="Ban biên tập Trang TTĐT"),
    )
    fill(web, {"T1": {"I": "Trang đã đăng 3 tin"}})
    fill(news, {"T1": {"I": "Bản tin số 9"}})
    fill(vp, {"T1": {**LEAD_FILL, "I": "Văn phòng đã quán triệt"}})
    preview = preview_forms(db, hai_duong_id, [read_form(p) for p in (web, news, vp)], period=Q3)
    changes = {(f.form.identity.unit, r.key): r.change for f in preview.files for r in f.rows}  # type: ignore[union-attr]
    assert changes[("Ban biên tập Trang TTĐT", "T1")] is Change.CONFLICT
    assert changes[("Bản tin KH&CN", "T1")] is Change.NEW
    assert changes[("Văn phòng Sở", "T1")] is Change.NEW
    assert not preview.blocking
