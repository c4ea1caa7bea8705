"""Issue 13 item 2: a web session ends at once when its user is deleted or signs out.

The session cookie used to be checked for its signature and age only (12 h): after
`b12 users delete bob` Bob's browser could still list and add persons, and a copy of the cookie
kept working after sign-out. Sessions are now server-side records checked on every request.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.api.access import Clinic, create_user, serve_clinic, sign_in
from tests.fixtures.server import b12


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def clinic(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Clinic]:
    """b12 serve on 0.0.0.0 with one user of the default role, on each engine."""
    folder = tmp_path_factory.mktemp(f"sessions-{request.param}")
    yield from serve_clinic(request, folder, lambda url: {"watcher": create_user(url, "watcher")})


def _persons(clinic: Clinic) -> list[str]:
    listed = httpx.get(f"{clinic.server.url}/api/persons", headers=clinic.bearer("watcher"))
    assert listed.status_code == 200, listed.text
    return [person["label"] for person in listed.json()]


def test_deleting_a_user_ends_their_web_session_at_once(clinic: Clinic) -> None:
    token = create_user(clinic.database_url, "bob")
    with httpx.Client(base_url=clinic.server.url, timeout=30) as browser:
        csrf = sign_in(browser, token)
        assert browser.get("/persons").status_code == 200
        assert b12("users", "delete", "bob", "--database-url", clinic.database_url).returncode == 0
        listed = browser.get("/persons")
        assert listed.status_code == 303 and listed.headers["location"] == "/login"
        form = {"csrf_token": csrf, "label": "AFTER-DELETE", "age": "50", "sex": "male"}
        added = browser.post("/persons", data=form)
        assert added.status_code == 303 and added.headers["location"] == "/login"
    assert "AFTER-DELETE" not in _persons(clinic)


def test_a_copied_cookie_stops_working_after_sign_out(clinic: Clinic) -> None:
    with httpx.Client(base_url=clinic.server.url, timeout=30) as browser:
        csrf = sign_in(browser, clinic.tokens["watcher"])
        copied = dict(browser.cookies)
        assert browser.get("/persons").status_code == 200
        signed_out = browser.post("/logout", data={"csrf_token": csrf})
        assert signed_out.status_code == 303
    with httpx.Client(base_url=clinic.server.url, timeout=30, cookies=copied) as replay:
        listed = replay.get("/persons")
        assert listed.status_code == 303 and listed.headers["location"] == "/login"
        form = {"csrf_token": csrf, "label": "AFTER-LOGOUT", "age": "50", "sex": "male"}
        added = replay.post("/persons", data=form)
        assert added.status_code == 303 and added.headers["location"] == "/login"
    assert "AFTER-LOGOUT" not in _persons(clinic)


def test_rotating_a_token_ends_the_sessions_started_with_it(clinic: Clinic) -> None:
    token = create_user(clinic.database_url, "carol")
    with httpx.Client(base_url=clinic.server.url, timeout=30) as browser:
        sign_in(browser, token)
        assert browser.get("/persons").status_code == 200
        rotated = b12("users", "rotate", "carol", "--database-url", clinic.database_url)
        assert rotated.returncode == 0, rotated.stderr
        assert browser.get("/persons").headers.get("location") == "/login"
