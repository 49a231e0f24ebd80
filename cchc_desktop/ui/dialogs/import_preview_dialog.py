"""What a Word plan will become before it is stored: header fields, the section tree, the
number of tasks, and every warning of the reader."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.dates import date_line
from cchc_desktop.domain.model import Plan

from cchc_desktop.ui.widgets.buttons import ok_cancel


def outline_text(plan: Plan) -> str:
    return "\n".join(
        f"{'    ' * (n.depth - 1)}{n.number} {n.section.heading}" for n in plan.walk_sections()
    )


class ImportPreviewDialog(QDialog):
    def __init__(
        self, plan: Plan, warnings: list[str], file_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Nhập kế hoạch từ Word — {file_name}")
        self.resize(820, 620)
        header = QGroupBox("Thông tin văn bản", self)
        form = QFormLayout(header)
        org = plan.organization
        for label, value in (
            ("Cơ quan:", " / ".join(x for x in (org.parent, org.name) if x)),
            ("Số, ký hiệu:", plan.number_symbol.strip()),
            ("Ngày:", date_line(org.place, plan.issued_on, plan.year)),
            ("Loại văn bản:", plan.doc_type),
            ("Trích yếu:", plan.title),
            ("Năm kế hoạch:", str(plan.year)),
            ("Người ký:", " — ".join(x for x in (plan.signer.title, plan.signer.name) if x)),
            ("Phụ lục:", f"{len(plan.tasks)} nhiệm vụ, {len(plan.units)} đơn vị"),
        ):
            text = QLabel(value, header)
            text.setWordWrap(True)
            form.addRow(label, text)
        outline = QPlainTextEdit(outline_text(plan), self)
        outline.setReadOnly(True)
        warn_box = QPlainTextEdit("\n".join(f"• {w}" for w in warnings) or "Không có.", self)
        warn_box.setReadOnly(True)
        warn_box.setMaximumHeight(140)
        buttons = ok_cancel(self, "Lưu kế hoạch")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(QLabel(f"Các mục ({len(plan.walk_sections())}):", self))
        layout.addWidget(outline, 1)
        layout.addWidget(QLabel(f"Cảnh báo khi đọc ({len(warnings)}):", self))
        layout.addWidget(warn_box)
        layout.addWidget(buttons)
