"""Fixtures for the hostile-input tests: the corpus is generated once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_corpus import build_corpus


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, build_corpus(folder)
