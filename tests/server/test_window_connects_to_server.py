"""The window's "Kết nối máy chủ" against the real server (issue 19, item 1): from the local
file to the office's PostgreSQL database (the server's plan opens, other clerks are
watched, the password lands in the keyring only) and back to the local file; start-up on
the saved server, and on the local file when the server cannot be reached."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from cchc_desktop.interchange import read_plan_file
from cchc_desktop.paths import data_dir, default_db_path
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.storage import open_database
from cchc_desktop.storage.server_login import ServerLogin
from tests import keyrings
from tests.conftest import HAI_DUONG, PLANS

pytestmark = pytest.mark.gui
GIO_SON = PLANS / "ke-hoach-32-ubnd-gio-son-2022.plan.json"


def _login(pg_url: str) -> ServerLogin:
    url = make_url(pg_url)
    return ServerLogin(str(url.host), str(url.database), str(url.username), int(url.port or 0))


@pytest.fixture
def server_plan(pg_url: str) -> tuple[str, str]:
    db = open_database(pg_url)
    plan = read_plan_file(GIO_SON)
    save_new_plan(db, plan)
    db.dispose()
    return pg_url, plan.title


@pytest.fixture
def local_window(qtbot):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from cchc_desktop.storage.startup import open_for_app

    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    db = open_for_app(default_db_path())
    save_new_plan(db, read_plan_file(HAI_DUONG))
    settings = QSettings(str(data_dir() / "cchc-desktop.ini"), QSettings.Format.IniFormat)
    window = MainWindow(PlanDocument(db), settings)
    qtbot.addWidget(window)
    window.open_plan(None)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.background.wait()
    window.doc.db.dispose()


def _answer_dialog(qtbot, fill) -> None:  # type: ignore[no-untyped-def]
    """Fill in the modal "Kết nối máy chủ" dialog once it is shown and press a button."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from cchc_desktop.ui.dialogs.server_dialog import ServerDialog

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ServerDialog):
            QTimer.singleShot(20, act)
            return
        fill(dialog)

    QTimer.singleShot(0, act)


def test_window_switches_to_the_server_plan_and_back(qtbot, local_window, server_plan) -> None:  # type: ignore[no-untyped-def]
    window = local_window
    url, server_title = server_plan
    login = _login(url)
    local_title = window.doc.plan.title
    assert window.change_watcher is None
    checked: list[str] = []

    def fill_server(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.host.setText(login.host)
        dialog.port.setValue(login.port)
        dialog.database.setText(login.database)
        dialog.user.setText(login.user)
        dialog.password.setText("mật khẩu")
        dialog.test_button.click()  # the same check as `cchc server-check`
        checked.append(dialog.outcome.text())
        dialog.connect_button.click()

    with keyrings.using(keyrings.memory()) as ring:
        _answer_dialog(qtbot, fill_server)
        window.act_server.trigger()
        assert checked and checked[0].startswith("Kết nối được: ok: PostgreSQL")
        assert window.doc.db.engine.dialect.name == "postgresql"
        assert window.doc.plan.title == server_title
        assert window.plan_chooser.count() == 1
        assert window.change_watcher is not None
        assert "Đang dùng cơ sở dữ liệu: postgresql://" in window.last_status
        assert ring.secrets == {("CCHC Desktop", login.account): "mật khẩu"}  # type: ignore[attr-defined]
        ini = Path(window.settings.fileName()).read_text(encoding="utf-8")
        assert "enabled=true" in ini and "mật khẩu" not in ini

        # Start-up with nothing on the command line takes the saved server, password from
        # the keyring.
        from cchc_desktop.app import _open_saved_server
        from cchc_desktop.storage.server_login import saved_login

        saved = saved_login(data_dir() / "cchc-desktop.ini")
        assert saved == login
        db, failure = _open_saved_server(saved, default_db_path(), headless=True)
        assert failure is None and db.engine.dialect.name == "postgresql"
        assert make_url(db.url).password == "mật khẩu"
        db.dispose()

        # And back to the local file.
        _answer_dialog(qtbot, lambda dialog: dialog.local_button.click())
        window.act_server.trigger()
    assert window.doc.db.path == default_db_path()
    assert window.doc.plan.title == local_title
    assert window.change_watcher is None
    assert saved_login(data_dir() / "cchc-desktop.ini") is None


def test_unreachable_saved_server_opens_the_local_file(qtbot, pg_cluster, capsys) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from cchc_desktop.app import _open_saved_server

    from cchc_desktop.ui.dialogs.server_dialog import save_login

    settings = QSettings(str(data_dir() / "cchc-desktop.ini"), QSettings.Format.IniFormat)
    gone = ServerLogin("127.0.0.1", "khong_co", "cchc_test", pg_cluster.port)
    save_login(settings, gone, enabled=True)
    with keyrings.using(keyrings.failing()):
        db, failure = _open_saved_server(gone, default_db_path(), headless=True)
    assert failure is None
    assert db.path == default_db_path()
    assert "khong_co" in capsys.readouterr().err
    db.dispose()
