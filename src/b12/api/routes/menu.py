"""A menu for a stored person: absorbed B12, protein and energy targets, close to their diary."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from b12.api.deps import Reader, StoreDep
from b12.api.openapi import problems
from b12.services import records
from b12.services.menu import Activity, plan_menu
from b12.services.menu.document import menu_document

router = APIRouter(prefix="/persons/{person_id}/menu", tags=["menu"], responses=problems(404))


@router.get("")
def get_menu(
    user: Reader,
    store: StoreDep,
    person_id: int,
    days: Annotated[int, Query(ge=1, le=14, description="Days to plan")] = 7,
    exclude: Annotated[
        list[str], Query(max_length=20, description="Allergens or words of food names to leave out")
    ] = [],  # noqa: B006 - FastAPI copies query defaults
    activity: Annotated[
        Activity, Query(description="Activity level for energy")
    ] = Activity.SEDENTARY,
) -> dict[str, Any]:
    """A day-by-day menu from the person's stored record, re-checked; `feasible` false says why."""
    person = records.stored_person(store, person_id)
    menu = plan_menu(person, days=days, exclude=exclude, activity=activity)
    return menu_document(menu, protein_soft=True)
