"""The appendix table's rows: a row of a shape already seen (filled from a copy of an
earlier row, :meth:`TaskTable.add_row`) is exactly the row built line by line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from cchc_desktop.exports.nd30_docx import LEFT, Column, Nd30Document, TaskTable

COLUMNS = [Column("STT", 600), Column("Nội dung", 4000, LEFT), Column("Ghi chú", 2000, LEFT)]

Cells = Sequence[str | Sequence[str]]

# Four shapes, each three or more times with other texts (the second and later rows of a
# shape take the copying path), with line breaks inside a line, empty lines and cells,
# text to escape and a decomposed letter that must come out NFC.
ROWS: list[Cells] = [
    *[[str(i), f"Nhiệm vụ {i}", [f"Chỉ tiêu: {i} tin", f"ghi chú {i}"]] for i in range(1, 4)],
    *[[str(i), f"Dòng một {i}\ndòng hai", []] for i in range(4, 8)],
    *[[str(i), "", ["", f"<b>&amp; {i}", "Cafe\u0301"]] for i in range(8, 11)],
    *[[str(i), f"a{i}\n", [f"x\ny{i}"]] for i in range(11, 14)],
]


def _rows(table: TaskTable) -> list[bytes]:
    return [etree.tostring(tr) for tr in table.element.iterfind(qn("w:tr"))][1:]


def _table(rows: Sequence[Cells]) -> TaskTable:
    builder = Nd30Document()
    table = builder.appendix("TIÊU ĐỀ", "(Kèm theo …)", COLUMNS)
    for row in rows:
        table.add_row(row)
    return table


def test_a_copied_row_is_the_row_built_line_by_line() -> None:
    together = _rows(_table(ROWS))
    alone = [_rows(_table([row]))[0] for row in ROWS]  # each the first of its shape
    assert len(together) == len(ROWS)
    assert together == alone


def test_copied_rows_read_back_with_their_own_texts(tmp_path: Path) -> None:
    builder = Nd30Document()
    table = builder.appendix("TIÊU ĐỀ", "(Kèm theo …)", COLUMNS)
    for row in ROWS:
        table.add_row(row)
    builder.save(tmp_path / "rows.docx")
    read = docx.Document(str(tmp_path / "rows.docx")).tables[-1]
    cells = [[[p.text for p in cell.paragraphs] for cell in row.cells] for row in read.rows[1:]]
    assert cells[2] == [["3"], ["Nhiệm vụ 3"], ["Chỉ tiêu: 3 tin", "ghi chú 3"]]
    assert cells[6] == [["7"], ["Dòng một 7\ndòng hai"], [""]]
    assert cells[9] == [["10"], [""], ["", "<b>&amp; 10", "Café"]]
    assert cells[12] == [["13"], ["a13\n"], ["x\ny13"]]
    assert [row[0] for row in cells] == [[str(i)] for i in range(1, 14)]
