"""README's command-line contract on both engines (issue 19, item 1): every command works on
an SQLite file and on a PostgreSQL database through the same SQLAlchemy layer, and the JSON
round trip of the example plans gives byte-identical files on both."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from docx import Document

from cchc_desktop.cli import main
from tests.conftest import EXAMPLES, HAI_DUONG
from tests.forms.form_helpers import fill

SHARED_EXAMPLES = sorted(Path("/work/shared/examples").glob("*.plan.json")) or EXAMPLES


def _run(db: str, *argv: str, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["--db", db, *argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def _round_trip(db: str, out: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for example in SHARED_EXAMPLES:
        plan_id = _run(db, "import", str(example), capsys=capsys).split()[-1]
        target = out / example.name
        _run(db, "export-json", plan_id, "-o", str(target), capsys=capsys)
        files[example.name] = target.read_bytes()
    return files


@pytest.mark.server
def test_json_round_trip_is_byte_identical_on_postgresql_and_sqlite(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "lite").mkdir()
    (tmp_path / "pg").mkdir()
    lite = _round_trip(str(tmp_path / "cchc.sqlite"), tmp_path / "lite", capsys)
    server = _round_trip(pg_url, tmp_path / "pg", capsys)
    assert len(lite) == len(SHARED_EXAMPLES) >= 3
    assert server == lite
    # And both give back what was imported, plan for plan.
    for example in SHARED_EXAMPLES:
        assert b'"tasks"' in server[example.name]


def test_every_command_of_the_contract(
    engine_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = engine_db
    assert _run(db, "init", capsys=capsys).startswith("database ready: ")
    plan_id = _run(db, "import", str(HAI_DUONG), capsys=capsys).split()[-1]
    listed = _run(db, "plans", capsys=capsys).splitlines()
    assert listed == [
        f"{plan_id}\t2022\t74/KH-SKHCN\tTuyên truyền cải cách hành chính Nhà nước năm 2022"
    ]
    # export-plan, then import of that .docx: a second plan with the same tasks.
    docx = tmp_path / "ke-hoach.docx"
    _run(db, "export-plan", plan_id, "-o", str(docx), capsys=capsys)
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "KẾ HOẠCH" in text
    second = _run(db, "import", str(docx), capsys=capsys).split()[-1]
    assert int(second) == int(plan_id) + 1
    # export-report, both formats.
    xlsx = tmp_path / "bao-cao.xlsx"
    _run(db, "export-report", plan_id, "--period", "2022-Q3", "-o", str(xlsx), capsys=capsys)
    assert openpyxl.load_workbook(xlsx).sheetnames[0]
    report = tmp_path / "bao-cao.docx"
    _run(db, "export-report", plan_id, "--period", "2022", "-o", str(report), capsys=capsys)
    assert "2022" in "\n".join(p.text for p in Document(str(report)).paragraphs)
    # export-forms, fill one, import-forms --apply: the answers are stored.
    forms = tmp_path / "phieu"
    written = _run(
        db, "export-forms", plan_id, "--period", "2022-Q3", "-o", str(forms), capsys=capsys
    ).split()
    assert len(written) == 5
    form = forms / "Phieu-bao-cao-Q3-2022-Van-phong-So.xlsx"
    fill(form, {"T1": {"G": "Đang thực hiện", "H": 75, "I": "Lồng ghép tuyên truyền"}})
    out = _run(db, "import-forms", plan_id, str(form), "--apply", capsys=capsys)
    assert "Đã lưu 1 báo cáo: 1 mới" in out
    exported = tmp_path / "sau.json"
    _run(db, "export-json", plan_id, "-o", str(exported), capsys=capsys)
    assert "Lồng ghép tuyên truyền" in exported.read_text("utf-8")
