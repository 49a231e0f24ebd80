"""The body of a plan as a tree of sections (depth ≤ 3) with their paragraphs.

Numbers are never stored: moving a section renumbers it. Every structural change returns
what is needed to undo it (the old place, or the deleted subtree).
"""

from __future__ import annotations

from sqlmodel import Session, col, delete, select

from cchc_desktop.domain.entities import ParagraphRow, SectionRow
from cchc_desktop.domain.model import Paragraph, ParagraphStyle, Section, SectionKind
from cchc_desktop.domain.numbering import MAX_DEPTH
from cchc_desktop.domain.text import plain
from cchc_desktop.errors import NotFoundError
from cchc_desktop.services.conflicts import (
    gone,
    lock_plan,
    locked_row,
    refuse_if_changed,
    short,
    stale,
    stale_delete,
)
from cchc_desktop.services.mapping import paragraph_from_row, section_from_row, section_values
from cchc_desktop.services.ordering import insert_at, renumber
from cchc_desktop.services.plan_store import get_plan_row
from cchc_desktop.services.validation import check_depth, plain_text, require_text
from cchc_desktop.storage.database import Database

Place = tuple[int | None, int]  # (parent section id or None for the top level, index)


def _checked(s: Session, section_id: int, checked: bool, *, deleting: bool = False) -> SectionRow:
    """The section row, locked till commit when the edit is checked against what the
    clerk saw (server mode): a section deleted by another clerk meanwhile is refused as such."""
    if checked:
        detail = f"section {section_id}"
        return locked_row(s, SectionRow, section_id, "Mục", deleting=deleting, detail=detail)
    return _section(s, section_id)


def _section(s: Session, section_id: int) -> SectionRow:
    row = s.get(SectionRow, section_id)
    if row is None:
        raise NotFoundError("Mục không còn tồn tại.", detail=f"no section with id {section_id}")
    return row


def _siblings(s: Session, plan_id: int, parent_id: int | None) -> list[SectionRow]:
    parent_clause = (
        col(SectionRow.parent_id).is_(None)
        if parent_id is None
        else SectionRow.parent_id == parent_id
    )
    return list(
        s.exec(
            select(SectionRow)
            .where(SectionRow.plan_id == plan_id, parent_clause)
            .order_by(col(SectionRow.position), col(SectionRow.id))
        ).all()
    )


def _depth(s: Session, row: SectionRow) -> int:
    depth = 1
    while row.parent_id is not None:
        parent = s.get(SectionRow, row.parent_id)
        assert parent is not None
        row, depth = parent, depth + 1
    return depth


def _height(s: Session, row: SectionRow) -> int:
    """Levels in the subtree rooted at ``row`` (1 for a leaf)."""
    children = _siblings(s, row.plan_id, row.id)
    return 1 + max((_height(s, c) for c in children), default=0)


def _place_of(s: Session, row: SectionRow) -> Place:
    siblings = _siblings(s, row.plan_id, row.parent_id)
    return row.parent_id, siblings.index(row)


def _place(s: Session, row: SectionRow, parent_id: int | None, index: int) -> None:
    if parent_id is not None:
        parent = _section(s, parent_id)
        ancestor: SectionRow | None = parent
        while ancestor is not None:  # never under itself
            if ancestor.id == row.id:
                raise ValueError("a section cannot move under itself")
            ancestor = s.get(SectionRow, ancestor.parent_id) if ancestor.parent_id else None
        check_depth(_depth(s, parent) + _height(s, row))
    else:
        check_depth(_height(s, row))
    old = _siblings(s, row.plan_id, row.parent_id)
    old.remove(row)
    renumber(old)
    s.add_all(old)
    row.parent_id = parent_id
    new = _siblings(s, row.plan_id, parent_id)
    if row in new:
        new.remove(row)
    insert_at(new, row, index)
    s.add_all(new)
    s.flush()


def add_section(
    db: Database, plan_id: int, parent_id: int | None, heading: str, index: int | None = None
) -> int:
    with db.session() as s:
        get_plan_row(s, plan_id)
        if parent_id is not None:
            check_depth(_depth(s, _section(s, parent_id)) + 1)
        siblings = _siblings(s, plan_id, parent_id)
        row = SectionRow(
            plan_id=plan_id, parent_id=parent_id, heading=require_text(heading, "Tên mục")
        )
        insert_at(siblings, row, index)
        s.add_all(siblings)
        s.flush()
        return row.id or 0


def rename_section(
    db: Database, section_id: int, heading: str, *, expected: str | None = None
) -> str:
    """``expected``: the heading the clerk saw (the window; see ``services/conflicts.py``)."""
    with db.session() as s:
        s.get(SectionRow, section_id, with_for_update=expected is not None)
        row = _section(s, section_id)
        old = row.heading
        seen = None if expected is None else {"heading": expected}
        refuse_if_changed("Tên mục", seen, {"heading": old}, {"heading": heading})
        row.heading = require_text(heading, "Tên mục")
        s.add(row)
        return old


KIND_LABELS = {SectionKind.HEADING: "có tiêu đề", SectionKind.ITEM: "không có tiêu đề"}


def set_section_kind(
    db: Database, section_id: int, kind: SectionKind, *, expected: SectionKind | None = None
) -> SectionKind:
    """A khoản/điểm with a title (heading) or without (item); returns the old kind.
    ``expected``: the kind the clerk saw (the window; see ``services/conflicts.py``)."""
    with db.session() as s:
        row = _checked(s, section_id, expected is not None)
        old = SectionKind(row.kind)
        if expected is not None and SectionKind(expected) is not old:
            raise stale(
                f"Mục “{short(row.heading)}”",
                KIND_LABELS[old],
                KIND_LABELS[SectionKind(kind)],
                stored=old,
                seen=expected,
                detail=f"kind of section {section_id}",
            )
        row.kind = SectionKind(kind).value
        s.add(row)
        return old


def _place_label(s: Session, place: Place) -> str:
    parent_id, index = place
    if parent_id is None:
        return f"mục thứ {index + 1} ở cấp cao nhất"
    parent = s.get(SectionRow, parent_id)
    where = f"trong mục “{short(parent.heading, 60)}”" if parent else "trong một mục đã bị xóa"
    return f"mục thứ {index + 1} {where}"


def _check_place(s: Session, row: SectionRow, expected: Place | None) -> Place:
    """Where ``row`` is; refused when that is not where the clerk saw it (``expected``):
    another clerk moved it, or moved, added or deleted a section before it."""
    place = _place_of(s, row)
    if expected is not None and tuple(expected) != place:
        raise stale(
            f"Vị trí của mục “{short(row.heading)}”",
            _place_label(s, place),
            _place_label(s, expected),
            stored=place,
            seen=expected,
            detail=f"place of section {row.id}",
        )
    return place


def place_section(
    db: Database,
    section_id: int,
    parent_id: int | None,
    index: int,
    *,
    expected: Place | None = None,
) -> Place:
    """Move a section (with its subtree) under ``parent_id`` at ``index``; returns the old
    place. ``expected``: where the clerk saw it (the window's moves and their undo)."""
    with db.session() as s:
        row = _checked(s, section_id, expected is not None)
        old = _check_place(s, row, expected)
        if expected is not None and parent_id is not None and s.get(SectionRow, parent_id) is None:
            raise gone("Mục cha", detail=f"parent section {parent_id}")
        _place(s, row, parent_id, index)
        return old


def move_section(
    db: Database, section_id: int, delta: int, *, expected: Place | None = None
) -> Place | None:
    """Move up (-1) or down (+1) among its siblings; None when already at the edge."""
    with db.session() as s:
        row = _checked(s, section_id, expected is not None)
        parent_id, index = _check_place(s, row, expected)
        count = len(_siblings(s, row.plan_id, parent_id))
        target = index + delta
        if not 0 <= target < count:
            return None
        _place(s, row, parent_id, target)
        return parent_id, index


def indent_section(db: Database, section_id: int, *, expected: Place | None = None) -> Place | None:
    """Make the section the last child of its previous sibling; None when impossible."""
    with db.session() as s:
        row = _checked(s, section_id, expected is not None)
        parent_id, index = _check_place(s, row, expected)
        if index == 0:
            return None
        previous = _siblings(s, row.plan_id, parent_id)[index - 1]
        if _depth(s, previous) + _height(s, row) > MAX_DEPTH:
            return None
        _place(s, row, previous.id, len(_siblings(s, row.plan_id, previous.id)))
        return parent_id, index


def outdent_section(
    db: Database, section_id: int, *, expected: Place | None = None
) -> Place | None:
    """Make the section the next sibling of its parent; None at the top level."""
    with db.session() as s:
        row = _checked(s, section_id, expected is not None)
        parent_id, index = _check_place(s, row, expected)
        if parent_id is None:
            return None
        parent = _section(s, parent_id)
        _, parent_index = _place_of(s, parent)
        _place(s, row, parent.parent_id, parent_index + 1)
        return parent_id, index


def _read_subtree(s: Session, row: SectionRow) -> Section:
    body = s.exec(
        select(ParagraphRow)
        .where(ParagraphRow.section_id == row.id)
        .order_by(col(ParagraphRow.position), col(ParagraphRow.id))
    ).all()
    return section_from_row(
        row,
        [paragraph_from_row(p) for p in body],
        [_read_subtree(s, c) for c in _siblings(s, row.plan_id, row.id)],
    )


def _body_key(body: list[Paragraph]) -> list[tuple[str, str]]:
    return [(ParagraphStyle(p.style).value, plain(p.text)) for p in body]


def _tree_key(section: Section) -> tuple[object, ...]:
    """What a clerk sees of a subtree (ids aside): compared before a checked delete."""
    return (
        plain(section.heading),
        SectionKind(section.kind).value,
        _body_key(section.body),
        [_tree_key(c) for c in section.children],
    )


def _body_line(body: list[Paragraph]) -> str:
    return " / ".join(short(p.text, 60) for p in body if p.text.strip())


def _tree_line(section: Section) -> str:
    count = sum(1 for _ in _walk(section)) - 1
    parts = [short(section.heading, 60), _body_line(section.body)]
    if count:
        parts.append(f"{count} mục con")
    return "; ".join(p for p in parts if p)


def _walk(section: Section) -> list[Section]:
    return [section, *(d for c in section.children for d in _walk(c))]


def delete_section(
    db: Database, section_id: int, *, expected: Section | None = None
) -> tuple[int | None, int, Section]:
    """Delete a section with its subsections and paragraphs; returns (parent, index, subtree).
    ``expected``: the subtree as the clerk saw it; refused when another clerk changed its
    heading, kind, text or subsections since (their work would go with it)."""
    with db.session() as s:
        row = _checked(s, section_id, expected is not None, deleting=True)
        parent_id, index = _place_of(s, row)
        subtree = _read_subtree(s, row)
        if expected is not None and _tree_key(expected) != _tree_key(subtree):
            raise stale_delete(
                f"Mục “{short(row.heading)}”",
                _tree_line(subtree),
                _tree_line(expected),
                stored=subtree,
                seen=expected,
                detail=f"section {section_id}",
            )
        s.delete(row)  # ON DELETE CASCADE removes children and paragraphs
        s.flush()
        siblings = _siblings(s, row.plan_id, parent_id)
        renumber(siblings)
        s.add_all(siblings)
        return parent_id, index, subtree


def _insert_subtree(
    s: Session, plan_id: int, parent_id: int | None, index: int | None, section: Section
) -> int:
    siblings = _siblings(s, plan_id, parent_id)
    row = SectionRow(plan_id=plan_id, parent_id=parent_id, **section_values(section))
    insert_at(siblings, row, index)
    s.add_all(siblings)
    s.flush()
    s.add_all(
        ParagraphRow(
            plan_id=plan_id,
            part="section",
            section_id=row.id,
            position=i,
            style=p.style.value,
            text=p.text,
        )
        for i, p in enumerate(section.body)
    )
    for child in section.children:
        _insert_subtree(s, plan_id, row.id, None, child)
    return row.id or 0


def restore_section(
    db: Database,
    plan_id: int,
    parent_id: int | None,
    index: int,
    section: Section,
    *,
    checked: bool = False,
) -> int:
    """Put a deleted subtree back at its place (undo of delete); returns the new id.
    ``checked`` (the window): a parent deleted by another clerk meanwhile is refused."""
    with db.session() as s:
        if checked:
            lock_plan(s, plan_id)
            if parent_id is not None and s.get(SectionRow, parent_id) is None:
                raise gone(
                    f"Mục chứa mục “{short(section.heading)}”",
                    detail=f"parent section {parent_id}",
                )
        return _insert_subtree(s, plan_id, parent_id, index, section)


def set_section_body(
    db: Database,
    section_id: int,
    paragraphs: list[Paragraph],
    *,
    expected: list[Paragraph] | None = None,
) -> list[Paragraph]:
    """Replace a section's paragraphs; returns the old ones. ``expected``: the paragraphs
    the clerk saw (the window; see ``services/conflicts.py``)."""
    texts = [plain_text(p.text, f"Đoạn {i + 1} của mục") for i, p in enumerate(paragraphs)]
    with db.session() as s:
        row = _checked(s, section_id, expected is not None)
        old = _read_subtree(s, row).body
        if expected is not None and _body_key(expected) != _body_key(old):
            raise stale(
                f"Nội dung mục “{short(row.heading)}”",
                _body_line(old),
                _body_line(paragraphs),
                stored=old,
                seen=expected,
                detail=f"text of section {section_id}",
            )
        s.exec(delete(ParagraphRow).where(col(ParagraphRow.section_id) == section_id))
        s.add_all(
            ParagraphRow(
                plan_id=row.plan_id,
                part="section",
                section_id=section_id,
                position=i,
                style=p.style.value,
                text=texts[i],
            )
            for i, p in enumerate(paragraphs)
        )
        return old
