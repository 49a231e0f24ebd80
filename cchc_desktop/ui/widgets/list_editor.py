"""An editable list shown as a small table with Add / Up / Down / Delete buttons.

Used for paragraphs (preamble, closing, a section's body) and for recipients. Every change
goes to the model's owner as one complete list (one undoable command).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.model import ParagraphStyle

from cchc_desktop.ui.models.list_models import (
    STYLE_LABELS,
    EditableListModel,
    EvidenceListModel,
    ParagraphListModel,
    RecipientListModel,
)
from cchc_desktop.ui.widgets.delegates import ChoiceDelegate, LineDelegate, TextDelegate
from cchc_desktop.ui.widgets.table_keys import TableKeys


class ListEditor(QWidget):
    def __init__(
        self,
        model: EditableListModel,  # type: ignore[type-arg]
        add_text: str,
        delegates: dict[int, QStyledItemDelegate],
        stretch_column: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for column in range(model.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == stretch_column
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        for column, delegate in delegates.items():
            delegate.setParent(self.view)
            self.view.setItemDelegateForColumn(column, delegate)
        self.add_button = QPushButton(add_text, self)
        self.up_button = QPushButton("Lên", self)
        self.down_button = QPushButton("Xuống", self)
        self.delete_button = QPushButton("Xóa", self)
        for button, tip in (
            (self.add_button, "Thêm dòng mới dưới dòng đang chọn (phím Insert)"),
            (self.up_button, "Chuyển dòng đang chọn lên trên"),
            (self.down_button, "Chuyển dòng đang chọn xuống dưới"),
            (self.delete_button, "Xóa các dòng đang chọn (phím Delete)"),
        ):
            button.setToolTip(tip)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.up_button, self.down_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_row)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.delete_button.clicked.connect(self.delete_rows)
        TableKeys(
            self.view,
            on_delete=self.delete_rows,
            on_insert=self.add_row,
            on_enter=self._edit_current,
        )

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            column = max(self.view.currentIndex().column(), 0)
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, column),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def add_row(self) -> None:
        row = self.current_row() + 1 if self.current_row() >= 0 else self.model.rowCount()
        if self.model.insert_item(row):
            self.select_row(row)
            # Start typing the new text at once (after the model has been refreshed).
            text_column = self.model.columnCount() - 1 if self.model.columnCount() > 1 else 0
            QTimer.singleShot(0, lambda: self.view.edit(self.model.index(row, text_column)))

    def delete_rows(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.current_row() >= 0:
            rows = [self.current_row()]
        if rows and self.model.remove_rows(rows):
            self.select_row(min(rows[0], self.model.rowCount() - 1))

    def _move(self, delta: int) -> None:
        row = self.current_row()
        if row >= 0 and self.model.move_item(row, delta):
            self.select_row(row + delta)

    def _edit_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index)


def paragraph_editor(model: ParagraphListModel, parent: QWidget | None = None) -> ListEditor:
    choices = [(style.value, STYLE_LABELS[style]) for style in ParagraphStyle]
    return ListEditor(
        model,
        "Thêm đoạn",
        {
            ParagraphListModel.COL_STYLE: ChoiceDelegate(choices),
            ParagraphListModel.COL_TEXT: TextDelegate(),
        },
        ParagraphListModel.COL_TEXT,
        parent,
    )


def recipient_editor(model: RecipientListModel, parent: QWidget | None = None) -> ListEditor:
    return ListEditor(model, "Thêm nơi nhận", {}, RecipientListModel.COL_NAME, parent)


def evidence_editor(model: EvidenceListModel, parent: QWidget | None = None) -> ListEditor:
    # A delegate of its own only for its hook: what is typed is kept as a draft (ui/drafts).
    editor = ListEditor(model, "Thêm tài liệu", {0: LineDelegate()}, 0, parent)
    editor.up_button.hide()
    editor.down_button.hide()
    editor.view.horizontalHeader().hide()
    return editor
