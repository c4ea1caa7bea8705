"""A menu for a stored person: absorbed B12, protein and energy targets, close to their diary."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from b12.api.deps import Reader, StoreDep
from b12.api.menu_schemas import MenuDocument
from b12.api.openapi import PROBLEM_REF, problems
from b12.api.problems import MEDIA_TYPE, Problem, problem
from b12.services import records
from b12.services.menu import Activity, plan_menu
from b12.services.menu.admission import RETRY_AFTER_S, MenuBusyError, MenuSlots
from b12.services.menu.document import menu_document
from b12.services.menu.service import MAX_DAYS

BUSY: dict[int | str, dict[str, Any]] = {
    503: {
        "description": "The records store is unavailable, or the server is already planning as "
        "many menus as it may at once (B12_MENU_SOLVES): try again after `Retry-After` seconds",
        "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}},
        "content": {MEDIA_TYPE: {"schema": {"$ref": PROBLEM_REF}}},
    }
}
router = APIRouter(prefix="/persons/{person_id}/menu", tags=["menu"], responses=problems(404, 409))


@router.get("", response_model=MenuDocument, responses=BUSY)
def get_menu(
    user: Reader,
    store: StoreDep,
    request: Request,
    person_id: int,
    days: Annotated[int, Query(ge=1, le=MAX_DAYS, description="Days to plan (a week at most)")] = 7,
    exclude: Annotated[
        list[str],
        Query(
            max_length=20,
            description="Allergens or words of food names to leave out (none blank)",
            # documented: the planner refuses a blank word (an empty word excludes nothing)
            json_schema_extra={"items": {"type": "string", "pattern": r"\S"}},
        ),
    ] = [],  # noqa: B006 - FastAPI copies query defaults
    activity: Annotated[
        Activity, Query(description="Activity level for energy")
    ] = Activity.SEDENTARY,
) -> JSONResponse:
    """A day-by-day menu from the person's stored record, re-checked; `feasible` false says why.

    The body is the `b12 menu --json` document unchanged (described by `MenuDocument`). A menu
    takes up to a few seconds of CPU, so one server process plans only a few at once
    (`B12_MENU_SOLVES`); past that the answer is 503 with `Retry-After`, at once.
    """
    person = records.stored_person(store, person_id)
    slots: MenuSlots = request.app.state.menu_slots
    try:
        with slots.slot():
            menu = plan_menu(person, days=days, exclude=exclude, activity=activity)
    except MenuBusyError as busy:
        return _busy(busy)
    return JSONResponse(menu_document(menu, protein_soft=True))


def _busy(exc: MenuBusyError) -> Problem:
    headers = {"Retry-After": str(RETRY_AFTER_S)}
    return problem(503, "busy", "Server busy", str(exc), headers=headers)
