"""Helpers for the storage safety tests: what a database holds, read without the app."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

HAI_DUONG = (
    Path(__file__).resolve().parents[1]
    / "fixtures/plans/ke-hoach-74-skhcn-hai-duong-2022.plan.json"
)
TABLES = ("plan", "section", "paragraph", "task", "unit", "checkin", "evidence")


def facts(path: Path) -> dict[str, object]:
    """Row counts, plan titles and check-in results: enough to tell two databases apart."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        out: dict[str, object] = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES
        }
        out["titles"] = [r[0] for r in conn.execute("SELECT title FROM plan ORDER BY id")]
        out["results"] = sorted(
            (r[0], r[1]) for r in conn.execute("SELECT id, result FROM checkin")
        )
        out["revision"] = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        return out
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage(path: Path) -> None:
    """Overwrite 8 KB in the middle of the file, as a failing disk sector would."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 2 - 4096)
        fh.write(b"\xde\xad\xbe\xef" * 2048)
