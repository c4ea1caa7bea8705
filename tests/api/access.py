"""Helpers of the access-model tests: users of each role, web sign-in, and the audit command."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fixtures.server import Server, b12, start_server

ROLES = ("read-only", "clinician", "admin")


@dataclass
class Clinic:
    """A server off loopback with one user of each role; ``tokens`` maps role to token."""

    server: Server
    database_url: str
    tokens: dict[str, str]

    def bearer(self, role: str) -> dict[str, str]:
        """The Authorization header of the user with ``role``."""
        return {"Authorization": f"Bearer {self.tokens[role]}"}


def serve_clinic(
    request: pytest.FixtureRequest, folder: Path, users: Callable[[str], dict[str, str]]
) -> Iterator[Clinic]:
    """b12 serve on 0.0.0.0 over SQLite or PostgreSQL (``request.param``), with ``users(url)``."""
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'b12.sqlite3'}"
    else:
        url = request.getfixturevalue("make_postgres_database")()
    tokens = users(url)
    env = {"B12_SECURE_COOKIES": "false"}  # plain HTTP here: httpx keeps Secure cookies for HTTPS
    running = start_server(url, folder / "server.log", host="0.0.0.0", env=env)
    yield Clinic(running, url, tokens)
    running.stop()


def create_user(database_url: str, name: str, role: str | None = None) -> str:
    """`b12 users create NAME [--role ROLE]`; returns the printed token."""
    extra = ["--role", role] if role else []
    created = b12("users", "create", name, *extra, "--database-url", database_url)
    assert created.returncode == 0, created.stdout + created.stderr
    return created.stdout.strip().splitlines()[-1]


def csrf_of(page: str) -> str:
    """The CSRF field of a page's first form."""
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def sign_in(client: httpx.Client, token: str) -> str:
    """Sign ``client`` in to the web UI with ``token``; returns the CSRF field to post with."""
    csrf = csrf_of(client.get("/login").text)
    signed_in = client.post("/login", data={"csrf_token": csrf, "token": token})
    assert signed_in.status_code == 303, signed_in.text
    return csrf


def audit(database_url: str, *options: str) -> list[dict[str, Any]]:
    """The audit trail as `b12 audit --json` prints it."""
    result = b12("audit", "--json", *options, "--database-url", database_url)
    assert result.returncode == 0, result.stdout + result.stderr
    events: list[dict[str, Any]] = json.loads(result.stdout)
    return events
