"""CSRF protection for every form, the web sign-in session, secure cookies, and the CSP.

Session: a random key, stored hashed on the server (:func:`b12.services.users.start_session`), in
a signed cookie. Every request checks it against the server's records, so signing out, deleting
the user or rotating their token ends the session at once. Cookies are ``Secure`` off loopback and
behind a TLS-terminating proxy (B12_SECURE_COOKIES overrides).

CSRF: a random value in an HttpOnly, SameSite=Strict cookie, and the same value signed with the
app's secret key in a hidden form field (signed double submit). A POST whose field does not match
its cookie is refused.

Content-Security-Policy: a page runs only the scripts that carry its per-response nonce (b12's own
inline script); any other HTML answer (the report, the suggestions fragment) runs none. Templates
escape every value, so the policy is a second line of defence, not the first.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from b12.services import users
from b12.services.users import LOCAL, Principal
from b12.settings import Settings

CSRF_COOKIE = "b12_csrf"
CSRF_FIELD = "csrf_token"
SESSION_COOKIE = "b12_session"
SESSION_MAX_AGE_S = int(users.SESSION_LIFETIME.total_seconds())  # the server record expires too
CSP_HEADER = "content-security-policy"


class CsrfError(Exception):
    """A form arrived without a valid CSRF token."""


class LoginRequiredError(Exception):
    """Off loopback, the page needs a signed-in user."""


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def csrf_value(request: Request) -> str:
    """This browser's CSRF cookie value (a new one when it has none yet)."""
    value = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not value:
        value = request.state.new_csrf = secrets.token_urlsafe(24)
    return str(value)


def csrf_field(request: Request) -> str:
    """The signed token to put in a form's hidden field."""
    signer = URLSafeSerializer(_settings(request).secret_key, salt="csrf")
    return signer.dumps(csrf_value(request))


def set_csrf_cookie(request: Request, response: Response) -> None:
    """Send the CSRF cookie when this request created one."""
    value = getattr(request.state, "new_csrf", None)
    if value:
        set_cookie(request, response, CSRF_COOKIE, value)


async def check_csrf(request: Request) -> None:
    """Refuse a POST whose signed form token does not match its cookie."""
    form = await request.form()
    token = form.get(CSRF_FIELD)
    cookie = request.cookies.get(CSRF_COOKIE)
    if not isinstance(token, str) or not cookie:
        raise CsrfError
    signer = URLSafeSerializer(_settings(request).secret_key, salt="csrf")
    try:
        value = signer.loads(token)
    except BadSignature:
        raise CsrfError from None
    if not isinstance(value, str) or not hmac.compare_digest(value, cookie):
        raise CsrfError


def set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    """Set an HttpOnly, SameSite=Strict cookie, ``Secure`` when served behind TLS or off loopback."""
    secure = _settings(request).cookies_secure_for(request.headers, request.url.scheme)
    response.set_cookie(name, value, httponly=True, samesite="strict", secure=secure)


def session_cookie(settings: Settings, key: str) -> str:
    """The signed, timed cookie value of a web session's key."""
    return URLSafeTimedSerializer(settings.secret_key, salt="session").dumps(key)


def session_key(request: Request) -> str | None:
    """The session key in this request's cookie, if it is signed by us and under 12 hours old."""
    cookie = request.cookies.get(SESSION_COOKIE, "")
    signer = URLSafeTimedSerializer(_settings(request).secret_key, salt="session")
    try:
        key = signer.loads(cookie, max_age=SESSION_MAX_AGE_S)
    except BadSignature:
        return None
    return key if isinstance(key, str) else None


def session_principal(request: Request) -> Principal:
    """The signed-in user (checked against the server's session records on every request), or the
    local admin when this request needs no sign-in; else :class:`LoginRequiredError`."""
    settings = _settings(request)
    if not settings.auth_required_for(request.headers):
        return LOCAL
    key = session_key(request)
    store = request.app.state.store
    principal = users.session_principal(store, key, settings.token_lifetime_days) if key else None
    if principal is None:
        raise LoginRequiredError
    return principal


def csp_nonce(request: Request) -> str:
    """This response's script nonce (one per request)."""
    nonce = getattr(request.state, "csp_nonce", None)
    if not nonce:
        nonce = request.state.csp_nonce = secrets.token_urlsafe(16)
    return str(nonce)


def content_security_policy(nonce: str | None = None) -> str:
    """The policy: scripts only with ``nonce`` (none without), nothing loaded from elsewhere."""
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src 'nonce-{nonce}'" if nonce else "script-src 'none'",
            # the page's <style> and the charts' SVG <style> (b12's own text, no user input)
            "style-src 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'self'",  # the food suggestions as you type
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        )
    )


class SecurityHeaders:
    """Add ``nosniff`` and a referrer policy to every answer, and the script-free CSP to HTML ones.

    Pages rendered with a nonce (:func:`b12.web.pages.render`) and the API docs pages
    (:mod:`b12.api.routes.docs`) already carry their own policy.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("x-content-type-options", "nosniff")
                headers.setdefault("referrer-policy", "same-origin")
                html = headers.get("content-type", "").startswith("text/html")
                if html and CSP_HEADER not in headers:
                    headers[CSP_HEADER] = content_security_policy()
            await send(message)

        await self.app(scope, receive, send_with_headers)
