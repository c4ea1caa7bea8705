"""A person's menu in the web app (issue 19): the page and its PDF, server-rendered.

The menu is solved only here (about 0.3-2 s), never when the person page loads; the route is a
plain function, so FastAPI runs the solver in its thread pool. The page and the PDF show the menu's
JSON document (the one ``GET /api/persons/{id}/menu`` returns) through one view and one template
(:mod:`b12.reports.menu_report`). Only the number of days is asked: exclusions (allergens) would
travel in the address, so they stay with ``b12 menu --exclude`` and the API.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from b12.errors import InputError
from b12.reports.menu_report import menu_view, render_menu_pdf, render_menu_section
from b12.reports.report import Paper
from b12.services import records
from b12.services.menu import plan_menu
from b12.services.menu.admission import RETRY_AFTER_S, MenuBusyError, MenuSlots
from b12.services.menu.document import menu_document
from b12.web.deps import Reader, StoreDep
from b12.web.pages import error_page, render

router = APIRouter(include_in_schema=False)
MENU_DAYS = range(1, 8)  # the page plans one to seven days (a week's shopping)


def _days(text: str) -> int:
    """The number of days asked for; anything but 1 to 7 is refused on an HTML page (FastAPI's
    own check would answer a browser with JSON)."""
    if not text.isdigit() or int(text) not in MENU_DAYS:
        raise InputError(f"days {text[:20]!r} must be a whole number from 1 to 7", field="days")
    return int(text)


def _document(request: Request, store: StoreDep, person_id: int, days: int) -> dict[str, Any]:
    """The menu document, planned in one of the server's menu slots (as the REST route): a page
    or PDF never occupies more of the server than `B12_MENU_SOLVES` menus at once."""
    person = records.stored_person(store, person_id)
    slots: MenuSlots = request.app.state.menu_slots
    with slots.slot():
        return menu_document(plan_menu(person, days=days), protein_soft=True)


def _busy_page(request: Request, busy: MenuBusyError) -> HTMLResponse:
    page = error_page(request, 503, "Server busy", f"{busy} (reload the page then).")
    page.headers["Retry-After"] = str(RETRY_AFTER_S)
    return page


@router.get("/persons/{person_id}/menu")
def menu_page(
    user: Reader, request: Request, store: StoreDep, person_id: int, days: str = "7"
) -> HTMLResponse:
    """The person's menu for ``days`` days: meals, targets, supplement lines, shopping list."""
    person = records.get_person(store, person_id)
    count = _days(days)
    try:
        document = _document(request, store, person_id, count)
    except MenuBusyError as busy:
        return _busy_page(request, busy)
    view = menu_view(document, subject=person.label, days=count)
    context = {
        "person": person,
        "days": count,
        "choices": MENU_DAYS,
        "menu": render_menu_section(view, heading_level=2),
        "feasible": view.feasible,
    }
    return render(request, "menu.html", context)


@router.get("/persons/{person_id}/menu.pdf")
def menu_pdf(
    user: Reader,
    request: Request,
    store: StoreDep,
    person_id: int,
    days: str = "7",
    paper: Paper = "A4",
) -> Response:
    """The person's menu as PDF (A4 unless ``paper=Letter``), to hand over."""
    label = records.get_person(store, person_id).label
    count = _days(days)
    try:
        document = _document(request, store, person_id, count)
    except MenuBusyError as busy:
        return _busy_page(request, busy)
    view = menu_view(document, subject=label, days=count, paper=paper)
    headers = {"Content-Disposition": f'attachment; filename="b12-menu-{person_id}.pdf"'}
    return Response(render_menu_pdf(view), media_type="application/pdf", headers=headers)
