"""The "Kết nối máy chủ" dialog (issue 19, item 1): where the office's PostgreSQL server is,
a "Kiểm tra kết nối" button that runs the same check as ``cchc server-check``, and the
choice between the server and the local file.

The host, port, database and user go into the window's QSettings (``server/…``); the
password only into the OS keyring (``storage/server_login.py``), and where there is none
the dialog says so and the password is asked again at each start.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.storage.server import CheckResult, server_check
from cchc_desktop.storage.server_login import (
    DEFAULT_PORT,
    GROUP,
    ServerLogin,
    clerk_key,
    default_clerk,
    keyring_problem,
    store_password,
    stored_password,
)

TITLE = "Kết nối máy chủ"


class Choice(StrEnum):
    SERVER = "server"
    LOCAL = "local"


def save_login(settings: QSettings, login: ServerLogin, *, enabled: bool) -> None:
    """What the dialog keeps: never the password."""
    settings.setValue(f"{GROUP}/host", login.host)
    settings.setValue(f"{GROUP}/port", str(login.port))
    settings.setValue(f"{GROUP}/database", login.database)
    settings.setValue(f"{GROUP}/user", login.user)
    settings.setValue(f"{GROUP}/enabled", "true" if enabled else "false")
    settings.sync()


def settings_login(settings: QSettings) -> ServerLogin:
    def text(key: str) -> str:
        return str(settings.value(f"{GROUP}/{key}", "") or "")

    try:
        port = int(text("port") or DEFAULT_PORT)
    except ValueError:
        port = DEFAULT_PORT
    return ServerLogin(text("host"), text("database"), text("user"), port)


def ask_password(parent: QWidget | None, login: ServerLogin) -> str | None:
    """The password of ``login`` typed by the clerk (no keyring to remember it); None:
    cancelled."""
    text, ok = QInputDialog.getText(
        parent,
        TITLE,
        f"Mật khẩu của {login.user} trên máy chủ {login.host}/{login.database}:\n"
        "(máy này không có kho mật khẩu nên không lưu được mật khẩu)",
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


class ServerDialog(QDialog):
    """``exec()`` accepted: :attr:`choice` says which database the clerk wants; for the
    server, :meth:`url` carries the password typed (or found in the keyring)."""

    def __init__(
        self,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        on_server: bool = False,
        check: Callable[[str], CheckResult] = server_check,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.settings = settings
        self.choice: Choice | None = None
        self._check = check
        self._build(on_server)
        self._load()

    def _build(self, on_server: bool) -> None:
        self.host = QLineEdit(self)
        self.host.setPlaceholderText("ví dụ: 192.168.1.10 hoặc may-chu-van-phong")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.database = QLineEdit(self)
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("Máy chủ:", self.host)
        form.addRow("Cổng:", self.port)
        form.addRow("Cơ sở dữ liệu:", self.database)
        form.addRow("Tài khoản:", self.user)
        form.addRow("Mật khẩu:", self.password)
        # Who makes the edits (issue 19, item 3): asked on the first connect to a server,
        # kept per server, written with each edit ("Nhập bởi …").
        self.clerk_name = QLineEdit(self)
        self.clerk_name.setToolTip("Tên này được ghi kèm mỗi lần sửa (Nhập bởi …).")
        self.clerk_name.textEdited.connect(self._clerk_typed)
        self._clerk_chosen = False
        for field in (self.host, self.database, self.user):
            field.editingFinished.connect(self._propose_clerk)
        form.addRow("Tên người nhập:", self.clerk_name)
        problem = keyring_problem()
        self.keyring_note = QLabel(
            problem or "Mật khẩu được cất trong kho mật khẩu của hệ điều hành.", self
        )
        self.keyring_note.setWordWrap(True)
        self.outcome = QLabel("", self)
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_button = QPushButton("Kiểm tra kết nối", self)
        self.test_button.clicked.connect(self.test_connection)
        buttons = QDialogButtonBox(self)
        self.connect_button = buttons.addButton(
            "Kết nối máy chủ", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.local_button = buttons.addButton(
            "Dùng tệp trên máy này", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.local_button.setEnabled(on_server)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Hủy")
        self.connect_button.clicked.connect(lambda: self._choose(Choice.SERVER))
        self.local_button.clicked.connect(lambda: self._choose(Choice.LOCAL))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.test_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def _load(self) -> None:
        login = settings_login(self.settings)
        self.host.setText(login.host)
        self.port.setValue(login.port)
        self.database.setText(login.database)
        self.user.setText(login.user)
        if login.host:
            self.password.setText(stored_password(login) or "")
        self._propose_clerk()

    def _clerk_typed(self) -> None:
        self._clerk_chosen = True

    def _propose_clerk(self) -> None:
        """The name kept for the server typed, else the OS user's full name or the role
        (until the clerk types one)."""
        if self._clerk_chosen:
            return
        login = self.login()
        saved = str(self.settings.value(f"{GROUP}/{clerk_key(login)}", "") or "")
        self.clerk_name.setText(saved or default_clerk(login))

    def clerk(self) -> str:
        """The name recorded with each edit on this server."""
        return self.clerk_name.text().strip() or default_clerk(self.login())

    def login(self) -> ServerLogin:
        return ServerLogin(
            self.host.text().strip(),
            self.database.text().strip(),
            self.user.text().strip(),
            self.port.value(),
        )

    def url(self) -> str:
        return self.login().url(self.password.text())

    def test_connection(self) -> CheckResult:
        """The one line of ``cchc server-check`` for what is typed, shown under the button."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            outcome = self._check(self.url())
        finally:
            QGuiApplication.restoreOverrideCursor()
        mark = "Kết nối được" if outcome.ok else "Không kết nối được"
        self.outcome.setText(f"{mark}: {outcome.line}")
        return outcome

    def remember(self) -> bool:
        """Keep what was typed (the window calls this once the server opened): the fields in
        the settings, the password in the keyring; False when it could not be kept."""
        save_login(self.settings, self.login(), enabled=True)
        self.settings.setValue(f"{GROUP}/{clerk_key(self.login())}", self.clerk())
        self.settings.sync()
        return store_password(self.login(), self.password.text())

    def _choose(self, choice: Choice) -> None:
        if choice is Choice.SERVER and not (self.login().host and self.login().database):
            self.outcome.setText("Hãy nhập tên máy chủ và tên cơ sở dữ liệu.")
            return
        self.choice = choice
        self.accept()
