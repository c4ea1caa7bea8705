"""A menu for a stored person: absorbed B12, protein and energy targets, close to their diary."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from b12.api.deps import Reader, StoreDep
from b12.api.menu_schemas import MenuDocument
from b12.api.openapi import problems
from b12.services import records
from b12.services.menu import Activity, plan_menu
from b12.services.menu.document import menu_document
from b12.services.menu.service import MAX_DAYS

router = APIRouter(prefix="/persons/{person_id}/menu", tags=["menu"], responses=problems(404))


@router.get("", response_model=MenuDocument)
def get_menu(
    user: Reader,
    store: StoreDep,
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

    The body is the `b12 menu --json` document unchanged (described by `MenuDocument`).
    """
    person = records.stored_person(store, person_id)
    menu = plan_menu(person, days=days, exclude=exclude, activity=activity)
    return JSONResponse(menu_document(menu, protein_soft=True))
