"""A real server without auth (loopback) and one with API tokens (bound to 0.0.0.0)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.api.access import ROLES, Clinic, create_user, serve_clinic
from tests.fixtures.postgres import make_postgres_database, postgres_server
from tests.fixtures.server import Server, b12, sqlite_server, start_server

__all__ = ["make_postgres_database", "postgres_server"]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """b12 serve on 127.0.0.1 with a fresh SQLite file (no tokens needed)."""
    yield from sqlite_server(tmp_path_factory, "api")


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    """An HTTP client of the loopback server."""
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


@pytest.fixture(scope="session")
def auth_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    """b12 serve on 0.0.0.0 with one user; yields the server and that user's token."""
    folder = tmp_path_factory.mktemp("auth")
    url = f"sqlite:///{folder / 'b12.sqlite3'}"
    created = b12("users", "create", "alice", "--database-url", url)
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip().splitlines()[-1]
    env = {"B12_SECURE_COOKIES": "false"}  # plain HTTP here: httpx keeps Secure cookies for HTTPS
    running = start_server(url, folder / "server.log", host="0.0.0.0", env=env)
    yield running, token
    running.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def clinic(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Clinic]:
    """b12 serve on 0.0.0.0 with a read-only user, a clinician and an admin, on each engine."""
    folder = tmp_path_factory.mktemp(f"clinic-{request.param}")
    yield from serve_clinic(
        request,
        folder,
        lambda url: {role: create_user(url, role.replace("-", ""), role) for role in ROLES},
    )
