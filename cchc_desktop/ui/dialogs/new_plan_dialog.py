"""A new, empty plan: year, symbol, title and the issuing body (taken from the open plan)."""

from __future__ import annotations

import copy

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.model import Organization, Plan, Signer, Unit
from cchc_desktop.domain.text import clean

from cchc_desktop.ui.widgets.buttons import error_label, ok_cancel


class NewPlanDialog(QDialog):
    def __init__(self, template: Plan | None, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tạo kế hoạch mới")
        self.resize(560, 360)
        org = template.organization if template else Organization()
        self._units: list[Unit] = copy.deepcopy(template.units) if template else []
        self._signer = copy.deepcopy(template.signer) if template else Signer()
        self.year = QSpinBox(self)
        self.year.setRange(1900, 9999)
        self.year.setValue(year)
        self.parent_org = QLineEdit(org.parent, self)
        self.org_name = QLineEdit(org.name, self)
        self.abbreviation = QLineEdit(org.abbreviation, self)
        self.place = QLineEdit(org.place, self)
        self.symbol = QLineEdit(f"KH-{org.abbreviation}" if org.abbreviation else "KH-", self)
        self.title = QLineEdit(f"Cải cách hành chính năm {year}", self)
        self.copy_units = QCheckBox("Dùng danh sách đơn vị của kế hoạch đang mở", self)
        self.copy_units.setChecked(bool(self._units))
        self.copy_units.setEnabled(bool(self._units))
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow("Năm kế hoạch:", self.year)
        form.addRow("Cơ quan chủ quản:", self.parent_org)
        form.addRow("Cơ quan ban hành:", self.org_name)
        form.addRow("Chữ viết tắt:", self.abbreviation)
        form.addRow("Địa danh:", self.place)
        form.addRow("Ký hiệu:", self.symbol)
        form.addRow("Trích yếu:", self.title)
        form.addRow("", self.copy_units)
        buttons = ok_cancel(self, "Tạo")
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def plan(self) -> Plan:
        units = copy.deepcopy(self._units) if self.copy_units.isChecked() else []
        for unit in units:
            unit.id = None
        return Plan(
            organization=Organization(
                clean(self.parent_org.text()),
                clean(self.org_name.text()),
                clean(self.abbreviation.text()),
                clean(self.place.text()),
            ),
            year=self.year.value(),
            symbol=clean(self.symbol.text()),
            title=clean(self.title.text()),
            units=units,
            signer=copy.deepcopy(self._signer),
        )

    def _on_accept(self) -> None:
        for widget, what in (
            (self.org_name, "Tên cơ quan ban hành"),
            (self.symbol, "Ký hiệu"),
            (self.title, "Trích yếu"),
        ):
            if not widget.text().strip():
                self.error.setText(f"{what} không được để trống.")
                widget.setFocus()
                return
        self.accept()
