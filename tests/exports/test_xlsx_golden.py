"""The .xlsx exports, cell for cell, as they were before the year report was made fast (issue
18): every value, data type, number format, named style, font, fill, border, alignment,
protection and quote prefix of every sheet, the merges, widths, heights, outline, filter,
print set-up, validations and charts. ``tests/fixtures/xlsx_golden.json`` says how the dump
was made (``tests/exports/xlsx_golden.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.exports.xlsx_golden import GOLDEN, cases, dump_workbook

EXPECTED = json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]
CASES = cases()


def test_every_case_has_its_golden_dump() -> None:
    assert sorted(CASES) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_workbook_is_cell_for_cell_what_it_was(name: str, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    CASES[name](path)
    got, want = dump_workbook(path), EXPECTED[name]
    assert got["styles"] == want["styles"]
    assert [s["title"] for s in got["sheets"]] == [s["title"] for s in want["sheets"]]
    for mine, theirs in zip(got["sheets"], want["sheets"], strict=True):
        # Cell by cell first: a difference names the cell.
        mine_cells = {c[0]: c[1:] for c in mine["cells"]}
        theirs_cells = {c[0]: c[1:] for c in theirs["cells"]}
        assert mine_cells == theirs_cells, mine["title"]
        assert mine == theirs, mine["title"]
