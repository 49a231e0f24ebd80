"""The look and behaviour of the window's big edited tables (tasks, check-ins) and of the
unit filter above them, kept in one place so the two tabs a clerk moves between read,
select, filter and edit alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView, QWidget

from cchc_desktop.domain.model import Unit

# Up to this many rows, each row is as tall as its wrapped text; beyond, measuring every row
# takes seconds (10,000 tasks) and rows get a fixed height of three lines.
FIT_ROWS_LIMIT = 400
ALL_UNITS = "Tất cả đơn vị"


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
    return table


def fit_rows(table: QTableView) -> None:
    """Row heights after the rows or the column widths changed (see ``FIT_ROWS_LIMIT``)."""
    if table.model().rowCount() <= FIT_ROWS_LIMIT:
        table.resizeRowsToContents()
    else:
        lines = table.fontMetrics().lineSpacing()
        table.verticalHeader().setDefaultSectionSize(lines * 3 + 8)


def fit_changed_rows(table: QTableView, top: QModelIndex, bottom: QModelIndex) -> None:
    """Row heights of the rows ``top`` to ``bottom`` after their text changed."""
    if table.model().rowCount() <= FIT_ROWS_LIMIT:
        for row in range(top.row(), bottom.row() + 1):
            table.resizeRowToContents(row)


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
