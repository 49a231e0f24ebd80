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

    def revert(self) -> None:
        from cchc_desktop.services.sections import delete_section

        assert self.section_id is not None
        delete_section(self.doc.db, self.doc.resolve(KIND, self.section_id))
        self.doc.reload_sections()


class RenameSection(SwapCommand[str]):
    def __init__(self, doc: PlanDocument, section_id: int, heading: str) -> None:
        super().__init__(doc, "Đổi tên mục", heading)
        self.section_id = section_id

    def store(self, value: str) -> str:
        from cchc_desktop.services.sections import rename_section

        heading = value
        if not heading.strip():
            raise ValidationError("Tên mục không được để trống.", detail="empty heading")
        ident = self.doc.resolve(KIND, self.section_id)
        section = self.doc.find_section(ident)
        # Against what this window shows (server mode): another clerk's change is refused.
        seen = section.heading if section is not None else None
        old = rename_section(self.doc.db, ident, heading, expected=seen)
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

    def store(self, value: SectionKind) -> SectionKind:
        from cchc_desktop.services.sections import set_section_kind

        ident = self.doc.resolve(KIND, self.section_id)
        old = set_section_kind(self.doc.db, ident, value)
        section = self.doc.find_section(ident)
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

    def _step(self, ident: int) -> Place | None:
        """The move itself: where the section was, or None when it cannot move so."""
        from cchc_desktop.services import sections as S

        if self.how == "indent":
            return S.indent_section(self.doc.db, ident)
        if self.how == "outdent":
            return S.outdent_section(self.doc.db, ident)
        return S.move_section(self.doc.db, ident, -1 if self.how == "up" else +1)

    def apply(self) -> None:
        old = self._step(self.doc.resolve(KIND, self.section_id))
        if old is None:
            raise ValidationError(self.refusal, detail="section move impossible")
        if self.old is None:
            self.old = old
        self.doc.reload_sections()

    def revert(self) -> None:
        from cchc_desktop.services.sections import place_section

        assert self.old is not None
        parent, index = self.old
        parent = None if parent is None else self.doc.resolve(KIND, parent)
        place_section(self.doc.db, self.doc.resolve(KIND, self.section_id), parent, index)
        self.doc.reload_sections()


class DeleteSection(PlanCommand):
    def __init__(self, doc: PlanDocument, section_id: int) -> None:
        super().__init__(doc, "Xóa mục")
        self.section_id = section_id
        self.saved: tuple[int | None, int, Section] | None = None

    def apply(self) -> None:
        from cchc_desktop.services.sections import delete_section

        self.saved = delete_section(self.doc.db, self.doc.resolve(KIND, self.section_id))
        self.doc.reload_sections()

    def revert(self) -> None:
        from cchc_desktop.services.sections import restore_section

        assert self.saved is not None
        parent, index, subtree = self.saved
        parent = None if parent is None else self.doc.resolve(KIND, parent)
        new_id = restore_section(self.doc.db, self.doc.plan_id, parent, index, subtree)
        self.doc.reload_sections()
        restored = self.doc.find_section(new_id)
        if restored is not None:
            self.doc.remap_subtree(subtree, restored)


class SetSectionBody(SwapCommand[list[Paragraph]]):
    def __init__(self, doc: PlanDocument, section_id: int, paragraphs: list[Paragraph]) -> None:
        super().__init__(doc, "Sửa nội dung mục", copy.deepcopy(paragraphs))
        self.section_id = section_id

    def store(self, value: list[Paragraph]) -> list[Paragraph]:
        from cchc_desktop.services.sections import set_section_body

        paragraphs = value
        ident = self.doc.resolve(KIND, self.section_id)
        old = set_section_body(self.doc.db, ident, copy.deepcopy(paragraphs))
        section = self.doc.find_section(ident)
        if section is not None:
            section.body = copy.deepcopy(paragraphs)
        self.doc.sections_changed.emit()
        return old
