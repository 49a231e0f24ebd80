"""Fixtures of the server-mode tests (issue 19): one throwaway PostgreSQL cluster per test
session (``pg_cluster.py``), a fresh database in it per test, and ``engine_db`` that gives
each both-engine test an SQLite file and a PostgreSQL URL in turn.

There is no skip: without PostgreSQL installed these tests fail with the reason, and
``.ci/run`` installs it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.pg_cluster import Cluster, running_cluster

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    with running_cluster() as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """A new, empty database on the cluster: ``postgresql://cchc_test@127.0.0.1:PORT/tN``."""
    return pg_cluster.create_database(f"t{next(_names)}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.server)])
def engine_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The ``--db`` value of one engine: an SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "cchc.sqlite")
    url: str = request.getfixturevalue("pg_url")
    return url


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Everything that uses the cluster is a server test (engine_db marks its own parameter).
    for item in items:
        if "pg_cluster" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.server)
