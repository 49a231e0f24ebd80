"""The OK / Cancel row of every dialog, with Vietnamese texts, and the line above it that
says why OK refused."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QWidget

from cchc_desktop.domain.status import WARNING_TEXT_COLOR

OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def ok_cancel(parent: QWidget, ok_text: str, cancel_text: str = "Hủy") -> QDialogButtonBox:
    """An OK / Cancel button box whose buttons say ``ok_text`` and ``cancel_text``; the caller
    connects ``accepted`` and ``rejected`` (some dialogs check before they accept)."""
    buttons = QDialogButtonBox(OK | CANCEL, parent)
    ok_button(buttons).setText(ok_text)
    cancel_button(buttons).setText(cancel_text)
    return buttons


def ok_button(buttons: QDialogButtonBox) -> QPushButton:
    return buttons.button(OK)


def cancel_button(buttons: QDialogButtonBox) -> QPushButton:
    return buttons.button(CANCEL)


def error_label(parent: QWidget, *, wrap: bool = False) -> QLabel:
    """An empty line in the warning colour, for a dialog's refusal ("Cần nhập …")."""
    label = QLabel(parent)
    label.setWordWrap(wrap)
    label.setStyleSheet(f"color: #{WARNING_TEXT_COLOR};")
    return label
