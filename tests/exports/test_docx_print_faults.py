"""Small print faults of the plan .docx (issue 15, item 4): document properties from the
plan, no python-docx template leftovers, no thumbnail, hanging Nơi nhận lines, 2 pt padding
at the top and bottom of the appendix cells."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from cchc_desktop import __version__
from cchc_desktop.domain.model import Plan
from cchc_desktop.exports import nd30
from cchc_desktop.exports.nd30_docx import recipients_lines

HAI_DUONG = "ke-hoach-74-skhcn-hai-duong-2022"


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_core_and_app_properties_come_from_the_plan(
    exported_plans: dict[str, tuple[Plan, Path]],
) -> None:
    plan, path = exported_plans[HAI_DUONG]
    core = _part(path, "docProps/core.xml")
    assert f"<dc:title>{plan.title}</dc:title>" in core
    assert f"<dc:creator>{plan.organization.name}</dc:creator>" in core
    assert "python-docx" not in core and "2013" not in core
    assert "lastPrinted" not in core
    app = _part(path, "docProps/app.xml")
    major, minor = __version__.split(".")[:2]
    assert f"<Application>CCHC Desktop {major}.{minor}</Application>" in app
    assert "Microsoft Macintosh Word" not in app
    props = docx.Document(str(path)).core_properties
    assert props.title == plan.title and props.author == plan.organization.name


def test_no_thumbnail_part(exported_plans: dict[str, tuple[Plan, Path]]) -> None:
    for _plan, path in exported_plans.values():
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            rels = z.read("_rels/.rels").decode("utf-8")
        assert not [n for n in names if "thumbnail" in n.lower()], names
        assert "thumbnail" not in rels


def test_recipient_lines_hang_under_their_text(
    exported_plans: dict[str, tuple[Plan, Path]],
) -> None:
    plan, path = exported_plans[HAI_DUONG]
    document = docx.Document(str(path))
    lines = recipients_lines((r.printed for r in plan.recipients), plan.archive)
    found = 0
    for table in document.tables:
        for p in table._tbl.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            if text in lines:
                ind = p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
                assert ind is not None, text
                assert ind.get(qn("w:hanging")) == str(nd30.RECIPIENT_HANGING), text
                assert ind.get(qn("w:left")) == str(nd30.RECIPIENT_HANGING), text
                assert ind.get(qn("w:firstLine")) is None
                found += 1
    assert found == len(lines) >= 3


def test_appendix_cells_padded_two_points(
    exported_plans: dict[str, tuple[Plan, Path]],
) -> None:
    _plan, path = exported_plans[HAI_DUONG]
    document = docx.Document(str(path))
    appendix = document.tables[-1]._tbl
    margins = appendix.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    assert margins is not None
    top, bottom = margins.find(qn("w:top")), margins.find(qn("w:bottom"))
    assert top is not None and bottom is not None
    assert int(top.get(qn("w:w"))) >= 40 and int(bottom.get(qn("w:w"))) >= 40  # 2 pt
    assert [c.tag for c in margins] == [qn("w:top"), qn("w:left"), qn("w:bottom"), qn("w:right")]


def test_hai_duong_whole_sentence_diem_print_upright(
    exported_plans: dict[str, tuple[Plan, Path]],
) -> None:
    """Hải Dương p.3: a), c), d) are whole sentences (untitled điểm): upright, not bold
    italic; b) has a title and stays a bold italic heading (Phụ lục I Mục V)."""
    _plan, path = exported_plans[HAI_DUONG]
    looks = {}
    for p in docx.Document(str(path)).paragraphs:
        if p.text[:3] in ("a) ", "b) ", "c) ", "d) "):
            runs = [r for r in p.runs if r.text.strip()]
            looks[p.text[:2]] = (any(r.bold for r in runs), any(r.italic for r in runs))
    assert looks == {
        "a)": (False, False), "b)": (True, True), "c)": (False, False), "d)": (False, False),
    }  # fmt: skip
