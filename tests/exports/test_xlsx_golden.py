"""The .xlsx exports, cell for cell, as they were before the year report was made fast (issue
18): every value, data type, number format, named style, font, fill, border, alignment,
protection and quote prefix of every sheet, the merges, widths, heights, outline, filter,
print set-up, validations and charts. ``tests/fixtures/xlsx_golden.json`` says how the dump
was made (``tests/exports/xlsx_golden.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.exports.xlsx_golden import (
    GOLDEN,
    cases,
    dump_workbook,
    is_report,
    look,
    same_size,
    without_sizes,
)

EXPECTED = json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]
CASES = cases()


def test_every_case_has_its_golden_dump() -> None:
    assert sorted(CASES) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(n for n in CASES if not is_report(n)))
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


@pytest.mark.parametrize("name", sorted(n for n in CASES if is_report(n)))
def test_the_report_looks_cell_for_cell_as_it_did(name: str, tmp_path: Path) -> None:
    """The report, written with XlsxWriter since issue 18, against the dump of the file
    openpyxl wrote: every cell's value, type and look, the merges, sizes to the pixel, panes,
    filter, print set-up, page breaks and charts (what may be spelt differently: see
    ``xlsx_golden.look``)."""
    path = tmp_path / "out.xlsx"
    CASES[name](path)
    got, want = look(dump_workbook(path)), look(EXPECTED[name])
    assert [s["title"] for s in got["sheets"]] == [s["title"] for s in want["sheets"]]
    for mine, theirs in zip(got["sheets"], want["sheets"], strict=True):
        mine_cells = {c[0]: c[1:] for c in mine["cells"]}
        theirs_cells = {c[0]: c[1:] for c in theirs["cells"]}
        assert mine_cells == theirs_cells, mine["title"]
    assert same_size(got, want) == []
    assert without_sizes(got) == without_sizes(want)
