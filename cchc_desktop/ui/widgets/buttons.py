"""The OK / Cancel row of every dialog, with Vietnamese texts."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

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
