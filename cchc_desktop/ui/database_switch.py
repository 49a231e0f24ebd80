"""Switching the window between the office's server and the local file (issue 19, item 1):
the "Kết nối máy chủ…" menu entry, and the saved server opened at start-up.

Opening goes through ``storage.startup.open_for_app`` as at start-up (on the server:
migrations; on the local file: the writer lock, checks and the daily backup); the window
takes the new database only once it opened, so a refused connection changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from cchc_desktop.errors import UserError
from cchc_desktop.paths import default_db_path
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.server import shown
from cchc_desktop.storage.server_login import NO_KEYRING, ServerLogin, stored_password

from cchc_desktop.ui.dialogs.server_dialog import (
    TITLE,
    Choice,
    ServerDialog,
    ask_password,
    save_login,
    settings_login,
)

if TYPE_CHECKING:
    from cchc_desktop.ui.main_window import MainWindow


def _open(target: str) -> Database:
    from cchc_desktop.storage.startup import open_for_app

    return open_for_app(target if "://" in target else default_db_path())


def connect_server(window: MainWindow) -> bool:
    """The dialog, then the switch; True when the window now uses another database."""
    on_server = window.doc.db.engine.dialect.name != "sqlite"
    dialog = ServerDialog(window.settings, window, on_server=on_server)
    if not dialog.exec() or dialog.choice is None:
        return False
    if dialog.choice is Choice.LOCAL:
        return _switch(window, str(default_db_path()), lambda: _use_local(window))
    url = dialog.url()

    def remember() -> None:
        window.doc.db.clerk = dialog.clerk()  # recorded with each edit from now on
        if not dialog.remember() and dialog.password.text():
            QMessageBox.information(window, TITLE, NO_KEYRING)

    return _switch(window, url, remember)


def _use_local(window: MainWindow) -> None:
    save_login(window.settings, settings_login(window.settings), enabled=False)


def _switch(window: MainWindow, target: str, on_success: object) -> bool:
    try:
        db = _open(target)
    except UserError as err:
        QMessageBox.warning(window, TITLE, err.message)
        return False
    window.switch_database(db)
    on_success()  # type: ignore[operator]
    where = shown(target) if "://" in target else str(default_db_path())
    window.show_status(f"Đang dùng cơ sở dữ liệu: {where}")
    return True


def saved_server_url(login: ServerLogin, parent: QWidget | None) -> str | None:
    """The URL to open the saved server at start-up: the password from the keyring, else
    asked (no keyring, or none stored yet: a server with ``trust`` or a pgpass file needs
    none, so an empty answer is kept); None when the clerk cancels."""
    password = stored_password(login)
    if password is None:
        from cchc_desktop.storage.server_login import keyring_problem

        if keyring_problem() is None:
            return login.url()  # a keyring without an entry: libpq's own sources, if any
        password = ask_password(parent, login)
        if password is None:
            return None
    return login.url(password)
