"""Reports print every unit's answer (issue 14, item 4): the lead's answer as the task's result,
the partners' contributions after it with the unit's name ("Phối hợp — Ban biên tập Trang
TTĐT: …"), in the .docx and in the .xlsx; the figures count tasks, not contributions."""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl

from cchc_desktop.domain.model import CheckIn, Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.exports.docx_report import write_report_docx
from cchc_desktop.exports.xlsx_report import write_report_xlsx
from cchc_desktop.interchange import read_plan_file
from tests.exports.test_report_acceptance import all_text
from tests.forms.form_helpers import HAI_DUONG

Q2, H1 = Period.parse("2022-Q2"), Period.parse("2022-H1")
WEB, NEWS = "Ban biên tập Trang TTĐT", "Bản tin KH&CN"


def _plans() -> tuple[Plan, Plan]:
    """The Hải Dương plan as it is, and with partners' contributions beside the lead's
    answers in Q1 and Q2 (one of them, T5 in Q2, where the lead's answer is taken away)."""
    plain = read_plan_file(HAI_DUONG)
    plan = copy.deepcopy(plain)
    plan.checkins = [c for c in plan.checkins if not (c.task == "T5" and c.period == Q2)]
    plain.checkins = [c for c in plain.checkins if not (c.task == "T5" and c.period == Q2)]
    plan.checkins += [
        CheckIn("T6", Q2, Status.DONE, 100, "Đăng 4 tin về ISO 9001", unit=WEB),
        CheckIn("T6", Q2, result="Một số Bản tin có chuyên mục ISO", unit=NEWS),
        CheckIn("T6", Period.parse("2022-Q1"), result="Đăng 1 tin", unit=WEB),
        CheckIn("T5", Q2, result="Trang đăng 6 bài", unit=WEB),
    ]
    return plain, plan


LEAD_T6 = (
    "Đã ban hành Kế hoạch, Quyết định kiểm tra việc duy trì, áp dụng HTQLCL năm 2022; đã kiểm "
    "tra, hướng dẫn tại một số cơ quan hành chính nhà nước trên địa bàn tỉnh."
)


def _after(lines: list[str], start: str, count: int) -> list[str]:
    i = next(n for n, line in enumerate(lines) if line.endswith(start))
    return lines[i : i + count]


def test_docx_prints_partners_after_the_lead_and_counts_tasks(tmp_path: Path) -> None:
    plain, plan = _plans()
    write_report_docx(plain, Q2, tmp_path / "plain.docx")
    write_report_docx(plan, Q2, tmp_path / "with.docx")
    before = all_text(tmp_path / "plain.docx").split("\n")
    text = all_text(tmp_path / "with.docx").split("\n")
    t6 = plan.task("T6")
    assert t6 is not None
    # T6: the lead's answer is the result; the partners' follow with their unit's name.
    block = _after(text, t6.name, 8)
    lead_line = next(i for i, line in enumerate(block) if line.startswith("- Kết quả:"))
    assert block[lead_line] == f"- Kết quả: {LEAD_T6}"
    partners = [line for line in block if line.startswith("- Phối hợp")]
    assert partners == [
        f"- Phối hợp — {WEB}: Đăng 4 tin về ISO 9001.",
        f"- Phối hợp — {NEWS}: Một số Bản tin có chuyên mục ISO.",
    ]
    assert block.index(partners[0]) > lead_line
    # A partner marked "done" does not make the task done: the lead's state stands.
    assert block[1] == before[before.index(block[0]) + 1]
    assert "Tình trạng: Đang thực hiện" in block[1]
    # T5: the lead has not reported this quarter (its Q1 words are said to be Q1's); the
    # partner's words are shown as a contribution only, and the task counts as not reported.
    t5 = plan.task("T5")
    assert t5 is not None
    block = _after(text, t5.name, 5)
    assert block[3].endswith("(theo báo cáo Quý I/2022)")
    assert block[4] == f"- Phối hợp — {WEB}: Trang đăng 6 bài."
    assert "- Chưa báo cáo: 1 nhiệm vụ (16,7%)." in text
    # The figures count tasks: every line that is not a partner's is the same as without them.
    assert [line for line in text if not line.startswith("- Phối hợp")] == before


def test_half_year_docx_gives_each_quarter_of_a_partner(tmp_path: Path) -> None:
    _plain, plan = _plans()
    write_report_docx(plan, H1, tmp_path / "h1.docx")
    text = all_text(tmp_path / "h1.docx")
    assert f"- Phối hợp — {WEB}: Quý I: Đăng 1 tin; Quý II: Đăng 4 tin về ISO 9001." in text


def test_xlsx_detail_and_summary(tmp_path: Path) -> None:
    plain, plan = _plans()
    write_report_xlsx(plain, Q2, tmp_path / "plain.xlsx")
    write_report_xlsx(plan, Q2, tmp_path / "with.xlsx")
    old, new = (
        openpyxl.load_workbook(tmp_path / "plain.xlsx"),
        openpyxl.load_workbook(tmp_path / "with.xlsx"),
    )
    detail = new["Chi tiết"]
    result_col = next(
        c.column
        for row in detail.iter_rows(max_row=10)
        for c in row
        if c.value == "Kết quả thực hiện"
    )
    rows = {
        str(detail.cell(r, 2).value): detail.cell(r, result_col).value
        for r in range(1, detail.max_row + 1)
    }
    t6, t5 = plan.task("T6"), plan.task("T5")
    assert t6 is not None and t5 is not None
    assert rows[t6.name] == (
        f"{LEAD_T6}\n"
        f"Phối hợp — {WEB}: Đăng 4 tin về ISO 9001.\n"
        f"Phối hợp — {NEWS}: Một số Bản tin có chuyên mục ISO."
    )
    assert str(rows[t5.name]).endswith(f"\nPhối hợp — {WEB}: Trang đăng 6 bài.")
    # Summary figures (tasks by state, per unit) are those of the plan without contributions.
    for name in ("Tổng hợp", "Chưa báo cáo"):
        values = [[c.value for c in row] for row in new[name].iter_rows()]
        assert values == [[c.value for c in row] for row in old[name].iter_rows()], name
