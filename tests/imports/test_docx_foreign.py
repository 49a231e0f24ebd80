"""Plans written in Word by other people, not by our exporter: made here with python-docx.

Numbering typed with tabs or made by Word's list numbering, a header of paragraphs (or of
tab-separated lines), an appendix whose header takes two rows and has columns we do not
know, unit cells with line breaks, and tables that are not task tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import docx
from docgen import add_numbering, add_runs, add_table, save, set_numbering
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.model import ParagraphStyle, Plan, Unit, UnitKind
from cchc_desktop.domain.timeframes import TimeframeKind
from cchc_desktop.imports.docx_plan import DocxImport, read_plan_docx

HEADER = [
    "UBND TỈNH HẢI DƯƠNG",
    "**SỞ KHOA HỌC VÀ CÔNG NGHỆ**",
    "Số: 74/KH-SKHCN",
    "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
    "**Độc lập - Tự do - Hạnh phúc**",
    "*Hải Dương, ngày 28 tháng 01 năm 2022*",
    "**KẾ HOẠCH**",
    "**Tuyên truyền cải cách hành chính năm 2022**",
    "Thực hiện Kế hoạch số 276/KH-UBND của Ủy ban nhân dân tỉnh, Sở xây dựng Kế hoạch sau:",
]
TAIL = [
    "Trên đây là Kế hoạch tuyên truyền cải cách hành chính năm 2022 của Sở./.",
    "***Nơi nhận:***",
    "- UBND tỉnh (để b/c);",
    "- Các phòng, đơn vị;",
    "- Lưu: VT, VP.",
    "**KT. GIÁM ĐỐC**",
    "**PHÓ GIÁM ĐỐC**",
    "**Nguyễn Trọng Thắng**",
]


def document(lines: Sequence[str]) -> Document:
    doc = docx.Document()
    for line in lines:
        add_runs(doc.add_paragraph(), line)
    return doc


def read(doc: Document, tmp_path: Path, known: Sequence[Unit] = ()) -> DocxImport:
    return read_plan_docx(save(doc, tmp_path / "ke-hoach.docx"), known)


def outline(plan: Plan) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [
        (n.number, n.section.heading, [(p.style.value, p.text) for p in n.section.body])
        for n in plan.walk_sections()
    ]


EXPECTED_OUTLINE = [
    ("I.", "MỤC ĐÍCH, YÊU CẦU", []),
    ("1.", "Mục đích", [("dash", "Nâng cao nhận thức về cải cách hành chính."),
                        ("plus", "Chỉ số cải cách hành chính tăng."),
                        ("dash", "Gạch đầu dòng bằng dấu chấm tròn."),
                        ("dash", "Gạch đầu dòng bằng dấu gạch dài."),
                        ("dash", "Gạch đầu dòng bằng dấu sao.")]),
    ("2.", "Yêu cầu", [("plain", "Kịp thời, đầy đủ.")]),
    ("II.", "NỘI DUNG", []),
    ("1.", "Hình thức", []),
    ("a)", "Trên Trang thông tin điện tử", [("dash", "Đăng tin, bài.")]),
    ("b)", "Qua hội nghị", []),
    ("c)", "Qua Zalo", []),
    ("d)", "Qua Bản tin", []),
    ("đ)", "Qua pano, áp phích", [("plain", "Tại trụ sở.")]),
]  # fmt: skip


def test_numbering_typed_as_text_with_tabs(tmp_path: Path) -> None:
    body = [
        "**I.\tMỤC ĐÍCH, YÊU CẦU**",
        "**1.\tMục đích**",
        "-\tNâng cao nhận thức về cải cách hành chính.",
        "+\tChỉ số cải cách hành chính tăng.",
        "•\tGạch đầu dòng bằng dấu chấm tròn.",
        "–\tGạch đầu dòng bằng dấu gạch dài.",
        "*\tGạch đầu dòng bằng dấu sao.",
        "**2.\tYêu cầu**",
        "Kịp thời, đầy đủ.",
        "**II.\tNỘI DUNG**",
        "**1. Hình thức**",
        "***a)\tTrên Trang thông tin điện tử***",
        "- Đăng tin, bài.",
        "***b)\tQua hội nghị***",
        "***c)\tQua Zalo***",
        "***d)\tQua Bản tin***",
        "***đ)\tQua pano, áp phích***",
        "Tại trụ sở.",
    ]
    result = read(document(HEADER + body + TAIL), tmp_path)
    assert outline(result.plan) == EXPECTED_OUTLINE
    assert result.warnings == []


def test_numbering_typed_without_any_bold(tmp_path: Path) -> None:
    """No formatting at all: siblings decide together; numbered sentences stay sentences."""
    lines = (
        [line.replace("*", "") for line in HEADER]
        + [
            "I. TỔ CHỨC THỰC HIỆN",
            "1. Văn phòng Sở có trách nhiệm hướng dẫn, theo dõi, đôn đốc, kiểm tra việc thực "
            "hiện công tác tuyên truyền và báo cáo kết quả thực hiện theo quy định.",
            "2. Các phòng, đơn vị căn cứ nhiệm vụ được phân công triển khai thực hiện bảo đảm "
            "tiến độ, chất lượng, hiệu quả.",
            "II. NỘI DUNG",
            "1. Đối tượng: Toàn thể công chức, viên chức và người lao động của Sở.",
            "2. Nội dung:",
            "- Tuyên truyền về cải cách hành chính.",
        ]
        + [line.replace("*", "") for line in TAIL]
    )
    plan = read(document(lines), tmp_path).plan
    assert outline(plan) == [
        ("I.", "TỔ CHỨC THỰC HIỆN", [
            ("plain", lines[len(HEADER) + 1]),
            ("plain", lines[len(HEADER) + 2]),
        ]),
        ("II.", "NỘI DUNG", []),
        ("1.", "Đối tượng:", [
            ("plain", "Toàn thể công chức, viên chức và người lao động của Sở."),
        ]),
        ("2.", "Nội dung:", [("dash", "Tuyên truyền về cải cách hành chính.")]),
    ]  # fmt: skip


def test_word_list_numbering(tmp_path: Path) -> None:
    """Numbers printed by Word (w:numPr): upperRoman, decimal, lowerLetter; bullets."""
    doc = document(HEADER)
    headings = add_numbering(doc, [("upperRoman", "%1."), ("decimal", "%2."),
                                   ("lowerLetter", "%3)")])  # fmt: skip
    bullets = add_numbering(doc, [("bullet", "-"), ("bullet", "+")])
    round_bullet = add_numbering(doc, [("bullet", "\uf0b7")])
    steps = add_numbering(doc, [("decimal", "%1.")])

    def numbered(text: str, num: int, level: int = 0, *, bold: bool = True) -> None:
        set_numbering(add_runs(doc.add_paragraph(), text, bold=bold), num, level)

    numbered("MỤC ĐÍCH, YÊU CẦU", headings, 0)
    numbered("Mục đích", headings, 1)
    numbered("Nâng cao nhận thức về cải cách hành chính.", bullets, 0, bold=False)
    numbered("Chỉ số cải cách hành chính tăng.", bullets, 1, bold=False)
    numbered("Gạch đầu dòng bằng dấu chấm tròn.", round_bullet, 0, bold=False)
    add_runs(doc.add_paragraph(), "– Gạch đầu dòng bằng dấu gạch dài.")
    add_runs(doc.add_paragraph(), "* Gạch đầu dòng bằng dấu sao.")
    numbered("Yêu cầu", headings, 1)
    add_runs(doc.add_paragraph(), "Kịp thời, đầy đủ.")
    numbered("NỘI DUNG", headings, 0)
    numbered("Hình thức", headings, 1)
    for text in ("Trên Trang thông tin điện tử", "Qua hội nghị", "Qua Zalo", "Qua Bản tin"):
        numbered(text, headings, 2)
        if text.startswith("Trên"):
            numbered("Đăng tin, bài.", bullets, 0, bold=False)
    numbered("Qua pano, áp phích", headings, 2)
    add_runs(doc.add_paragraph(), "Tại trụ sở.")
    numbered("TỔ CHỨC THỰC HIỆN", headings, 0)
    long = "Văn phòng Sở có trách nhiệm theo dõi, đôn đốc, kiểm tra việc thực hiện kế hoạch."
    numbered(long, steps, 0, bold=False)
    numbered("Các phòng, đơn vị triển khai thực hiện bảo đảm tiến độ, chất lượng, hiệu quả.",
             steps, 0, bold=False)  # fmt: skip
    for line in TAIL:
        add_runs(doc.add_paragraph(), line)
    result = read(doc, tmp_path)
    assert outline(result.plan) == [
        *EXPECTED_OUTLINE,
        ("III.", "TỔ CHỨC THỰC HIỆN", [
            ("plain", f"1. {long}"),
            ("plain", "2. Các phòng, đơn vị triển khai thực hiện bảo đảm tiến độ, chất "
                      "lượng, hiệu quả."),
        ]),
    ]  # fmt: skip
    assert result.warnings == []


def test_list_styles_of_the_template(tmp_path: Path) -> None:
    """The template's "List Bullet" styles carry their numbering in the style."""
    doc = document([*HEADER, "**I. NỘI DUNG**"])
    doc.add_paragraph("Tuyên truyền trên Cổng thông tin.", style="List Bullet")
    doc.add_paragraph("Tuyên truyền qua hội nghị.", style="List Bullet 2")
    for line in TAIL:
        add_runs(doc.add_paragraph(), line)
    plan = read(doc, tmp_path).plan
    assert outline(plan) == [
        ("I.", "NỘI DUNG", [("dash", "Tuyên truyền trên Cổng thông tin."),
                            ("dash", "Tuyên truyền qua hội nghị.")]),
    ]  # fmt: skip


def test_header_of_paragraphs(tmp_path: Path) -> None:
    result = read(document([*HEADER, "**I. NỘI DUNG**", "Nội dung.", *TAIL]), tmp_path)
    plan = result.plan
    assert plan.organization.parent == "UBND TỈNH HẢI DƯƠNG"
    assert plan.organization.name == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert plan.organization.abbreviation == "SKHCN"
    assert plan.organization.place == "Hải Dương"
    assert (plan.number, plan.symbol, plan.year) == ("74", "KH-SKHCN", 2022)
    assert plan.issued_on == IssueDate(2022, 1, 28)
    assert plan.doc_type == "KẾ HOẠCH"
    assert plan.title == "Tuyên truyền cải cách hành chính năm 2022"
    assert [p.text for p in plan.preamble] == [HEADER[-1]]
    assert [p.text for p in plan.closing] == [TAIL[0]]
    assert [(r.name, r.note) for r in plan.recipients] == [
        ("UBND tỉnh", "để b/c"),
        ("Các phòng, đơn vị", ""),
    ]
    assert plan.archive == "VT, VP"
    signer = plan.signer
    assert (signer.authority, signer.title, signer.name) == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Trọng Thắng",
    )
    assert result.warnings == []


def test_header_lines_laid_out_with_tabs(tmp_path: Path) -> None:
    """Two header columns typed on one line each ("UBND TỈNH X <tab> CỘNG HÒA ..."); a blank
    number and day left for signing; title and doc type in one paragraph."""
    lines = [
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "XÃ GIO SƠN\t\tĐộc lập - Tự do - Hạnh phúc",
        "Số:      /KH-UBND          Gio Sơn, ngày      tháng 02 năm 2022",
    ]
    doc = document(lines)
    title = doc.add_paragraph()
    title.add_run("KẾ HOẠCH").bold = True
    title.add_run().add_break()
    title.add_run("Tuyên truyền cải cách hành chính xã Gio Sơn năm 2022").bold = True
    for line in ["I. NỘI DUNG", "Nội dung.", *TAIL]:
        add_runs(doc.add_paragraph(), line)
    plan = read(doc, tmp_path).plan
    assert plan.organization.parent == ""
    assert plan.organization.name == "ỦY BAN NHÂN DÂN XÃ GIO SƠN"
    assert (plan.number, plan.symbol) == ("", "KH-UBND")
    assert plan.issued_on == IssueDate(2022, 2)
    assert plan.organization.place == "Gio Sơn"
    assert plan.title == "Tuyên truyền cải cách hành chính xã Gio Sơn năm 2022"


def test_blank_date_and_header_table_of_one_row(tmp_path: Path) -> None:
    doc = docx.Document()
    add_table(doc, [[
        "UBND HUYỆN GIO LINH\nỦY BAN NHÂN DÂN\nXÃ GIO SƠN\n______\nSố: 32 /KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Gio Sơn, ngày  tháng  năm 2022",
    ]])  # fmt: skip
    for line in ["KẾ HOẠCH", "Tuyên truyền năm 2022", "I. NỘI DUNG", "Nội dung.", *TAIL]:
        add_runs(doc.add_paragraph(), line)
    plan = read(doc, tmp_path).plan
    assert plan.organization.parent == "UBND HUYỆN GIO LINH"
    assert plan.organization.name == "ỦY BAN NHÂN DÂN XÃ GIO SƠN"
    assert (plan.number, plan.issued_on, plan.year) == ("32", None, 2022)


def _merge_down(cell_above: object, cell_below: object) -> None:
    cell_above.merge(cell_below)  # type: ignore[attr-defined]


def appendix_document(rows: list[list[str]], *, two_row_header: bool) -> Document:
    doc = document([*HEADER, "**I. NHIỆM VỤ**", "Chi tiết tại Phụ lục.", *TAIL])
    for line in ["**Phụ lục**", "**CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH**", "**NĂM 2022**",
                 "*(Kèm theo Kế hoạch số 74/KH-SKHCN ngày 28/01/2022)*"]:  # fmt: skip
        paragraph = add_runs(doc.add_paragraph(), line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Columns in another order, with a "Kinh phí" column the application does not know.
    head = ["TT", "Nội dung công việc", "Thời hạn hoàn thành", "Đơn vị thực hiện", "",
            "Kinh phí (triệu đồng)", "Sản phẩm"]  # fmt: skip
    sub = ["", "", "", "Chủ trì", "Phối hợp", "", ""]
    numbers = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]
    header_rows = [head, sub, numbers] if two_row_header else [head, numbers]
    add_table(doc, [*header_rows, *rows])
    table = doc.tables[-1]
    if two_row_header:
        table.cell(0, 3).merge(table.cell(0, 4))
        table.cell(0, 3).text = "Đơn vị thực hiện"
        for col in (0, 1, 2, 5, 6):
            text = head[col]
            _merge_down(table.cell(0, col), table.cell(1, col))
            table.cell(0, col).text = text
    return doc


TASK_ROWS = [
    ["I. CẢI CÁCH THỂ CHẾ", "", "", "", "", "", ""],
    ["1", "Rà soát văn bản quy phạm pháp luật", "Quý II, III", "Văn phòng Sở",
     "Thanh tra Sở\nPhòng Quản lý chuyên ngành", "10", "Báo cáo rà soát"],
    ["2", "Tuyên truyền trên Trang thông tin điện tử", "Thường xuyên", "Văn phòng Sở",
     "Các phòng, đơn vị trực thuộc Sở", "", "Tin, bài"],
    ["II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", "", "", ""],
    ["3", "Công khai thủ tục hành chính", "6 tháng đầu năm",
     "Văn phòng Sở, Thanh tra Sở", "", "", "Thủ tục được công khai"],
    ["4", "Tự đánh giá Chỉ số cải cách hành chính", "Trước ngày 30/6",
     "Phòng Quản lý chuyên ngành", "- Văn phòng Sở\n- Thanh tra Sở", "5", "Báo cáo"],
    ["5", "Tổng kết năm", "Tháng 12/2022", "Văn phòng Sở", "", "", "Báo cáo tổng kết"],
    ["6", "Hỗ trợ khi được đề nghị", "Khi có yêu cầu", "Thanh tra Sở", "", "", ""],
]  # fmt: skip


def test_appendix_with_two_row_header_and_extra_columns(tmp_path: Path) -> None:
    result = read(appendix_document(TASK_ROWS, two_row_header=True), tmp_path)
    _check_appendix(result)


def test_appendix_with_one_row_header_and_extra_columns(tmp_path: Path) -> None:
    rows = [list(r) for r in TASK_ROWS]
    result = read(appendix_document(rows, two_row_header=False), tmp_path)
    # Without "Chủ trì | Phối hợp" the single "Đơn vị thực hiện" column is the lead.
    assert [t.lead for t in result.plan.tasks][:2] == [["Văn phòng Sở"], ["Văn phòng Sở"]]


def _check_appendix(result: DocxImport) -> None:
    plan = result.plan
    assert plan.appendix_title == "CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2022"
    tasks = plan.tasks
    assert [t.key for t in tasks] == ["T1", "T2", "T3", "T4", "T5", "T6"]
    assert [t.group for t in tasks] == ["I. CẢI CÁCH THỂ CHẾ"] * 2 + [
        "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
    ] * 4
    assert tasks[0].name == "Rà soát văn bản quy phạm pháp luật"
    assert tasks[0].product == "Báo cáo rà soát"
    assert tasks[0].lead == ["Văn phòng Sở"]
    assert tasks[0].partners == ["Thanh tra Sở", "Phòng Quản lý chuyên ngành"]
    # An office's own column stays a column of the plan, not a note.
    assert plan.extra_columns == ["Kinh phí (triệu đồng)"]
    assert tasks[0].extra == {"Kinh phí (triệu đồng)": "10"}
    assert tasks[0].note == ""
    assert plan.print_appendix
    assert tasks[1].partners == ["Các phòng, đơn vị trực thuộc Sở"]
    assert tasks[2].lead == ["Văn phòng Sở", "Thanh tra Sở"]
    assert tasks[3].partners == ["Văn phòng Sở", "Thanh tra Sở"]
    kinds = [(t.timeframe.kind, t.timeframe.label) for t in tasks]
    assert kinds == [
        (TimeframeKind.QUARTERS, "Quý II, III"),
        (TimeframeKind.RECURRING, "Thường xuyên"),
        (TimeframeKind.QUARTERS, "6 tháng đầu năm"),
        (TimeframeKind.DEADLINE, "Trước ngày 30/6"),
        (TimeframeKind.MONTHS, "Tháng 12/2022"),
        (TimeframeKind.YEAR, "Khi có yêu cầu"),  # not understood: kept, whole year
    ]
    assert tasks[0].timeframe.quarters == [2, 3]
    assert tasks[2].timeframe.quarters == [1, 2]
    assert tasks[3].timeframe.due == dt.date(2022, 6, 30)
    assert [(u.name, u.kind) for u in plan.units] == [
        ("Văn phòng Sở", UnitKind.UNIT),
        ("Thanh tra Sở", UnitKind.UNIT),
        ("Phòng Quản lý chuyên ngành", UnitKind.UNIT),
        ("Các phòng, đơn vị trực thuộc Sở", UnitKind.GROUP),
    ]
    assert any("Kinh phí (triệu đồng)" in w and "cột riêng" in w for w in result.warnings)
    assert any("dòng 11" in w and "Khi có yêu cầu" in w for w in result.warnings)


def test_unit_cells_with_line_breaks_and_known_units(tmp_path: Path) -> None:
    """Units one per line (a line break inside one paragraph); known units keep their
    spelling, short name and kind, and come first."""
    doc = document([*HEADER, "**I. NHIỆM VỤ**", "Chi tiết tại Phụ lục.", *TAIL, "Phụ lục"])
    add_table(doc, [
        ["STT", "Nhiệm vụ cụ thể", "Sản phẩm/Kết quả", "Đơn vị chủ trì", "Đơn vị phối hợp",
         "Thời gian thực hiện"],
        ["1", "Rà soát", "Báo cáo", "VP", "", "Năm 2022"],
        ["2", "Kiểm tra", "Kết luận", "thanh tra sở", "", "Quý IV"],
    ])  # fmt: skip
    cell = doc.tables[-1].cell(1, 4).paragraphs[0]
    cell.add_run("Phòng Kế hoạch - Tài chính")
    cell.add_run().add_break()
    cell.add_run("Trung tâm Thông tin, Thống kê và Ứng dụng KH&CN")
    known = [
        Unit("Văn phòng Sở", "VP"),
        Unit("Thanh tra Sở", "TTr"),
        Unit("Các phòng, đơn vị thuộc Sở", "", UnitKind.GROUP),
    ]
    plan = read(doc, tmp_path, known).plan
    assert [(t.lead, t.partners) for t in plan.tasks] == [
        (["Văn phòng Sở"], ["Phòng Kế hoạch - Tài chính",
                            "Trung tâm Thông tin, Thống kê và Ứng dụng KH&CN"]),
        (["Thanh tra Sở"], []),
    ]  # fmt: skip
    assert [(u.name, u.short) for u in plan.units] == [
        ("Văn phòng Sở", "VP"),
        ("Thanh tra Sở", "TTr"),
        ("Phòng Kế hoạch - Tài chính", ""),
        ("Trung tâm Thông tin, Thống kê và Ứng dụng KH&CN", ""),
    ]


def test_tables_that_are_not_task_tables(tmp_path: Path) -> None:
    """A list of people and a budget are no tasks; their text is kept where they stand."""
    doc = document([*HEADER, "**I. TỔ CHỨC THỰC HIỆN**", "Ban chỉ đạo gồm:"])
    add_table(doc, [
        ["STT", "Họ và tên", "Chức vụ", "Nhiệm vụ trong Ban"],
        ["1", "Nguyễn Văn A", "Giám đốc", "Trưởng ban"],
    ])  # fmt: skip
    add_runs(doc.add_paragraph(), "Kinh phí thực hiện:")
    add_table(doc, [["Nội dung", "Số tiền (đồng)"], ["In tờ gấp", "5.000.000"]])
    for line in TAIL:
        add_runs(doc.add_paragraph(), line)
    result = read(doc, tmp_path)
    plan = result.plan
    assert plan.tasks == [] and plan.units == [] and plan.appendix_title == ""
    assert outline(plan) == [
        ("I.", "TỔ CHỨC THỰC HIỆN", [
            ("plain", "Ban chỉ đạo gồm:"),
            ("plain", "STT | Họ và tên | Chức vụ | Nhiệm vụ trong Ban"),
            ("plain", "1 | Nguyễn Văn A | Giám đốc | Trưởng ban"),
            ("plain", "Kinh phí thực hiện:"),
            ("plain", "Nội dung | Số tiền (đồng)"),
            ("plain", "In tờ gấp | 5.000.000"),
        ]),
    ]  # fmt: skip
    assert sum("không phải bảng nhiệm vụ" in w for w in result.warnings) == 2
    assert result.warnings[0].startswith("Bảng 1:")


def test_bold_start_makes_a_heading_and_a_paragraph(tmp_path: Path) -> None:
    doc = document([*HEADER, "**I. NỘI DUNG**", "**1. Đối tượng:** Toàn thể công chức.", *TAIL])
    plan = read(doc, tmp_path).plan
    assert outline(plan) == [
        ("I.", "NỘI DUNG", []),
        ("1.", "Đối tượng:", [("plain", "Toàn thể công chức.")]),
    ]


def test_tracked_changes_and_text_boxes(tmp_path: Path) -> None:
    """Inserted text is read, deleted text is not; a text box's text follows its paragraph."""
    doc = document([*HEADER, "**I. NỘI DUNG**"])
    p = doc.add_paragraph("Tuyên truyền ")
    w = nsdecls("w")
    p._p.append(parse_xml(
        f'<w:ins {w} w:id="1" w:author="A" w:date="2022-01-01T00:00:00Z">'
        "<w:r><w:t>trên Cổng thông tin</w:t></w:r></w:ins>"
    ))  # fmt: skip
    p._p.append(parse_xml(
        f'<w:del {w} w:id="2" w:author="A" w:date="2022-01-01T00:00:00Z">'
        "<w:r><w:delText> và Zalo</w:delText></w:r></w:del>"
    ))  # fmt: skip
    p._p.append(parse_xml(f"<w:r {w}><w:t>.</w:t></w:r>"))
    box = doc.add_paragraph("Xem hộp bên cạnh.")
    box._p.append(parse_xml(
        f'<w:r {w} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>Ghi chú trong hộp văn bản.</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    ))  # fmt: skip
    for line in TAIL:
        add_runs(doc.add_paragraph(), line)
    plan = read(doc, tmp_path).plan
    assert outline(plan) == [
        ("I.", "NỘI DUNG", [
            ("plain", "Tuyên truyền trên Cổng thông tin."),
            ("plain", "Xem hộp bên cạnh."),
            ("plain", "Ghi chú trong hộp văn bản."),
        ]),
    ]  # fmt: skip


def test_nothing_understood_is_kept_and_reported(tmp_path: Path) -> None:
    """No "KẾ HOẠCH", no header: every paragraph still lands in the plan."""
    lines = ["Một đoạn văn không rõ là gì.", "I. PHẦN MỘT", "Nội dung phần một."]
    result = read(document(lines), tmp_path)
    plan = result.plan
    assert plan.doc_type == "KẾ HOẠCH"
    assert [p.text for p in plan.preamble] == ["Một đoạn văn không rõ là gì."]
    assert outline(plan) == [("I.", "PHẦN MỘT", [("plain", "Nội dung phần một.")])]
    assert any("Không thấy tên loại văn bản" in w for w in result.warnings)
    assert any("Không thấy tên cơ quan ban hành" in w for w in result.warnings)
    assert plan.year == dt.date.today().year


def test_plus_paragraph_keeps_style_through_word_level(tmp_path: Path) -> None:
    doc = document([*HEADER, "**I. NỘI DUNG**", " - + Chỉ số PAR INDEX tăng.", *TAIL])
    plan = read(doc, tmp_path).plan
    assert plan.sections[0].body[0].style is ParagraphStyle.PLUS


def test_sub_numbering_is_the_third_level(tmp_path: Path) -> None:
    """Sub-numbers typed ("1.1.") or from a "%1.%2." list level: the level under "1."."""
    doc = document([*HEADER, "**I. NỘI DUNG**", "**1. Hình thức**", "**1.1. Trên Cổng**",
                    "Đăng tin.", "**1.2.\tQua hội nghị**"])  # fmt: skip
    legal = add_numbering(doc, [("decimal", "%1."), ("decimal", "%1.%2.")])
    set_numbering(add_runs(doc.add_paragraph(), "Nội dung khác", bold=True), legal, 0)
    set_numbering(add_runs(doc.add_paragraph(), "Qua Zalo", bold=True), legal, 1)
    for line in TAIL:
        add_runs(doc.add_paragraph(), line)
    result = read(doc, tmp_path)
    assert outline(result.plan) == [
        ("I.", "NỘI DUNG", []),
        ("1.", "Hình thức", []),
        ("a)", "Trên Cổng", [("plain", "Đăng tin.")]),
        ("b)", "Qua hội nghị", []),
        ("2.", "Nội dung khác", []),
        ("a)", "Qua Zalo", []),
    ]
    renumbered = [w for w in result.warnings if "đánh số lại" in w]
    assert len(renumbered) == 3 and "“1.1.”" in renumbered[0]


def test_parent_and_issuer_in_one_paragraph_told_apart_by_bold(tmp_path: Path) -> None:
    doc = docx.Document()
    names = doc.add_paragraph()
    names.add_run("UBND TỈNH NINH THUẬN")
    names.add_run().add_break()
    names.add_run("SỞ LAO ĐỘNG - THƯƠNG BINH").bold = True
    names.add_run().add_break()
    names.add_run("VÀ XÃ HỘI").bold = True
    for line in [*HEADER[2:], "**I. NỘI DUNG**", "Nội dung.", *TAIL]:
        add_runs(doc.add_paragraph(), line)
    plan = read(doc, tmp_path).plan
    assert plan.organization.parent == "UBND TỈNH NINH THUẬN"
    assert plan.organization.name == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"


def test_reference_line_broken_over_two_paragraphs(tmp_path: Path) -> None:
    doc = document([*HEADER, "**I. NỘI DUNG**", "Nội dung.", *TAIL, "**PHỤ LỤC**",
                    "**DANH MỤC NHIỆM VỤ**", "*(Kèm theo Kế hoạch số 74/KH-SKHCN*",
                    "*ngày 28/01/2022 của Sở Khoa học và Công nghệ)*", "______"])  # fmt: skip
    add_table(doc, [
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian"],
        ["1", "Rà soát", "Văn phòng Sở", "Quý I"],
    ])  # fmt: skip
    result = read(doc, tmp_path)
    assert result.plan.appendix_title == "DANH MỤC NHIỆM VỤ"
    assert [p.text for p in result.plan.closing] == [TAIL[0]]
    assert [t.name for t in result.plan.tasks] == ["Rà soát"]
    assert result.warnings == []
