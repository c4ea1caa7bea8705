"""What the API and the web pages share about roles: how a route declares one, and the check.

A role dependency is marked with the role it requires (:func:`marked`); :func:`declared_role`
reads the marks from a route's dependencies, so a test built from the route table finds a route
that declares none. :func:`authorize` refuses a role below the one needed and audits what a GET
reads. (The API sits above the web UI in b12's layers, so this lives here and the API imports it.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.routing import APIRoute

from b12.data.store import Store
from b12.services import access
from b12.services.users import Principal, Role

ROLE_MARK = "b12_role"
PUBLIC = "public"  # sign-in and sign-out: no role
CDS_JWT = "cds-jwt"  # CDS Hooks: the EHR signs a JWT (b12.cds_hooks), no b12 role
Dependency = TypeVar("Dependency", bound=Callable[..., Any])


def marked(dependency: Dependency, mark: Role | str) -> Dependency:
    """Mark a dependency with the role (or ``public``/``cds-jwt``) a route using it declares."""
    setattr(dependency, ROLE_MARK, mark)
    return dependency


def declared_role(route: Any) -> Role | str | None:
    """The role a route (an APIRoute or FastAPI's RouteContext of one) declares: ``public``,
    ``cds-jwt`` or a :class:`Role`; None if it declares none."""
    marks = set()
    pending = list(route.dependant.dependencies)
    while pending:
        dependant = pending.pop()
        mark = getattr(dependant.call, ROLE_MARK, None)
        if mark is not None:
            marks.add(mark)
        pending.extend(dependant.dependencies)
    if len(marks) > 1:
        raise ValueError(f"{route.path} declares several roles: {sorted(marks)}")
    return marks.pop() if marks else None


def authorize(request: Request, principal: Principal, needed: Role) -> None:
    """Refuse a role below ``needed``; audit what a GET reads (blocking: call off the loop)."""
    store: Store = request.app.state.store
    route = request.scope.get("route")
    path = route.path_format if isinstance(route, APIRoute) else request.url.path  # no :type
    access.grant(store, principal, needed, request.method, path, request.path_params)


async def _public() -> None:
    """A route anyone may call (the sign-in page and sign-out)."""


public = marked(_public, PUBLIC)
