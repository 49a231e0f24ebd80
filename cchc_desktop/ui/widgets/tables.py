"""The look and behaviour of the window's big edited tables (tasks, check-ins), kept in one
place so the two tabs a clerk moves between read, select and edit alike."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


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
