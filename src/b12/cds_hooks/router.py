"""CDS Hooks 2.0 routes: discovery, service calls and feedback, with CORS for listed origins.

The router is self-contained (CORS headers, the body limit and problem details are added here, not by
app-level middleware), so another FastAPI app can mount it as it is: ``app.include_router(router)``.
CORS headers go only to the origins in B12_CDS_ALLOW_ORIGINS (none by default), and calls must have a
JSON body (``Content-Type: application/json``): a web page cannot send one to another site without a
CORS preflight, so it cannot make b12 call a server of its choice.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from b12.cds_hooks.auth import ClientAuthError, authenticate
from b12.cds_hooks.definitions import discovery
from b12.cds_hooks.handlers import (
    PROBLEM_JSON,
    Reply,
    answer,
    code_table,
    problem,
    receive_feedback,
)
from b12.settings import Settings

ALLOW_METHODS = "GET, POST, OPTIONS"
ALLOW_HEADERS = "Authorization, Content-Type"
EXPOSE_HEADERS = "Origin, Accept, Content-Location, Location, X-Requested-With"


def _settings(request: Request) -> Settings:
    """The settings the app was created with (`b12 serve`'s or the standalone service's)."""
    settings: Settings = request.app.state.settings
    return settings


def add_cors(request: Request, response: Response) -> None:
    """CORS headers for browser-based CDS clients such as the CDS Hooks sandbox."""
    origins = _settings(request).cds.allow_origins
    origin = (request.headers.get("origin") or "").rstrip("/").lower()
    if not origin or origin not in origins:
        return
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Vary"] = "Origin"
    response.headers["Access-Control-Allow-Methods"] = ALLOW_METHODS
    response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
    response.headers["Access-Control-Expose-Headers"] = EXPOSE_HEADERS


def _audience(request: Request, settings: Settings) -> str:
    """The URL the client called, from configuration (B12_CDS_PUBLIC_URL), never from the request."""
    return f"{settings.cds.public_url or ''}{request.url.path}"


class CorsRoute(APIRoute):
    """A route that authenticates the CDS client and adds CORS headers to every answer."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def with_cors(request: Request) -> Response:
            response: Response
            settings = _settings(request)
            try:
                if request.method != "OPTIONS":
                    header = request.headers.get("authorization")
                    audience = _audience(request, settings)
                    # a worker thread: the replay cache writes to its file
                    await anyio.to_thread.run_sync(authenticate, header, audience, settings.cds)
                response = await handler(request)
            except ClientAuthError as exc:
                response = _reply(*problem(401, str(exc)))
                response.headers["WWW-Authenticate"] = "Bearer"
            add_cors(request, response)
            return response

        return with_cors


router = APIRouter(prefix="/cds-services", tags=["CDS Hooks"], route_class=CorsRoute)
SettingsDep = Annotated[Settings, Depends(_settings)]


def _reply(status: int, body: dict[str, object]) -> JSONResponse:
    media = PROBLEM_JSON if status >= 400 else "application/json"
    return JSONResponse(body, status_code=status, media_type=media)


@router.get("")
def list_services(settings: SettingsDep) -> JSONResponse:
    """CDS Hooks discovery: the services b12 offers and the data each one asks for."""
    document = discovery(code_table(settings))
    return JSONResponse(document.model_dump(mode="json", exclude_none=True))


async def _json_body(request: Request, limit: int) -> bytes | Reply:
    """The request body if it is declared JSON and within ``limit`` bytes (read as it streams)."""
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media != "application/json":
        return problem(415, "the body must be JSON, sent with Content-Type: application/json")
    declared = request.headers.get("content-length", "")
    too_large = problem(413, f"the request body is larger than the limit of {limit:,} bytes")
    if declared.isdigit() and int(declared) > limit:
        return too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return too_large
    return bytes(body)


@router.post("/{service_id}")
async def call(service_id: str, request: Request, settings: SettingsDep) -> JSONResponse:
    """Call a service with a CDS Hooks request; returns cards."""
    body = await _json_body(request, settings.cds.max_request_bytes)
    if not isinstance(body, bytes):
        return _reply(*body)
    return _reply(*await answer(service_id, body, settings))


@router.post("/{service_id}/feedback")
async def feedback(service_id: str, request: Request, settings: SettingsDep) -> JSONResponse:
    """Feedback on cards: accepted suggestions or overrides."""
    body = await _json_body(request, settings.cds.max_request_bytes)
    if not isinstance(body, bytes):
        return _reply(*body)
    return _reply(*receive_feedback(service_id, body))


@router.options("", include_in_schema=False)
@router.options("/{path:path}", include_in_schema=False)
def preflight(path: str = "") -> Response:
    """CORS preflight."""
    return Response(status_code=204, headers={"Access-Control-Max-Age": "600"})
