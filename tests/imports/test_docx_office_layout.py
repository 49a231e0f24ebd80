"""Plans typed the way offices type them, through .docx → import → .docx → import (issue 15).

* An appendix table with a Ghi chú column (notes, "Chỉ tiêu: 20 tin, bài") and a column of
  the office's own ("Kinh phí (triệu đồng)", "Nguồn kinh phí"): both survive the round trip
  with identical content, printed in their place.
* Untitled khoản (a long sentence after the number, Quảng Ngãi's items 7–10) read as
  numbered items, not titles, and print upright; titled ones stay bold headings.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from cchc_desktop.domain.model import Plan, SectionKind, Target
from cchc_desktop.exports.docx_plan import write_plan_docx
from cchc_desktop.imports.docx_plan import read_plan_docx
from cchc_desktop.interchange import dump_plan
from tests.exports.nd30_checker import check_nd30, split_parts
from tests.imports.docgen import add_runs, add_table, save
from tests.imports.test_docx_foreign import HEADER, TAIL, document

OFFICE_HEAD = ["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
               "Thời gian hoàn thành", "Kinh phí (triệu đồng)", "Nguồn kinh phí",
               "Ghi chú"]  # fmt: skip
OFFICE_ROWS = [
    ["1", "Đăng tin, bài về cải cách hành chính trên Trang thông tin điện tử", "Tin, bài",
     "Văn phòng Sở", "Các phòng, đơn vị trực thuộc Sở", "Thường xuyên", "15",
     "Ngân sách tỉnh", "Chỉ tiêu: 20 tin, bài\nƯu tiên tin về TTHC"],
    ["2", "Tổ chức hội nghị tập huấn cải cách hành chính", "Hội nghị", "Văn phòng Sở", "",
     "Quý III", "40,5", "Nguồn sự nghiệp", "Phối hợp Sở Nội vụ"],
    ["3", "Tổng kết năm", "Báo cáo", "Văn phòng Sở", "", "Tháng 12/2022", "", "", ""],
]  # fmt: skip


def office_plan(tmp_path: Path) -> Path:
    doc = document([*HEADER, "**I. NHIỆM VỤ**", "Các nhiệm vụ cụ thể như sau.", *TAIL])
    for line in ["**Phụ lục**", "**CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2022**",
                 "*(Kèm theo Kế hoạch số 74/KH-SKHCN ngày 28/01/2022)*"]:  # fmt: skip
        add_runs(doc.add_paragraph(), line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_table(doc, [OFFICE_HEAD, *OFFICE_ROWS])
    return save(doc, tmp_path / "van-phong.docx")


def _tasks_json(plan: Plan) -> list[dict[str, object]]:
    return json.loads(dump_plan(plan))["plan"]["tasks"]  # type: ignore[no-any-return]


def test_notes_targets_and_kinh_phi_survive_two_round_trips(tmp_path: Path) -> None:
    first = read_plan_docx(office_plan(tmp_path)).plan
    assert first.extra_columns == ["Kinh phí (triệu đồng)", "Nguồn kinh phí"]
    t1, t2, t3 = first.tasks
    assert t1.target == Target(20, "tin, bài") and t1.note == "Ưu tiên tin về TTHC"
    assert t1.extra == {"Kinh phí (triệu đồng)": "15", "Nguồn kinh phí": "Ngân sách tỉnh"}
    assert t2.note == "Phối hợp Sở Nội vụ" and t2.target is None
    assert t2.extra == {"Kinh phí (triệu đồng)": "40,5", "Nguồn kinh phí": "Nguồn sự nghiệp"}
    assert t3.extra == {} and t3.note == ""
    assert first.print_appendix

    once = tmp_path / "lan-1.docx"
    write_plan_docx(first, once)
    second = read_plan_docx(once, first.units).plan
    again = tmp_path / "lan-2.docx"
    write_plan_docx(second, again)
    third = read_plan_docx(again, first.units).plan
    assert _tasks_json(second) == _tasks_json(first)
    assert _tasks_json(third) == _tasks_json(first)
    assert second.extra_columns == third.extra_columns == first.extra_columns

    # Printed in their place: after "Thời gian thực hiện", Ghi chú last.
    parts = check_nd30(again)
    assert parts.appendix is not None
    rows = parts.appendix.table.rows
    header = [c.text for c in rows[0].cells]
    assert header[-3:] == ["Kinh phí (triệu đồng)", "Nguồn kinh phí", "Ghi chú"]
    assert [c.text for c in rows[1].cells][-3:] == [
        "15", "Ngân sách tỉnh", "Chỉ tiêu: 20 tin, bài\nƯu tiên tin về TTHC",
    ]  # fmt: skip
    widths = [int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w"))) for tc in
              rows[1]._tr.findall(qn("w:tc"))]  # fmt: skip
    assert sum(widths) <= 14300  # the landscape text width (252 mm)


def test_ghi_chu_printed_only_when_a_task_has_a_note_or_target(tmp_path: Path) -> None:
    plan = read_plan_docx(office_plan(tmp_path)).plan
    plan.extra_columns = []
    for task in plan.tasks:
        task.extra, task.note, task.target = {}, "", None
    out = tmp_path / "khong-ghi-chu.docx"
    write_plan_docx(plan, out)
    header = [c.text for c in split_parts(docx.Document(str(out))).appendix.table.rows[0].cells]  # type: ignore[union-attr]
    assert "Ghi chú" not in header and len(header) == 6


QUANG_NGAI_STYLE = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "Nâng cao nhận thức của cán bộ, công chức về cải cách hành chính.",
    "II. NHIỆM VỤ TRỌNG TÂM",
    "1. Cải cách thể chế",
    "Rà soát văn bản quy phạm pháp luật.",
    "2. Cải cách thủ tục hành chính",
    "Công khai thủ tục hành chính.",
    "3. Tăng cường kiểm tra, giám sát việc thực hiện nhiệm vụ cải cách hành chính tại các "
    "cơ quan, đơn vị, địa phương; kịp thời chấn chỉnh những tồn tại, hạn chế.",
    "4. Đẩy mạnh ứng dụng công nghệ thông tin trong hoạt động của cơ quan hành chính nhà "
    "nước, nâng cao chất lượng cung cấp dịch vụ công trực tuyến toàn trình.",
]


def test_untitled_khoan_read_as_items_and_printed_upright(tmp_path: Path) -> None:
    plain = (
        [line.replace("*", "") for line in HEADER]
        + QUANG_NGAI_STYLE
        + [line.replace("*", "") for line in TAIL]
    )
    source = save(document(plain), tmp_path / "quang-ngai.docx")
    plan = read_plan_docx(source).plan
    tasks_section = plan.sections[1]
    kinds = [(c.heading[:20], c.kind) for c in tasks_section.children]
    assert kinds == [
        ("Cải cách thể chế", SectionKind.HEADING),
        ("Cải cách thủ tục hàn", SectionKind.HEADING),
        ("Tăng cường kiểm tra,", SectionKind.ITEM),
        ("Đẩy mạnh ứng dụng cô", SectionKind.ITEM),
    ]
    out = tmp_path / "quang-ngai-xuat.docx"
    write_plan_docx(plan, out)
    parts = check_nd30(out)  # includes the khoản/điểm rules (upright, numbering goes on)
    by_start = {p.text[:12]: p for p in parts.body}
    for start in ("3. Tăng cườn", "4. Đẩy mạnh "):
        runs = [r for r in by_start[start].runs if r.text.strip()]
        assert runs and not any(r.bold or r.italic for r in runs), start
    assert all(r.bold for r in by_start["1. Cải cách "].runs if r.text.strip())
    # And back again: the same items.
    back = read_plan_docx(out).plan
    assert [c.kind for c in back.sections[1].children] == [c.kind for c in tasks_section.children]
