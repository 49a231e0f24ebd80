"""The period report as a Decree 30 .docx: format, figures and text from the check-ins."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from cchc_desktop.domain.dates import BLANK, short_date
from cchc_desktop.domain.model import Plan, Recipient
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.summary import summarize
from cchc_desktop.exports.docx_report import write_report_docx
from tests.exports.conftest import PLAN_FILES, REPORT_PERIODS, plan_id
from tests.exports.nd30_checker import Parts, check_nd30, split_parts
from tests.exports.test_docx_plan import grouped

ALL = [(plan_id(p), period) for p in PLAN_FILES for period in REPORT_PERIODS]
HAI_DUONG = "ke-hoach-74-skhcn-hai-duong-2022"
GIO_SON = "ke-hoach-32-ubnd-gio-son-2022"
Q1 = Period.parse("2022-Q1")


def parts_of(path: Path) -> Parts:
    return split_parts(docx.Document(str(path)))


def section_texts(parts: Parts, roman: str) -> list[str]:
    """The paragraphs under the heading "<roman>. ..." up to the next Roman heading."""
    texts = parts.body_texts
    start = next(i for i, t in enumerate(texts) if t.startswith(f"{roman}. "))
    out = []
    for text in texts[start + 1 :]:
        if text.split(" ", 1)[0] in ("I.", "II.", "III.", "IV.", "V.") or text.startswith(
            "Trên đây là"
        ):
            break
        out.append(text)
    return out


def _cell_text(tc) -> str:  # type: ignore[no-untyped-def]
    """One line per paragraph of the cell."""
    return "\n".join("".join(t.text for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))


def rows_of(parts: Parts) -> list[list[str]]:
    """The appendix rows that hold a task (not the header row, not group rows)."""
    assert parts.appendix is not None
    rows = []
    for tr in parts.appendix.table._tbl.tr_lst[1:]:
        cells = tr.findall(qn("w:tc"))
        if len(cells) > 1:
            rows.append([_cell_text(tc) for tc in cells])
    return rows


@pytest.fixture
def hai_duong(exported_reports) -> tuple[Plan, Path]:  # type: ignore[no-untyped-def]
    return exported_reports[(HAI_DUONG, "2022-Q1")]


@pytest.mark.parametrize(("name", "period"), ALL)
def test_every_report_passes_the_nd30_checklist(exported_reports, name, period) -> None:  # type: ignore[no-untyped-def]
    _, path = exported_reports[(name, period)]
    parts = check_nd30(path, doc_type="BÁO CÁO", kind="BC")
    assert parts.appendix is not None
    assert parts.appendix.title.text == (
        f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ {Period.parse(period).label().upper()}"
    )


OUTLINE = [
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "II. KẾT QUẢ THỰC HIỆN",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
]


def test_header_subject_and_cutoff(hai_duong) -> None:  # type: ignore[no-untyped-def]
    _, path = hai_duong
    parts = parts_of(path)
    assert parts.header.cell(1, 0).paragraphs[0].text == f"Số: {BLANK}/BC-SKHCN"
    assert parts.header.cell(1, 1).paragraphs[0].text == f"Hải Dương, ngày{BLANK}tháng 3 năm 2022"
    assert parts.doc_type.text == "BÁO CÁO"
    assert parts.subject.text == "Kết quả thực hiện Kế hoạch số 74/KH-SKHCN quý I năm 2022"
    assert parts.addressee_texts == ["Kính gửi:", "- UBND tỉnh;", "- Sở Nội vụ."]
    assert parts.body_texts[0] == (
        "Thực hiện Kế hoạch số 74/KH-SKHCN ngày 28/01/2022 của Sở Khoa học và Công nghệ về "
        "tuyên truyền cải cách hành chính Nhà nước năm 2022, Sở Khoa học và Công nghệ báo cáo "
        "kết quả thực hiện quý I năm 2022 như sau:"
    )
    assert parts.body_texts[1] == (
        "Kỳ báo cáo: quý I năm 2022; số liệu tính từ ngày 15/12/2021 đến ngày 14/03/2022."
    )
    headings = [
        t for t in parts.body_texts if t.split(" ", 1)[0] in ("I.", "II.", "III.", "IV.", "V.")
    ]
    assert headings == OUTLINE
    assert section_texts(parts, "I")[0] == (
        "- Sở Khoa học và Công nghệ đã ban hành Kế hoạch số 74/KH-SKHCN ngày 28/01/2022 về "
        "tuyên truyền cải cách hành chính Nhà nước năm 2022 để triển khai thực hiện."
    )
    assert parts.body_texts[-1] == (
        "Trên đây là báo cáo kết quả quý I năm 2022 thực hiện Kế hoạch số 74/KH-SKHCN của "
        "Sở Khoa học và Công nghệ./."
    )
    assert parts.appendix is not None
    assert parts.appendix.reference.text == (
        f"(Kèm theo Báo cáo số {BLANK}/BC-SKHCN ngày{BLANK}tháng 3 năm 2022 "
        "của Sở Khoa học và Công nghệ)"
    )


def test_cutoff_day_is_configurable_and_as_of_sets_the_month(hai_duong, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan, _ = hai_duong
    org = dataclasses.replace(plan.organization, cutoff_day=20)
    plan = dataclasses.replace(plan, organization=org)
    target = tmp_path / "bc.docx"
    write_report_docx(plan, Q1, target, as_of=dt.date(2022, 4, 2))
    parts = check_nd30(target, doc_type="BÁO CÁO", kind="BC")
    start, end = summarize(plan, Q1).cutoff
    assert (short_date(start), short_date(end)) == ("20/12/2021", "19/03/2022")
    assert parts.body_texts[1] == (
        "Kỳ báo cáo: quý I năm 2022; số liệu tính từ ngày 20/12/2021 đến ngày 19/03/2022."
    )
    assert parts.header.cell(1, 1).paragraphs[0].text == f"Hải Dương, ngày{BLANK}tháng 4 năm 2022"


def test_results_task_by_task_from_the_checkins(hai_duong) -> None:  # type: ignore[no-untyped-def]
    plan, path = hai_duong
    summary = summarize(plan, Q1)
    results = section_texts(parts_of(path), "II")
    p = summary.partition
    assert results[0] == (
        f"Trong kỳ có {p.total} nhiệm vụ đến kỳ thực hiện; đã hoàn thành {p.done} "
        "nhiệm vụ (0%). Cụ thể:"
    )
    assert results[1:3] == [
        "- Đang thực hiện: 5 nhiệm vụ (83,3%);",
        "- Chưa triển khai: 1 nhiệm vụ (16,7%).",
    ]
    for n, state in enumerate(summary.states, start=1):
        i = results.index(f"{n}. {state.task.name}")
        block = results[i + 1 : i + 6]
        assert block[0].startswith(f"- Tình trạng: {state.label}")
        checkin = state.checkin
        assert checkin is not None  # every Hai Duong task was reported in Q1
        assert any(checkin.result.strip().rstrip(".") in line for line in block)
        for evidence in checkin.evidence:
            assert any(evidence.title in line for line in block)
    assert "- Tình trạng: Đang thực hiện, đạt 25%." in results


def test_limitations_next_tasks_and_internal_proposals(hai_duong) -> None:  # type: ignore[no-untyped-def]
    plan, path = hai_duong
    parts = parts_of(path)
    t2 = plan.task("T2")
    assert t2 is not None
    checkin = next(c for c in plan.checkins_of("T2") if c.period == Q1)
    assessment = section_texts(parts, "III")
    assert assessment[0] == "1. Ưu điểm"
    assert f"- {t2.name}: {checkin.difficulties}" in assessment
    following = section_texts(parts, "IV")
    assert following[0] == "Trong quý II năm 2022, tập trung thực hiện các nhiệm vụ sau:"
    for task in plan.tasks:  # none finished in Q1, all due in Q2
        assert any(line.startswith(f"- {task.name} (") for line in following)
    # T2's proposal asks the Sở's own Văn phòng: internal, kept out of the report.
    assert checkin.proposals.startswith("Đề nghị Văn phòng Sở")
    assert section_texts(parts, "V") == ["Không có."]
    assert all(checkin.proposals not in text for text in parts.body_texts)


def test_units_that_did_not_report_are_not_listed(exported_reports) -> None:  # type: ignore[no-untyped-def]
    plan, path = exported_reports[(GIO_SON, "2022-Q1")]
    summary = summarize(plan, Q1)
    assert summary.missing  # nobody reported in the Gio Son fixture
    texts = parts_of(path).body_texts
    for unit in summary.missing:
        assert not any(f"{unit} chưa báo cáo" in t for t in texts)
    assert section_texts(parts_of(path), "V") == ["Không có."]


def test_appendix_has_one_row_per_task_and_its_state(exported_reports) -> None:  # type: ignore[no-untyped-def]
    for period in REPORT_PERIODS:
        plan, path = exported_reports[(HAI_DUONG, period)]
        summary = summarize(plan, Period.parse(period))
        rows = rows_of(parts_of(path))
        assert len(rows) == len(summary.states)
        for n, (state, row) in enumerate(zip(summary.states, rows, strict=True), start=1):
            assert row[0] == str(n)
            assert row[1] == state.task.name
            assert row[2].split("\n")[0].rstrip(";") == state.task.lead[0]
            assert row[3] == state.task.timeframe.display_label(plan.year)
            assert row[4].startswith(state.label)
            window = [c for c in plan.checkins_of(state.task.key) if c.period.quarters[0]
                      in Period.parse(period).quarters]  # fmt: skip
            for c in window:
                assert c.result in row[5]
                for e in c.evidence:
                    assert e.title in row[6]


@pytest.mark.parametrize("period", ["2022-H1", "2022"])
def test_cumulative_reports_keep_every_q1_result_and_evidence(exported_reports, period) -> None:  # type: ignore[no-untyped-def]
    """Acceptance: the H1 and year reports hold every Q1 result text and evidence title of
    the JSON, as "Quý I: …; Quý II: …"; the H1 appendix evidence column is not empty."""
    plan, path = exported_reports[(HAI_DUONG, period)]
    parts = parts_of(path)
    text = "\n".join(parts.body_texts)
    rows = rows_of(parts)
    q1 = [c for c in plan.checkins if c.period == Q1]
    assert len(q1) == 6 and any(c.evidence for c in q1)
    for c in q1:
        assert c.result.strip().rstrip(".") in text
        assert any(c.result.strip() in row[5] for row in rows)
        for e in c.evidence:
            assert e.title in text
            assert any(e.title in row[6] for row in rows)
    t1 = next(row for row in rows if row[1] == plan.tasks[0].name)
    assert t1[5].startswith("Quý I: Đã ban hành văn bản") and "\nQuý II: Tiếp tục" in t1[5]
    assert t1[6] == "Quý I: Công văn số 45/SKHCN-VP ngày 10/3/2022"
    assert any("Kết quả: Quý I: " in t and "; Quý II: " in t for t in parts.body_texts)
    assert "- Tài liệu kiểm chứng: Quý I: Công văn số 45/SKHCN-VP ngày 10/3/2022." in text
    # Every Q2 result too: nothing dropped.
    for c in plan.checkins:
        assert c.result.strip().rstrip(".") in text


def test_a_quarter_report_shows_that_quarter_only(exported_reports) -> None:  # type: ignore[no-untyped-def]
    plan, path = exported_reports[(HAI_DUONG, "2022-Q1")]
    text = "\n".join(parts_of(path).body_texts)
    assert "Quý I: " not in text
    for c in plan.checkins:
        assert (c.result.strip().rstrip(".") in text) == (c.period == Q1)


def test_grouped_tasks_make_group_rows_and_subsections(hai_duong, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = grouped(hai_duong[0])
    target = tmp_path / "bc.docx"
    write_report_docx(plan, Period.parse("2022"), target)
    parts = check_nd30(target, doc_type="BÁO CÁO", kind="BC")
    groups = list(dict.fromkeys(t.group for t in plan.tasks))
    results = section_texts(parts, "II")
    numbered = [t for t in results if t[:2] in {"1.", "2.", "3."} or t[:2] in {"a)", "b)", "c)"}]
    assert numbered == [
        f"1. {groups[0]}", *(f"{x}) {t.name}" for x, t in zip("abc", plan.tasks[:3], strict=True)),
        f"2. {groups[1]}", *(f"{x}) {t.name}" for x, t in zip("abc", plan.tasks[3:], strict=True)),
    ]  # fmt: skip
    assert parts.appendix is not None
    spans = [
        "".join(t.text for t in tr.iter(qn("w:t")))
        for tr in parts.appendix.table._tbl.tr_lst[1:]
        if len(tr.findall(qn("w:tc"))) == 1
    ]
    assert spans == groups


def test_addressees_recipients_and_signer(exported_reports, hai_duong, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def recipients(path: Path) -> list[str]:
        parts = parts_of(path)
        return [p.text for p in parts.signature.cell(0, 0).paragraphs if p.text][1:]

    plan, path = hai_duong
    assert recipients(path) == ["- Như trên;", "- Lưu: VT, VP."]
    signer = [p.text for p in parts_of(path).signature.cell(0, 1).paragraphs if p.text]
    assert signer == ["GIÁM ĐỐC", "Trần Anh Tuấn"]
    _, gio_son = exported_reports[(GIO_SON, "2022-Q1")]
    assert recipients(gio_son) == ["- Như trên;", "- Lưu: VT."]
    # No "để b/c" in the Gio Son plan: the body above the commune.
    assert parts_of(gio_son).addressee_texts == ["Kính gửi: Ủy ban nhân dân huyện Gio Linh."]
    nobody = dataclasses.replace(plan, recipients=[])
    write_report_docx(nobody, Q1, tmp_path / "bc.docx")
    assert parts_of(tmp_path / "bc.docx").addressee_texts == ["Kính gửi: UBND tỉnh Hải Dương."]
    upward = dataclasses.replace(plan, recipients=[Recipient("UBND huyện", "để b/c")])
    write_report_docx(upward, Q1, tmp_path / "bc2.docx")
    assert parts_of(tmp_path / "bc2.docx").addressee_texts == ["Kính gửi: UBND huyện."]
    assert recipients(tmp_path / "bc2.docx") == ["- Như trên;", "- Lưu: VT, VP."]


def test_blank_plan_number_reads_well_in_the_subject(exported_reports) -> None:  # type: ignore[no-untyped-def]
    plan, path = exported_reports[("ke-hoach-sldtbxh-ninh-thuan-2022", "2022-H1")]
    assert plan.number == ""
    parts = parts_of(path)
    assert parts.subject.text == (
        "Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính 6 tháng đầu năm 2022"
    )
    assert parts.header.cell(1, 0).paragraphs[0].text == f"Số: {BLANK}/BC-SLĐTBXH"
