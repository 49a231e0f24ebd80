"""Tab "Nội dung": the section tree with live numbers and the selected section's paragraphs."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.model import Paragraph, Section, SectionKind
from cchc_desktop.domain.numbering import MAX_DEPTH

from cchc_desktop.ui.commands.section_commands import (
    AddSection,
    DeleteSection,
    MoveSection,
    SetSectionBody,
    SetSectionKind,
)
from cchc_desktop.ui.dialogs import ask
from cchc_desktop.ui.models.list_models import ParagraphListModel
from cchc_desktop.ui.models.section_tree_model import SectionTreeModel
from cchc_desktop.ui.plan_document import IdKind, PlanDocument
from cchc_desktop.ui.ui_state import Key, kept_splitter
from cchc_desktop.ui.widgets.banner import MessageBanner
from cchc_desktop.ui.widgets.list_editor import paragraph_editor
from cchc_desktop.ui.widgets.table_keys import TableKeys


class ContentTab(QWidget):
    def __init__(
        self, doc: PlanDocument, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.settings = settings
        self.model = SectionTreeModel(doc, self)
        self.paragraphs = ParagraphListModel(self._on_paragraphs_edited, self)
        self._current_id: int | None = None
        self._keep_id: int | None = None
        self._build()
        self._connect_signals()
        self._after_reset()

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = MessageBanner(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setIndentation(18)

        self.add_button = QPushButton("Thêm mục", self)
        self.add_child_button = QPushButton("Thêm mục con", self)
        self.rename_button = QPushButton("Đổi tên…", self)
        self.delete_button = QPushButton("Xóa mục…", self)
        self.up_button = QPushButton("Lên", self)
        self.down_button = QPushButton("Xuống", self)
        self.indent_button = QPushButton("Thụt vào →", self)
        self.outdent_button = QPushButton("← Lùi ra", self)
        for button, tip in (
            (self.add_button, "Thêm một mục cùng cấp, sau mục đang chọn (phím Insert)"),
            (self.add_child_button, f"Thêm một mục con (tối đa {MAX_DEPTH} cấp: I., 1., a))"),
            (self.rename_button, "Đổi tên mục đang chọn (F2)"),
            (self.delete_button, "Xóa mục cùng các mục con và nội dung (phím Delete)"),
            (self.indent_button, "Biến mục thành mục con của mục phía trên"),
            (self.outdent_button, "Đưa mục ra một cấp"),
        ):
            button.setToolTip(tip)
        grid = QGridLayout()
        for i, button in enumerate(
            (
                self.add_button,
                self.add_child_button,
                self.rename_button,
                self.delete_button,
                self.up_button,
                self.down_button,
                self.outdent_button,
                self.indent_button,
            )
        ):
            grid.addWidget(button, i // 4, i % 4)
        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(QLabel("Các mục của kế hoạch (số thứ tự tự động):", left))
        left_box.addWidget(self.tree, 1)
        left_box.addLayout(grid)
        self.untitled = QCheckBox("Khoản/điểm không có tiêu đề (in thường như đoạn văn)", left)
        self.untitled.setToolTip(
            "Theo Nghị định 30: khoản, điểm có tiêu đề in đậm; khoản, điểm không có tiêu đề "
            "(số thứ tự rồi cả câu văn) in đứng, không đậm. Không áp dụng cho mục I., II."
        )
        left_box.addWidget(self.untitled)

        self.body_group = QGroupBox("Nội dung của mục", self)
        self.editor = paragraph_editor(self.paragraphs, self.body_group)
        body_box = QVBoxLayout(self.body_group)
        body_box.addWidget(self.editor)

        self.splitter = kept_splitter(
            self, self.settings, Key.CONTENT_SPLITTER, (left, self.body_group), (520, 800),
            stretch=(2, 3),
        )  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

    def _connect_signals(self) -> None:
        self.untitled.clicked.connect(self._on_untitled)
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.add_button.clicked.connect(self.add_sibling)
        self.add_child_button.clicked.connect(self.add_child)
        self.rename_button.clicked.connect(self.rename_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.up_button.clicked.connect(lambda: self.move_current("up"))
        self.down_button.clicked.connect(lambda: self.move_current("down"))
        self.indent_button.clicked.connect(lambda: self.move_current("indent"))
        self.outdent_button.clicked.connect(lambda: self.move_current("outdent"))
        TableKeys(
            self.tree,
            on_delete=self.delete_current,
            on_insert=self.add_sibling,
            on_enter=self.rename_current,
        )

    # -- public -----------------------------------------------------------------------------
    @property
    def current_section_id(self) -> int | None:
        return self._current_id

    def show_refusal(self, message: str) -> None:
        self.banner.show_error(message)

    def select_section(self, section_id: int | None) -> None:
        index = self.model.index_of(section_id)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.tree.scrollTo(index)

    def numbered_headings(self) -> list[str]:
        """What the tree shows, in document order (for tests and the screenshot check)."""
        plan = self.doc.plan
        return [f"{n.number} {n.section.heading}" for n in plan.walk_sections()] if plan else []

    # -- actions ----------------------------------------------------------------------------
    def _ask_heading(self, title: str, text: str = "") -> str | None:
        heading, ok = QInputDialog.getText(self, title, "Tên mục:", text=text)
        heading = " ".join(heading.split())
        return heading if ok and heading else None

    def add_sibling(self) -> None:
        if self.doc.plan is None:
            return
        heading = self._ask_heading("Thêm mục")
        if heading is None:
            return
        current = self._current_id
        if current is None:
            parent_id, index = None, None
        else:
            node_index = self.model.index_of(current)
            parent_index = node_index.parent()
            parent_id = self.model.section_id(parent_index)
            index = node_index.row() + 1
        self._add(parent_id, heading, index)

    def add_child(self) -> None:
        current = self._current_id
        if current is None:
            self.add_sibling()
            return
        if self.model.depth(current) >= MAX_DEPTH:
            self.show_refusal(f"Mục chỉ được lồng tối đa {MAX_DEPTH} cấp (I., 1., a)).")
            return
        heading = self._ask_heading("Thêm mục con")
        if heading is not None:
            self._add(current, heading, None)

    def _add(self, parent_id: int | None, heading: str, index: int | None) -> None:
        command = AddSection(self.doc, parent_id, heading, index)
        if self.doc.execute(command):
            self.select_section(command.section_id)

    def rename_current(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.tree.edit(index)

    def delete_current(self) -> None:
        current = self._current_id
        if current is None:
            return
        section = self.model.section(current)
        count = sum(1 for _ in _walk(section)) - 1
        extra = f" cùng {count} mục con" if count else ""
        label = f"{self.model.number(current)} {section.heading}"
        if not ask.confirm(
            self,
            "Xóa mục",
            f"Xóa mục “{label}”{extra} và toàn bộ nội dung?\n\nCó thể hoàn tác bằng Ctrl+Z.",
        ):
            return
        index = self.model.index_of(current)
        neighbour = index.sibling(index.row() - 1, 0) if index.row() > 0 else index.parent()
        next_id = self.model.section_id(neighbour)
        if self.doc.execute(DeleteSection(self.doc, current)):
            self.select_section(next_id)

    def move_current(self, how: str) -> None:
        current = self._current_id
        if current is not None and self.doc.execute(MoveSection(self.doc, current, how)):
            self.select_section(current)

    # -- callbacks --------------------------------------------------------------------------
    def _before_reset(self) -> None:
        self._keep_id = self._current_id

    def _after_reset(self) -> None:
        self.tree.expandAll()
        keep = (
            self.doc.resolve(IdKind.SECTION, self._keep_id) if self._keep_id is not None else None
        )
        if keep is not None and self.model.index_of(keep).isValid():
            self.select_section(keep)
        elif self.model.rowCount() > 0:
            self.tree.setCurrentIndex(self.model.index(0, 0))
        else:
            self._show_body(None)
        self._update_buttons()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_body(self.model.section_id(current))

    def _show_body(self, section_id: int | None) -> None:
        self._current_id = section_id
        if section_id is None:
            self.paragraphs.set_items([])
            self.body_group.setTitle("Nội dung của mục")
            self.editor.setEnabled(False)
        else:
            section = self.model.section(section_id)
            self.paragraphs.set_items(section.body)
            number = self.model.number(section_id)
            empty = "" if section.body else " — chưa có đoạn nào (bấm “Thêm đoạn”)"
            self.body_group.setTitle(f"Nội dung của mục {number} {section.heading[:70]}{empty}")
            self.editor.setEnabled(True)
            self.editor.view.resizeRowsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self._current_id is not None
        for button in (
            self.add_child_button,
            self.rename_button,
            self.delete_button,
            self.up_button,
            self.down_button,
            self.indent_button,
            self.outdent_button,
        ):
            button.setEnabled(has)
        self.add_button.setEnabled(self.doc.plan is not None)
        below_muc = has and self._current_id is not None and self.model.depth(self._current_id) > 1
        self.untitled.setEnabled(below_muc)
        self.untitled.setChecked(
            below_muc
            and self._current_id is not None
            and self.model.section(self._current_id).kind is SectionKind.ITEM
        )

    def _on_untitled(self, checked: bool) -> None:
        if self._current_id is None:
            return
        kind = SectionKind.ITEM if checked else SectionKind.HEADING
        if not self.doc.execute(SetSectionKind(self.doc, self._current_id, kind)):
            self._update_buttons()

    def _on_paragraphs_edited(self, paragraphs: list[Paragraph]) -> bool:
        if self._current_id is None:
            return False
        return self.doc.execute(SetSectionBody(self.doc, self._current_id, paragraphs))


def _walk(section: Section) -> Iterator[Section]:
    yield section
    for child in section.children:
        yield from _walk(child)
