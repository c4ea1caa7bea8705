"""Errors as RFC 9457 problem details (``application/problem+json``), mapped in one place."""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match

from b12.data.validation import field_path, problems_line
from b12.errors import (
    B12Error,
    DataFileError,
    ForbiddenError,
    InputError,
    NotFoundError,
    RecordConflictError,
    StoreUnavailableError,
    field_name,
)
from b12.web.pages import error_page

MEDIA_TYPE = "application/problem+json"
HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
PROBLEM_BASE = "https://github.com/b12-developers/b12/blob/main/docs/api.md#"
log = logging.getLogger("b12.api")
MAX_CHAIN = 5  # causes of one fault logged at most


class Problem(JSONResponse):
    """A problem-details response."""

    media_type = MEDIA_TYPE


def problem(
    status: int,
    slug: str,
    title: str,
    detail: str,
    field: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Problem:
    """Build a problem-details response; ``field`` names the input at fault."""
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if field:
        body["field"] = field
    return Problem(body, status_code=status, headers=headers)


def from_b12_error(exc: B12Error) -> Problem:
    """The one mapping of b12 errors to HTTP problems."""
    if isinstance(exc, ForbiddenError):
        return problem(403, "forbidden", "Forbidden", str(exc))
    if isinstance(exc, NotFoundError):
        return problem(404, "not-found", "Not found", str(exc))
    if isinstance(exc, InputError):
        detail = str(exc).removeprefix(f"{exc.field}: ") if exc.field else str(exc)
        if isinstance(exc, RecordConflictError):  # the stored record, not the request
            return problem(409, "conflict", "Record conflict", detail, exc.field)
        return problem(422, "invalid-input", "Invalid input", detail, exc.field)
    if isinstance(exc, DataFileError):
        return problem(400, "data-file", "Unreadable data", str(exc))
    if isinstance(exc, StoreUnavailableError):
        return problem(503, "unavailable", "Service unavailable", str(exc))
    return internal_error()


def internal_error() -> Problem:
    """The 500 problem: it says nothing of the cause (that is in the server's log)."""
    return problem(500, "internal", "Internal error", "internal error in b12; please report it")


def _for_browser(request: Request, response: Problem) -> HTMLResponse | None:
    """Pages outside /api get the same problem as an HTML page."""
    if request.url.path.startswith("/api"):
        return None
    body = json.loads(bytes(response.body))
    return error_page(request, response.status_code, body["title"], body["detail"])


def log_fault(request: Request, exc: BaseException) -> None:
    """Log a fault of b12 (an answer 500) with its traceback, to the server's own log.

    The message names the route's template (``/persons/{person_id}/menu``) and handler, never the
    URL, and the exception's type, never its text: a URL holds record ids and an exception's text
    may hold a value the user sent. The traceback is lines of code.
    """
    route = request.scope.get("route")
    endpoint = getattr(route, "endpoint", None)
    where = f"{getattr(route, 'path', 'a path without a route')}"  # its router's template
    if endpoint is not None:
        where += f" ({endpoint.__module__}.{endpoint.__qualname__})"
    lines = [f"internal error: {type(exc).__qualname__} in {request.method} {where}"]
    chain: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and cause not in chain and len(chain) < MAX_CHAIN:
        chain.append(cause)
        cause = cause.__cause__ or (None if cause.__suppress_context__ else cause.__context__)
    for fault in reversed(chain):  # the root cause first, as Python prints a chain
        lines.append("Traceback (most recent call last):")
        lines += [line.rstrip() for line in traceback.format_tb(fault.__traceback__)]
        lines.append(f"{type(fault).__module__}.{type(fault).__qualname__} (text not logged)")
    log.error("\n".join(lines))


async def _b12_error(request: Request, exc: Exception) -> Problem | HTMLResponse:
    assert isinstance(exc, B12Error)
    response = from_b12_error(exc)
    if response.status_code >= 500 and response.status_code != 503:
        log_fault(request, exc)  # a B12Error without a mapping of its own is a fault of b12
    return _for_browser(request, response) or response


async def _unexpected_error(request: Request, exc: Exception) -> Problem | HTMLResponse:
    """Any other exception: a logged 500 problem. Starlette raises the exception again after this
    answer, and uvicorn would log it with its text; :class:`_LoggedOnce` drops that record."""
    log_fault(request, exc)
    exc.b12_logged = True  # type: ignore[attr-defined]
    response = internal_error()
    return _for_browser(request, response) or response


class _LoggedOnce(logging.Filter):
    """Drops uvicorn's record of an exception :func:`log_fault` has logged without its text."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not getattr(exc, "b12_logged", False)


_LOGGED_ONCE = _LoggedOnce()


async def _validation_error(_request: Request, exc: Exception) -> Problem:
    assert isinstance(exc, RequestValidationError)
    path, message = problems_line(exc.errors(), _request_field, unknown="unknown field")
    return problem(422, "invalid-input", "Invalid input", message, field_name(path))


def _request_field(loc: Sequence[int | str]) -> str:
    """'body.age' -> 'age'; a list body keeps 'body[1]'."""
    parts = list(loc)
    if len(parts) > 1 and parts[0] in ("body", "query", "path") and isinstance(parts[1], str):
        parts = parts[1:]
    return field_path(parts)


def allowed_methods(request: Request) -> str:
    """Every method the app answers at this request's path, for a 405's Allow header.

    Starlette's 405 names the methods of the first route with this path only; GET and POST
    /persons/{id}/diary/supplements are two routes, and Allow must list both (RFC 9110).
    """

    def answered(method: str) -> bool:
        probe = {**request.scope, "method": method}
        return any(route.matches(probe)[0] is Match.FULL for route in request.app.router.routes)

    return ", ".join(method for method in HTTP_METHODS if answered(method))


async def _http_error(request: Request, exc: Exception) -> Problem | HTMLResponse:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405 and (allow := allowed_methods(request)):
        exc.headers = {**(exc.headers or {}), "Allow": allow}
    slug = {
        400: "bad-request",
        401: "unauthorized",
        403: "forbidden",
        404: "not-found",
        405: "method-not-allowed",
        413: "too-large",
    }.get(exc.status_code, "http-error")
    title = slug.replace("-", " ").capitalize()
    response = problem(exc.status_code, slug, title, str(exc.detail), headers=exc.headers)
    page = _for_browser(request, response)
    if page is not None and exc.headers:
        page.headers.update(exc.headers)  # a 405 page keeps its Allow, a 401 its WWW-Authenticate
    return page or response


def install(app: FastAPI) -> None:
    """Register the problem-details handlers on an app."""
    app.add_exception_handler(B12Error, _b12_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
    logging.getLogger("uvicorn.error").addFilter(_LOGGED_ONCE)  # idempotent: added once
