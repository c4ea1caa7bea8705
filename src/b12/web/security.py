"""CSRF protection for every form, and the signed login session used off loopback.

CSRF: a random value in an HttpOnly, SameSite=Strict cookie, and the same value signed with the
app's secret key in a hidden form field (signed double submit). A POST whose field does not match
its cookie is refused.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer

from b12.services.settings import Settings

CSRF_COOKIE = "b12_csrf"
CSRF_FIELD = "csrf_token"
SESSION_COOKIE = "b12_session"
SESSION_MAX_AGE_S = 12 * 3600


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
        response.set_cookie(CSRF_COOKIE, value, httponly=True, samesite="strict")


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


def session_cookie(settings: Settings, user: str) -> str:
    """A signed, timed session cookie value naming the user."""
    return URLSafeTimedSerializer(settings.secret_key, salt="session").dumps(user)


def current_user(request: Request) -> str | None:
    """The signed-in user; raises :class:`LoginRequiredError` off loopback without a valid session."""
    settings = _settings(request)
    if not settings.auth_required:
        return None
    cookie = request.cookies.get(SESSION_COOKIE, "")
    signer = URLSafeTimedSerializer(settings.secret_key, salt="session")
    try:
        user = signer.loads(cookie, max_age=SESSION_MAX_AGE_S)
    except BadSignature:
        raise LoginRequiredError from None
    if not isinstance(user, str):
        raise LoginRequiredError
    return user
