"""The look and behaviour of the window's big edited tables (tasks, check-ins) and of the
unit filter above them, kept in one place so the two tabs a clerk moves between read,
select, filter and edit alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView, QWidget

from cchc_desktop.domain.model import Unit

from cchc_desktop.ui.widgets.delegates import WrappedDelegate

# Up to this many rows, each row is as tall as its wrapped text; beyond, measuring every row
# takes seconds (10,000 tasks) and rows get a fixed height of three lines.
FIT_ROWS_LIMIT = 400
ALL_UNITS = "Tất cả đơn vị"
# The wrapped text column (the task's name) keeps at least this share of the table's width:
# on a 1024 px screen the fixed widths of the other columns left it ~70 px (issue 17).
STRETCH_SHARE = 0.36
# A row is as tall as its wrapped text, but never so tall that fewer than this many rows
# show (the full text is in the tooltip and the editor); between 2 and 6 lines.
ROWS_SHOWN = 8
MIN_LINES, MAX_LINES = 2, 6
ROW_PADDING = 8


def editable_table(
    parent: QWidget,
    model: QAbstractItemModel,
    stretch_column: int,
    widths: Mapping[int, int],
) -> QTableView:
    """A table of long wrapped texts, edited in place: rows selected whole (several at
    once for bulk actions), editing started by typing as in a spreadsheet.

    ``stretch_column`` takes the width left over; ``widths`` are the starting widths of
    the others, which the clerk may still drag. The caller adds what is its own
    (delegates, sorting, drag and drop).
    """
    table = QTableView(parent)
    table.setModel(model)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    # The row number would be noise: the tables carry their own STT column.
    table.verticalHeader().hide()
    # Wrapped rows are tall; scrolling by whole rows would jump past them.
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, width in widths.items():
        table.setColumnWidth(column, width)
    table.setItemDelegate(WrappedDelegate(table))
    ColumnShares(table, stretch_column, widths)
    return table


class ColumnShares(QObject):
    """Keeps the stretched column readable when the table narrows: the other columns give
    up width in proportion to their starting widths, so that ``stretch_column`` has at least
    ``STRETCH_SHARE`` of the viewport; when the height changes, the row heights are fitted
    again (the cap of ``row_cap`` depends on it)."""

    def __init__(self, table: QTableView, stretch_column: int, widths: Mapping[int, int]) -> None:
        super().__init__(table)
        self.table = table
        self.stretch_column = stretch_column
        self.widths = dict(widths)
        self._size = (-1, -1)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            viewport = self.table.viewport()
            width, height = viewport.width(), viewport.height()
            old_width, old_height = self._size
            self._size = (width, height)
            if width != old_width:
                self.apply(width)
            if height != old_height and old_height >= 0:
                fit_rows(self.table)
        return False

    def apply(self, available: int) -> None:
        # The narrow columns (STT) keep their width; the others share what is left.
        fixed = {c: w for c, w in self.widths.items() if w < 60}
        flexible = {c: w for c, w in self.widths.items() if c not in fixed}
        room = available * (1 - STRETCH_SHARE) - sum(fixed.values())
        wanted = sum(flexible.values())
        factor = 1.0 if wanted <= room or wanted == 0 else max(room, 0) / wanted
        for column, width in flexible.items():
            self.table.setColumnWidth(column, max(48, int(width * factor)))


def row_cap(table: QTableView) -> int:
    """The tallest a row may be: ``ROWS_SHOWN`` rows fit in the viewport, within
    ``MIN_LINES`` to ``MAX_LINES`` lines of text."""
    line = table.fontMetrics().lineSpacing()
    lines = (table.viewport().height() // ROWS_SHOWN - ROW_PADDING) // max(line, 1)
    return max(MIN_LINES, min(MAX_LINES, lines)) * line + ROW_PADDING


def fit_rows(table: QTableView) -> None:
    """Row heights after the rows or the column widths changed (see ``FIT_ROWS_LIMIT``)."""
    cap = row_cap(table)
    rows = table.model().rowCount()
    if rows <= FIT_ROWS_LIMIT:
        table.resizeRowsToContents()
        for row in range(rows):
            if table.rowHeight(row) > cap:
                table.setRowHeight(row, cap)
    else:
        lines = table.fontMetrics().lineSpacing()
        table.verticalHeader().setDefaultSectionSize(min(lines * 3 + ROW_PADDING, cap))


def fit_changed_rows(table: QTableView, top: QModelIndex, bottom: QModelIndex) -> None:
    """Row heights of the rows ``top`` to ``bottom`` after their text changed."""
    if table.model().rowCount() <= FIT_ROWS_LIMIT:
        cap = row_cap(table)
        for row in range(top.row(), bottom.row() + 1):
            table.resizeRowToContents(row)
            if table.rowHeight(row) > cap:
                table.setRowHeight(row, cap)


def coalescing_timer(owner: QObject, slot: Callable[[], None]) -> QTimer:
    """A timer that runs ``slot`` once after a burst of starts (a drag of a column edge
    resizes it dozens of times; the rows are measured once)."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(slot)
    return timer


def unit_filter_combo(parent: QWidget) -> QComboBox:
    """The "Đơn vị:" filter: wide enough for the long names of Vietnamese units."""
    combo = QComboBox(parent)
    combo.setMinimumContentsLength(24)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def fill_unit_filter(combo: QComboBox, units: Iterable[Unit]) -> None:
    """ "Tất cả đơn vị" and then ``units``, keeping the unit chosen before when it is still
    there; without emitting a change (the caller applies the filter once)."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(ALL_UNITS, None)
    for unit in units:
        combo.addItem(unit.name, unit.name)
    position = combo.findData(current) if current else 0
    combo.setCurrentIndex(max(position, 0))
    combo.blockSignals(False)
