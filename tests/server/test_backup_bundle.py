"""Backups in server mode (issue 19, item 4): ``cchc backup`` writes every plan in one
cchc-backup JSON bundle (and pg_dump's archive when it is on PATH); ``cchc restore`` reads
it back, replacing the plans in one transaction after a bundle of what was there. On both
engines, and across them (an office moving from SQLite to the server)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cchc_desktop.cli import main
from tests.conftest import EXAMPLES


def _run(db: str, *argv: str, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["--db", db, *argv])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def _exports(db: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, bytes]:
    folder.mkdir(exist_ok=True)
    found = {}
    for line in _run(db, "plans", capsys=capsys).splitlines():
        plan_id, _year, symbol, _title = line.split("\t")
        target = folder / f"{plan_id}.json"
        _run(db, "export-json", plan_id, "-o", str(target), capsys=capsys)
        found[symbol] = target.read_bytes()
    return found


def test_bundle_round_trip_on_both_engines(
    engine_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for example in EXAMPLES:
        _run(engine_db, "import", str(example), capsys=capsys)
    before = _exports(engine_db, tmp_path / "before", capsys)
    bundle = tmp_path / "sao-luu.json"
    out = _run(engine_db, "backup", "-o", str(bundle), capsys=capsys)
    assert out.startswith(f"{bundle}\t") and f"\t{len(EXAMPLES)} plans" in out
    data = json.loads(bundle.read_text("utf-8"))
    assert data["format"] == "cchc-backup" and len(data["plans"]) == len(EXAMPLES)
    assert all(p["format"] == "cchc-plan" for p in data["plans"])
    # Restore over a changed database: the plans are exactly the bundle's again.
    _run(engine_db, "import", str(EXAMPLES[0]), capsys=capsys)
    assert len(_run(engine_db, "plans", capsys=capsys).splitlines()) == len(EXAMPLES) + 1
    out = _run(engine_db, "restore", str(bundle), capsys=capsys)
    assert f"restored {len(EXAMPLES)} plans from {bundle}" in out
    saved = Path(out.splitlines()[0].removeprefix("previous plans backed up to "))
    assert len(json.loads(saved.read_text("utf-8"))["plans"]) == len(EXAMPLES) + 1
    assert _exports(engine_db, tmp_path / "after", capsys) == before


@pytest.mark.server
def test_sqlite_bundle_restored_on_the_server_is_identical(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lite = str(tmp_path / "cchc.sqlite")
    for example in EXAMPLES:
        _run(lite, "import", str(example), capsys=capsys)
    bundle = tmp_path / "van-phong.json"
    _run(lite, "backup", "-o", str(bundle), capsys=capsys)
    _run(pg_url, "init", capsys=capsys)
    _run(pg_url, "restore", str(bundle), capsys=capsys)
    assert _exports(pg_url, tmp_path / "pg", capsys) == _exports(lite, tmp_path / "lite", capsys)
    # The server backup with no -o goes to the backups folder, with pg_dump's archive.
    out = _run(pg_url, "backup", capsys=capsys).splitlines()
    assert "/backups/cchc-may-chu-" in out[0] and out[0].endswith(f"\t{len(EXAMPLES)} plans")
    if shutil.which("pg_dump"):
        assert out[1].endswith("\tpg_dump") and Path(out[1].split("\t")[0]).stat().st_size > 0


def test_a_bad_bundle_is_refused_and_nothing_changes(
    engine_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(engine_db, "import", str(EXAMPLES[0]), capsys=capsys)
    listed = _run(engine_db, "plans", capsys=capsys)
    bad = tmp_path / "hong.json"
    bad.write_text('{"format": "cchc-backup", "version": 1, "plans": [{"format": "x"}]}')
    assert main(["--db", engine_db, "restore", str(bad)]) == 1
    assert capsys.readouterr().err.startswith(f"cchc: {bad}: plans[0].")
    other = tmp_path / "khac.json"
    other.write_text('{"format": "cchc-plan"}')
    assert main(["--db", engine_db, "restore", str(other)]) == 1
    assert 'format: expected "cchc-backup"' in capsys.readouterr().err
    assert _run(engine_db, "plans", capsys=capsys) == listed
