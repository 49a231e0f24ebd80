"""Import → export gives the input back; export → import → export is byte-identical."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc_desktop.interchange import dump_plan, read_plan_file
from tests.conftest import EXAMPLES
from tests.helpers import run_cli


def test_examples_are_present() -> None:
    assert len(EXAMPLES) == 3


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_cli_import_then_export_json_equals_input(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "db.sqlite")
    code, out, err = run_cli(capsys, "--db", db, "import", str(example))
    assert code == 0, err
    plan_id = out.strip().splitlines()[-1]
    assert plan_id == "1"
    first = tmp_path / "first.json"
    assert run_cli(capsys, "--db", db, "export-json", plan_id, "-o", str(first))[0] == 0
    assert json.loads(first.read_text("utf-8")) == json.loads(example.read_text("utf-8"))

    code, out, _ = run_cli(capsys, "--db", db, "import", str(first))
    second = tmp_path / "second.json"
    assert run_cli(capsys, "--db", db, "export-json", out.strip(), "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_writer_is_deterministic_and_matches_spec_layout(example: Path) -> None:
    text = dump_plan(read_plan_file(example))
    assert text == dump_plan(read_plan_file(example))
    assert text.endswith("}\n")
    assert '\n  "format": "cchc-plan",\n  "version": 1,' in text
    assert "\\u" not in text  # ensure_ascii=False: Vietnamese stays readable
    assert text == example.read_text("utf-8")


def test_plans_lists_imported_plans(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "db.sqlite")
    for example in EXAMPLES:
        run_cli(capsys, "--db", db, "import", str(example))
    code, out, _ = run_cli(capsys, "--db", db, "plans")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 3
    fields = [line.split("\t") for line in lines]
    assert {f[2] for f in fields} == {"32/KH-UBND", "74/KH-SKHCN", "/KH-SLĐTBXH"}
    assert all(f[1] == "2022" for f in fields)
    assert any(f[3] == "Tuyên truyền cải cách hành chính Nhà nước năm 2022" for f in fields)
