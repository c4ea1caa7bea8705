"""Issue 13 item 11 and two lows: authentication is decided by configuration, not only the bind.

Behind a reverse proxy on the same machine b12 saw loopback and asked for no token. Now a request
carrying `Forwarded` or any `X-Forwarded-*` header needs one, and `B12_AUTH=required` asks for one
on every request. Off loopback (or behind TLS) the cookies are `Secure`, and the API docs and the
OpenAPI document need a token too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.access import create_user, sign_in
from tests.fixtures.server import Server, sqlite_server, start_server

PROXY_HEADERS = [
    {"X-Forwarded-For": "203.0.113.9"},
    {"X-Forwarded-Proto": "https"},
    {"X-Forwarded-Host": "b12.clinic.example"},
    {"Forwarded": "for=203.0.113.9;proto=https"},
]


@pytest.fixture(scope="module")
def loopback(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from sqlite_server(tmp_path_factory, "modes")


@pytest.fixture(scope="module")
def required(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    """b12 serve on loopback with B12_AUTH=required, as the documented proxy recipe runs it."""
    folder = tmp_path_factory.mktemp("required")
    url = f"sqlite:///{folder / 'b12.sqlite3'}"
    token = create_user(url, "proxied", "read-only")
    running = start_server(url, folder / "server.log", env={"B12_AUTH": "required"})
    yield running, token
    running.stop()


@pytest.mark.parametrize("header", PROXY_HEADERS, ids=lambda h: next(iter(h)))
def test_a_forwarded_request_on_loopback_needs_a_token(
    loopback: Server, header: dict[str, str]
) -> None:
    for path in ("/api/persons", "/api/openapi.json", "/api/docs"):
        answer = httpx.get(loopback.url + path, headers=header, timeout=30)
        assert answer.status_code == 401, (path, answer.status_code)
    # CDS Hooks without signed JWTs is offered to this machine only
    assert httpx.get(f"{loopback.url}/cds-services", headers=header, timeout=30).status_code == 401
    assert httpx.get(f"{loopback.url}/cds-services", timeout=30).status_code == 200
    page = httpx.get(f"{loopback.url}/persons", headers=header, timeout=30)
    assert page.status_code == 303 and page.headers["location"] == "/login"
    made = httpx.post(
        f"{loopback.url}/api/persons",
        headers=header,
        json={"label": "VIA-PROXY", "age": 50, "sex": "male"},
        timeout=30,
    )
    assert made.status_code == 401
    # the same server still answers its own machine without a token
    direct = httpx.get(f"{loopback.url}/api/persons", timeout=30)
    assert direct.status_code == 200 and "VIA-PROXY" not in direct.text


def test_b12_auth_required_asks_for_a_token_on_loopback(required: tuple[Server, str]) -> None:
    server, token = required
    for path in ("/api/persons", "/api/health", "/api/openapi.json", "/api/docs"):
        assert httpx.get(server.url + path, timeout=30).status_code == 401, path
    assert httpx.get(f"{server.url}/persons", timeout=30).headers["location"] == "/login"
    bearer = {"Authorization": f"Bearer {token}"}
    # the proxy may pass the public host name: with tokens there is no DNS rebinding to fear
    public = {**bearer, "Host": "b12.clinic.example", "X-Forwarded-Proto": "https"}
    assert httpx.get(f"{server.url}/api/persons", headers=public, timeout=30).status_code == 200


def test_in_token_mode_the_api_docs_need_a_token(required: tuple[Server, str]) -> None:
    server, token = required
    bearer = {"Authorization": f"Bearer {token}"}
    schema = httpx.get(f"{server.url}/api/openapi.json", headers=bearer, timeout=30)
    assert schema.status_code == 200 and "/api/persons" in schema.json()["paths"]
    docs = httpx.get(f"{server.url}/api/docs", headers=bearer, timeout=30)
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_a_signed_in_browser_reads_the_api_docs(required: tuple[Server, str]) -> None:
    """The Swagger UI page fetches the OpenAPI document with the browser's cookies."""
    server, token = required
    with httpx.Client(base_url=server.url, timeout=30) as browser:
        sign_in(browser, token)
        assert browser.get("/api/docs").status_code == 200
        assert browser.get("/api/openapi.json").status_code == 200
        assert browser.get("/api/persons").status_code == 401  # the API itself wants the token


def test_on_loopback_the_api_docs_still_work(loopback: Server) -> None:
    assert httpx.get(f"{loopback.url}/api/openapi.json", timeout=30).status_code == 200
    assert httpx.get(f"{loopback.url}/api/docs", timeout=30).status_code == 200


def _set_cookies(answer: httpx.Response) -> list[str]:
    return answer.headers.get_list("set-cookie")


def test_cookies_are_secure_behind_tls_and_off_loopback(
    loopback: Server, tmp_path: Path, required: tuple[Server, str]
) -> None:
    plain = _set_cookies(httpx.get(f"{loopback.url}/login", timeout=30))
    assert plain and not any("secure" in c.lower() for c in plain)  # http://127.0.0.1 keeps working
    server, token = required
    tls = {"X-Forwarded-Proto": "https"}
    login = httpx.get(f"{server.url}/login", headers=tls, timeout=30)
    assert all("; secure" in c.lower() for c in _set_cookies(login))
    url = f"sqlite:///{tmp_path / 'b12.sqlite3'}"
    token = create_user(url, "remote", "read-only")
    public = start_server(url, tmp_path / "server.log", host="0.0.0.0")  # default settings
    try:
        with httpx.Client(base_url=public.url, timeout=30) as browser:
            page = browser.get("/login")
            cookies = _set_cookies(page)
            assert cookies and all("; secure" in c.lower() for c in cookies)
            csrf = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            # httpx keeps Secure cookies for HTTPS: send the CSRF cookie back by hand
            jar = {"Cookie": f"b12_csrf={page.cookies['b12_csrf']}"}
            signed_in = browser.post(
                "/login", data={"csrf_token": csrf, "token": token}, headers=jar
            )
            assert signed_in.status_code == 303
            session = [c for c in _set_cookies(signed_in) if c.startswith("b12_session=")]
            assert session and "; secure" in session[0].lower()
            assert "httponly" in session[0].lower() and "samesite=strict" in session[0].lower()
    finally:
        public.stop()


def test_a_bad_setting_names_the_variable_without_a_traceback(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'b12.sqlite3'}"
    for name, value in (("B12_AUTH", "sometimes"), ("B12_TOKEN_LIFETIME_DAYS", "-3")):
        result = b12_with_env({"B12_DATABASE_URL": url, name: value}, "db", "upgrade")
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert name in result.stderr and "Traceback" not in result.stderr
    assert b12_with_env({"B12_DATABASE_URL": url}, "db", "upgrade").returncode == 0


def b12_with_env(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run `b12 ARGS` with extra environment variables."""
    return subprocess.run(
        [sys.executable, "-m", "b12", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "B12_DEBUG": "", **env},
        check=False,
    )
