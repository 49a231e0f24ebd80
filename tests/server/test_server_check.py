"""``cchc server-check URL`` (issue 19, item 6) against the real server: one line saying
what was found or what is wrong; and the server-mode guards: no psycopg on the SQLite
path, a clear refusal without the driver, passwords never printed."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from cchc_desktop.cli import main
from cchc_desktop.errors import DatabaseError
from cchc_desktop.storage import open_database
from cchc_desktop.storage.migrate import head_revision
from cchc_desktop.storage.server import require_driver
from tests.server.pg_cluster import Cluster


def _check(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["server-check", url])
    out = capsys.readouterr()
    lines = (out.out + out.err).splitlines()
    assert len(lines) == 1, lines
    return code, lines[0]


def test_an_empty_then_a_ready_database(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, line = _check(pg_url, capsys)
    assert code == 0
    assert line.startswith("ok: PostgreSQL 15")
    assert "role cchc_test" in line and "empty, 'cchc --db URL init' creates the tables" in line
    assert main(["--db", pg_url, "init"]) == 0
    capsys.readouterr()
    code, line = _check(pg_url, capsys)
    assert code == 0 and line.endswith(f"schema {head_revision()} (current)")


def test_what_is_wrong_in_one_line(
    pg_cluster: Cluster, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    cases = {
        f"postgresql://cchc_test@127.0.0.1:{closed_port}/x": "connection refused: is "
        "PostgreSQL running and the port open on the LAN?",
        pg_cluster.url("khong_co"): "the database or role does not exist on the server",
        pg_cluster.url("postgres", role="ai_do"): "the database or role does not exist",
        "sqlite:///tmp/x.sqlite": "not a PostgreSQL URL",
        "ten-may/csdl": "not a database URL",
    }
    for url, expected in cases.items():
        code, line = _check(url, capsys)
        assert code == 1 and line.startswith("cchc: ") and expected in line, line
    db = open_database(pg_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()
    code, line = _check(pg_url, capsys)
    assert code == 1 and "schema 9999 is newer than this application" in line


def test_a_password_is_never_printed(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://van_thu:bi-mat@127.0.0.1:1/cchc"
    assert main(["--db", url, "plans"]) == 1
    err = capsys.readouterr().err
    assert "bi-mat" not in err and "postgresql://van_thu:***@127.0.0.1:1/cchc" in err
    assert "connection refused" in err


def test_the_sqlite_path_never_imports_psycopg(tmp_path: Path) -> None:
    db = tmp_path / "cchc.sqlite"
    code = (
        "import sys\n"
        "from cchc_desktop.cli import main\n"
        f"assert main(['--db', {str(db)!r}, 'init']) == 0\n"
        f"assert main(['--db', {str(db)!r}, 'plans']) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('psycopg')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines()[-1] == "[]"


def test_without_the_driver_server_mode_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg → ImportError
    with pytest.raises(DatabaseError) as info:
        require_driver()
    assert "Chế độ máy chủ cần gói psycopg" in info.value.message
    assert 'pip install -e ".[server]"' in info.value.detail
