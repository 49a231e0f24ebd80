"""The shared .xlsx helpers (cchc_desktop/exports/xlsx_style.py), used by the report and by
the unit forms: safe text, shared styles, fitted widths and heights, a consistent sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.exports import xlsx_style as st


@pytest.fixture
def writer() -> st.SheetWriter:
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    return st.SheetWriter(ws, st.StyleBook(wb), {2: st.ColumnFit(10, 30)})


def test_text_is_never_a_formula(writer: st.SheetWriter, tmp_path: Path) -> None:
    writer.put_row(1, ["=1+1", "+5", "-x", "@A1", "#N/A", "plain"], [st.TEXT] * 6)
    writer.flush()  # the cells go into the sheet (fit_columns does it too)
    assert [c.data_type for c in writer.ws[1]] == ["s"] * 6
    assert [bool(c.quotePrefix) for c in writer.ws[1]] == [True] * 4 + [False, False]
    path = tmp_path / "t.xlsx"
    writer.ws.parent.save(path)
    back = load_workbook(path).active
    assert back is not None
    assert [c.value for c in back[1]] == ["=1+1", "+5", "-x", "@A1", "#N/A", "plain"]
    assert [c.data_type for c in back[1]] == ["s"] * 6


def test_illegal_characters_and_overlong_text(writer: st.SheetWriter) -> None:
    assert writer.put(1, 1, "a\x00b\x07c\x1fd\te\nf", st.TEXT).value == "abcd\te\nf"
    long = writer.put(2, 1, "x" * 40000, st.TEXT).value
    assert len(long) == st.MAX_CELL_TEXT and long.endswith("…")


def test_numbers_dates_and_blanks(writer: st.SheetWriter) -> None:
    import datetime as dt

    cells = [
        writer.put(1, 1, 3, st.NUMBER),
        writer.put(1, 2, 0.25, st.PERCENT),
        writer.put(1, 3, dt.date(2022, 3, 28), st.DATE),
        writer.put(1, 4, None, st.TEXT),
        writer.put(1, 5, True, st.CENTER),
    ]
    assert [(c.value, c.data_type) for c in cells] == [
        (3, "n"),
        (0.25, "n"),
        (dt.date(2022, 3, 28), "d"),
        (None, "n"),
        (True, "b"),
    ]
    assert cells[1].number_format == st.PERCENT_FORMAT
    assert cells[2].number_format == st.DATE_FORMAT
    assert cells[3].border.left.style == "thin"  # an empty table cell keeps its borders


def test_restyling_one_cell_leaves_the_others_of_its_style_alone(
    writer: st.SheetWriter,
) -> None:
    cell = writer.put(1, 1, "x", st.TEXT)
    other = writer.put(2, 1, "y", st.TEXT)
    cell.font = Font(bold=True)
    assert cell.font.b and not other.font.b
    assert other.style == st.TEXT
    writer.put(1, 1, "x", st.HEADER)  # restyling is writing again with another style
    writer.flush()
    assert writer.ws["A1"].font.b


def test_the_sheet_stays_consistent(writer: st.SheetWriter) -> None:
    writer.put_row(1, ["a", "b"], [st.TEXT, st.TEXT])
    writer.merge_put(3, 1, 3, "merged", st.GROUP)
    writer.flush()
    ws = writer.ws
    assert [r for r in ws.iter_rows(values_only=True)] == [
        ("a", "b", None),
        (None, None, None),
        ("merged", None, None),
    ]
    ws.append(["next"])  # openpyxl's own API carries on below
    assert ws["A4"].value == "next"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A3:C3"]
    assert ws["C3"].border.right.style == "thin"  # covered cells keep the borders


def test_widths_fit_the_longest_line_within_bounds(writer: st.SheetWriter) -> None:
    writer.put(1, 1, "x" * 50, st.TEXT)  # column 1: no bounds given here
    writer.put(1, 2, "ngắn\n" + "y" * 20, st.TEXT)
    writer.put(2, 2, "z" * 100, st.TEXT)
    widths = writer.fit_columns({1: st.ColumnFit(5, 8), 2: st.ColumnFit(10, 30)})
    assert widths == {1: 8, 2: 30}
    narrow = st.SheetWriter(writer.ws, writer.book)
    narrow.put(5, 3, "abc", st.TEXT)
    assert narrow.fit_columns({3: st.ColumnFit(6, 40)}) == {3: 6}


def test_rows_are_as_tall_as_their_wrapped_text(writer: st.SheetWriter) -> None:
    writer.put(1, 2, "một hai ba bốn năm sáu bảy tám chín mười " * 4, st.TEXT)
    writer.put(2, 2, "ngắn", st.TEXT)
    writer.put(3, 2, "dòng 1\ndòng 2\ndòng 3", st.TEXT)
    writer.fit_columns()  # the bounds given to the writer: column 2 from 10 to 30
    dims = writer.ws.row_dimensions
    assert dims[1].height is not None and dims[1].height > 3 * st.FONT_SIZE
    assert 2 not in dims  # one line: the default height
    assert dims[3].height == round(3 * st.FONT_SIZE * st.LINE_SPACING + 3, 1)


def test_wrapped_lines() -> None:
    room = 10.5 * st.CHAR_WIDTH + st.PADDING  # ten characters
    assert st.wrapped_lines("", room) == 1
    assert st.wrapped_lines("abc de", room) == 1
    assert st.wrapped_lines("abcde fghij", room) == 2  # 11 characters
    assert st.wrapped_lines("abcde\nfg", room) == 2
    assert st.wrapped_lines("x" * 25, room) == 3  # a word longer than a line is cut
    assert st.wrapped_lines("aa bb cc d", room) == 1  # exactly ten
    assert st.wrapped_lines("aa bb cc dd ee ff gg", room) == 3  # "aa bb cc" "dd ee ff" "gg"


def test_state_styles_follow_the_palette() -> None:
    wb = Workbook()
    book = st.StyleBook(wb)
    ws = wb.active
    assert isinstance(ws, Worksheet)
    w = st.SheetWriter(ws, book)
    from cchc_desktop.domain.status import STATUS_COLORS

    for row, key in enumerate(STATUS_COLORS, start=1):
        cell = w.put(row, 1, key, st.state_style(key))
        assert str(cell.fill.fgColor.rgb)[-6:] == STATUS_COLORS[key]
    assert st.state_style("something else") == st.state_style("not_reported")


def test_cells_wait_for_the_flush_and_a_second_writer_adds_to_the_sheet(
    writer: st.SheetWriter,
) -> None:
    writer.put(2, 2, "b2", st.TEXT)
    writer.merge_put(4, 1, 3, "merged", st.GROUP)
    assert next(writer.ws.iter_rows(), None) is None  # nothing in the sheet before the flush
    writer.fit_columns()
    late = writer.put(5, 1, "after", st.NUMBER)  # after the flush: straight into the sheet
    other = st.SheetWriter(writer.ws, writer.book)
    other.put(1, 1, "a1", st.HEADER)
    other.put(6, 2, "=x", st.TEXT)
    other.flush()
    ws = writer.ws
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["a1", None, None],
        [None, "b2", None],
        [None, None, None],
        ["merged", None, None],
        ["after", None, None],
        [None, "=x", None],
    ]
    assert ws["A5"] is late and ws["A5"].style == st.NUMBER
    assert ws["A1"].style == st.HEADER and ws["B2"].style == st.TEXT
    assert ws["B6"].quotePrefix and ws["B6"].data_type == "s"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A4:C4"]
    assert ws["C4"].style == st.GROUP  # the covered cells carry the border and fill too
