"""The window's "Kết nối máy chủ" setting without Qt (issue 19, item 1): where the office's
server is, and the clerk's password in the operating system's keyring.

The host, port, database and user are kept in the window's settings file (``[server]`` of
``cchc-desktop.ini``, written by the dialog through QSettings); the password never is. It
goes to the OS keyring (Windows Credential Manager, macOS Keychain, the Secret Service on
Linux) through the ``keyring`` library of the ``[server]`` extra. Where no keyring backend
works (no library, no Secret Service on a bare Linux desktop) the password is not stored at
all and the window asks for it at each start: a plain-text store (``keyrings.alt``'s
``PlaintextKeyring``) is refused like a missing one.
"""

from __future__ import annotations

import configparser
import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

KEYRING_SERVICE = "CCHC Desktop"
DEFAULT_PORT = 5432
GROUP = "server"  # the settings group the dialog writes: server/host, server/port, ...
NO_KEYRING = (
    "Máy này không có kho mật khẩu của hệ điều hành: mật khẩu sẽ không được lưu "
    "và chương trình sẽ hỏi lại mật khẩu mỗi lần mở."
)
# Backends that would keep the password in a file as it is typed.
_PLAIN_TEXT = {"PlaintextKeyring", "UncryptedFileKeyring"}


@dataclass(frozen=True)
class ServerLogin:
    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT

    def url(self, password: str | None = None) -> str:
        """``postgresql://user[:password]@host:port/database`` (quoted as URLs need)."""
        return URL.create(
            "postgresql",
            username=self.user or None,
            password=password or None,
            host=self.host or None,
            port=self.port or None,
            database=self.database or None,
        ).render_as_string(hide_password=False)

    @property
    def account(self) -> str:
        """The keyring entry's name: one password per role on each server and database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def _keyring() -> Any | None:
    """The keyring library when it has a backend that keeps secrets safely, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration: as good as none
        log.warning("keyring backend failed to load", exc_info=True)
        return None
    if isinstance(backend, fail.Keyring) or type(backend).__name__ in _PLAIN_TEXT:
        return None
    return keyring


def keyring_problem() -> str | None:
    """Why the password cannot be kept (Vietnamese, for the dialog), or None when it can."""
    return None if _keyring() is not None else NO_KEYRING


def stored_password(login: ServerLogin) -> str | None:
    lib = _keyring()
    if lib is None:
        return None
    try:
        found = lib.get_password(KEYRING_SERVICE, login.account)
    except Exception:  # locked or unreachable keyring: ask the clerk instead
        log.warning("keyring read failed", exc_info=True)
        return None
    return str(found) if found is not None else None


def store_password(login: ServerLogin, password: str) -> bool:
    """Keep ``password`` in the keyring (an empty one removes the entry); False when there
    is no keyring to keep it in, and then nothing is written anywhere."""
    lib = _keyring()
    if lib is None:
        return False
    try:
        if password:
            lib.set_password(KEYRING_SERVICE, login.account, password)
        else:
            forget_password(login)
    except Exception:
        log.warning("keyring write failed", exc_info=True)
        return False
    return True


def forget_password(login: ServerLogin) -> None:
    lib = _keyring()
    if lib is None:
        return
    # keyring.errors.PasswordDeleteError: there was none.
    with contextlib.suppress(Exception):
        lib.delete_password(KEYRING_SERVICE, login.account)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", ";": ";", ",": ","}


def _qt_ini_value(raw: str) -> str:
    """A string value as QSettings' INI format wrote it: quoted parts (kept as they are, a
    comma inside included) and backslash escapes."""
    out: list[str] = []
    chars = iter(raw.strip())
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append(_ESCAPES.get(nxt, nxt))
        elif ch != '"':  # the quotes around a part that holds a comma
            out.append(ch)
    return "".join(out)


def saved_login(ini: Path) -> ServerLogin | None:
    """The server the window was last switched to, read from its settings file before Qt
    is loaded (start-up opens the database first); None when it uses the local file.

    The dialog stores plain strings and a number, which QSettings writes as ``key=value``
    (quoted when a value holds a comma or a quote)."""
    section = _server_group(ini)
    if section is None:
        return None

    def value(key: str) -> str:
        return _qt_ini_value(section.get(key, ""))

    if value("enabled").lower() != "true":
        return None
    try:
        port = int(value("port") or DEFAULT_PORT)
    except ValueError:
        port = DEFAULT_PORT
    login = ServerLogin(value("host"), value("database"), value("user"), port)
    return login if login.host and login.database else None


# -- the clerk's name on a server (issue 19, item 3) ---------------------------------------


def clerk_key(login: ServerLogin) -> str:
    """The settings key (``server/clerk_…``) of the name chosen for one server URL: a digest
    of the account, so QSettings and :func:`saved_clerk` spell it the same."""
    import hashlib

    return "clerk_" + hashlib.sha1(login.account.encode("utf-8")).hexdigest()[:16]


def default_clerk(login: ServerLogin) -> str:
    """What the dialog proposes: the operating system user's full name, else the role."""
    import os

    full = ""
    if os.name == "posix":
        import pwd

        with contextlib.suppress(KeyError, OSError):
            full = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
    elif os.name == "nt":  # GetUserNameExW(NameDisplay): the name Windows shows
        import ctypes

        with contextlib.suppress(Exception):
            size = ctypes.c_ulong(256)
            buffer = ctypes.create_unicode_buffer(size.value)
            if ctypes.windll.secur32.GetUserNameExW(3, buffer, ctypes.byref(size)):  # type: ignore[attr-defined]
                full = buffer.value.strip()
    return full or login.user


def saved_clerk(ini: Path, login: ServerLogin) -> str | None:
    """The name the clerk chose for ``login``'s server, read before Qt is loaded."""
    section = _server_group(ini)
    if section is None:
        return None
    name = _qt_ini_value(section.get(clerk_key(login), "")).strip()
    return name or None


def _server_group(ini: Path) -> configparser.SectionProxy | None:
    """The dialog's group of the window's settings file, read without Qt; None when the
    file is missing, unreadable or has no such group."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(ini, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return None
    return parser[GROUP] if parser.has_section(GROUP) else None
