"""The plan as a Decree 30 .docx: format (checker and our defaults) and content."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from cchc_desktop.domain.appendix import reference_section, reference_sentence
from cchc_desktop.domain.dates import BLANK, IssueDate
from cchc_desktop.domain.model import Paragraph, ParagraphStyle, Plan, Section, Task
from cchc_desktop.exports import nd30
from cchc_desktop.exports.docx_plan import appendix_title, write_plan_docx
from tests.exports.conftest import PLAN_FILES, plan_id
from tests.exports.nd30_checker import Parts, check_nd30, split_parts

ALL = [plan_id(p) for p in PLAN_FILES]
HAI_DUONG = "ke-hoach-74-skhcn-hai-duong-2022"
NINH_THUAN = "ke-hoach-sldtbxh-ninh-thuan-2022"


def expected_body(plan: Plan) -> list[str]:
    """Every paragraph and heading of ``plan`` as it must be printed, in order."""
    out = [p.printed for p in plan.preamble]
    reference = reference_sentence(plan)
    at = reference_section(plan)
    for numbered in plan.walk_sections():
        heading = numbered.section.heading
        shown = heading.upper() if numbered.depth == 1 else heading
        out.append(f"{numbered.number} {shown}")
        if reference and numbered.path == (at,):
            out.append(reference)
        out.extend(p.printed for p in numbered.section.body)
    out.extend(p.printed for p in plan.closing)
    return out


def task_rows(parts: Parts) -> list[list[str]]:
    """The appendix rows that hold a task (not the header row, not group rows)."""
    assert parts.appendix is not None
    rows = []
    for tr in parts.appendix.table._tbl.tr_lst[1:]:
        cells = tr.findall(qn("w:tc"))
        if len(cells) == 1:
            continue
        rows.append(["\n".join(p.text for p in _paragraphs(tc)) for tc in cells])
    return rows


def _paragraphs(tc) -> list[docx.text.paragraph.Paragraph]:  # type: ignore[no-untyped-def]
    return [docx.text.paragraph.Paragraph(p, None) for p in tc.findall(qn("w:p"))]


def _export(plan: Plan, tmp_path: Path, name: str = "plan.docx") -> Path:
    target = tmp_path / name
    write_plan_docx(plan, target)
    return target


@pytest.fixture
def hai_duong(exported_plans: dict[str, tuple[Plan, Path]]) -> Plan:
    return exported_plans[HAI_DUONG][0]


# -- format --------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ALL)
def test_every_plan_passes_the_nd30_checklist(exported_plans, name: str) -> None:  # type: ignore[no-untyped-def]
    _, path = exported_plans[name]
    parts = check_nd30(path, doc_type="KẾ HOẠCH", kind="KH")
    assert parts.appendix is not None  # every fixture plan has tasks


def _first_run(p: docx.text.paragraph.Paragraph) -> docx.text.run.Run:
    return next(r for r in p.runs if r.text.strip())


def _look(p: docx.text.paragraph.Paragraph) -> tuple[float, bool, bool]:
    run = _first_run(p)
    return run.font.size.pt, bool(run.font.bold), bool(run.font.italic)


def test_our_defaults_element_by_element(exported_plans) -> None:  # type: ignore[no-untyped-def]
    """The "Our choice" line of nd30-format.md, value by value (not just inside the ranges)."""
    plan, path = exported_plans[HAI_DUONG]
    doc = docx.Document(str(path))
    parts = split_parts(doc)
    portrait, landscape = doc.sections
    assert (portrait.page_width, portrait.page_height) == (11906 * 635, 16838 * 635)
    assert portrait.orientation == WD_ORIENT.PORTRAIT
    assert round(portrait.top_margin.mm) == 20 and round(portrait.bottom_margin.mm) == 20
    assert round(portrait.left_margin.mm) == 30 and round(portrait.right_margin.mm) == 15
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert landscape.page_width > landscape.page_height
    assert round(landscape.left_margin.mm) == 30 and round(landscape.right_margin.mm) == 15

    left, right = parts.header.cell(0, 0), parts.header.cell(0, 1)
    parent, issuer = [p for p in left.paragraphs if p.text.strip()]
    assert (parent.text, _look(parent)) == ("UBND TỈNH HẢI DƯƠNG", (13, False, False))
    assert (issuer.text, _look(issuer)) == ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", (13, True, False))
    quoc_hieu, tieu_ngu = right.paragraphs[:2]
    assert (quoc_hieu.text, _look(quoc_hieu)) == (nd30.QUOC_HIEU, (13, True, False))
    assert (tieu_ngu.text, _look(tieu_ngu)) == (nd30.TIEU_NGU, (14, True, False))
    number = parts.header.cell(1, 0).paragraphs[0]
    date = parts.header.cell(1, 1).paragraphs[0]
    assert (number.text, _look(number)) == ("Số: 74/KH-SKHCN", (13, False, False))
    assert (date.text, _look(date)) == ("Hải Dương, ngày 28 tháng 01 năm 2022", (14, False, True))
    for p in (parent, issuer, quoc_hieu, tieu_ngu, number, date):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER

    assert (parts.doc_type.text, _look(parts.doc_type)) == ("KẾ HOẠCH", (14, True, False))
    assert (parts.subject.text, _look(parts.subject)) == (plan.title, (14, True, False))
    assert parts.doc_type.alignment == parts.subject.alignment == WD_ALIGN_PARAGRAPH.CENTER

    body = parts.body[0]
    assert _look(body) == (14, False, False)
    fmt = body.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.first_line_indent == 720 * 635  # 1.27 cm
    assert fmt.space_after == Pt(6)
    assert fmt.line_spacing == pytest.approx(1.2)
    by_text = {p.text: p for p in parts.body}
    assert _look(by_text["I. MỤC ĐÍCH VÀ YÊU CẦU"]) == (14, True, False)
    assert _look(by_text["1. Mục đích"]) == (14, True, False)
    letter = next(p for p in parts.body if p.text.startswith("b) "))
    assert _look(letter) == (14, True, True)

    noi_nhan, *recipients = [p for p in parts.signature.cell(0, 0).paragraphs if p.text]
    assert (noi_nhan.text, _look(noi_nhan)) == ("Nơi nhận:", (12, True, True))
    assert recipients[0].text == "- UBND tỉnh (Đề b/c);"
    assert recipients[-1].text == "- Lưu: VT, VP."
    assert {_look(p) for p in recipients} == {(11, False, False)}
    title, name = [p for p in parts.signature.cell(0, 1).paragraphs if p.text]
    assert (title.text, _look(title)) == ("GIÁM ĐỐC", (14, True, False))
    assert (name.text, _look(name)) == ("Trần Anh Tuấn", (14, True, False))

    page = portrait.header.paragraphs[0]
    assert page.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert " PAGE " in [t.text for t in page._p.iter(qn("w:instrText"))]
    assert {r.font.size.pt for r in page.runs} == {14}
    assert portrait.different_first_page_header_footer
    assert [p.text for p in portrait.first_page_header.paragraphs] == [""]

    appendix = parts.appendix
    assert appendix is not None
    assert (appendix.label.text, _look(appendix.label)) == ("Phụ lục", (14, True, False))
    assert _look(appendix.title) == (14, True, False)
    assert _look(appendix.reference) == (14, False, True)
    header_row = appendix.table.rows[0]
    assert [c.text for c in header_row.cells] == [t for t, _ in nd30.PLAN_TABLE_COLUMNS]
    assert header_row._tr.trPr.find(qn("w:tblHeader")) is not None
    assert _look(header_row.cells[0].paragraphs[0]) == (12, True, False)
    assert _look(appendix.table.rows[1].cells[1].paragraphs[0]) == (12, False, False)
    start = landscape._sectPr.find(qn("w:pgNumType")).get(qn("w:start"))
    assert start == "1"


def test_styles_name_times_new_roman_in_every_slot(exported_plans) -> None:  # type: ignore[no-untyped-def]
    doc = docx.Document(str(exported_plans[HAI_DUONG][1]))
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        assert {k.split("}")[1]: v for k, v in fonts.attrib.items()} == {
            "ascii": "Times New Roman",
            "hAnsi": "Times New Roman",
            "cs": "Times New Roman",
            "eastAsia": "Times New Roman",
        }
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert str(normal.font.color.rgb) == "000000"


# -- content -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ALL)
def test_every_paragraph_and_heading_in_order(exported_plans, name: str) -> None:  # type: ignore[no-untyped-def]
    plan, path = exported_plans[name]
    parts = split_parts(docx.Document(str(path)))
    assert parts.body_texts == expected_body(plan)


@pytest.mark.parametrize("name", ALL)
def test_every_task_is_a_row_with_units_and_timeframe(exported_plans, name: str) -> None:  # type: ignore[no-untyped-def]
    plan, path = exported_plans[name]
    rows = task_rows(split_parts(docx.Document(str(path))))
    assert len(rows) == len(plan.tasks)
    for i, (task, row) in enumerate(zip(plan.tasks, rows, strict=True), start=1):
        assert row[0] == str(i)
        assert row[1] == task.name
        assert row[2] == task.product
        assert row[3].split("\n") == [
            f"{u};" if k < len(task.lead) - 1 else u for k, u in enumerate(task.lead)
        ]
        for unit in task.partners:
            assert unit in row[4]
        assert row[5] == task.timeframe.display_label(plan.year)


def grouped(plan: Plan) -> Plan:
    """``plan`` with its tasks in two groups (reform areas), as the appendix may show them."""
    tasks = [
        dataclasses.replace(t, group="Cải cách thủ tục hành chính" if i < 3 else "Chính quyền số")
        for i, t in enumerate(plan.tasks)
    ]
    return dataclasses.replace(plan, tasks=tasks)


def test_group_rows_span_the_table(hai_duong, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = grouped(hai_duong)
    parts = check_nd30(_export(plan, tmp_path))
    assert parts.appendix is not None
    rows: list[str] = []
    for tr in parts.appendix.table._tbl.tr_lst[1:]:
        cells = tr.findall(qn("w:tc"))
        if len(cells) == 1:
            span = cells[0].find(qn("w:tcPr")).find(qn("w:gridSpan")).get(qn("w:val"))
            assert span == "6"
            rows.append("group: " + "".join(t.text for t in cells[0].iter(qn("w:t"))))
        else:
            rows.append("".join(t.text for t in cells[0].iter(qn("w:t"))))
    assert rows == [
        "group: Cải cách thủ tục hành chính", "1", "2", "3",
        "group: Chính quyền số", "4", "5", "6",
    ]  # fmt: skip
    assert len(task_rows(parts)) == len(plan.tasks)


def test_header_and_title_texts(exported_plans) -> None:  # type: ignore[no-untyped-def]
    _, path = exported_plans["ke-hoach-32-ubnd-gio-son-2022"]
    parts = split_parts(docx.Document(str(path)))
    left = [p.text for p in parts.header.cell(0, 0).paragraphs if p.text]
    # Long names are broken where the official samples break them.
    assert left == ["ỦY BAN NHÂN DÂN\nHUYỆN GIO LINH", "ỦY BAN NHÂN DÂN\nXÃ GIO SƠN"]
    assert parts.header.cell(1, 0).paragraphs[0].text == "Số: 32/KH-UBND"
    assert parts.header.cell(1, 1).paragraphs[0].text == "Gio Sơn, ngày 14 tháng 02 năm 2022"
    assert parts.subject.text == "Tuyên truyền cải cách hành chính xã Gio Sơn năm 2022"
    signature = [p.text for p in parts.signature.cell(0, 1).paragraphs if p.text]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Đỗ An Chung"]
    assert parts.appendix is not None
    assert parts.appendix.reference.text == (
        "(Kèm theo Kế hoạch số 32/KH-UBND ngày 14 tháng 02 năm 2022 của Ủy ban nhân dân xã Gio Sơn)"
    )


@pytest.mark.parametrize(
    ("issued", "phrase"),
    [
        (IssueDate(2022, 2, 5), "ngày 05 tháng 02 năm 2022"),
        (IssueDate(2022, 7, 27), "ngày 27 tháng 7 năm 2022"),
        (IssueDate(2022, 1, 9), "ngày 09 tháng 01 năm 2022"),
        (IssueDate(2022, 12, 1), "ngày 01 tháng 12 năm 2022"),
        (IssueDate(2022, 2), f"ngày{BLANK}tháng 02 năm 2022"),
        (None, f"ngày{BLANK}tháng{BLANK}năm 2022"),
    ],
    ids=["05/02", "27/7", "09/01", "01/12", "month-only", "blank"],
)
def test_date_line_leading_zero_rule(hai_duong, tmp_path, issued, phrase) -> None:  # type: ignore[no-untyped-def]
    plan = dataclasses.replace(hai_duong, issued_on=issued)
    path = _export(plan, tmp_path)
    parts = check_nd30(path)
    assert parts.header.cell(1, 1).paragraphs[0].text == f"Hải Dương, {phrase}"
    assert parts.appendix is not None
    assert f"/KH-SKHCN {phrase} của Sở Khoa học và Công nghệ)" in parts.appendix.reference.text


def test_blank_number_keeps_room_to_write_it(hai_duong, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = dataclasses.replace(hai_duong, number="", issued_on=IssueDate(2022, 2))
    parts = check_nd30(_export(plan, tmp_path))
    assert parts.header.cell(1, 0).paragraphs[0].text == f"Số: {BLANK}/KH-SKHCN"
    assert parts.header.cell(1, 1).paragraphs[0].text == (
        f"Hải Dương, ngày{BLANK}tháng 02 năm 2022"
    )
    assert parts.appendix is not None
    assert parts.appendix.reference.text == (
        f"(Kèm theo Kế hoạch số {BLANK}/KH-SKHCN ngày{BLANK}tháng 02 năm 2022 "
        "của Sở Khoa học và Công nghệ)"
    )


def test_tasks_without_appendix_title_get_a_default_one(exported_plans) -> None:  # type: ignore[no-untyped-def]
    plan, path = exported_plans[NINH_THUAN]
    assert plan.appendix_title == "" and plan.tasks
    parts = split_parts(docx.Document(str(path)))
    assert parts.appendix is not None
    assert parts.appendix.title.text == appendix_title(plan)
    assert parts.appendix.title.text == "CÁC NHIỆM VỤ, SẢN PHẨM THỰC HIỆN KẾ HOẠCH NĂM 2022"
    assert parts.appendix.reference.text == (
        f"(Kèm theo Kế hoạch số {BLANK}/KH-SLĐTBXH ngày{BLANK}tháng 02 năm 2022 "
        "của Sở Lao động - Thương binh và Xã hội)"
    )


def test_no_tasks_and_no_title_means_no_appendix(hai_duong, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = dataclasses.replace(hai_duong, tasks=[], checkins=[], appendix_title="")
    path = _export(plan, tmp_path)
    parts = check_nd30(path)
    assert parts.appendix is None
    assert len(docx.Document(str(path)).sections) == 1


def test_a_title_without_tasks_prints_an_empty_table(hai_duong, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = dataclasses.replace(hai_duong, tasks=[], checkins=[])
    parts = check_nd30(_export(plan, tmp_path))
    assert parts.appendix is not None
    assert parts.appendix.title.text == hai_duong.appendix_title
    assert len(parts.appendix.table.rows) == 1  # the header row, ready to fill


def test_text_is_nfc_and_paragraph_marks_are_printed(hai_duong, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def nfd(text: str) -> str:
        return unicodedata.normalize("NFD", text)

    plan = dataclasses.replace(
        hai_duong,
        title=nfd("Tuyên truyền cải cách hành chính"),
        preamble=[Paragraph(nfd("Thực hiện Kế hoạch số 276/KH-UBND"))],
        sections=[
            Section(
                nfd("Mục đích"),
                [Paragraph(nfd("Tăng cường"), ParagraphStyle.DASH)],
                [Section("Một", [Paragraph("Cộng", ParagraphStyle.PLUS)])],
            )
        ],
        tasks=[Task("T1", nfd("Đăng tin, bài"), lead=["Văn phòng Sở"])],
        checkins=[],
    )
    parts = check_nd30(_export(plan, tmp_path))
    assert parts.subject.text == "Tuyên truyền cải cách hành chính"
    assert unicodedata.is_normalized("NFC", parts.subject.text)
    assert parts.body_texts[:6] == [
        "Thực hiện Kế hoạch số 276/KH-UBND",
        "I. MỤC ĐÍCH",
        "(Chi tiết tại Phụ lục kèm theo Kế hoạch này)",  # the only section holds the tasks
        "- Tăng cường",
        "1. Một",
        "+ Cộng",
    ]
    assert task_rows(parts)[0][1] == "Đăng tin, bài"


def test_export_modules_are_not_imported_by_core_modules() -> None:
    """python-docx is heavy: importing the CLI and the core packages must not load it."""
    code = (
        "import sys\n"
        "import cchc_desktop.cli, cchc_desktop.domain.model, cchc_desktop.exports\n"
        "import cchc_desktop.exports.nd30, cchc_desktop.exports.report_text\n"
        "from cchc_desktop.cli import build_parser\n"
        "build_parser()\n"
        "print(sorted(m for m in sys.modules if m == 'docx' or m.startswith('docx.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# -- the checker catches faults ------------------------------------------------------------------
def _broken(path: Path, tmp_path: Path, damage) -> Path:  # type: ignore[no-untyped-def]
    doc = docx.Document(str(path))
    damage(doc)
    target = tmp_path / "broken.docx"
    doc.save(str(target))
    return target


def test_checker_catches_a_wrong_body_size(exported_plans, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def damage(doc) -> None:  # type: ignore[no-untyped-def]
        split_parts(doc).body[0].runs[0].font.size = Pt(12)

    with pytest.raises(AssertionError, match=r"size 12\.0 not in"):
        check_nd30(_broken(exported_plans[HAI_DUONG][1], tmp_path, damage))


def test_checker_catches_a_header_row_that_does_not_repeat(exported_plans, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def damage(doc) -> None:  # type: ignore[no-untyped-def]
        tr = split_parts(doc).appendix.table._tbl.tr_lst[0]
        tr.trPr.remove(tr.trPr.find(qn("w:tblHeader")))

    with pytest.raises(AssertionError, match="tblHeader"):
        check_nd30(_broken(exported_plans[HAI_DUONG][1], tmp_path, damage))


def test_checker_catches_a_number_on_page_one(exported_plans, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def damage(doc) -> None:  # type: ignore[no-untyped-def]
        doc.sections[0].first_page_header.paragraphs[0].add_run("1")

    with pytest.raises(AssertionError, match="first-page header is not empty"):
        check_nd30(_broken(exported_plans[HAI_DUONG][1], tmp_path, damage))


def test_checker_catches_a_theme_font_and_a_wrong_month(exported_plans, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def damage(doc) -> None:  # type: ignore[no-untyped-def]
        parts = split_parts(doc)
        run = parts.body[0].runs[0]
        run._r.rPr.find(qn("w:rFonts")).set(qn("w:asciiTheme"), "minorHAnsi")
        date = parts.header.cell(1, 1).paragraphs[0].runs[0]
        date.text = "Hải Dương, ngày 28 tháng 07 năm 2022"

    with pytest.raises(AssertionError) as info:
        check_nd30(_broken(exported_plans[HAI_DUONG][1], tmp_path, damage))
    assert "theme:minorHAnsi" in str(info.value)
    assert "date line" in str(info.value)
