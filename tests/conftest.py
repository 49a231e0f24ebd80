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
