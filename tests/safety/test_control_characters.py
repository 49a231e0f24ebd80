"""Control characters never poison a plan (issue 16, item 5).

NUL, U+000B, ESC, lone surrogates and the other C0/C1 controls used to be accepted by the
JSON reader and the check-in table, and afterwards every .docx/.xlsx export failed ("All
strings must be XML compatible") while ``cchc plans`` printed raw ESC sequences. One rule
(``domain.text``) is applied at every input: the JSON reader refuses the string with its
path, the .docx import drops them with a warning naming the paragraph, the forms reader
refuses the cell, the editing services refuse the field; the command line prints what an
older database holds escaped.
"""

from __future__ import annotations

import dataclasses
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest

from cchc_desktop.domain import forms as F
from cchc_desktop.domain.model import CheckIn, Paragraph, ParagraphStyle
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.domain.text import control_at, control_fault, plain, printable, strip_controls
from cchc_desktop.errors import ValidationError
from cchc_desktop.exports import docx_plan as docx_export
from cchc_desktop.imports.docx_plan import read_plan_docx
from cchc_desktop.imports.xlsx_forms import read_form
from cchc_desktop.services import checkins, sections, tasks, units
from cchc_desktop.services.forms import preview_forms
from cchc_desktop.services.plan_edit import update_plan_fields
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.storage import Database
from tests.conftest import HAI_DUONG
from tests.forms.conftest import send  # noqa: F401 (the fixture, shared with tests/forms)
from tests.forms.form_helpers import Q3, by_unit, fill
from tests.helpers import run_cli, snapshot

POISON = {
    "NUL": "\x00",
    "VT": "\x0b",
    "ESC": "\x1b",
    "DEL": "\x7f",
    "C1-CSI": "\x9b",
    "NEL": "\x85",
    "lone-surrogate": "\ud800",
    "FFFE": "\ufffe",
}


# -- the one rule -------------------------------------------------------------------------------
@pytest.mark.parametrize("char", POISON.values(), ids=POISON.keys())
def test_the_rule_finds_every_control_character(char: str) -> None:
    text = f"Kết quả{char}quý I"
    assert control_at(text) == 7
    vi, en = control_fault(text) or ("", "")
    assert en == f"control character U+{ord(char):04X} at position 8"
    assert f"U+{ord(char):04X}" in vi and "ký tự điều khiển" in vi
    assert strip_controls(text) == ("Kết quảquý I", 1)
    assert char not in printable(text) and printable(text).startswith("Kết quả\\")


def test_tab_newline_and_vietnamese_are_text_and_windows_line_ends_become_newlines() -> None:
    assert control_at("Tổ chức\ttập huấn\nđợt 2: “Đường”") is None
    assert plain("dòng 1\r\ndòng 2\rdòng 3") == "dòng 1\ndòng 2\ndòng 3"
    assert control_at(plain("a\r\nb")) is None


# -- the JSON reader: refused with the JSON path --------------------------------------------------
@pytest.fixture
def filled_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "db.sqlite")
    assert run_cli(capsys, "--db", db, "import", str(HAI_DUONG))[0] == 0
    return db


@pytest.mark.parametrize("char", POISON.values(), ids=POISON.keys())
@pytest.mark.parametrize(
    ("where", "path"),
    [
        (lambda d: d["plan"], "plan.title"),
        (lambda d: d["plan"]["checkins"][0], "plan.checkins[0].result"),
        (lambda d: d["plan"]["tasks"][2], "plan.tasks[2].name"),
    ],
    ids=["title", "checkin-result", "task-name"],
)
def test_json_import_refuses_a_control_character_with_its_path(
    char: str,
    where: Callable[[dict[str, object]], dict[str, str]],
    path: str,
    filled_db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = json.loads(HAI_DUONG.read_text("utf-8"))
    node, key = where(data), path.rsplit(".", 1)[1]
    node[key] = node[key][:3] + char + node[key][3:]
    bad = tmp_path / "poisoned.json"
    bad.write_text(json.dumps(data), "ascii")  # \u escapes: a lone surrogate too
    before = snapshot(Path(filled_db))
    code, out, err = run_cli(capsys, "--db", filled_db, "import", str(bad))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and char not in err
    assert f"{bad}: {path}: control character U+{ord(char):04X} at position 4" in err
    assert snapshot(Path(filled_db)) == before


def test_json_windows_line_ends_are_read_as_newlines(
    filled_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(HAI_DUONG.read_text("utf-8"))
    data["plan"]["checkins"][0]["result"] = "Đã tổ chức.\r\nĐã báo cáo."
    path = tmp_path / "crlf.json"
    path.write_text(json.dumps(data), "ascii")
    code, out, _ = run_cli(capsys, "--db", filled_db, "import", str(path))
    assert code == 0
    db = Database.for_path(Path(filled_db))
    try:
        plan = load_plan(db, int(out.split()[-1]))
    finally:
        db.dispose()
    assert plan.checkins[0].result == "Đã tổ chức.\nĐã báo cáo."


# -- the .docx import: dropped, with a warning naming the paragraph -------------------------------
def _poisoned_docx(tmp_path: Path, plan_name: str, insert: str) -> Path:
    """Our own export of the Hải Dương plan, with ``insert`` (raw XML) put in the run that
    holds the first task's name: C1 controls and DEL are legal in XML, so Word keeps them."""
    from cchc_desktop.interchange import read_plan_file

    plan = read_plan_file(HAI_DUONG)
    clean = tmp_path / "clean.docx"
    docx_export.write_plan_docx(plan, clean)
    out = tmp_path / plan_name
    name = plan.tasks[0].name
    head = name[:10].encode("utf-8")
    with zipfile.ZipFile(clean) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                assert head in data
                data = data.replace(head, head[:5] + insert.encode("utf-8") + head[5:], 1)
            dst.writestr(info, data)
    return out


@pytest.mark.parametrize(
    ("insert", "count"),
    [("\x7f", 1), ("\u0085\u009b", 2), ('</w:t><w:sym w:font="Symbol" w:char="D800"/><w:t>', 1)],
    ids=["DEL", "C1", "sym-surrogate"],
)
def test_docx_import_drops_control_characters_with_a_warning(
    insert: str, count: int, tmp_path: Path
) -> None:
    from cchc_desktop.interchange import read_plan_file

    path = _poisoned_docx(tmp_path, "poisoned.docx", insert)
    with zipfile.ZipFile(path) as archive:  # the characters really are in the file
        assert insert.encode("utf-8") in archive.read("word/document.xml")
    result = read_plan_docx(path)
    expected = read_plan_file(HAI_DUONG).tasks[0].name
    assert result.plan.tasks[0].name == expected
    notes = [w for w in result.warnings if "ký tự điều khiển" in w]
    assert len(notes) == 1 and f"đã bỏ {count} ký tự điều khiển không in được" in notes[0]
    assert notes[0].startswith("Đoạn ")
    # What was imported exports again (the failure of the attack: "XML compatible").
    again = tmp_path / "again.docx"
    docx_export.write_plan_docx(result.plan, again)
    assert expected in "\n".join(
        p.text for t in docx.Document(str(again)).tables for p in _paras(t)
    )


def _paras(table: object) -> list[object]:
    return [p for row in table.rows for cell in row.cells for p in cell.paragraphs]  # type: ignore[attr-defined]


# -- the forms reader: the cell refused -------------------------------------------------------
def test_forms_reader_refuses_a_control_character_in_a_cell(
    send: Callable[..., list[object]],  # noqa: F811 (the fixture imported above)
    db: Database,
    hai_duong_id: int,
    tmp_path: Path,
) -> None:
    path = by_unit(send(Q3), "Văn phòng Sở").path  # type: ignore[arg-type]
    key = read_form(path).identity.tasks[0]  # type: ignore[union-attr]
    fill(path, {key: {"G": "Đang thực hiện", "H": 50, "I": "MARKER-RESULT"}})
    # C1 CSI (a terminal's ESC [) written into the cell's XML, as another program may.
    patched = tmp_path / path.name
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for info in src.infolist():
            data = src.read(info).replace(b"MARKER-RESULT", "Đã \u009b31m làm".encode())
            dst.writestr(info, data)
    assert any("\u009b" in str(v) for v in _cell_values(patched))
    form = read_form(patched)
    problems = [p.text() for p in form.problems]
    assert len(problems) == 1
    assert "Nội dung có ký tự điều khiển không in được (U+009B) ở vị trí 4" in problems[0]
    assert "Ô I" in problems[0]
    before = snapshot(db.path)
    preview = preview_forms(db, hai_duong_id, [form], period=Q3)
    assert preview.blocking and snapshot(db.path) == before


def _cell_values(path: Path) -> list[object]:
    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    try:
        return [c.value for row in wb[F.FORM_SHEET].iter_rows() for c in row]
    finally:
        wb.close()


# -- the editing services: the field named --------------------------------------------------------
@pytest.mark.parametrize("char", POISON.values(), ids=POISON.keys())
def test_checkin_edit_refuses_a_control_character_naming_the_field(
    char: str, db: Database, hai_duong_id: int
) -> None:
    before = snapshot(db.path)
    task = load_plan(db, hai_duong_id).tasks[0]
    checkin = CheckIn(task.key, Period.parse("2022-Q2"), Status.IN_PROGRESS, 40, "Đã" + char)
    with pytest.raises(ValidationError) as info:
        checkins.record_checkin(db, hai_duong_id, checkin)
    assert info.value.message.startswith("Kết quả thực hiện có ký tự điều khiển không in được")
    assert f"(U+{ord(char):04X}) ở vị trí 3" in info.value.message
    assert (
        info.value.one_line()
        == f"Kết quả thực hiện: control character U+{ord(char):04X} at position 3"
    )
    assert snapshot(db.path) == before


def test_checkin_windows_line_ends_are_stored_as_newlines(db: Database, hai_duong_id: int) -> None:
    task = load_plan(db, hai_duong_id).tasks[0]
    checkin = CheckIn(
        task.key, Period.parse("2022-Q2"), Status.IN_PROGRESS, 40, "a\r\nb", proposals="c\rd"
    )
    checkins.record_checkin(db, hai_duong_id, checkin)
    stored = next(
        c for c in load_plan(db, hai_duong_id).checkins_of(task.key) if c.period.label() == Q2L
    )
    assert (stored.result, stored.proposals) == ("a\nb", "c\nd")


Q2L = Period.parse("2022-Q2").label()


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (
            lambda db, pid, t: tasks.update_task(db, t.id, dataclasses.replace(t, name="A\x00B")),
            "Tên nhiệm vụ",
        ),
        (
            lambda db, pid, t: tasks.update_task(db, t.id, dataclasses.replace(t, note="\x1b[2J")),
            "Ghi chú",
        ),
        (
            lambda db, pid, t: sections.rename_section(db, _section_id(db, pid), "Mục\x0bI"),
            "Tên mục",
        ),
        (
            lambda db, pid, t: sections.set_section_body(
                db,
                _section_id(db, pid),
                [Paragraph("ok"), Paragraph("x\ud800", ParagraphStyle.DASH)],
            ),
            "Đoạn 2 của mục",
        ),
        (lambda db, pid, t: update_plan_fields(db, pid, title="Kế hoạch\x07"), "Trích yếu"),
        (
            lambda db, pid, t: units.update_unit(db, _unit_id(db, pid), short="VP\x9b"),
            "Tên viết tắt",
        ),
    ],
    ids=["task-name", "task-note", "section-heading", "section-body", "plan-title", "unit-short"],
)
def test_task_section_plan_and_unit_edits_refuse_control_characters(
    edit: Callable[..., object], field: str, db: Database, hai_duong_id: int
) -> None:
    before = snapshot(db.path)
    task = load_plan(db, hai_duong_id).tasks[0]
    with pytest.raises(ValidationError) as info:
        edit(db, hai_duong_id, task)
    assert info.value.message.startswith(f"{field} có ký tự điều khiển không in được (U+")
    assert info.value.detail.startswith(f"{field}: control character U+")
    assert snapshot(db.path) == before


def _section_id(db: Database, plan_id: int) -> int:
    return load_plan(db, plan_id).sections[0].id or 0


def _unit_id(db: Database, plan_id: int) -> int:
    return load_plan(db, plan_id).units[0].id or 0


# -- the command line's output ----------------------------------------------------------------
def test_cchc_plans_never_prints_raw_escape_sequences(
    filled_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # A database written before the rule: the title holds ESC sequences and a tab.
    conn = sqlite3.connect(filled_db)
    conn.execute("UPDATE plan SET title = ? ", ("\x1b[2J\x1b]0;pwned\x07Kế\thoạch\x9b31m",))
    conn.commit()
    conn.close()
    code, out, err = run_cli(capsys, "--db", filled_db, "plans")
    assert code == 0 and err == ""
    assert control_at(out.replace("\t", "").replace("\n", "")) is None
    fields = out.rstrip("\n").split("\t")
    assert len(fields) == 4
    assert fields[3] == "\\x1b[2J\\x1b]0;pwned\\x07Kế hoạch\\x9b31m"


def test_the_printable_fast_path_agrees_with_the_rule_on_every_code_point() -> None:
    # control_at accepts printable text without searching it: right only while every
    # character the rule refuses is unprintable. strip_controls always searches, so it says
    # what the rule refuses; checked on all of Unicode, inside a Vietnamese sentence.
    for code in range(0x110000):
        ch = chr(code)
        refused = strip_controls(ch)[1] == 1
        at = control_at(f"Báo cáo {ch} quý I")
        assert at == (len("Báo cáo ") if refused else None), f"U+{code:04X}"
    assert control_at("Dòng một\nDòng hai\tcột") is None
    assert control_at("Dòng một\nDòng \x1b hai") == len("Dòng một\nDòng ")
    assert plain("a\r\nb\rc") == "a\nb\nc"
