"""On loopback (no tokens) `b12 serve` answers only requests addressed to this machine.

A web page on any site can point a DNS name of its own at 127.0.0.1 (DNS rebinding) and then read
and write records from the browser as the same origin: such requests carry that name in Host.
The browser version of this is in tests/web/test_browser_security.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from b12.api.limits import host_name
from tests.api.conftest import auth_server
from tests.fixtures.server import Server, sqlite_server

__all__ = ["auth_server"]


@pytest.fixture(scope="module")
def loopback(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from sqlite_server(tmp_path_factory, "rebind")


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:8012", "127.0.0.1"),
        ("LocalHost", "localhost"),
        ("localhost.:8012", "localhost"),
        ("[::1]:8012", "[::1]"),
        ("[::1]", "[::1]"),
        ("evil.example:8012", "evil.example"),
        ("", ""),
    ],
)
def test_host_name(header: str, name: str) -> None:
    assert host_name(header) == name


@pytest.mark.parametrize("host", ["rebind.evil.example", "127.0.0.1.nip.io", "192.168.1.20", ""])
def test_a_request_for_another_host_name_is_refused(loopback: Server, host: str) -> None:
    port = loopback.url.rsplit(":", 1)[1]
    for method, path in (("GET", "/api/persons"), ("GET", "/persons"), ("POST", "/api/persons")):
        answer = httpx.request(
            method,
            f"{loopback.url}{path}",
            headers={"Host": f"{host}:{port}" if host else ""},
            json={"label": "REBIND", "age": 50, "sex": "male"},
            timeout=30,
        )
        assert answer.status_code == 421, (host, path, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["type"].endswith("#misdirected")
    assert "REBIND" not in httpx.get(f"{loopback.url}/api/persons", timeout=30).text


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST"])
def test_requests_for_this_machine_are_answered(loopback: Server, host: str) -> None:
    port = loopback.url.rsplit(":", 1)[1]
    answer = httpx.get(
        f"{loopback.url}/api/persons", headers={"Host": f"{host}:{port}"}, timeout=30
    )
    assert answer.status_code == 200, answer.text


def test_off_loopback_tokens_guard_the_api_and_any_host_name_is_answered(
    auth_server: tuple[Server, str],
) -> None:
    server, token = auth_server
    answer = httpx.get(
        f"{server.url}/api/persons",
        headers={"Host": "b12.clinic.example", "Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
