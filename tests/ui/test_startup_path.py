"""What the window does before its first paint (issue 5's start-up target), checked by
what is imported, not by a clock: timings live in ``bench/bench_gui.py``.

Before the first paint: the plan is read with plain SQL, and neither the SQLModel table
classes nor the writing services are built, whichever tab the clerk left open; the cyclic
garbage collector is paused during start-up and runs again afterwards."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop.ui.main_window import TAB_TITLES, WRITING_SERVICES

pytestmark = pytest.mark.gui

PROBE = Path(__file__).with_name("startup_probe.py")
HAI_DUONG = (
    Path(__file__).parents[1]
    / "fixtures"
    / "plans"
    / ("ke-hoach-74-skhcn-hai-duong-2022.plan.json")
)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from cchc_desktop.interchange import read_plan_file
    from cchc_desktop.services.plan_store import save_new_plan
    from cchc_desktop.storage import open_database

    path = tmp_path_factory.mktemp("startup") / "cchc.sqlite"
    db = open_database(path)
    save_new_plan(db, read_plan_file(HAI_DUONG))
    db.dispose()
    return path


def _start(database: Path, data: Path, tab: int) -> dict[str, object]:
    data.mkdir(parents=True, exist_ok=True)
    (data / "cchc-desktop.ini").write_text(f"[tab]\nlast={tab}\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_DATA_DIR": str(data)}
    done = subprocess.run(
        [sys.executable, str(PROBE), str(database)],
        capture_output=True, text=True, env=env, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("tab", range(len(TAB_TITLES)))
def test_nothing_but_the_plan_is_read_before_the_first_paint(
    database: Path, tmp_path: Path, tab: int
) -> None:
    seen = _start(database, tmp_path / "data", tab)
    modules = set(seen["modules"])  # type: ignore[arg-type]
    assert seen["code"] == 0
    assert "cchc_desktop.services.plan_read" in modules
    assert "cchc_desktop.domain.entities" not in modules
    assert not modules & set(WRITING_SERVICES)
    # No exporter or importer (python-docx, openpyxl); the empty ``imports`` package is
    # looked into to see whether the Word importer is installed.
    assert not [
        m for m in modules if m.startswith(("cchc_desktop.exports", "cchc_desktop.imports."))
    ]
    assert seen["gc_enabled_at_paint"] is False
    # Once painted, the window warms the writing services up and the collector runs again.
    assert set(WRITING_SERVICES) <= set(seen["modules_after"])  # type: ignore[arg-type]
    assert seen["gc_enabled_after"] is True


def test_the_warm_up_names_modules_that_exist() -> None:
    for name in WRITING_SERVICES:
        assert importlib.import_module(name).__name__ == name
