"""The outline reader gives the same tree as the full plan load, and follows edits."""

from __future__ import annotations

from cchc_desktop.services.plan_read import load_plan, load_sections
from cchc_desktop.services.sections import add_section, indent_section


def _shape(sections):  # type: ignore[no-untyped-def]
    return [(s.id, s.heading, [p.printed for p in s.body], _shape(s.children)) for s in sections]


def test_outline_matches_the_full_load(db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    outline = load_sections(db, hai_duong_id)
    assert _shape(outline) == _shape(load_plan(db, hai_duong_id).sections)
    assert outline[0].heading == "MỤC ĐÍCH VÀ YÊU CẦU"
    assert outline[0].children[0].body  # paragraphs come along


def test_outline_follows_structural_edits(db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    new_id = add_section(db, hai_duong_id, None, "Mục mới")
    indent_section(db, new_id)
    outline = load_sections(db, hai_duong_id)
    assert outline[-1].children[-1].id == new_id
    assert outline[-1].children[-1].heading == "Mục mới"
