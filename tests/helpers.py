"""Helpers shared by tests: run the CLI in-process, snapshot a database's rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cchc_desktop.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``cchc ARGV`` in-process; returns (exit code, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, for "nothing changed" assertions."""
    conn = sqlite3.connect(db_path)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }
    finally:
        conn.close()
