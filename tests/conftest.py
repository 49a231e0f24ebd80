"""Shared fixtures: a fresh database per test, the example plans, an offscreen Qt platform."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
PLANS = FIXTURES / "plans"
EXAMPLES = sorted(PLANS.glob("ke-hoach-*.plan.json"))
HAI_DUONG = PLANS / "ke-hoach-74-skhcn-hai-duong-2022.plan.json"


@pytest.fixture(autouse=True)
def _isolated_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test ever touches the real per-user data folder."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CCHC_DATA_DIR", str(data))
    monkeypatch.delenv("CCHC_DB", raising=False)


@pytest.fixture(autouse=True)
def _log_handlers_restored() -> Iterator[None]:
    """The log file a test sets up (``cli.main`` does, for the database's folder) stops at the
    end of that test. A process runs ``main`` once and keeps its handler; tests run it
    hundreds of times in one process, and a handler left behind made every later test write
    its operation lines into an earlier test's folder (for a relative ``--db``: the working
    directory's ``logs/``)."""
    import logging

    logger = logging.getLogger("cchc_desktop")
    handlers, level = list(logger.handlers), logger.level
    yield
    for handler in logger.handlers:
        if handler not in handlers:
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(level)


@pytest.fixture(autouse=True)
def _no_stray_log_folder(request: pytest.FixtureRequest) -> Iterator[None]:
    """No test leaves a ``logs/`` folder in the working directory (the repository root): the
    log folder is ``<db folder>/logs``. Checked after every test, so the failure names the
    test that made it."""
    stray = Path.cwd() / "logs"
    existed = stray.exists()
    yield
    if not existed and stray.exists():
        pytest.fail(f"{request.node.nodeid} left {stray} behind", pytrace=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cchc.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    from cchc_desktop.storage import open_database

    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def hai_duong_plan():  # type: ignore[no-untyped-def]
    from cchc_desktop.interchange import read_plan_file

    return read_plan_file(HAI_DUONG)


@pytest.fixture
def hai_duong_id(db, hai_duong_plan) -> int:  # type: ignore[no-untyped-def]
    from cchc_desktop.services.plan_store import save_new_plan

    return save_new_plan(db, hai_duong_plan)
