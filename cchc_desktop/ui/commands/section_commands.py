"""Commands on the body's section tree and the paragraphs of a section."""

from __future__ import annotations

import copy
from collections.abc import Callable

from cchc_desktop.domain.model import Paragraph, Section
from cchc_desktop.errors import ValidationError
from cchc_desktop.services.sections import (
    Place,
    add_section,
    delete_section,
    indent_section,
    move_section,
    outdent_section,
    place_section,
    rename_section,
    restore_section,
    set_section_body,
)
from cchc_desktop.storage.database import Database

from cchc_desktop.ui.plan_document import PlanCommand, PlanDocument

KIND = "section"


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
        assert self.section_id is not None
        delete_section(self.doc.db, self.doc.resolve(KIND, self.section_id))
        self.doc.reload_sections()


class RenameSection(PlanCommand):
    def __init__(self, doc: PlanDocument, section_id: int, heading: str) -> None:
        super().__init__(doc, "Đổi tên mục")
        self.section_id = section_id
        self.heading = heading
        self.old: str | None = None

    def _rename(self, heading: str) -> str:
        if not heading.strip():
            raise ValidationError("Tên mục không được để trống.", detail="empty heading")
        ident = self.doc.resolve(KIND, self.section_id)
        old = rename_section(self.doc.db, ident, heading)
        section = self.doc.find_section(ident)
        if section is not None:
            section.heading = heading
        self.doc.sections_changed.emit()
        return old

    def apply(self) -> None:
        old = self._rename(self.heading)
        if self.old is None:
            self.old = old

    def revert(self) -> None:
        assert self.old is not None
        self._rename(self.old)


Move = Callable[[Database, int], Place | None]
_MOVES: dict[str, tuple[Move, str, str]] = {
    "up": (lambda db, ident: move_section(db, ident, -1), "Chuyển mục lên", "Mục đã ở đầu."),
    "down": (lambda db, ident: move_section(db, ident, +1), "Chuyển mục xuống", "Mục đã ở cuối."),
    "indent": (
        indent_section,
        "Thụt mục vào",
        "Không thụt vào được: mục đầu tiên của cấp, hoặc sẽ sâu quá 3 cấp (I., 1., a)).",
    ),
    "outdent": (outdent_section, "Lùi mục ra", "Mục đã ở cấp cao nhất."),
}


class MoveSection(PlanCommand):
    """Up, down, indent or outdent; refused with a message when impossible."""

    def __init__(self, doc: PlanDocument, section_id: int, how: str) -> None:
        step, text, self.refusal = _MOVES[how]
        super().__init__(doc, text)
        self.step = step
        self.section_id = section_id
        self.old: Place | None = None

    def apply(self) -> None:
        old = self.step(self.doc.db, self.doc.resolve(KIND, self.section_id))
        if old is None:
            raise ValidationError(self.refusal, detail="section move impossible")
        if self.old is None:
            self.old = old
        self.doc.reload_sections()

    def revert(self) -> None:
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
        self.saved = delete_section(self.doc.db, self.doc.resolve(KIND, self.section_id))
        self.doc.reload_sections()

    def revert(self) -> None:
        assert self.saved is not None
        parent, index, subtree = self.saved
        parent = None if parent is None else self.doc.resolve(KIND, parent)
        new_id = restore_section(self.doc.db, self.doc.plan_id, parent, index, subtree)
        self.doc.reload_sections()
        restored = self.doc.find_section(new_id)
        if restored is not None:
            self.doc.remap_subtree(subtree, restored)


class SetSectionBody(PlanCommand):
    def __init__(self, doc: PlanDocument, section_id: int, paragraphs: list[Paragraph]) -> None:
        super().__init__(doc, "Sửa nội dung mục")
        self.section_id = section_id
        self.new = copy.deepcopy(paragraphs)
        self.old: list[Paragraph] | None = None

    def _store(self, paragraphs: list[Paragraph]) -> list[Paragraph]:
        ident = self.doc.resolve(KIND, self.section_id)
        old = set_section_body(self.doc.db, ident, copy.deepcopy(paragraphs))
        section = self.doc.find_section(ident)
        if section is not None:
            section.body = copy.deepcopy(paragraphs)
        self.doc.sections_changed.emit()
        return old

    def apply(self) -> None:
        old = self._store(self.new)
        if self.old is None:
            self.old = old

    def revert(self) -> None:
        assert self.old is not None
        self._store(self.old)
