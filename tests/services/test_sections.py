"""The section tree: add, rename, move, indent/outdent, delete and restore, with numbers."""

from __future__ import annotations

import pytest

from cchc_desktop.domain.model import Paragraph, ParagraphStyle
from cchc_desktop.errors import ValidationError
from cchc_desktop.services import sections as svc
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.storage.database import Database


def numbered(db: Database, plan_id: int) -> list[str]:
    return [f"{n.number} {n.section.heading}" for n in load_plan(db, plan_id).walk_sections()]


def ids(db: Database, plan_id: int) -> dict[str, int]:
    return {n.section.heading: n.section.id or 0 for n in load_plan(db, plan_id).walk_sections()}


def test_hai_duong_numbers(db: Database, hai_duong_id: int) -> None:
    numbers = numbered(db, hai_duong_id)
    assert numbers[0] == "I. MỤC ĐÍCH VÀ YÊU CẦU"
    assert numbers[1] == "1. Mục đích"
    assert numbers[6] == "3. Hình thức tuyên truyền"
    assert numbers[7].startswith("a) Thông tin, tuyên truyền")
    assert numbers[10].startswith("d) Tuyên truyền thông qua")
    assert numbers[-1] == "III. TỔ CHỨC THỰC HIỆN"


def test_add_indent_move_outdent_renumber(db: Database, hai_duong_id: int) -> None:
    pid = hai_duong_id
    new = svc.add_section(db, pid, None, "KINH PHÍ", index=2)
    assert numbered(db, pid)[-2:] == ["III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN"]

    old_place = svc.indent_section(db, new)  # under II. as its 4th child
    assert old_place == (None, 2)
    walk = numbered(db, pid)
    assert "4. KINH PHÍ" in walk
    assert walk[-1] == "III. TỔ CHỨC THỰC HIỆN"

    assert svc.move_section(db, new, -1) is not None
    assert "3. KINH PHÍ" in numbered(db, pid)
    assert "4. Hình thức tuyên truyền" in numbered(db, pid)
    back = svc.outdent_section(db, new)
    assert back is not None
    walk = numbered(db, pid)
    assert walk[-2:] == ["III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN"]

    # undo of the outdent through the generic place
    svc.place_section(db, new, *back)
    assert "3. KINH PHÍ" in numbered(db, pid)


def test_depth_is_limited_to_three(db: Database, hai_duong_id: int) -> None:
    pid = hai_duong_id
    leaf = ids(db, pid)["Mục đích"]  # depth 2
    child = svc.add_section(db, pid, leaf, "Cấp ba")
    with pytest.raises(ValidationError):
        svc.add_section(db, pid, child, "Cấp bốn")
    assert svc.indent_section(db, child) is None  # first child: nothing to go under
    # "Hình thức tuyên truyền" has children (2 levels): under "Nội dung" it would be 4 deep
    form = ids(db, pid)["Hình thức tuyên truyền"]
    assert svc.indent_section(db, form) is None
    with pytest.raises(ValidationError):
        svc.place_section(db, form, ids(db, pid)["Nội dung tuyên truyền"], 0)


def test_delete_and_restore_subtree(db: Database, hai_duong_id: int) -> None:
    pid = hai_duong_id
    before = numbered(db, pid)
    plan_before = load_plan(db, pid)
    first = plan_before.sections[0]
    parent, index, subtree = svc.delete_section(db, first.id or 0)
    assert (parent, index) == (None, 0)
    assert numbered(db, pid)[0] == "I. ĐỐI TƯỢNG, NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN"
    svc.restore_section(db, pid, parent, index, subtree)
    assert numbered(db, pid) == before
    restored = load_plan(db, pid).sections[0]
    assert [p.text for p in restored.children[0].body] == [p.text for p in first.children[0].body]


def test_set_section_body(db: Database, hai_duong_id: int) -> None:
    sid = ids(db, hai_duong_id)["Mục đích"]
    old = svc.set_section_body(
        db, sid, [Paragraph("Một", ParagraphStyle.DASH), Paragraph("Hai", ParagraphStyle.PLUS)]
    )
    assert len(old) == 3
    body = load_plan(db, hai_duong_id).sections[0].children[0].body
    assert [p.printed for p in body] == ["- Một", "+ Hai"]


def test_empty_heading_is_refused(db: Database, hai_duong_id: int) -> None:
    before = numbered(db, hai_duong_id)
    with pytest.raises(ValidationError, match="Tên mục"):
        svc.add_section(db, hai_duong_id, None, "   ")
    sid = ids(db, hai_duong_id)["Mục đích"]
    with pytest.raises(ValidationError, match="Tên mục"):
        svc.rename_section(db, sid, "")
    assert numbered(db, hai_duong_id) == before
