"""Issue 13 item 8: every route of the app declares the role it needs, and the server enforces it.

Generated from the app's own route table (API and web, every method): a route without a declared
role fails here. Each route is then called on a real server off loopback as every role (with
made-up ids and empty bodies): a role below the declared one gets 403, any other role gets past
the check (whatever the route then answers: 404, 422, ...).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts

from b12.api.app import create_app
from b12.api.deps import declared_role
from b12.settings import Settings
from tests.api.access import ROLES, Clinic, create_user, csrf_of, sign_in
from tests.fixtures.server import start_server

RANK = {role: rank for rank, role in enumerate(ROLES)}
MADE_UP_ID = "999999"


def _routes() -> list[tuple[RouteContext, str]]:
    # On loopback the app also offers CDS Hooks; off loopback it needs tokens. FastAPI keeps
    # included routers nested: iter_route_contexts gives each route with its router's dependencies.
    seen: dict[tuple[str, str], tuple[RouteContext, str]] = {}
    for host in ("127.0.0.1", "0.0.0.0"):
        app = create_app(Settings(database_url="sqlite://", host=host))
        for route in iter_route_contexts(app.routes):
            methods = route.methods or {"GET"}
            for method in sorted(methods - {"HEAD"}):
                seen[(str(route.path), method)] = (route, method)
    return [seen[key] for key in sorted(seen)]


ROUTES = _routes()


def _id(case: Any) -> str:
    if isinstance(case, tuple):
        route, method = case
        return f"{method} {route.path}"
    return str(case)


@pytest.mark.parametrize("case", ROUTES, ids=_id)
def test_every_route_declares_the_role_it_needs(case: tuple[RouteContext, str]) -> None:
    route, _method = case
    assert isinstance(route.original_route, APIRoute), f"{route.path} declares no role"
    assert declared_role(route) is not None, f"{route.path} declares no role"


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clinic]:
    folder = tmp_path_factory.mktemp("route-roles")
    url = f"sqlite:///{folder / 'b12.sqlite3'}"
    tokens = {role: create_user(url, role.replace("-", ""), role) for role in ROLES}
    env = {"B12_SECURE_COOKIES": "false"}
    running = start_server(url, folder / "server.log", host="0.0.0.0", env=env)
    yield Clinic(running, url, tokens)
    running.stop()


@pytest.fixture(scope="module")
def browsers(clinic: Clinic) -> Iterator[dict[str, tuple[httpx.Client, str]]]:
    """A signed-in web client of each role, with the CSRF field to post with."""
    clients = {}
    for role in ROLES:
        client = httpx.Client(base_url=clinic.server.url, timeout=30)
        clients[role] = (client, sign_in(client, clinic.tokens[role]))
    yield clients
    for client, _csrf in clients.values():
        client.close()


def _path(route: RouteContext) -> str:
    path = str(route.path)
    for name in route.param_convertors:
        path = path.replace(f"{{{name}}}", MADE_UP_ID)
    return path


# Routes that need a b12 role; the rest are public (sign-in) or signed by other means (CDS Hooks
# JWTs), which the test above checks are declared.
ROLE_ROUTES = [
    c for c in ROUTES if c[0].path not in ("/logout", "/login") and declared_role(c[0]) in RANK
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", ROLE_ROUTES, ids=_id)
def test_every_route_refuses_the_roles_below_the_declared_one(
    case: tuple[RouteContext, str],
    role: str,
    clinic: Clinic,
    browsers: dict[str, tuple[httpx.Client, str]],
) -> None:
    route, method = case
    needed = declared_role(route)
    path = _path(route)
    if path.startswith("/api"):
        answer = httpx.request(method, clinic.server.url + path, headers=clinic.bearer(role))
    else:
        client, csrf = browsers[role]
        form = {"csrf_token": csrf} if method == "POST" else None
        answer = client.request(method, path, data=form)
        assert answer.headers.get("location") != "/login", "the session ended"
    assert answer.status_code != 401, (path, answer.text)
    if RANK[role] < RANK[needed]:
        assert answer.status_code == 403, (method, path, role, answer.status_code)
    else:
        assert answer.status_code != 403, (method, path, role, answer.text[:300])
    if path.startswith("/persons") and method == "GET" and answer.status_code == 200:
        assert csrf_of(answer.text)  # a page, not a redirect to sign in
