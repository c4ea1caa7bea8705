"""Pages of the web UI: thin handlers over b12.services, Post/Redirect/Get after every form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from b12.core.person import Medication
from b12.data.store import Store
from b12.data.store.schemas import (
    DiaryEntryCreate,
    LabCreate,
    MeasurementCreate,
    PersonCreate,
    PersonUpdate,
)
from b12.errors import InputError
from b12.reports.report import render_html, render_pdf
from b12.reports.series_chart import grip_svg, intake_svg
from b12.reports.trend_chart import CHART_ANALYTES, trend_svg
from b12.services import diary, foods, measurements, records, users
from b12.services.reports import stored_report
from b12.web.forms import (
    MEALS,
    MEASUREMENT_KINDS,
    diary_data,
    measurement_data,
    medication_data,
    panel_data,
    panel_fields,
    person_data,
    symptoms_data,
)
from b12.web.pages import TEMPLATES, render, see_other
from b12.web.security import SESSION_COOKIE, check_csrf, current_user, session_cookie


def get_store(request: Request) -> Store:
    """The app's records store."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]
Csrf = [Depends(check_csrf)]
router = APIRouter(include_in_schema=False, dependencies=[Depends(current_user)])
public = APIRouter(include_in_schema=False)


@router.get("/")
def home() -> RedirectResponse:
    """The person list is the home page."""
    return see_other("/persons")


@router.get("/persons")
def person_list(request: Request, store: StoreDep, q: str = "") -> HTMLResponse:
    """Persons, with search and the form to add one."""
    persons = records.list_persons(store, q[:80])
    return render(request, "persons.html", {"persons": persons, "q": q, "form": {}, "error": ""})


@router.post("/persons", dependencies=Csrf)
async def person_create(request: Request, store: StoreDep) -> Response:
    """Add a person, then show their page."""
    form = await request.form()
    try:
        person = records.create_person(store, records.validate(PersonCreate, person_data(form)))
    except InputError as exc:
        context = {
            "persons": records.list_persons(store),
            "q": "",
            "error": str(exc),
            "form": {key: form.get(key) for key in ("label", "age", "sex", "diet")},
        }
        return render(request, "persons.html", context, status_code=422)
    return see_other(f"/persons/{person.id}")


@router.post("/persons/import", dependencies=Csrf)
async def person_import(request: Request, store: StoreDep) -> Response:
    """Add a person from an uploaded person file or FHIR Bundle with its dated lab results."""
    form = await request.form()
    upload, label = form.get("file"), form.get("label")
    try:
        if not isinstance(upload, UploadFile) or not isinstance(label, str):
            raise InputError("choose a person file and a label", field="file")
        content = await upload.read()
        person = records.import_upload(store, label.strip(), content, upload.filename or "")
    except InputError as exc:
        context = {"persons": records.list_persons(store), "q": "", "form": {}, "error": str(exc)}
        return render(request, "persons.html", context, status_code=422)
    records.assess_stored(store, person.id)
    if person.unused:  # say what a FHIR Bundle held that b12 did not use
        return render(request, "imported.html", {"person": person}, status_code=201)
    return see_other(f"/persons/{person.id}")


def _person_page(
    request: Request,
    store: StoreDep,
    person_id: int,
    error: str = "",
    *,
    food_q: str = "",
    diary_error: str = "",
) -> HTMLResponse:
    labs = records.list_labs(store, person_id)
    assessments = records.list_assessments(store, person_id)
    series = {
        a: [(lab.date, lab.canonical_value) for lab in results]
        for a, results in records.trend(labs, CHART_ANALYTES).items()
    }
    person = records.get_person(store, person_id)
    muscle = measurements.list_measurements(store, person_id)
    intake_days, reference = diary.daily_intake(records.stored_person(store, person_id))
    context = {
        "person": person,
        "labs": labs,
        "assessments": assessments,
        "latest": assessments[0] if assessments else None,
        "chart": trend_svg(series, periods=records.supplement_periods(person.medications)),
        "panel": panel_fields(),
        "measurements": muscle,
        "grip_chart": grip_svg(measurements.series(muscle, "grip_strength"), person.sex),
        "kinds": MEASUREMENT_KINDS,
        "entries": diary.list_diary_entries(store, person_id),
        "intake_days": intake_days,
        "intake_chart": intake_svg(intake_days, reference),
        "food_q": food_q,
        "matches": foods.search_foods(food_q, limit=15) if food_q.strip() else [],
        "meals": MEALS,
        "error": error,
        "diary_error": diary_error,
    }
    failed = error or diary_error
    return render(request, "person.html", context, status_code=422 if failed else 200)


@router.get("/persons/{person_id}")
def person_page(
    request: Request, store: StoreDep, person_id: int, food_q: str = ""
) -> HTMLResponse:
    """A person: latest assessment, charts, results, diary and their forms."""
    return _person_page(request, store, person_id, food_q=food_q[: foods.MAX_QUERY_CHARS])


@router.get("/foods/search")
def food_options(request: Request, q: str = "") -> HTMLResponse:
    """Foods matching ``q`` as <option> elements, for the diary form's suggestions."""
    query = q.strip()[: foods.MAX_QUERY_CHARS]
    matches = foods.search_foods(query, limit=15) if query else []
    return TEMPLATES.TemplateResponse(request, "_food_options.html", {"matches": matches})


@router.post("/persons/{person_id}/diary", dependencies=Csrf)
async def diary_add(request: Request, store: StoreDep, person_id: int) -> Response:
    """Save a food eaten, then assess again (the plan uses the measured intake)."""
    try:
        item = records.validate(DiaryEntryCreate, diary_data(await request.form()))
        diary.add_diary_entries(store, person_id, [item])
    except InputError as exc:
        return _person_page(request, store, person_id, diary_error=str(exc))
    records.assess_stored(store, person_id)
    return see_other(f"/persons/{person_id}#diary-h")


@router.post("/persons/{person_id}/labs", dependencies=Csrf)
async def lab_panel(request: Request, store: StoreDep, person_id: int) -> Response:
    """Save a panel of results (all or none) and assess the person again."""
    try:
        rows = panel_data(await request.form())
        if not rows:
            raise InputError("enter at least one value", field="value")
        labs = [records.validate(LabCreate, row, context=row["analyte"]) for row in rows]
        records.add_labs(store, person_id, labs)
    except InputError as exc:
        return _person_page(request, store, person_id, error=str(exc))
    records.assess_stored(store, person_id)
    return see_other(f"/persons/{person_id}#assessment-h")


@router.post("/persons/{person_id}/measurements", dependencies=Csrf)
async def measurement_add(request: Request, store: StoreDep, person_id: int) -> Response:
    """Save a muscle measurement such as grip strength, then assess again."""
    try:
        item = records.validate(MeasurementCreate, measurement_data(await request.form()))
        measurements.add_measurements(store, person_id, [item])
    except InputError as exc:
        return _person_page(request, store, person_id, error=str(exc))
    records.assess_stored(store, person_id)
    return see_other(f"/persons/{person_id}#muscle-h")


@router.post("/persons/{person_id}/medications", dependencies=Csrf)
async def medication_add(request: Request, store: StoreDep, person_id: int) -> Response:
    """Add a medicine or supplement, then assess again (supplements change the reading)."""
    try:
        item = records.validate(Medication, medication_data(await request.form()))
        records.add_medication(store, person_id, item)
    except InputError as exc:
        return _person_page(request, store, person_id, error=str(exc))
    records.assess_stored(store, person_id)
    return see_other(f"/persons/{person_id}")


@router.post("/persons/{person_id}/diary/{entry_id}/delete", dependencies=Csrf)
def diary_delete(store: StoreDep, person_id: int, entry_id: int) -> RedirectResponse:
    """Delete one diary entry, then assess again."""
    diary.delete_diary_entry(store, person_id, entry_id)
    records.assess_stored(store, person_id)
    return see_other(f"/persons/{person_id}#diary-h")


@router.post("/persons/{person_id}/symptoms", dependencies=Csrf)
async def symptoms_set(request: Request, store: StoreDep, person_id: int) -> Response:
    """Replace the person's symptoms (comma-separated), then assess again."""
    changes = records.validate(PersonUpdate, symptoms_data(await request.form()))
    records.update_person(store, person_id, changes)
    records.assess_stored(store, person_id)
    return see_other(f"/persons/{person_id}")


@router.post("/persons/{person_id}/assessments", dependencies=Csrf)
def assess_again(store: StoreDep, person_id: int) -> RedirectResponse:
    """Assess from the stored results and keep the assessment."""
    records.assess_stored(store, person_id)
    return see_other(f"/persons/{person_id}#assessment-h")


@router.get("/persons/{person_id}/assessments/{assessment_id}")
def assessment_page(
    request: Request, store: StoreDep, person_id: int, assessment_id: int
) -> HTMLResponse:
    """One stored assessment, as it was produced."""
    context = {
        "person": records.get_person(store, person_id),
        "a": records.get_assessment(store, person_id, assessment_id),
    }
    return render(request, "assessment.html", context)


@router.get("/persons/{person_id}/assessments/{assessment_id}/report.html")
def report_html(store: StoreDep, person_id: int, assessment_id: int) -> HTMLResponse:
    """The printable report of a stored assessment."""
    return HTMLResponse(render_html(stored_report(store, person_id, assessment_id)))


@router.get("/persons/{person_id}/assessments/{assessment_id}/report.pdf")
def report_pdf(store: StoreDep, person_id: int, assessment_id: int) -> Response:
    """The report of a stored assessment as PDF."""
    pdf = render_pdf(stored_report(store, person_id, assessment_id))
    name = f"b12-report-{person_id}-{assessment_id}.pdf"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


@router.post("/persons/{person_id}/delete", dependencies=Csrf)
def person_delete(store: StoreDep, person_id: int) -> RedirectResponse:
    """Delete a person and all their records."""
    records.delete_person(store, person_id)
    return see_other("/persons")


@public.get("/login")
def login_page(request: Request) -> HTMLResponse:
    """Sign in with an API token (only needed off loopback)."""
    return render(request, "login.html", {"error": ""})


@public.post("/login", dependencies=Csrf)
async def login(request: Request, store: StoreDep) -> Response:
    """Check the token and start a signed session."""
    token = (await request.form()).get("token")
    user = users.authenticate(store, token) if isinstance(token, str) else None
    if user is None:
        return render(request, "login.html", {"error": "Unknown token."}, status_code=401)
    response = see_other("/persons")
    cookie = session_cookie(request.app.state.settings, user)
    response.set_cookie(SESSION_COOKIE, cookie, httponly=True, samesite="strict")
    return response


@public.post("/logout", dependencies=Csrf)
def logout() -> Response:
    """End the signed session."""
    response = see_other("/login")
    response.delete_cookie(SESSION_COOKIE)
    return response
