"""The web UI is tested against the same real server as the API."""

from tests.api.conftest import client, server

__all__ = ["client", "server"]
