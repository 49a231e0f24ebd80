"""The section tree: add, indent, move and delete renumber at once; paragraphs are edited
in place; every step is stored and undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from cchc_desktop.domain.model import ParagraphStyle
from cchc_desktop.services.plan_read import load_plan

from cchc_desktop.ui.models.list_models import ParagraphListModel

pytestmark = pytest.mark.gui


def _headings(db, plan_id):  # type: ignore[no-untyped-def]
    return [f"{n.number} {n.section.heading}" for n in load_plan(db, plan_id).walk_sections()]


@pytest.fixture
def answer(monkeypatch):  # type: ignore[no-untyped-def]
    answers: list[str] = []
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: (answers.pop(0), True))
    )
    return answers


def test_add_indent_move_renumber(window, db, hai_duong_id, answer) -> None:  # type: ignore[no-untyped-def]
    tab = window.content_tab
    window.tabs.setCurrentWidget(tab)
    top = tab.model.index(2, 0)  # III. TỔ CHỨC THỰC HIỆN
    tab.tree.setCurrentIndex(top)
    answer.append("KINH PHÍ THỰC HIỆN")
    tab.add_sibling()
    assert _headings(db, hai_duong_id)[-1] == "IV. KINH PHÍ THỰC HIỆN"
    assert tab.numbered_headings()[-1] == "IV. KINH PHÍ THỰC HIỆN"
    new_id = tab.current_section_id
    assert tab.model.data(tab.model.index_of(new_id)) == "IV. KINH PHÍ THỰC HIỆN"

    tab.indent_button.click()  # under III.
    assert _headings(db, hai_duong_id)[-1] == "1. KINH PHÍ THỰC HIỆN"
    assert tab.model.data(tab.model.index_of(new_id)) == "1. KINH PHÍ THỰC HIỆN"
    assert tab.model.depth(new_id) == 2

    tab.up_button.click()  # already first under III: refused with a message
    assert "đã ở đầu" in tab.banner.text

    tab.tree.setCurrentIndex(tab.model.index(2, 0))  # III. moves above II.
    tab.up_button.click()
    headings = _headings(db, hai_duong_id)
    assert headings.index("II. TỔ CHỨC THỰC HIỆN") < headings.index(
        "III. ĐỐI TƯỢNG, NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN"
    )
    assert tab.model.data(tab.model.index_of(new_id)) == "1. KINH PHÍ THỰC HIỆN"

    window.act_undo.trigger()
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert _headings(db, hai_duong_id)[-1] == "III. TỔ CHỨC THỰC HIỆN"
    window.act_redo.trigger()  # the section comes back (a new id), then its indent
    window.act_redo.trigger()
    assert _headings(db, hai_duong_id)[-1] == "1. KINH PHÍ THỰC HIỆN"


def test_depth_is_limited_to_three(window, answer) -> None:  # type: ignore[no-untyped-def]
    tab = window.content_tab
    window.tabs.setCurrentWidget(tab)
    forms = tab.model.index(2, 0, tab.model.index(1, 0))  # II.3.
    tab.tree.setCurrentIndex(tab.model.index(0, 0, forms))  # a)
    tab.add_child()
    assert "tối đa 3 cấp" in tab.banner.text
    tab.tree.setCurrentIndex(tab.model.index(1, 0, forms))  # b) cannot go under a)
    tab.indent_button.click()
    assert "sâu quá 3 cấp" in tab.banner.text


def test_delete_with_confirmation_and_undo(window, db, hai_duong_id, yes) -> None:  # type: ignore[no-untyped-def]
    tab = window.content_tab
    window.tabs.setCurrentWidget(tab)
    before = _headings(db, hai_duong_id)
    tab.tree.setCurrentIndex(tab.model.index(1, 0))  # II. with 3 subsections and 4 points
    tab.tree.setFocus()
    tab.delete_current()
    assert "cùng 7 mục con" in yes[-1]
    assert _headings(db, hai_duong_id)[3:] == ["II. TỔ CHỨC THỰC HIỆN"]
    window.act_undo.trigger()
    assert _headings(db, hai_duong_id) == before
    assert load_plan(db, hai_duong_id).sections[1].children[1].body  # paragraphs came back


def test_paragraphs_of_a_section(qtbot, window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.content_tab
    window.tabs.setCurrentWidget(tab)
    goal = tab.model.index(0, 0, tab.model.index(0, 0))  # I.1. Mục đích
    tab.tree.setCurrentIndex(goal)
    assert tab.paragraphs.rowCount() == 3
    assert "Mục đích" in tab.body_group.title()
    tab.editor.view.setCurrentIndex(tab.paragraphs.index(0, 1))
    tab.editor.add_button.click()
    body = load_plan(db, hai_duong_id).sections[0].children[0].body
    assert len(body) == 4 and body[1].text == "Nội dung mới"
    tab.paragraphs.setData(
        tab.paragraphs.index(1, ParagraphListModel.COL_STYLE), ParagraphStyle.DASH.value
    )
    tab.paragraphs.setData(tab.paragraphs.index(1, ParagraphListModel.COL_TEXT), "Ý bổ sung")
    body = load_plan(db, hai_duong_id).sections[0].children[0].body
    assert body[1].printed == "- Ý bổ sung"
    tab.editor.view.setCurrentIndex(tab.paragraphs.index(1, 1))
    tab.editor.up_button.click()
    assert load_plan(db, hai_duong_id).sections[0].children[0].body[0].text == "Ý bổ sung"
    tab.editor.view.setFocus()
    qtbot.keyClick(tab.editor.view, Qt.Key.Key_Delete)
    assert len(load_plan(db, hai_duong_id).sections[0].children[0].body) == 3
    window.act_undo.trigger()
    assert load_plan(db, hai_duong_id).sections[0].children[0].body[0].text == "Ý bổ sung"


def test_rename_in_the_tree(window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    tab = window.content_tab
    window.tabs.setCurrentWidget(tab)
    index = tab.model.index(0, 0)
    assert tab.model.setData(index, "MỤC ĐÍCH, YÊU CẦU")
    assert _headings(db, hai_duong_id)[0] == "I. MỤC ĐÍCH, YÊU CẦU"
    assert tab.model.setData(tab.model.index(0, 0), "  ") is False
    assert "không được để trống" in tab.banner.text


def test_untitled_khoan_switch_is_stored_printed_and_undone(
    window, db, hai_duong_id, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Hải Dương II.3.a) is a whole sentence: an untitled điểm, shown checked; switching it
    to a titled heading prints it bold italic, undo brings it back upright."""
    import docx

    from cchc_desktop.domain.model import SectionKind
    from cchc_desktop.exports.docx_plan import write_plan_docx

    tab = window.content_tab
    window.tabs.setCurrentWidget(tab)
    top = tab.model.index(0, 0)  # I. MỤC ĐÍCH VÀ YÊU CẦU: no such switch for "I."
    tab.tree.setCurrentIndex(top)
    assert not tab.untitled.isEnabled()
    ii = tab.model.index(1, 0)
    tab.tree.setCurrentIndex(tab.model.index(0, 0, tab.model.index(2, 0, ii)))  # II.3.a)
    assert tab.untitled.isEnabled() and tab.untitled.isChecked()
    tab.untitled.click()
    section = load_plan(db, hai_duong_id).sections[1].children[2].children[0]
    assert section.kind is SectionKind.HEADING

    def looks() -> tuple[bool, bool]:
        out = tmp_path / "p.docx"
        write_plan_docx(load_plan(db, hai_duong_id), out)
        p = next(p for p in docx.Document(str(out)).paragraphs if p.text.startswith("a) Thông"))
        runs = [r for r in p.runs if r.text.strip()]
        return all(r.bold for r in runs), all(r.italic for r in runs)

    assert looks() == (True, True)
    window.doc.undo_stack.undo()
    assert load_plan(db, hai_duong_id).sections[1].children[2].children[0].kind is SectionKind.ITEM
    assert looks() == (False, False)
    assert tab.untitled.isChecked()
