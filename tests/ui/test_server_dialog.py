"""The "Kết nối máy chủ" dialog (issue 19, item 1): host, port, database and user kept in
QSettings, the password only in the OS keyring (keyring's backends: an in-memory one and
``fail``, as on a PC without a keyring), "Kiểm tra kết nối" giving ``cchc server-check``'s
line, and start-up reading the saved server back before Qt is loaded."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from cchc_desktop.storage.server_login import NO_KEYRING, ServerLogin, saved_login
from tests import keyrings

pytestmark = pytest.mark.gui
SECRET = "mật-khẩu bí mật"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fill(dialog, port: int = 5432) -> None:  # type: ignore[no-untyped-def]
    dialog.host.setText("may-chu-vp")
    dialog.port.setValue(port)
    dialog.database.setText("cchc")
    dialog.user.setText("van_thu_1")
    dialog.password.setText(SECRET)


def test_password_goes_to_the_keyring_and_never_to_the_settings(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.dialogs.server_dialog import ServerDialog

    with keyrings.using(keyrings.memory()) as ring:
        dialog = ServerDialog(settings)
        qtbot.addWidget(dialog)
        assert dialog.keyring_note.text().startswith("Mật khẩu được cất trong kho mật khẩu")
        _fill(dialog)
        assert dialog.remember() is True
        assert ring.secrets == {("CCHC Desktop", "van_thu_1@may-chu-vp:5432/cchc"): SECRET}  # type: ignore[attr-defined]
        ini = Path(settings.fileName()).read_text(encoding="utf-8")
        assert "may-chu-vp" in ini and "van_thu_1" in ini
        assert SECRET not in ini and "bí mật" not in ini
        # The next time the dialog opens it has everything, the password from the keyring.
        again = ServerDialog(settings)
        qtbot.addWidget(again)
        assert (again.host.text(), again.port.value(), again.database.text()) == (
            "may-chu-vp", 5432, "cchc",
        )  # fmt: skip
        assert again.password.text() == SECRET
        assert again.url() == (
            "postgresql://van_thu_1:m%E1%BA%ADt-kh%E1%BA%A9u b%C3%AD m%E1%BA%ADt"
            "@may-chu-vp:5432/cchc"
        )


def test_without_a_keyring_it_says_so_and_writes_the_password_nowhere(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.dialogs.server_dialog import ServerDialog

    with keyrings.using(keyrings.failing()):
        dialog = ServerDialog(settings)
        qtbot.addWidget(dialog)
        assert dialog.keyring_note.text() == NO_KEYRING
        assert "hỏi lại mật khẩu mỗi lần mở" in NO_KEYRING
        _fill(dialog)
        assert dialog.remember() is False
        ini = Path(settings.fileName()).read_text(encoding="utf-8")
        assert "van_thu_1" in ini and SECRET not in ini
        again = ServerDialog(settings)
        qtbot.addWidget(again)
        assert again.password.text() == ""  # asked again


def test_check_button_gives_the_server_check_line(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.dialogs.server_dialog import ServerDialog

    with keyrings.using(keyrings.memory()):
        dialog = ServerDialog(settings)
        qtbot.addWidget(dialog)
        _fill(dialog, port=_closed_port())
        dialog.host.setText("127.0.0.1")
        dialog.test_button.click()
    text = dialog.outcome.text()
    assert text.startswith("Không kết nối được: postgresql://van_thu_1:***@127.0.0.1:")
    assert "connection refused" in text
    assert SECRET not in text


def test_start_up_reads_the_saved_server_without_qt(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.dialogs.server_dialog import save_login

    login = ServerLogin("may-chu, tầng 2", 'cchc "chung"', "Nguyễn Văn A", 5433)
    save_login(settings, login, enabled=True)
    assert saved_login(Path(settings.fileName())) == login
    save_login(settings, login, enabled=False)
    assert saved_login(Path(settings.fileName())) is None
    assert saved_login(Path(settings.fileName()).with_name("none.ini")) is None


def test_no_server_without_host_and_database(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.dialogs.server_dialog import ServerDialog

    with keyrings.using(keyrings.memory()):
        dialog = ServerDialog(settings)
        qtbot.addWidget(dialog)
        assert not dialog.local_button.isEnabled()  # already on the local file
        dialog.connect_button.click()
    assert dialog.choice is None
    assert dialog.outcome.text() == "Hãy nhập tên máy chủ và tên cơ sở dữ liệu."


def test_a_window_on_the_local_file_writes_no_server_bundle(window) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.paths import data_dir

    window.warm_up()
    assert window.daily_server_backup() is None
    assert not list((data_dir() / "backups").glob("cchc-may-chu-*"))
