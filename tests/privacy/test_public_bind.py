"""Off loopback, `b12 serve` refuses to start until an API user exists (tokens are then required)."""

from __future__ import annotations

from pathlib import Path

import pytest

from b12.cli.main import EXIT_INPUT, main
from b12.settings import Settings


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "b12.example.org"])
def test_serve_refuses_any_non_loopback_host_without_users(
    host: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    assert main(["serve", "--host", host, "--database-url", url]) == EXIT_INPUT
    assert f"refusing to listen on {host} without API users" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("host", "required"),
    [("127.0.0.1", False), ("localhost", False), ("::1", False), ("0.0.0.0", True), ("::", True)],
)
def test_tokens_are_required_on_every_host_but_loopback(host: str, required: bool) -> None:
    assert Settings(database_url="sqlite://", host=host).auth_required is required
