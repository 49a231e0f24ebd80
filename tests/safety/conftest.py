"""Fixtures for the hostile-input tests: the corpus is generated once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_corpus import build_corpus
from valid_inputs import ValidInputs, make_valid_inputs


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, build_corpus(folder)


@pytest.fixture(scope="session")
def valid_inputs(tmp_path_factory: pytest.TempPathFactory) -> ValidInputs:
    return make_valid_inputs(tmp_path_factory.mktemp("valid"))
