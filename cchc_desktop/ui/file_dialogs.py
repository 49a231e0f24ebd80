"""The window's file dialogs, one place for all of them (issue 17).

- In Vietnamese: Qt's own dialog (its texts translated by ``qt_vietnamese``) wherever the
  system dialog would not be in the clerk's language; on Windows the system's dialog, which
  speaks the language of Windows and shows the clerk's usual places.
- The overwrite question is ours, in Vietnamese, and comes after a check that the file is
  not open in LibreOffice / Word / Excel nor read-only (``file_locks``): Qt asked in English
  and replaced a file LibreOffice had open.
- Each kind of file remembers its own folder (``ui_state.remembered_folder``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from cchc_desktop.errors import UserError
from cchc_desktop.file_locks import check_replaceable

from cchc_desktop.ui.dialogs import ask
from cchc_desktop.ui.ui_state import remember_folder, remembered_folder

Option = QFileDialog.Option


def options(*, save: bool = False) -> QFileDialog.Option:
    chosen = Option(0)
    if not sys.platform.startswith("win"):
        chosen |= Option.DontUseNativeDialog
    if save:
        chosen |= Option.DontConfirmOverwrite  # asked in Vietnamese by ``save_path``
    return chosen


def save_path(
    parent: QWidget,
    settings: QSettings,
    key: str,
    title: str,
    name: str,
    file_filter: str,
    suffix: str,
    also: tuple[str, ...] = (),
) -> Path | None:
    """Ask where to save ``name``; None when the clerk cancels, or when the file chosen is
    open elsewhere or read-only (said in Vietnamese) or they decline to replace it."""
    folder = remembered_folder(settings, key, *also)
    text, _chosen = QFileDialog.getSaveFileName(
        parent, title, str(folder / name), file_filter, "", options(save=True)
    )
    if not text:
        return None
    path = Path(text)
    if not path.name.lower().endswith(suffix):
        path = path.with_name(path.name + suffix)
    remember_folder(settings, key, path.parent)
    return path if may_replace(parent, title, path) else None


def may_replace(parent: QWidget, title: str, path: Path) -> bool:
    """False (said in Vietnamese) when ``path`` is open in another program, read-only or in
    a folder we may not write, or when the clerk declines to replace an existing file."""
    try:
        check_replaceable(path)
    except UserError as err:
        ask.warn(parent, title, err.message)
        return False
    return not path.exists() or ask.confirm(
        parent, title, f"Tệp “{path.name}” đã có trong thư mục này.\n\nGhi đè lên tệp cũ?",
        "Ghi đè",
    )  # fmt: skip


def open_path(
    parent: QWidget,
    settings: QSettings,
    key: str,
    title: str,
    file_filter: str,
    also: tuple[str, ...] = (),
) -> Path | None:
    text, _chosen = QFileDialog.getOpenFileName(
        parent, title, str(remembered_folder(settings, key, *also)), file_filter, "", options()
    )
    if not text:
        return None
    path = Path(text)
    remember_folder(settings, key, path.parent)
    return path


def open_paths(
    parent: QWidget,
    settings: QSettings,
    key: str,
    title: str,
    file_filter: str,
    also: tuple[str, ...] = (),
) -> list[Path]:
    texts, _chosen = QFileDialog.getOpenFileNames(
        parent, title, str(remembered_folder(settings, key, *also)), file_filter, "", options()
    )
    paths = [Path(t) for t in texts]
    if paths:
        remember_folder(settings, key, paths[0].parent)
    return paths


def folder_path(
    parent: QWidget, settings: QSettings, key: str, title: str, also: tuple[str, ...] = ()
) -> Path | None:
    text = QFileDialog.getExistingDirectory(
        parent,
        title,
        str(remembered_folder(settings, key, *also)),
        options() | Option.ShowDirsOnly,
    )
    if not text:
        return None
    folder = Path(text)
    remember_folder(settings, key, folder)
    return folder
