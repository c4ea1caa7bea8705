"""The OpenAPI document and its Swagger UI, behind the same authentication as the rest of the API.

With tokens they need a bearer token or a signed-in web session (the Swagger UI page fetches the
document with the browser's cookies); on loopback they need nothing.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from b12.api.deps import DocsReader

router = APIRouter(include_in_schema=False)


@router.get("/openapi.json")
def openapi(user: DocsReader, request: Request) -> JSONResponse:
    """The OpenAPI document of this API."""
    return JSONResponse(request.app.openapi())


@router.get("/docs")
def swagger_ui(user: DocsReader) -> HTMLResponse:
    """The interactive API documentation."""
    return get_swagger_ui_html(openapi_url="/api/openapi.json", title="b12 API")
