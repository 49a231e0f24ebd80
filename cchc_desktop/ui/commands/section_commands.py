"""Commands on the body's section tree and the paragraphs of a section."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from cchc_desktop.domain.model import Paragraph, Section, SectionKind
from cchc_desktop.errors import ValidationError

from cchc_desktop.ui.plan_document import IdKind, PlanCommand, PlanDocument, SwapCommand

if TYPE_CHECKING:
    from cchc_desktop.services.sections import Place

KIND = IdKind.SECTION


class AddSection(PlanCommand):
    def __init__(
        self, doc: PlanDocument, parent_id: int | None, heading: str, index: int | None = None
    ) -> None:
        super().__init__(doc, "Thêm mục")
        self.parent_id = parent_id
        self.heading = heading
        self.index = index
        self.section_id: int | None = None  # the id it got the first time
        self.added: Section | None = None  # the section as stored, for a checked undo

    def _parent(self) -> int | None:
        return None if self.parent_id is None else self.doc.resolve(KIND, self.parent_id)

    def apply(self) -> None:
        from cchc_desktop.services.sections import add_section

        if not self.heading.strip():
            raise ValidationError("Tên mục không được để trống.", detail="empty heading")
        new_id = add_section(
            self.doc.db, self.doc.plan_id, self._parent(), self.heading, self.index
        )
        if self.section_id is None:
            self.section_id = new_id
        else:
            self.doc.remap(KIND, self.doc.resolve(KIND, self.section_id), new_id)
        self.doc.reload_sections()
        self.added = copy.deepcopy(self.doc.find_section(new_id))

    def revert(self) -> None:
        from cchc_desktop.services.sections import delete_section

        assert self.section_id is not None
        # Against what this command added: a text another clerk wrote in it since stays.
        delete_section(self.doc.db, self.doc.resolve(KIND, self.section_id), expected=self.added)
        self.doc.reload_sections()


class RenameSection(SwapCommand[str]):
    def __init__(self, doc: PlanDocument, section_id: int, heading: str) -> None:
        super().__init__(doc, "Đổi tên mục", heading)
        self.section_id = section_id
        self.left: str | None = None  # the heading this command stored last

    def store(self, value: str) -> str:
        from cchc_desktop.services.sections import rename_section

        heading = value
        if not heading.strip():
            raise ValidationError("Tên mục không được để trống.", detail="empty heading")
        ident = self.doc.resolve(KIND, self.section_id)
        section = self.doc.find_section(ident)
        # Against what this window showed first, then what this command stored (server mode):
        # another clerk's change is refused, also after the window has refreshed to show it.
        seen = self.left if self.left is not None else section.heading if section else None
        old = rename_section(self.doc.db, ident, heading, expected=seen)
        self.left = heading
        if section is not None:
            section.heading = heading
        self.doc.sections_changed.emit()
        return old


class SetSectionKind(SwapCommand[SectionKind]):
    """A khoản/điểm printed as a heading (it has a title) or upright (it has none)."""

    def __init__(self, doc: PlanDocument, section_id: int, kind: SectionKind) -> None:
        text = "Mục không có tiêu đề" if kind is SectionKind.ITEM else "Mục có tiêu đề"
        super().__init__(doc, text, kind)
        self.section_id = section_id
        self.left: SectionKind | None = None  # the kind this command stored last

    def store(self, value: SectionKind) -> SectionKind:
        from cchc_desktop.services.sections import set_section_kind

        ident = self.doc.resolve(KIND, self.section_id)
        section = self.doc.find_section(ident)
        # Against what this command stored last, else what the window shows (server mode).
        seen = self.left if self.left is not None else section.kind if section else None
        old = set_section_kind(self.doc.db, ident, value, expected=seen)
        self.left = value
        if section is not None:
            section.kind = value
        self.doc.sections_changed.emit()
        return old


_MOVES: dict[str, tuple[str, str]] = {  # the text on the undo stack, the refusal
    "up": ("Chuyển mục lên", "Mục đã ở đầu."),
    "down": ("Chuyển mục xuống", "Mục đã ở cuối."),
    "indent": (
        "Thụt mục vào",
        "Không thụt vào được: mục đầu tiên của cấp, hoặc sẽ sâu quá 3 cấp (I., 1., a)).",
    ),
    "outdent": ("Lùi mục ra", "Mục đã ở cấp cao nhất."),
}


class MoveSection(PlanCommand):
    """Up, down, indent or outdent; refused with a message when impossible."""

    def __init__(self, doc: PlanDocument, section_id: int, how: str) -> None:
        text, self.refusal = _MOVES[how]
        super().__init__(doc, text)
        self.how = how
        self.section_id = section_id
        self.old: Place | None = None
        self.left: Place | None = None  # where this command left the section last

    def _step(self, ident: int) -> Place | None:
        """The move itself: where the section was, or None when it cannot move so. Checked
        against where the window shows it (server mode): another clerk's move is refused."""
        from cchc_desktop.services import sections as S

        seen = self.left if self.left is not None else self.doc.section_place(ident)
        if self.how == "indent":
            return S.indent_section(self.doc.db, ident, expected=seen)
        if self.how == "outdent":
            return S.outdent_section(self.doc.db, ident, expected=seen)
        return S.move_section(self.doc.db, ident, -1 if self.how == "up" else +1, expected=seen)

    def _leave(self, ident: int) -> None:
        self.doc.reload_sections()
        self.left = self.doc.section_place(ident)

    def apply(self) -> None:
        ident = self.doc.resolve(KIND, self.section_id)
        old = self._step(ident)
        if old is None:
            raise ValidationError(self.refusal, detail="section move impossible")
        if self.old is None:
            self.old = old
        self._leave(ident)

    def revert(self) -> None:
        from cchc_desktop.services.sections import place_section

        assert self.old is not None
        parent, index = self.old
        parent = None if parent is None else self.doc.resolve(KIND, parent)
        ident = self.doc.resolve(KIND, self.section_id)
        place_section(self.doc.db, ident, parent, index, expected=self.left)
        self._leave(ident)


class DeleteSection(PlanCommand):
    def __init__(self, doc: PlanDocument, section_id: int) -> None:
        super().__init__(doc, "Xóa mục")
        self.section_id = section_id
        self.saved: tuple[int | None, int, Section] | None = None
        self.left: Section | None = None  # the subtree as this command's undo put it back

    def apply(self) -> None:
        from cchc_desktop.services.sections import delete_section

        ident = self.doc.resolve(KIND, self.section_id)
        # The subtree as the window shows it (server mode): another clerk's text in it since
        # refuses the delete, their work would go with it.
        seen = self.left if self.left is not None else self.doc.find_section(ident)
        self.saved = delete_section(self.doc.db, ident, expected=copy.deepcopy(seen))
        self.doc.reload_sections()

    def revert(self) -> None:
        from cchc_desktop.services.sections import restore_section

        assert self.saved is not None
        parent, index, subtree = self.saved
        parent = None if parent is None else self.doc.resolve(KIND, parent)
        new_id = restore_section(
            self.doc.db, self.doc.plan_id, parent, index, subtree, checked=True
        )
        self.doc.reload_sections()
        restored = self.doc.find_section(new_id)
        if restored is not None:
            self.doc.remap_subtree(subtree, restored)
        self.left = copy.deepcopy(restored)


class SetSectionBody(SwapCommand[list[Paragraph]]):
    def __init__(self, doc: PlanDocument, section_id: int, paragraphs: list[Paragraph]) -> None:
        super().__init__(doc, "Sửa nội dung mục", copy.deepcopy(paragraphs))
        self.section_id = section_id
        self.left: list[Paragraph] | None = None  # what this command stored last

    def store(self, value: list[Paragraph]) -> list[Paragraph]:
        from cchc_desktop.services.sections import set_section_body

        paragraphs = value
        ident = self.doc.resolve(KIND, self.section_id)
        section = self.doc.find_section(ident)
        # Against what this command stored last, else what the window shows (server mode).
        seen = self.left if self.left is not None else section.body if section else None
        old = set_section_body(
            self.doc.db, ident, copy.deepcopy(paragraphs), expected=copy.deepcopy(seen)
        )
        self.left = copy.deepcopy(paragraphs)
        if section is not None:
            section.body = copy.deepcopy(paragraphs)
        self.doc.sections_changed.emit()
        return old
