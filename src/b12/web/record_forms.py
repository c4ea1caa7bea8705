"""A person's page and the forms on it that add records (labs, diary, muscle, medicines, details
and history), each followed by a new assessment; the diary form's food suggestions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from starlette.datastructures import FormData

from b12.core.history import ConditionDates, Surgery, SymptomCourse
from b12.core.person import Medication
from b12.data.store import Store
from b12.data.store.schemas import (
    AntibodyCreate,
    DiaryEntryCreate,
    DiarySupplementCreate,
    LabCreate,
    MeasurementCreate,
    PersonUpdate,
)
from b12.errors import InputError
from b12.services import diary, foods, measurements, records
from b12.web.deps import Clinician, Csrf, Reader, StoreDep
from b12.web.forms import (
    diary_data,
    measurement_data,
    medication_data,
    panel_antibodies,
    panel_data,
    sarc_f_data,
    supplement_data,
    symptoms_data,
)
from b12.web.pages import TEMPLATES
from b12.web.person_forms import (
    condition_dates_data,
    details_data,
    dialysis_data,
    surgery_data,
    symptom_course_data,
)
from b12.web.person_page import assess_again, person_page, save_and_assess

router = APIRouter(include_in_schema=False)
M = TypeVar("M", bound=BaseModel)  # the schema a form is validated with


@router.get("/persons/{person_id}")
def person_view(
    user: Reader, request: Request, store: StoreDep, person_id: int, food_q: str = ""
) -> HTMLResponse:
    """A person: latest assessment, charts, results, diary and their forms."""
    return person_page(request, store, person_id, food_q=food_q[: foods.MAX_QUERY_CHARS])


@router.get("/foods/search")
def food_options(user: Reader, request: Request, q: str = "") -> HTMLResponse:
    """Foods matching ``q`` as <option> elements, for the diary form's suggestions."""
    query = q.strip()[: foods.MAX_QUERY_CHARS]
    matches = foods.search_foods(query, limit=15) if query else []
    return TEMPLATES.TemplateResponse(request, "_food_options.html", {"matches": matches})


@router.get("/foods/portions")
def portion_options(user: Reader, request: Request, food: str = "") -> HTMLResponse:
    """The household measures of a food (by name or id) as <option> elements, grams first."""
    found = foods.food_named(food[: foods.MAX_QUERY_CHARS])
    return TEMPLATES.TemplateResponse(request, "_portion_options.html", {"food": found})


@router.post("/persons/{person_id}/labs", dependencies=Csrf)
async def lab_panel(user: Clinician, request: Request, store: StoreDep, person_id: int) -> Response:
    """Save a panel of results (all or none) and assess the person again."""

    def save(form: FormData) -> None:
        rows, found = panel_data(form), panel_antibodies(form)
        if not rows and not found:
            raise InputError("enter at least one value", field="value")
        labs = [records.validate(LabCreate, row, context=row["analyte"]) for row in rows]
        results = [records.validate(AntibodyCreate, r, context=r["analyte"]) for r in found]
        records.add_panel(store, person_id, labs, results)

    return await save_and_assess(
        request, store, person_id, save, form="labs", anchor="assessment-h"
    )


def _person_form(
    path: str,
    model: type[M],
    read: Callable[[FormData], dict[str, Any]],
    keep: Callable[[Store, int, M], object],
    form: str,
    anchor: str,
) -> None:
    """Add the route of a person-page form (``path``) that is read, validated as ``model`` and
    kept with ``keep`` (a service call), after which the person is assessed again; a refusal is
    shown on the page's ``form``, a success returns to the section ``anchor``."""

    @router.post(
        f"/persons/{{person_id}}/{path}", dependencies=Csrf, name=f"save_{path.replace('/', '_')}"
    )
    async def submit(
        user: Clinician, request: Request, store: StoreDep, person_id: int
    ) -> Response:
        def save(submitted: FormData) -> None:
            keep(store, person_id, records.validate(model, read(submitted)))

        return await save_and_assess(request, store, person_id, save, form=form, anchor=anchor)


def _one(add: Callable[[Store, int, Sequence[M]], object]) -> Callable[[Store, int, M], object]:
    """A service that adds a list of records, for a form that adds one."""
    return lambda store, person_id, item: add(store, person_id, [item])


def _history(field: str) -> Callable[[Store, int, BaseModel], object]:
    """Adding an entry to one list of the clinical history (``surgery``, ...)."""
    return lambda store, person_id, entry: records.add_history(store, person_id, field, entry)


# A food eaten or a supplement taken counts in the intake the plan uses.
_person_form(
    "diary", DiaryEntryCreate, diary_data, _one(diary.add_diary_entries), "diary", "diary-h"
)
_person_form(
    "diary/supplements",
    DiarySupplementCreate,
    supplement_data,
    _one(diary.add_supplements),
    "diary",
    "diary-h",
)
# A muscle measurement such as grip strength; a SARC-F questionnaire (five item scores, stored as
# one measurement with their total).
_add_measurement = _one(measurements.add_measurements)
_person_form(
    "measurements", MeasurementCreate, measurement_data, _add_measurement, "muscle", "muscle-h"
)
_person_form("sarc-f", MeasurementCreate, sarc_f_data, _add_measurement, "sarc_f", "muscle-h")
# A medicine or supplement on the person's list (supplements change the reading); the person's
# symptoms, comma-separated, replace the ones stored.
_person_form(
    "medications", Medication, medication_data, records.add_medication, "medication", "assessment-h"
)
_person_form(
    "symptoms", PersonUpdate, symptoms_data, records.update_person, "symptoms", "assessment-h"
)
# Age, sex, diet, pregnancy, ethnicity and conditions, changed after the person was added.
_person_form("details", PersonUpdate, details_data, records.update_person, "details", "details-h")
# The clinical history: operations, dialysis, the course of a symptom, the dates of a condition.
_person_form("surgery", Surgery, surgery_data, _history("surgery"), "surgery", "details-h")
_person_form(
    "dialysis", PersonUpdate, dialysis_data, records.update_person, "dialysis", "details-h"
)
_person_form(
    "symptom-course",
    SymptomCourse,
    symptom_course_data,
    _history("symptom_course"),
    "symptom_course",
    "details-h",
)
_person_form(
    "condition-dates",
    ConditionDates,
    condition_dates_data,
    _history("condition_dates"),
    "condition_dates",
    "details-h",
)


@router.post("/persons/{person_id}/assessments", dependencies=Csrf)
def assess_now(user: Clinician, request: Request, store: StoreDep, person_id: int) -> Response:
    """Assess from the stored results and keep the assessment."""
    return assess_again(request, store, person_id, "assessment-h", explicit=True)
