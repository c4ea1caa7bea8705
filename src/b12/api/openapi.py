"""The OpenAPI document as the server answers: problem details and readable operation ids.

Every error b12 returns is a ``Problem`` (``application/problem+json``, :mod:`b12.api.problems`);
:func:`problems` documents them on the routers and routes, replacing FastAPI's default 422 model,
which describes a body b12 never sends. (The CDS Hooks CORS preflight routes are left out of the
document where they are declared.)
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from b12.api import stated_rules
from b12.api.problems import MEDIA_TYPE
from b12.api.schemas import Problem

PROBLEM_REF = "#/components/schemas/Problem"
WHY = {
    400: "The body cannot be parsed as JSON (CDS Hooks: the request or the patient record does not "
    "follow CDS Hooks 2.0 / FHIR)",
    401: "No valid API token or web session (off loopback, behind a proxy or with B12_AUTH=required)",
    403: "The user's role does not allow this",
    404: "No such record",
    409: "The stored record cannot be used for this: its values no longer fit together, or it "
    "does not apply to this person (a menu for a child); `detail` says which and why",
    412: "The data the service needs is not in the request (CDS Hooks prefetch)",
    413: "The request body is over the size limit",
    415: "A POST without a JSON body",
    422: "Invalid input: `field` names it, `detail` says what is allowed",
    503: "The records store is unavailable",
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a router or route for these problem status codes."""
    content = {MEDIA_TYPE: {"schema": {"$ref": PROBLEM_REF}}}
    return {code: {"description": WHY[code], "content": content} for code in codes}


def body_problems(method: str = "POST") -> dict[int | str, dict[str, Any]]:
    """The problems of a route that reads a JSON body (415: only POSTs, see b12.api.limits)."""
    return problems(400, 415) if method == "POST" else problems(400)


def operation_id(route: APIRoute) -> str:
    """The operation id: the route function's name (``get_measurement``), unique in the app."""
    return route.name


def install(app: FastAPI) -> None:
    """Serve the document built by :func:`document` (once, then cached) as ``app.openapi()``."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def document(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document, with the Problem model among its components."""
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    stated_rules.state(components)
    return schema
