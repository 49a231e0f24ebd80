"""Review a copy to a new year before it is stored: every place where the year was moved
(before → after) and every date or dated document reference left as it was, for the
clerk to check ("Kế hoạch số 276/KH-UBND ngày 27 tháng 01 năm 2022" may be cited again or
replaced by next year's)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.year_copy import YearCopy

REPLACED = "Đã thay năm"
KEPT = "Giữ nguyên — cần xem lại"


class YearCopyDialog(QDialog):
    def __init__(self, preview: YearCopy, old_year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        year = preview.plan.year
        self.setWindowTitle(f"Sao chép sang năm {year}")
        self.resize(980, 560)
        self.summary = QLabel(
            f"Năm {old_year} được thay bằng năm {year} ở {len(preview.replacements)} chỗ. "
            f"{len(preview.kept)} ngày tháng, văn bản được dẫn chiếu giữ nguyên: hãy xem lại "
            "sau khi sao chép. Kết quả thực hiện, số và ngày ban hành không được sao chép.",
            self,
        )
        self.summary.setWordWrap(True)
        rows = [(REPLACED, r.where, r.before, r.after) for r in preview.replacements]
        rows += [(KEPT, k.where, k.text, "") for k in preview.kept]
        self.table = QTableWidget(len(rows), 4, self)
        self.table.setHorizontalHeaderLabels(["", "Vị trí", "Trước", "Sau"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)  # one line a row; the tooltip holds the whole text
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sao chép")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def rows(self) -> list[list[str]]:
        """The table as text (for tests and the clerk's copy)."""
        out = []
        for r in range(self.table.rowCount()):
            items = (self.table.item(r, c) for c in range(self.table.columnCount()))
            out.append([item.text() if item is not None else "" for item in items])
        return out
