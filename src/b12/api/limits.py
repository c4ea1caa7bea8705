"""Request guards: a size limit on bodies (413 problem), the Host names answered (421), JSON-only
POSTs to the API without a token (415), and ``Cache-Control: no-store`` on every answer."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from b12.api.problems import problem
from b12.errors import shown
from b12.services.hosts import HostGuard
from b12.services.hosts import host_name as host_name  # re-exported for the tests


class BodyTooLarge(HTTPException):
    """The request body is over the limit (a 413, mapped to a problem like any HTTP error)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than the limit of {limit:,} bytes")


class BodyLimit:
    """Refuse bodies over ``max_bytes``: by Content-Length up front, else while they stream in.

    The error is raised when the route reads the body, inside the app's exception handling, so the
    caller gets the same problem details (or error page, outside /api) as for any other error.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        too_long = declared.isdigit() and int(declared) > self.max_bytes
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            if too_long:
                raise BodyTooLarge(self.max_bytes)
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, limited, send)


class TrustedHosts(HostGuard):
    """Answer only requests whose Host header names one of ``names`` (421 problem otherwise).

    On loopback no token is needed, so a page on any site could read and change records through a
    DNS name it points at 127.0.0.1 (DNS rebinding); such requests carry that name as Host.
    """

    def __init__(self, app: ASGIApp, names: Collection[str]) -> None:
        detail = "b12 on loopback answers only requests addressed to 127.0.0.1, localhost or [::1]"
        super().__init__(app, names, problem(421, "misdirected", "Misdirected request", detail))


def is_json(content_type: str) -> bool:
    """Whether a Content-Type header names JSON (``application/json``, ``application/*+json``)."""
    media = content_type.partition(";")[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


class JsonPostsOnly:
    """Refuse a POST to /api without a bearer token unless it says ``Content-Type: application/json``.

    On loopback the API needs no token, so any web page could POST to it: an HTML form (or a
    no-cors fetch) sends form data, text/plain or no body, never JSON, and cannot add a header
    without the browser asking the server first (CORS is off). A POST with no body, such as
    "assess now", must still say JSON. Other methods cannot be sent cross-site without CORS.
    A browser's own ``Sec-Fetch-Site: same-origin`` (which no page can set) is accepted too, so that
    the API docs page (/api/docs) can send a POST without a body.

    A POST with no credentials at all (no token, no cookie) where the settings require a token
    (``needs_token``) goes on, so that the caller hears 401, the answer that tells what is
    missing: without credentials it can change nothing, whatever its body.
    """

    def __init__(self, app: ASGIApp, needs_token: Callable[[Mapping[str, str]], bool]) -> None:
        self.app = app
        self.needs_token = needs_token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or not str(scope["path"]).startswith("/api/")
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        same_origin = headers.get(b"sec-fetch-site") == b"same-origin"
        anonymous = b"authorization" not in headers and b"cookie" not in headers
        named = {key.decode("latin-1"): value.decode("latin-1") for key, value in headers.items()}
        if anonymous and self.needs_token(named):
            await self.app(scope, receive, send)
            return
        if b"authorization" in headers or same_origin or is_json(content_type):
            await self.app(scope, receive, send)
            return
        detail = "send Content-Type: application/json (also for a POST without a body)"
        if content_type:
            detail += f"; got {shown(content_type)}"
        answer = problem(415, "unsupported-media-type", "Unsupported media type", detail)
        await answer(scope, receive, send)


class NoStore:
    """``Cache-Control: no-store`` on every answer: pages, API data and reports hold personal data,
    and no browser, proxy or disk cache should keep them (an answer may set its own policy)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_no_store(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).setdefault("cache-control", "no-store")
            await send(message)

        await self.app(scope, receive, send_no_store)
