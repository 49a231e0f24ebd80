"""Cell painting and editors: wrapped text cut at a whole line, wrapped multi-line text
editing, and a combo box for a fixed set of choices.

The status combo paints each choice in its palette colour (``domain.status.STATUS_COLORS``,
shared with the .xlsx report), so the clerk sees the colour before choosing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from cchc_desktop.ui.widgets.editors import EnterCommits

Index = QModelIndex | QPersistentModelIndex


def wrapped_lines(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """``text`` wrapped at ``width`` pixels, at most ``max_lines`` lines, the last one ending
    in "…" when the text goes on: a row kept short shows whole lines, never half of one."""
    width = max(width, 1)
    laid: list[tuple[str, int, int]] = []  # (paragraph, start, length) of each line
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        layout.beginLayout()
        line = layout.createLine()
        if not line.isValid():
            laid.append((paragraph, 0, 0))
        while line.isValid():
            line.setLineWidth(width)
            laid.append((paragraph, line.textStart(), line.textLength()))
            line = layout.createLine()
        layout.endLayout()
    lines = [p[start : start + length].rstrip() for p, start, length in laid[:max_lines]]
    if len(laid) > max_lines:
        paragraph, start, _length = laid[max_lines - 1]
        rest = " ".join([paragraph[start:], *(p for p, s, _n in laid[max_lines:] if s == 0)])
        lines[-1] = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return lines


class WrappedDelegate(QStyledItemDelegate):
    """Paints a cell's text wrapped and cut after the last line that fits (a row's height is
    capped so that enough rows show, ``widgets.tables.row_cap``); the whole text is in the
    cell's tooltip and editor."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not text:
            return
        opt.text = text
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        rect = rect.adjusted(margin, 0, -margin, 0)
        font: QFont = opt.font
        spacing = QFontMetrics(font).lineSpacing()
        lines = wrapped_lines(text, font, rect.width(), max(1, rect.height() // spacing))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        align = opt.displayAlignment
        horizontal = align & Qt.AlignmentFlag.AlignHorizontal_Mask
        painter.save()
        painter.setFont(font)
        painter.setPen(opt.palette.color(role))
        for number, line in enumerate(lines):
            box = QRect(rect.left(), rect.top() + number * spacing, rect.width(), spacing)
            painter.drawText(box, int(horizontal | Qt.AlignmentFlag.AlignTop), line)
        painter.restore()


class TextDelegate(WrappedDelegate):
    """Edits a long text in a wrapped box that grows with the cell; Enter commits.

    ``on_editor(editor, index)``, when set, is told of each editor opened (the window keeps
    what is typed in it as a draft, ``ui/drafts``)."""

    on_editor: Callable[[QPlainTextEdit, Index], None] | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.installEventFilter(EnterCommits(self._commit, editor))
        if self.on_editor is not None:
            self.on_editor(editor, index)
        return editor

    def _commit(self, editor: Any) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        text = " ".join(editor.toPlainText().split())
        if text != (index.data(Qt.ItemDataRole.EditRole) or ""):
            model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 4 + 10))
        editor.setGeometry(rect)


class LineDelegate(QStyledItemDelegate):
    """Qt's own one-line editor, with the ``on_editor`` hook of :class:`TextDelegate`."""

    on_editor: Callable[[QLineEdit, Index], None] | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if self.on_editor is not None and isinstance(editor, QLineEdit):
            self.on_editor(editor, index)
        return editor


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (value, label) choices; ``colors`` maps a value to an RGB hex."""

    def __init__(
        self,
        choices: list[tuple[str, str]],
        colors: dict[str, str] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._choices = choices
        self._colors = colors or {}

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self._choices:
            combo.addItem(label, value)
            color = self._colors.get(value)
            if color:
                combo.setItemData(
                    combo.count() - 1, QColor(f"#{color}"), Qt.ItemDataRole.BackgroundRole
                )
        combo.activated.connect(lambda _i: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        position = editor.findData(value)
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = editor.currentData()
        if value != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, value, Qt.ItemDataRole.EditRole)
