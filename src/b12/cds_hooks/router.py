"""CDS Hooks 2.0 routes: discovery, service calls and feedback, with CORS on every answer.

The router is self-contained (CORS headers and problem details are added here, not by app-level
middleware), so another FastAPI app can mount it as it is: ``app.include_router(router)``.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from b12.cds_hooks.auth import ClientAuthError, authenticate
from b12.cds_hooks.definitions import discovery
from b12.cds_hooks.handlers import (
    PROBLEM_JSON,
    call_service,
    code_table,
    problem,
    receive_feedback,
)
from b12.cds_hooks.settings import CdsSettings, get_settings

ALLOW_METHODS = "GET, POST, OPTIONS"
ALLOW_HEADERS = "Authorization, Content-Type"
EXPOSE_HEADERS = "Origin, Accept, Content-Location, Location, X-Requested-With"


def _settings(request: Request) -> CdsSettings:
    override = request.app.dependency_overrides.get(get_settings, get_settings)
    settings: CdsSettings = override()
    return settings


def add_cors(request: Request, response: Response) -> None:
    """CORS headers for browser-based CDS clients such as the CDS Hooks sandbox."""
    origins = _settings(request).allow_origins
    origin = request.headers.get("origin")
    if "*" in origins:
        response.headers["Access-Control-Allow-Origin"] = "*"
    elif origin in origins:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    else:
        return
    response.headers["Access-Control-Allow-Methods"] = ALLOW_METHODS
    response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
    response.headers["Access-Control-Expose-Headers"] = EXPOSE_HEADERS


def _audience(request: Request, settings: CdsSettings) -> str:
    if settings.public_base_url:
        return settings.public_base_url.rstrip("/") + request.url.path
    return str(request.url.replace(query=None, fragment=None))


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
                    authenticate(header, _audience(request, settings), settings)
                response = await handler(request)
            except ClientAuthError as exc:
                response = _reply(*problem(401, str(exc)))
                response.headers["WWW-Authenticate"] = "Bearer"
            add_cors(request, response)
            return response

        return with_cors


router = APIRouter(prefix="/cds-services", tags=["CDS Hooks"], route_class=CorsRoute)
SettingsDep = Annotated[CdsSettings, Depends(get_settings)]


def _reply(status: int, body: dict[str, object]) -> JSONResponse:
    media = PROBLEM_JSON if status >= 400 else "application/json"
    return JSONResponse(body, status_code=status, media_type=media)


@router.get("")
def list_services(settings: SettingsDep) -> JSONResponse:
    """CDS Hooks discovery: the services b12 offers and the data each one asks for."""
    document = discovery(code_table(settings))
    return JSONResponse(document.model_dump(mode="json", exclude_none=True))


@router.post("/{service_id}")
async def call(service_id: str, request: Request, settings: SettingsDep) -> JSONResponse:
    """Call a service with a CDS Hooks request; returns cards."""
    body = await request.body()
    return _reply(*await run_in_threadpool(call_service, service_id, body, settings))


@router.post("/{service_id}/feedback")
async def feedback(service_id: str, request: Request) -> JSONResponse:
    """Feedback on cards: accepted suggestions or overrides."""
    return _reply(*receive_feedback(service_id, await request.body()))


@router.options("")
@router.options("/{path:path}")
def preflight(path: str = "") -> Response:
    """CORS preflight."""
    return Response(status_code=204, headers={"Access-Control-Max-Age": "600"})
