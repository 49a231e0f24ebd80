"""Acceptance of issue 13 over every example plan and every report period: the figures after
"Cụ thể" add up to 100 %, "quá hạn" stands apart, no sentence is glued wrong, the outline,
"Kính gửi" and "- Như trên;" are there, internal matters stay out."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report_checks import proposal_is_outward
from cchc_desktop.domain.report_phrases import doubled_groups
from cchc_desktop.domain.report_record import ReportRecord
from cchc_desktop.exports.docx_report import write_report_docx
from cchc_desktop.interchange import read_plan_file
from tests.exports.conftest import PLAN_FILES, plan_id
from tests.exports.nd30_checker import check_nd30, split_parts

PERIODS = ("2022-Q1", "2022-H1", "2022-Q3", "2022")
OUTLINE = [
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "II. KẾT QUẢ THỰC HIỆN",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
]
_SHARE = re.compile(r"^- [^:]+: (\d+) nhiệm vụ \((\d+(?:,\d)?)%\)[;.]$")


def all_text(path: Path) -> str:
    """Every paragraph of the document, tables included, one a line."""
    body = docx.Document(str(path)).element.body
    return "\n".join("".join(t.text for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Plan, Path]]:
    out = {}
    folder = tmp_path_factory.mktemp("acceptance")
    for file in PLAN_FILES:
        plan = read_plan_file(file)
        for period in PERIODS:
            target = folder / f"{plan_id(file)}-{period}.docx"
            write_report_docx(plan, Period.parse(period), target)
            out[(plan_id(file), period)] = (plan, target)
    return out


CASES = [(plan_id(f), p) for f in PLAN_FILES for p in PERIODS]


@pytest.mark.parametrize(("name", "period"), CASES)
def test_partition_after_cu_the_sums_to_100(reports, name, period) -> None:  # type: ignore[no-untyped-def]
    _, path = reports[(name, period)]
    texts = split_parts(docx.Document(str(path))).body_texts
    i = next(i for i, t in enumerate(texts) if t.endswith("Cụ thể:"))
    total = int(re.search(r"Trong kỳ có (\d+) nhiệm vụ", texts[i])[1])  # type: ignore[index]
    shares = []
    for line in texts[i + 1 :]:
        m = _SHARE.match(line)
        if not m:
            break
        shares.append((int(m[1]), float(m[2].replace(",", "."))))
        assert "quá hạn" not in line.casefold()
    assert shares, texts[i : i + 3]
    assert sum(n for n, _ in shares) == total
    assert abs(sum(p for _, p in shares) - 100) <= 0.1
    after = texts[i + 1 + len(shares)]
    if "quá hạn" in "\n".join(texts[i:]).split("1. ")[0]:
        assert after.startswith("Ngoài ra, có ") and "quá hạn" in after


@pytest.mark.parametrize(("name", "period"), CASES)
def test_no_garbled_sentence_and_the_outline(reports, name, period) -> None:  # type: ignore[no-untyped-def]
    plan, path = reports[(name, period)]
    text = all_text(path)
    assert doubled_groups(text) == []
    assert "Kế hoạch ngày" not in text and "Kế hoạch số /" not in text
    assert "Kế hoạch số  " not in text
    parts = check_nd30(path, doc_type="BÁO CÁO", kind="BC")
    assert parts.addressee_texts[0].startswith("Kính gửi:")
    recipients = [p.text for p in parts.signature.cell(0, 0).paragraphs if p.text]
    assert recipients[1] == "- Như trên;" and recipients[-1].startswith("- Lưu: ")
    headings = [
        t for t in parts.body_texts if t.split(" ", 1)[0] in ("I.", "II.", "III.", "IV.", "V.")
    ]
    assert headings == OUTLINE
    if not plan.number:  # "Kế hoạch … ngày …" only where the date exists
        assert plan.issued_on is not None and plan.issued_on.day is None
        assert "ban hành tháng 02/2022" in text and "Kế hoạch tuyên truyền" in text


@pytest.mark.parametrize(("name", "period"), CASES)
def test_internal_proposals_and_unit_lists_stay_out(reports, name, period) -> None:  # type: ignore[no-untyped-def]
    plan, path = reports[(name, period)]
    text = all_text(path)
    internal = [c for c in plan.checkins if c.proposals and not proposal_is_outward(c, plan)]
    if name.endswith("hai-duong-2022"):  # both its proposals address the Sở's own units
        assert len(internal) == 2
    for c in internal:
        assert c.proposals.strip().rstrip(".") not in text
    assert "chưa báo cáo kết quả" not in text.replace("Đơn vị chủ trì chưa báo cáo kết quả", "")


def test_an_outward_proposal_goes_in_and_a_flag_overrides_the_rule(tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = read_plan_file(next(f for f in PLAN_FILES if "hai-duong" in f.name))
    q1 = [c for c in plan.checkins if c.period == Period.parse("2022-Q1")]
    q1[0].proposals = "Đề nghị UBND tỉnh bố trí kinh phí tuyên truyền CCHC."
    q1[1].proposals_scope = "outward"  # the unit says T2's proposal goes up after all
    q1[2].proposals = "Đề nghị Sở Nội vụ tổ chức tập huấn."
    q1[2].proposals_scope = "internal"
    target = tmp_path / "bc.docx"
    write_report_docx(plan, Period.parse("2022-Q1"), target)
    texts = split_parts(docx.Document(str(target))).body_texts
    v = texts[texts.index("V. ĐỀ XUẤT, KIẾN NGHỊ") + 1 : -1]
    assert v == [f"- {q1[0].proposals}", f"- {q1[1].proposals}"]


def test_report_number_and_date_from_the_record(tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = read_plan_file(next(f for f in PLAN_FILES if "hai-duong" in f.name))
    period = Period.parse("2022-H1")
    record = ReportRecord(period, number="125", issued_on=IssueDate(2022, 6, 18))
    record.addressees = ["Ủy ban nhân dân tỉnh Hải Dương"]
    record.recipients = ["Lãnh đạo Sở"]
    plan = dataclasses.replace(plan, reports=[record])
    target = tmp_path / "bc.docx"
    write_report_docx(plan, period, target)
    parts = check_nd30(target, doc_type="BÁO CÁO", kind="BC")
    assert parts.header.cell(1, 0).paragraphs[0].text == "Số: 125/BC-SKHCN"
    assert parts.header.cell(1, 1).paragraphs[0].text == "Hải Dương, ngày 18 tháng 6 năm 2022"
    assert parts.addressee_texts == ["Kính gửi: Ủy ban nhân dân tỉnh Hải Dương."]
    recipients = [p.text for p in parts.signature.cell(0, 0).paragraphs if p.text][1:]
    assert recipients == ["- Như trên;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."]
    assert parts.appendix is not None
    assert "Báo cáo số 125/BC-SKHCN ngày 18 tháng 6 năm 2022" in parts.appendix.reference.text
    assert "Số: /BC" not in all_text(target)
