"""``cchc import FILE.docx``: the reader's plan is stored, warnings go to stderr one line
each, and the new plan's id is the last line on stdout."""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import save, text_document

from cchc_desktop.cli import main
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.plan_read import list_plans, load_plan
from cchc_desktop.storage import open_database

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _import(db: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    assert main(["--db", str(db), "init"]) == 0
    capsys.readouterr()
    code = main(["--db", str(db), "import", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_docx_prints_the_new_id_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = (FIXTURES / "seeds" / "ke-hoach-74-skhcn-hai-duong-2022.txt").read_text("utf-8")
    source = save(text_document(seed), tmp_path / "ke-hoach-74.docx")
    db = tmp_path / "cchc.sqlite"
    code, out, err = _import(db, source, capsys)
    assert code == 0
    plan_id = int(out.strip().splitlines()[-1])
    warnings = err.strip().splitlines()
    # the annotation joined to a line, the duplicated "2.", the agency left out of the text
    assert len(warnings) == 3
    assert all(line.startswith(f"{source}: warning: ") for line in warnings)
    assert any("Đoạn 57" in line for line in warnings)
    database = open_database(db)
    try:
        assert plan_id in [p.id for p in list_plans(database)]
        stored = load_plan(database, plan_id)
    finally:
        database.dispose()
    expected = read_plan_file(FIXTURES / "plans" / "ke-hoach-74-skhcn-hai-duong-2022.plan.json")
    assert stored.number == "74" and stored.symbol == "KH-SKHCN"
    assert [t.name for t in stored.tasks] == [t.name for t in expected.tasks]
    assert [t.timeframe.kind for t in stored.tasks] == [t.timeframe.kind for t in expected.tasks]
    assert stored.tasks[0].partners == expected.tasks[0].partners


def test_import_of_a_bad_docx_fails_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cu.docx"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"))
    db = tmp_path / "cchc.sqlite"
    code, out, err = _import(db, source, capsys)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert str(source) in err and "Word 97-2003 .doc" in err
