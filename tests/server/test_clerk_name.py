"""The clerk's name chosen on the first connect (issue 19, item 3): the "Kết nối máy chủ"
dialog proposes the OS user's full name or the role, keeps the clerk's choice per server
(never a password), the window's edits on the server carry it in ``edited_by``, and the
start-up on the saved server takes it again; ``cchc --clerk NAME`` for commands."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from cchc_desktop.cli import main
from cchc_desktop.domain.periods import Period
from cchc_desktop.paths import data_dir, default_db_path
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.storage import open_database
from cchc_desktop.storage.server_login import ServerLogin, clerk_key, default_clerk, saved_clerk
from tests import keyrings
from tests.server.test_window_connects_to_server import (  # noqa: F401 (fixtures)
    _answer_dialog,
    _login,
    local_window,
    server_plan,
)

pytestmark = pytest.mark.gui


def test_dialog_proposes_a_name_and_keeps_the_choice_per_server(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.dialogs.server_dialog import ServerDialog

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    with keyrings.using(keyrings.memory()):
        dialog = ServerDialog(settings)
        qtbot.addWidget(dialog)
        dialog.host.setText("may-chu")
        dialog.database.setText("cchc")
        dialog.user.setText("hoa")
        dialog.user.editingFinished.emit()
        proposed = default_clerk(dialog.login())
        assert proposed and dialog.clerk_name.text() == proposed  # full name, else the role
        # What typing does (QTest cannot type Vietnamese offscreen): the text, then the signal.
        dialog.clerk_name.setText("Nguyễn Thị Hoa")
        dialog.clerk_name.textEdited.emit("Nguyễn Thị Hoa")
        dialog.password.setText("bí mật")
        assert dialog.remember()
        dialog.grab().save(str(tmp_path / "dialog.png"))
        ini = Path(settings.fileName()).read_text(encoding="utf-8")
        assert "Nguyễn Thị Hoa" in ini and "bí mật" not in ini
        login = ServerLogin("may-chu", "cchc", "hoa")
        assert saved_clerk(Path(settings.fileName()), login) == "Nguyễn Thị Hoa"
        # The next connect to that server proposes the kept name; another server does not.
        again = ServerDialog(settings)
        qtbot.addWidget(again)
        assert again.clerk_name.text() == "Nguyễn Thị Hoa"
        again.database.setText("khac")
        again.database.editingFinished.emit()
        assert again.clerk_name.text() == default_clerk(again.login())
        assert settings.value(f"server/{clerk_key(again.login())}") is None


def test_window_edit_on_the_server_carries_the_chosen_name(  # type: ignore[no-untyped-def]
    qtbot,
    local_window,  # noqa: F811
    server_plan,  # noqa: F811
) -> None:
    from cchc_desktop.ui.commands.task_commands import UpdateTask

    window = local_window
    url, _title = server_plan
    login = _login(url)

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.host.setText(login.host)
        dialog.port.setValue(login.port)
        dialog.database.setText(login.database)
        dialog.user.setText(login.user)
        dialog.user.editingFinished.emit()
        dialog.clerk_name.setText("Trần Văn Nam")
        dialog.clerk_name.textEdited.emit("Trần Văn Nam")
        dialog.connect_button.click()

    with keyrings.using(keyrings.memory()):
        _answer_dialog(qtbot, fill)
        window.act_server.trigger()
        doc = window.doc
        assert doc.db.engine.dialect.name == "postgresql" and doc.db.clerk == "Trần Văn Nam"
        task = copy.deepcopy(doc.plan.tasks[0])
        task.name = "Tên do Nam sửa"
        assert doc.execute(UpdateTask(doc, task.id, task))
        check = open_database(url, migrate=False)
        stored = next(t for t in load_plan(check, doc.plan_id).tasks if t.id == task.id)
        assert (stored.name, stored.edited_by) == ("Tên do Nam sửa", "Trần Văn Nam")
        check.dispose()
        # Start-up on the saved server: the same name, from the settings file.
        from cchc_desktop.app import _open_saved_server
        from cchc_desktop.storage.server_login import saved_login

        saved = saved_login(data_dir() / "cchc-desktop.ini")
        db, failure = _open_saved_server(saved, default_db_path(), headless=True)
        assert failure is None and db.clerk == "Trần Văn Nam"
        db.dispose()


def test_cli_clerk_option_is_recorded(pg_url: str, tmp_path: Path) -> None:
    from tests.conftest import HAI_DUONG

    assert main(["--db", pg_url, "import", str(HAI_DUONG)]) == 0
    assert main(["--db", pg_url, "--clerk", "Lê Thu", "report", "1", "--period", "2022-H1",
                 "--set", "number=7"]) == 0  # fmt: skip
    db = open_database(pg_url, migrate=False)
    record = load_plan(db, 1).report(Period.parse("2022-H1"))
    assert record is not None and (record.number, record.edited_by) == ("7", "Lê Thu")
    db.dispose()
