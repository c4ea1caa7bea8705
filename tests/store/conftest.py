"""Store tests run on every engine: SQLite and a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from b12.data.store import Store, upgrade
from tests.fixtures.postgres import make_postgres_database, postgres_server

__all__ = ["make_postgres_database", "postgres_server"]


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'records.sqlite3'}"
    make: Callable[[], str] = request.getfixturevalue("make_postgres_database")
    return make()


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A migrated store on each engine."""
    store = Store(database_url)
    upgrade(store)
    yield store
    store.dispose()
