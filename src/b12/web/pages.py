"""Rendering: one Jinja2 environment with autoescaping, and the error and redirect pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from b12 import __version__
from b12.core.assessment import DISCLAIMER
from b12.core.status.readings import category_words
from b12.reports.judgment_view import judgment_view, without_headline
from b12.reports.lab_flags import flag_text
from b12.reports.plain_words import age_words, menu_link
from b12.services.reports import reassessed_note
from b12.web.security import (
    CSP_HEADER,
    CsrfError,
    LoginRequiredError,
    content_security_policy,
    csp_nonce,
    csrf_field,
    set_csrf_cookie,
)

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,  # every page, whatever its file name
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def menu_offered(plan: Any) -> bool:
    """Whether the plan links to the menu (food or protein advice, nothing urgent), as the
    printed report and the terminal decide (:func:`b12.reports.plain_words.menu_link`)."""
    items = plan.get("items", ())
    return bool(menu_link((str(i.get("category", "")), str(i.get("id", ""))) for i in items))


# Every page shows the judgment through the same view as the printed report.
_ENV.globals.update(
    judgment_view=judgment_view,
    reassessed_note=reassessed_note,
    menu_offered=menu_offered,
    plan_summary=without_headline,
    flag_text=flag_text,  # a lab's printed flag beside its value, as the report shows it
    age_words=age_words,  # '18 months', not '1 years'
    category_words=category_words,  # a reading's category in the words the reports use
)
TEMPLATES = Jinja2Templates(env=_ENV)


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render a page with the CSRF token, script nonce, version and disclaimer every page needs."""
    nonce = csp_nonce(request)
    base = {
        "csrf_token": csrf_field(request),
        "csp_nonce": nonce,
        "version": __version__,
        "disclaimer": DISCLAIMER,
        "signed_in": _signed_in(request),
        "is_admin": _is_admin(request),
    }
    response = TEMPLATES.TemplateResponse(
        request, name, {**base, **context}, status_code=status_code
    )
    set_csrf_cookie(request, response)
    response.headers[CSP_HEADER] = content_security_policy(nonce)
    return response


def _signed_in(request: Request) -> bool:
    """Whether the page shows "Sign out": a user signed in (not the local admin on loopback)."""
    principal = getattr(request.state, "principal", None)
    return principal is not None and principal.user_id is not None


def _is_admin(request: Request) -> bool:
    """Whether the page links the audit trail (its reader may open it)."""
    principal = getattr(request.state, "principal", None)
    return principal is not None and principal.role == "admin"


def see_other(url: str) -> RedirectResponse:
    """Redirect after a successful POST (Post/Redirect/Get)."""
    return RedirectResponse(url, status_code=303)


def error_page(request: Request, status: int, title: str, detail: str) -> HTMLResponse:
    """An error as an HTML page."""
    context = {"title": title, "detail": detail, "status": status}
    return render(request, "error.html", context, status_code=status)


async def _csrf_error(request: Request, _exc: Exception) -> HTMLResponse:
    detail = "The form expired or came from another site. Reload the page and try again."
    return error_page(request, 403, "Form refused", detail)


async def _login_required(_request: Request, _exc: Exception) -> RedirectResponse:
    return see_other("/login")


def install(app: FastAPI) -> None:
    """Register the web UI's own exception handlers."""
    app.add_exception_handler(CsrfError, _csrf_error)
    app.add_exception_handler(LoginRequiredError, _login_required)
