"""Dependencies of the API routes: the store, the settings, and the role each route needs.

Every route declares its role once, with one of the ``Annotated`` aliases below as a parameter
(``user: Clinician``); a test built from the route table fails for a route that declares none.
The dependency finds the caller (a bearer token; the built-in local admin on loopback when no
token is required), refuses a role below the one declared (403), names the caller in the audit
trail and audits what a GET reads. Authentication and the database work run off the event loop.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from b12.data.store import Store
from b12.services.users import LOCAL, Principal, Role, TokenRefusedError, verify_token
from b12.settings import Settings
from b12.web.access import CDS_JWT, authorize, declared_role, marked, public
from b12.web.security import LoginRequiredError
from b12.web.security import session_principal as session_or_login

bearer = HTTPBearer(auto_error=False, description="`b12 users create NAME` prints a token")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    """The app's records store."""
    store: Store = request.app.state.store
    return store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]


def unauthorized(detail: str = "a valid API token is required") -> HTTPException:
    """The 401 of a request without a valid token."""
    return HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})


def token_principal(
    request: Request, credentials: HTTPAuthorizationCredentials | None
) -> Principal:
    """The caller by bearer token, or the local admin when this request needs no token."""
    settings = get_settings(request)
    if not settings.auth_required_for(request.headers):
        return LOCAL
    if credentials is None:
        raise unauthorized()
    try:
        return verify_token(
            get_store(request), credentials.credentials, settings.token_lifetime_days
        )
    except TokenRefusedError as exc:
        raise unauthorized(str(exc)) from None


def web_session(request: Request) -> Principal:
    """The signed-in web user, or 401 (an API answer never redirects to the sign-in page)."""
    try:
        return session_or_login(request)
    except LoginRequiredError:
        raise unauthorized() from None


def _api_role(needed: Role) -> Callable[..., Awaitable[Principal]]:
    async def dependency(request: Request, credentials: Credentials) -> Principal:
        def check() -> Principal:
            principal = token_principal(request, credentials)
            authorize(request, principal, needed)
            return principal

        principal = await run_in_threadpool(check)
        principal.act()  # in the request's own context too, for the handler's writes
        return principal

    dependency.__doc__ = f"The caller, who needs the {needed} role (or a higher one)."
    return marked(dependency, needed)


def _docs_reader() -> Callable[..., Awaitable[Principal]]:
    async def dependency(request: Request, credentials: Credentials) -> Principal:
        def check() -> Principal:
            if credentials is None and get_settings(request).auth_required_for(request.headers):
                principal = web_session(request)  # the Swagger UI page fetches with cookies
            else:
                principal = token_principal(request, credentials)
            authorize(request, principal, Role.READ_ONLY)
            return principal

        return await run_in_threadpool(check)

    dependency.__doc__ = "A reader by bearer token or signed-in web session."
    return marked(dependency, Role.READ_ONLY)


async def _cds_jwt(request: Request) -> None:
    """CDS Hooks routes: the EHR signs a JWT (checked by b12.cds_hooks when B12_CDS_JWKS_FILE is
    set). Without those keys the service is offered on loopback only, so a request that needs
    authentication (one through a proxy, or B12_AUTH=required) is refused here."""
    if not request.app.state.cds_signed and get_settings(request).auth_required_for(
        request.headers
    ):
        raise unauthorized("CDS Hooks behind a proxy needs signed JWTs (B12_CDS_JWKS_FILE)")


cds_jwt = marked(_cds_jwt, CDS_JWT)
Reader = Annotated[Principal, Depends(_api_role(Role.READ_ONLY))]
Clinician = Annotated[Principal, Depends(_api_role(Role.CLINICIAN))]
Admin = Annotated[Principal, Depends(_api_role(Role.ADMIN))]
DocsReader = Annotated[Principal, Depends(_docs_reader())]

__all__ = [
    "Admin",
    "Clinician",
    "DocsReader",
    "Reader",
    "SettingsDep",
    "StoreDep",
    "cds_jwt",
    "declared_role",
    "public",
]
