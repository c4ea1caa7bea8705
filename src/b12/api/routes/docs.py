"""The OpenAPI document, Swagger UI (/api/docs) and ReDoc (/api/redoc), served from this server.

Both pages work without internet: their scripts and styles come from the ``fastapi-offline``
package, and Swagger UI's start-up script is a file of b12's (``b12/api/static``), so the pages
keep a strict Content-Security-Policy: scripts only from this server, nothing from elsewhere.

With tokens they need a bearer token or a signed-in web session (the pages fetch the document
with the browser's cookies); on loopback they need nothing.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib.resources import files
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from b12.api.deps import DocsReader

router = APIRouter(include_in_schema=False)

ASSETS = "/api/docs/assets"
_OFFLINE = Path(fastapi_offline.__file__).parent / "static"
_OWN = Path(str(files("b12.api") / "static"))
# every file the pages load, by name: nothing else under ASSETS is served
FILES = {
    "swagger-ui.css": _OFFLINE / "swagger-ui.css",
    "swagger-ui-bundle.js": _OFFLINE / "swagger-ui-bundle.js",
    "favicon.png": _OFFLINE / "favicon.png",
    "swagger-init.js": _OWN / "swagger-init.js",
    "swagger-a11y.css": _OWN / "swagger-a11y.css",
    "redoc-a11y.css": _OWN / "redoc-a11y.css",
    "redoc-a11y.js": _OWN / "redoc-a11y.js",
}
CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        # Swagger UI and ReDoc set style attributes and inject <style> elements at run time
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",  # the document, and Swagger UI's "Try it out"
        "worker-src blob:",  # ReDoc's search index runs in a worker made from a blob
        "form-action 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)


# ReDoc's one remote file: the Redocly logo in its menu, loaded from a CDN (blocked by the CSP and
# absent offline). It is served pointing at an empty image instead.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
NO_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"


@cache
def redoc_script() -> bytes:
    """ReDoc's standalone bundle, with no address outside this server."""
    script = (_OFFLINE / "redoc.standalone.js").read_text(encoding="utf-8")
    if REDOC_LOGO not in script:  # a new fastapi-offline: check the bundle for remote files again
        raise RuntimeError("ReDoc's bundle changed: review its remote addresses")
    return script.replace(REDOC_LOGO, NO_IMAGE).encode()


# ReDoc's theme where its own falls below WCAG AA contrast (4.5:1, axe-core's color-contrast):
# inline code, red on grey at 3.9:1. ReDoc reads the <redoc> element's `theme` attribute as JSON;
# the colours its theme does not reach are in redoc-a11y.css.
REDOC_THEME = {"typography": {"code": {"color": "#b3261e"}}}


def _page(title: str, head: str, body: str) -> HTMLResponse:
    html = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" href="{ASSETS}/favicon.png">
{head}
</head>
<body>
{body}
</body>
</html>
"""
    return HTMLResponse(html, headers={"content-security-policy": CSP})


@router.get("/openapi.json")
def openapi(user: DocsReader, request: Request) -> JSONResponse:
    """The OpenAPI document of this API."""
    return JSONResponse(request.app.openapi())


@router.get("/docs")
def swagger_ui(user: DocsReader) -> HTMLResponse:
    """The interactive API documentation (Swagger UI)."""
    return _page(
        "b12 API",
        f'<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">\n'
        f'<link rel="stylesheet" href="{ASSETS}/swagger-a11y.css">',
        f'<div id="swagger-ui"></div>\n<script src="{ASSETS}/swagger-ui-bundle.js"></script>\n'
        f'<script src="{ASSETS}/swagger-init.js"></script>',
    )


@router.get("/redoc")
def redoc(user: DocsReader) -> HTMLResponse:
    """The API reference (ReDoc): it starts itself from the <redoc> element's spec-url."""
    return _page(
        "b12 API reference",
        f'<link rel="stylesheet" href="{ASSETS}/redoc-a11y.css">',
        f'<redoc spec-url="/api/openapi.json" theme="{escape(json.dumps(REDOC_THEME))}"></redoc>\n'
        f'<script src="{ASSETS}/redoc.standalone.js"></script>\n'
        f'<script src="{ASSETS}/redoc-a11y.js"></script>',
    )


@router.get("/docs/assets/redoc.standalone.js")
def redoc_asset(user: DocsReader) -> Response:
    """ReDoc's script (see :func:`redoc_script`)."""
    return Response(redoc_script(), media_type="text/javascript; charset=utf-8")


@router.get("/docs/assets/{name}")
def asset(user: DocsReader, name: str) -> FileResponse:
    """A script, style or icon of the documentation pages."""
    path = FILES.get(name)
    if path is None:
        raise HTTPException(404, "no such file")
    return FileResponse(path)
