"""Dependencies of the web pages: the records store, the CSRF check of every form, and the role.

Every page declares its role once, with one of the ``Annotated`` aliases below (``user: Reader``):
off loopback (or behind a proxy, or with B12_AUTH=required) the browser's session must be live
(else a redirect to /login), and a role below the declared one gets a 403 page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from b12.data.store import Store
from b12.services.users import Principal, Role
from b12.web.access import authorize, marked, public
from b12.web.security import check_csrf, session_principal


def get_store(request: Request) -> Store:
    """The app's records store."""
    store: Store = request.app.state.store
    return store


def _page_role(needed: Role) -> Callable[..., Awaitable[Principal]]:
    async def dependency(request: Request) -> Principal:
        def check() -> Principal:
            principal = session_principal(request)
            authorize(request, principal, needed)
            return principal

        principal = await run_in_threadpool(check)
        principal.act()  # in the request's own context too, for the handler's writes
        request.state.principal = principal
        return principal

    dependency.__doc__ = f"The signed-in user, who needs the {needed} role (or a higher one)."
    return marked(dependency, needed)


StoreDep = Annotated[Store, Depends(get_store)]
Csrf = [Depends(check_csrf)]
Public = Annotated[None, Depends(public)]
Reader = Annotated[Principal, Depends(_page_role(Role.READ_ONLY))]
Clinician = Annotated[Principal, Depends(_page_role(Role.CLINICIAN))]
Admin = Annotated[Principal, Depends(_page_role(Role.ADMIN))]
