"""Fault tests: real processes killed, real servers restarted, real read-only and full disks."""

from __future__ import annotations

from tests.fixtures.postgres import make_postgres_database, postgres_server

__all__ = ["make_postgres_database", "postgres_server"]
