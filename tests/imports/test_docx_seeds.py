"""The real plans in ``tests/fixtures/seeds`` (text of the signed documents, copied from
``shared/seeds``), typed into Word as plain paragraphs, one per line, the appendix as a
table: the import finds what the text says.

Compared with the hand-made JSON of the same plans. Where the two disagree the test names
the difference rather than hiding it: the text and the JSON are not the same document.

* 74 (Hải Dương): the text lost the header table (agency names); three lines of a
  handwritten annotation ("Ngày 02/2022 Đ/c Tsuy? ...") sit under "1. Đối tượng" and are
  kept (the JSON dropped them).
* 32 (Gio Sơn): the text has no parent body line, no "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"
  (only the name) and a stray "TL" after "Nơi nhận:", kept in the closing; it has no
  appendix table, so no tasks (the JSON's 14 tasks were written by hand from section IV).
* Ninh Thuận: no agency lines in the text; sections are numbered I, III, IV, V (the import
  renumbers and warns); no appendix table (the JSON's 7 tasks come from section V).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from docgen import save, text_document

from cchc_desktop.domain.model import Plan
from cchc_desktop.imports.docx_plan import read_plan_docx
from cchc_desktop.interchange import dump_plan, read_plan_file

FIXTURES = Path(__file__).parents[1] / "fixtures"


@dataclass(frozen=True)
class Differs:
    """What the seed text says where it is not what the JSON says."""

    parent: str | None = None  # None: same as the JSON
    name: str | None = None
    signer: tuple[str, str, str] | None = None
    body_counts: dict[tuple[int, ...], int] = field(default_factory=dict)
    extra_closing: tuple[str, ...] = ()
    tasks: int | None = None  # tasks in the text when it has no table
    warnings: tuple[str, ...] = ()  # fragments, one per warning, in order


SEEDS = {
    "ke-hoach-74-skhcn-hai-duong-2022": Differs(
        parent="",
        name="",
        body_counts={(1, 0): 3},  # "Toàn thể ..." + the annotation's three paragraphs
        warnings=(
            "Đoạn 37: đoạn bắt đầu bằng chữ thường",  # "nội duy CV t/h h/ta" of the annotation
            "Đoạn 57: số mục “2.” không liền mạch",  # "2. Hình thức" after "2. Nội dung"
            "Không thấy tên cơ quan ban hành",
        ),
    ),
    "ke-hoach-32-ubnd-gio-son-2022": Differs(
        parent="",
        signer=("", "", "Đỗ An Chung"),
        extra_closing=("TL",),
        tasks=0,
        warnings=("Đoạn 130: không hiểu dòng “TL”", "Không thấy chức vụ người ký"),
    ),
    "ke-hoach-sldtbxh-ninh-thuan-2022": Differs(
        parent="",
        name="",
        tasks=0,
        warnings=(
            "Đoạn 76: đoạn bắt đầu bằng chữ thường",  # a dash line broken in two
            "Đoạn 138: đoạn bắt đầu bằng chữ thường",
            "Đoạn 44: số mục “III.” không liền mạch",
            "Đoạn 160: số mục “IV.” không liền mạch",
            "Đoạn 176: số mục “V.” không liền mạch",
            "Không thấy tên cơ quan ban hành",
        ),
    ),
}


def sections(data: dict[str, Any]) -> dict[tuple[int, ...], dict[str, Any]]:
    out: dict[tuple[int, ...], dict[str, Any]] = {}

    def visit(items: list[dict[str, Any]], path: tuple[int, ...]) -> None:
        for i, section in enumerate(items):
            out[(*path, i)] = section
            visit(section["children"], (*path, i))

    visit(data["sections"], ())
    return out


def imported(name: str, tmp_path: Path) -> tuple[Plan, list[str]]:
    text = (FIXTURES / "seeds" / f"{name}.txt").read_text("utf-8")
    result = read_plan_docx(save(text_document(text), tmp_path / f"{name}.docx"))
    return result.plan, result.warnings


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_imports_as_its_text_says(name: str, tmp_path: Path) -> None:
    differs = SEEDS[name]
    plan, warnings = imported(name, tmp_path)
    expected_plan = read_plan_file(FIXTURES / "plans" / f"{name}.plan.json")
    got = json.loads(dump_plan(plan))["plan"]
    want = json.loads(dump_plan(expected_plan))["plan"]

    # header
    for key in ("year", "number", "symbol", "issued_on", "doc_type", "title"):
        assert got[key] == want[key], key
    org, want_org = plan.organization, expected_plan.organization
    assert (org.place, org.abbreviation) == (want_org.place, want_org.abbreviation)
    assert org.parent == (want_org.parent if differs.parent is None else differs.parent)
    assert org.name == (want_org.name if differs.name is None else differs.name)

    # body: every heading, and every paragraph where the text and the JSON agree
    got_sections, want_sections = sections(got), sections(want)
    assert list(got_sections) == list(want_sections)
    for path, section in want_sections.items():
        mine = got_sections[path]
        assert mine["heading"] == section["heading"], path
        if path in differs.body_counts:
            extra = differs.body_counts[path]
            assert len(mine["body"]) == len(section["body"]) + extra, path
            assert mine["body"][: len(section["body"])] == section["body"], path
        else:
            assert mine["body"] == section["body"], path
    assert got["preamble"] == want["preamble"]
    assert got["closing"] == want["closing"] + [
        {"style": "plain", "text": t} for t in differs.extra_closing
    ]

    # tail
    assert got["recipients"] == want["recipients"]
    assert got["archive"] == want["archive"]
    signer = plan.signer
    expected_signer = differs.signer or (
        expected_plan.signer.authority,
        expected_plan.signer.title,
        expected_plan.signer.name,
    )
    assert (signer.authority, signer.title, signer.name) == expected_signer

    # appendix
    assert got["appendix_title"] == want["appendix_title"]
    if differs.tasks is None:
        assert got["tasks"] == want["tasks"]
        assert [(u.name, u.kind) for u in plan.units] == [
            (u.name, u.kind)
            for u in sorted(expected_plan.units, key=lambda u: _first_use(expected_plan, u.name))
        ]
    else:
        assert len(plan.tasks) == differs.tasks

    assert len(warnings) == len(differs.warnings), warnings
    for warning, fragment in zip(warnings, differs.warnings, strict=True):
        assert fragment in warning


def _first_use(plan: Plan, unit: str) -> int:
    """Units come in the order the appendix first names them (lead, then partners)."""
    order = [n for t in plan.tasks for n in (*t.lead, *t.partners)]
    return order.index(unit)


def test_seed_summary_numbers(tmp_path: Path) -> None:
    """The figures the lead reports: (sections, body paragraphs, tasks) found in the text
    against the JSON's."""
    figures = {}
    for name in sorted(SEEDS):
        plan, _ = imported(name, tmp_path)
        expected = read_plan_file(FIXTURES / "plans" / f"{name}.plan.json")
        figures[name] = tuple(
            (len(p.walk_sections()), sum(len(n.section.body) for n in p.walk_sections()),
             len(p.tasks))
            for p in (plan, expected)
        )  # fmt: skip
    assert figures == {
        "ke-hoach-32-ubnd-gio-son-2022": ((13, 41, 0), (13, 41, 14)),
        "ke-hoach-74-skhcn-hai-duong-2022": ((12, 25, 6), (12, 22, 6)),
        "ke-hoach-sldtbxh-ninh-thuan-2022": ((17, 69, 0), (17, 69, 7)),
    }
