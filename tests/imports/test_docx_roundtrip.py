"""Export every fixture plan with our own .docx exporter, import it back: the same plan.

"The same" is the interchange JSON, ids and check-ins aside. A Word page cannot carry a
few things, and the comparison says so instead of hiding them:

* level-1 headings are printed in capitals (Decree 30), so they come back in capitals;
* an empty timeframe label is printed as the default label ("Năm 2022"), which comes back
  as the label (the kind, quarters, months and due date are the same);
* a plan with tasks and no appendix title gets the exporter's default title;
* the appendix is printed ("in phụ lục nhiệm vụ" on) so that the tasks come back;
* unit short names and the order of the unit list are not printed: the strict tests pass
  the plan's units as the units the application already knows (as the window does), the
  others compare names and kinds.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cchc_desktop.domain.model import (
    Organization,
    Paragraph,
    ParagraphStyle,
    Plan,
    Recipient,
    Section,
    Signer,
    Task,
    Unit,
    UnitKind,
)
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind
from cchc_desktop.exports import docx_plan as docx_export
from cchc_desktop.imports.docx_plan import read_plan_docx
from cchc_desktop.interchange import dump_plan, read_plan_file

PLANS = sorted((Path(__file__).parents[1] / "fixtures" / "plans").glob("*.plan.json"))


def interchange(plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dump_plan(plan))
    data["plan"]["checkins"] = []
    return data


def printable(plan: Plan) -> dict[str, Any]:
    """The fixture as a Word page shows it (see the module docstring)."""
    data = interchange(plan)
    body = data["plan"]
    for section in body["sections"]:
        section["heading"] = section["heading"].upper()
    for task, source in zip(body["tasks"], plan.tasks, strict=True):
        task["timeframe"]["label"] = source.timeframe.display_label(plan.year)
    if plan.tasks and not plan.appendix_title.strip():
        body["appendix_title"] = docx_export.appendix_title(plan)
        body.pop("print_appendix", None)  # on, as a plan with an appendix title is
    return data


def renumbered(data: dict[str, Any]) -> dict[str, Any]:
    """Task keys T1..Tn (the importer numbers them so; our fixtures already are)."""
    data = copy.deepcopy(data)
    for n, task in enumerate(data["plan"]["tasks"], start=1):
        task["key"] = f"T{n}"
    return data


def export_and_read(plan: Plan, tmp_path: Path, *, known: bool) -> tuple[Plan, list[str]]:
    plan.print_appendix = True  # what is read back is the appendix too
    target = tmp_path / "plan.docx"
    docx_export.write_plan_docx(plan, target)
    result = read_plan_docx(target, plan.units if known else ())
    return result.plan, result.warnings


@pytest.mark.parametrize("fixture", PLANS, ids=[p.name.split(".")[0] for p in PLANS])
def test_exported_plan_reads_back_the_same(fixture: Path, tmp_path: Path) -> None:
    plan = read_plan_file(fixture)
    back, warnings = export_and_read(plan, tmp_path, known=True)
    assert warnings == []
    assert back.id is None and back.checkins == []
    assert all(t.id is None for t in back.tasks)
    assert interchange(back) == renumbered(printable(plan))


def test_hai_duong_reads_back_exactly(tmp_path: Path) -> None:
    """The Hải Dương plan prints everything it holds: no allowance at all."""
    plan = read_plan_file(next(p for p in PLANS if "hai-duong" in p.name))
    back, _ = export_and_read(plan, tmp_path, known=True)
    assert interchange(back) == interchange(plan)


@pytest.mark.parametrize("fixture", PLANS, ids=[p.name.split(".")[0] for p in PLANS])
def test_units_are_recovered_without_knowing_them(fixture: Path, tmp_path: Path) -> None:
    """Cells such as "Các phòng, đơn vị thuộc Sở" and "Phòng Tổ chức, biên chế" stay whole."""
    plan = read_plan_file(fixture)
    back, warnings = export_and_read(plan, tmp_path, known=False)
    assert warnings == []
    used = {n for t in plan.tasks for n in (*t.lead, *t.partners)}
    assert sorted((u.name, u.kind) for u in back.units) == sorted(
        (u.name, u.kind) for u in plan.units if u.name in used
    )
    assert all(u.short == "" for u in back.units)
    got, expected = interchange(back), renumbered(printable(plan))
    del got["units"], expected["units"]
    assert got == expected


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_exported_plans_resaved_by_libreoffice_read_the_same(tmp_path: Path) -> None:
    """LibreOffice rewrites every part (styles, runs, tables): the reader sees the same plan."""
    sources = []
    for fixture in PLANS:
        target = tmp_path / f"{fixture.name.split('.')[0]}.docx"
        docx_export.write_plan_docx(read_plan_file(fixture), target)
        sources.append(target)
    out = tmp_path / "resaved"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
         str(out), *map(str, sources)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    for source in sources:
        resaved = out / source.name
        assert resaved.read_bytes() != source.read_bytes()
        first, second = read_plan_docx(source), read_plan_docx(resaved)
        assert second.warnings == []
        assert interchange(second.plan) == interchange(first.plan), source.name


def edge_plan() -> Plan:
    """A plan made to trip a reader: plain paragraphs that start like headings, sections
    without a heading, a lower-case paragraph, "Trong quá trình" inside the last section, a
    recipient named "Lưu trữ ...", a name in capitals, a title and a task on two lines."""
    style = ParagraphStyle
    return Plan(
        organization=Organization("", "ỦY BAN NHÂN DÂN XÃ AN BÌNH", "UBND", "An Bình"),
        year=2023,
        symbol="KH-UBND",
        number="05",
        title="Cải cách hành chính năm 2023\nxã An Bình",
        units=[
            Unit("Công chức Văn phòng - Thống kê"),
            Unit("Công chức Tư pháp - Hộ tịch"),
            Unit("Các ban, ngành, đoàn thể", kind=UnitKind.GROUP),
            Unit("Văn phòng HĐND, UBND xã"),
        ],
        preamble=[Paragraph("Căn cứ Kế hoạch số 10/KH-UBND của UBND huyện;")],
        sections=[
            Section(
                "MỤC ĐÍCH",
                [
                    Paragraph("1. Ngắn gọn"),
                    Paragraph("Nâng cao nhận thức", style.DASH),
                    Paragraph("của cán bộ", style.PLUS),
                    Paragraph("a) câu thường, không in đậm."),
                ],
                [
                    Section("", [Paragraph("Đoạn trong mục không tên.")]),
                    Section("Yêu cầu", [], [Section("Cụ thể", [Paragraph("viết thường")])]),
                ],
            ),
            Section(""),
            Section("TỔ CHỨC THỰC HIỆN", [Paragraph("Trong quá trình triển khai ...")]),
        ],
        closing=[Paragraph("Trên đây là Kế hoạch./.")],
        recipients=[
            Recipient("UBND huyện", "b/c"),
            Recipient("Đảng ủy, HĐND xã"),
            Recipient("Lưu trữ huyện"),
        ],
        archive="VT",
        signer=Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "NGUYỄN VĂN AN"),
        appendix_title="NHIỆM VỤ",
        tasks=[
            Task(
                "A",
                "Nhiệm vụ một\ndòng hai",
                "Sản phẩm",
                ["Công chức Văn phòng - Thống kê"],
                ["Công chức Tư pháp - Hộ tịch", "Các ban, ngành, đoàn thể"],
                Timeframe(TimeframeKind.QUARTERS, "", [1, 2]),
            ),
            Task(
                "B",
                "Nhiệm vụ hai",
                "",
                ["Văn phòng HĐND, UBND xã"],
                [],
                Timeframe(TimeframeKind.RECURRING, "Liên tục"),
            ),
        ],
    )


def test_edge_cases_read_back(tmp_path: Path) -> None:
    plan = edge_plan()
    back, warnings = export_and_read(plan, tmp_path, known=False)
    assert warnings == []
    assert interchange(back) == renumbered(printable(plan))
