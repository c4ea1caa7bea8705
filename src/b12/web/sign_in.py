"""Signing in with an API token (needed only off loopback) and signing out."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from b12.services import users
from b12.web.deps import Csrf, Public, StoreDep
from b12.web.pages import render, see_other
from b12.web.security import SESSION_COOKIE, session_cookie, session_key, set_cookie

router = APIRouter(include_in_schema=False)  # open to everyone: the way in


@router.get("/login")
def login_page(user: Public, request: Request) -> HTMLResponse:
    """Sign in with an API token (only needed off loopback)."""
    return render(request, "login.html", {"error": ""})


@router.post("/login", dependencies=Csrf)
async def login(request: Request, user: Public, store: StoreDep) -> Response:
    """Check the token and start a session (recorded on the server, so it can be ended)."""
    token = (await request.form()).get("token")
    lifetime = request.app.state.settings.token_lifetime_days
    principal = (
        await run_in_threadpool(users.authenticate, store, token, lifetime)
        if isinstance(token, str)
        else None
    )
    if principal is None:
        return render(request, "login.html", {"error": "Unknown token."}, status_code=401)
    key = users.start_session(store, principal)
    response = see_other("/persons")
    set_cookie(request, response, SESSION_COOKIE, session_cookie(request.app.state.settings, key))
    return response


@router.post("/logout", dependencies=Csrf)
def logout(request: Request, user: Public, store: StoreDep) -> Response:
    """End the session: its cookie stops working at once, here and in any copy."""
    if key := session_key(request):
        users.end_session(store, key)
    response = see_other("/login")
    response.delete_cookie(SESSION_COOKIE)
    return response
