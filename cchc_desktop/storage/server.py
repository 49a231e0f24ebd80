"""Server mode on PostgreSQL (issue 19): what a ``postgresql://`` URL needs, and what is
wrong with one in a line a clerk or IT can act on (``cchc server-check URL``).

The driver (psycopg 3, the ``[server]`` extra) is imported here and by SQLAlchemy only when
a URL names a server: the embedded SQLite default never loads it. Passwords are never put
in settings: libpq reads ``PGPASSWORD`` or the user's ``pgpass`` file, or the URL carries
one for a script; every message shows the URL with the password hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from cchc_desktop.errors import DatabaseError

CONNECT_TIMEOUT_S = 5


def is_server_url(text: str) -> bool:
    return "://" in text and make_url(text).get_backend_name() == "postgresql"


def shown(url: str | URL) -> str:
    """The URL as messages show it: no password."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return str(url)
    return parsed.render_as_string(hide_password=True)


def require_driver() -> None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise DatabaseError(
            "Chế độ máy chủ cần gói psycopg; hãy cài bản có hỗ trợ máy chủ "
            '(pip install "cchc-desktop[server]").',
            detail='server mode needs the psycopg driver: pip install -e ".[server]"',
        ) from None


# What libpq says, and what it means for the office (first match wins).
_CAUSES: tuple[tuple[str, str, str], ...] = (
    ("password authentication failed", "sai mật khẩu hoặc tên đăng nhập",
     "wrong password for the role"),
    ("no password supplied", "chưa có mật khẩu (đặt PGPASSWORD hoặc tệp pgpass)",
     "no password supplied (set PGPASSWORD or a pgpass file)"),
    ("does not exist", "cơ sở dữ liệu hoặc tài khoản không có trên máy chủ",
     "the database or role does not exist on the server"),
    ("no pg_hba.conf entry", "máy chủ không cho máy này kết nối (pg_hba.conf)",
     "the server refuses this machine (no pg_hba.conf entry)"),
    ("connection refused", "máy chủ không nhận kết nối: PostgreSQL chưa chạy hoặc cổng bị chặn",
     "connection refused: is PostgreSQL running and the port open on the LAN?"),
    ("timeout expired", "không liên lạc được máy chủ (hết thời gian chờ)",
     "no answer from the server (timeout): wrong host or a firewall"),
    ("could not translate host name", "không tìm thấy máy chủ theo tên",
     "unknown host name"),
    ("permission denied", "tài khoản không đủ quyền trên cơ sở dữ liệu",
     "the role lacks privileges on the database"),
)  # fmt: skip


def explain(exc: BaseException, url: str) -> DatabaseError:
    """A connection failure as a :class:`DatabaseError` naming the server and the cause."""
    text = " ".join(str(getattr(exc, "orig", None) or exc).split())
    low = text.lower()
    vi, en = next(
        ((v, e) for key, v, e in _CAUSES if key in low),
        ("lỗi kết nối", text[:200] or type(exc).__name__),
    )
    return DatabaseError(
        f"Không kết nối được máy chủ cơ sở dữ liệu {shown(url)}: {vi}.",
        file=shown(url),
        detail=en,
    )


def connect_args() -> dict[str, object]:
    return {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "cchc-desktop"}


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    line: str


def server_check(url: str) -> CheckResult:
    """Connect to ``url`` and say in one line what is wrong, or what was found."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return CheckResult(False, f"{url}: not a database URL (postgresql://user@host/dbname)")
    if parsed.get_backend_name() != "postgresql":
        return CheckResult(False, f"{url}: not a PostgreSQL URL (postgresql://user@host/dbname)")
    try:
        require_driver()
    except DatabaseError as err:
        return CheckResult(False, f"{shown(parsed)}: {err.detail}")
    from sqlalchemy import create_engine, text

    from cchc_desktop.storage.migrate import head_revision, known_revisions

    # Not storage.database.make_engine: that module imports this one (no import circle).
    engine = create_engine(parsed.set(drivername="postgresql+psycopg"), connect_args=connect_args())
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar()
            role = conn.execute(text("SELECT current_user")).scalar()
            has_schema = conn.execute(text("SELECT to_regclass('alembic_version')")).scalar()
            revision = (
                conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if has_schema
                else None
            )
            can_create = conn.execute(
                text("SELECT has_schema_privilege('public', 'CREATE')")
            ).scalar()
    except Exception as exc:  # every failure becomes the one line
        return CheckResult(False, f"{shown(parsed)}: {explain(exc, url).detail}")
    finally:
        engine.dispose()
    where = f"PostgreSQL {version}, database {parsed.database}, role {role}"
    if revision is None:
        if not can_create:
            return CheckResult(
                False, f"{shown(parsed)}: empty database and role {role} may not create "
                "tables in schema public (GRANT CREATE ON SCHEMA public)",
            )  # fmt: skip
        return CheckResult(True, f"ok: {where}; empty, 'cchc --db URL init' creates the tables")
    if revision not in known_revisions():
        return CheckResult(
            False, f"{shown(parsed)}: schema {revision} is newer than this application "
            f"(knows up to {head_revision()}): update CCHC Desktop",
        )  # fmt: skip
    state = "current" if revision == head_revision() else f"upgraded to {head_revision()} on open"
    return CheckResult(True, f"ok: {where}; schema {revision} ({state})")
