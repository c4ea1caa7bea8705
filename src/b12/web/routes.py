"""Pages of the web UI: thin handlers over b12.services, Post/Redirect/Get after every form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from b12.core.history import ConditionDates, Surgery, SymptomCourse
from b12.core.person import Medication
from b12.data.store import Store
from b12.data.store.schemas import (
    AntibodyCreate,
    DiaryEntryCreate,
    DiarySupplementCreate,
    LabCreate,
    MeasurementCreate,
    PersonCreate,
    PersonUpdate,
)
from b12.errors import InputError
from b12.reports.report import Audience, Paper, render_html, render_pdf
from b12.services import diary, foods, measurements, records, users, worklist
from b12.services.records import MAX_OFFSET
from b12.services.reports import current_report, stored_report
from b12.web.deps import Clinician, Csrf, Public, Reader, StoreDep
from b12.web.forms import (
    diary_data,
    measurement_data,
    medication_data,
    panel_antibodies,
    panel_data,
    person_data,
    sarc_f_data,
    supplement_data,
    symptoms_data,
)
from b12.web.pages import TEMPLATES, render, see_other
from b12.web.person_forms import (
    DIETS,
    condition_dates_data,
    details_data,
    dialysis_data,
    surgery_data,
    symptom_course_data,
)
from b12.web.person_page import assess_again, person_page, save_and_assess
from b12.web.security import SESSION_COOKIE, session_cookie, session_key, set_cookie

router = APIRouter(include_in_schema=False)
public = APIRouter(include_in_schema=False)
M = TypeVar("M", bound=BaseModel)  # the schema a form is validated with


@router.get("/")
def home(user: Reader) -> RedirectResponse:
    """The person list is the home page."""
    return see_other("/persons")


@router.get("/persons")
def person_list(
    user: Reader,
    request: Request,
    store: StoreDep,
    q: str = "",
    offset: int = 0,
    show: worklist.Filter = worklist.Filter.ALL,
    sort: worklist.Sort = worklist.Sort.URGENCY,
) -> HTMLResponse:
    """The worklist: persons with status, urgency and re-test date; filters; the add form."""
    context = _list_context(store, q[:80], offset, show, sort)
    return render(request, "persons.html", {**context, "form": {}, "error": ""})


WORKLIST_PAGE = 50  # rows per page of the worklist


def _list_context(
    store: StoreDep,
    q: str = "",
    offset: int = 0,
    show: worklist.Filter = worklist.Filter.ALL,
    sort: worklist.Sort = worklist.Sort.URGENCY,
) -> dict[str, object]:
    """A page of the worklist, where it starts, the total and where the next page starts."""
    rows = worklist.worklist(store, q, show, sort)
    page = worklist.page(rows, min(offset, MAX_OFFSET), WORKLIST_PAGE)
    return {
        "rows": page.items,
        "q": q,
        "show": show,
        "sort": sort,
        "filters": FILTER_LABELS,
        "sorts": SORT_LABELS,
        "offset": page.offset,
        "total": page.total,
        "next_offset": page.next_offset,
        "today": dt.date.today(),
        "diets": DIETS,
    }


FILTER_LABELS = {
    worklist.Filter.ALL: "Everyone",
    worklist.Filter.URGENT: "Urgent",
    worklist.Filter.RETEST_DUE: "Re-test due",
    worklist.Filter.AT_RISK_UNTESTED: "At risk, never tested",
    worklist.Filter.TREATED_NO_FOLLOW_UP: "Treated, no follow-up result",
}
SORT_LABELS = {
    worklist.Sort.URGENCY: "urgency",
    worklist.Sort.RETEST: "re-test date",
    worklist.Sort.LABEL: "label",
    worklist.Sort.CHANGED: "last change",
}


def _persons_page(
    request: Request, store: StoreDep, error: InputError, form: Mapping[str, object] | None = None
) -> HTMLResponse:
    """The person list again, with the error of its add or import form."""
    context = {**_list_context(store), "error": str(error)}
    return render(request, "persons.html", {**context, "form": form or {}}, status_code=422)


# The form handlers are async only to read the form; the database and assessment work runs in the
# thread pool, so that a large import never stops the event loop (and every other request).


@router.post("/persons", dependencies=Csrf)
async def person_create(user: Clinician, request: Request, store: StoreDep) -> Response:
    """Add a person, then show their page."""
    return await run_in_threadpool(_create_person, request, store, await request.form())


def _create_person(request: Request, store: StoreDep, form: FormData) -> Response:
    try:
        person = records.create_person(store, records.validate(PersonCreate, person_data(form)))
    except InputError as exc:
        typed = {key: form.get(key) for key in ("label", "age", "sex", "diet")}
        return _persons_page(request, store, exc, typed)
    return assess_again(request, store, person.id)  # the screening shows at once


@router.post("/persons/import", dependencies=Csrf)
async def person_import(user: Clinician, request: Request, store: StoreDep) -> Response:
    """Add a person from an uploaded person file or FHIR Bundle, then assess them."""
    form = await request.form()
    upload, label = form.get("file"), form.get("label")
    if not isinstance(upload, UploadFile) or not isinstance(label, str):
        error = InputError("choose a person file and a label", field="file")
        return await run_in_threadpool(_persons_page, request, store, error)
    content = await upload.read()
    return await run_in_threadpool(
        _import_person, request, store, label.strip(), content, upload.filename or ""
    )


def _import_person(
    request: Request, store: StoreDep, label: str, content: bytes, filename: str
) -> Response:
    try:
        person = records.import_upload(store, label, content, filename)
    except InputError as exc:
        return _persons_page(request, store, exc)
    if not person.unused:
        return assess_again(request, store, person.id)
    return render(request, "imported.html", {"person": person}, status_code=201)


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
    *,
    form: str,
    anchor: str,
) -> None:
    """Add the route of a person-page form that is read, validated as ``model`` and kept with
    ``keep`` (a service call), after which the person is assessed again."""

    @router.post(
        f"/persons/{{person_id}}/{path}", dependencies=Csrf, name=f"save_{path.replace('/', '_')}"
    )
    async def submit(
        user: Clinician, request: Request, store: StoreDep, person_id: int
    ) -> Response:
        def save(submitted: FormData) -> None:
            keep(store, person_id, records.validate(model, read(submitted)))

        return await save_and_assess(request, store, person_id, save, form=form, anchor=anchor)


# A food eaten or a supplement taken counts in the intake the plan uses.
_person_form(
    "diary",
    DiaryEntryCreate,
    diary_data,
    lambda store, person, item: diary.add_diary_entries(store, person, [item]),
    form="diary",
    anchor="diary-h",
)
_person_form(
    "diary/supplements",
    DiarySupplementCreate,
    supplement_data,
    lambda store, person, item: diary.add_supplements(store, person, [item]),
    form="diary",
    anchor="diary-h",
)
# A muscle measurement such as grip strength.
_person_form(
    "measurements",
    MeasurementCreate,
    measurement_data,
    lambda store, person, item: measurements.add_measurements(store, person, [item]),
    form="muscle",
    anchor="muscle-h",
)
# A SARC-F questionnaire: five item scores, stored as one measurement with their total.
_person_form(
    "sarc-f",
    MeasurementCreate,
    sarc_f_data,
    lambda store, person, item: measurements.add_measurements(store, person, [item]),
    form="sarc_f",
    anchor="muscle-h",
)
# A medicine or supplement on the person's list (supplements change the reading).
_person_form(
    "medications",
    Medication,
    medication_data,
    records.add_medication,
    form="medication",
    anchor="assessment-h",
)
# The person's symptoms, comma-separated, replace the ones stored.
_person_form(
    "symptoms",
    PersonUpdate,
    symptoms_data,
    records.update_person,
    form="symptoms",
    anchor="assessment-h",
)


# Age, sex, diet, pregnancy, ethnicity and conditions, changed after the person was added.
_person_form(
    "details", PersonUpdate, details_data, records.update_person, form="details", anchor="details-h"
)
# The clinical history: operations, dialysis, the course of a symptom, the dates of a condition.
_person_form(
    "surgery",
    Surgery,
    surgery_data,
    lambda store, person, item: records.add_history(store, person, "surgery", item),
    form="surgery",
    anchor="details-h",
)
_person_form(
    "dialysis",
    PersonUpdate,
    dialysis_data,
    records.update_person,
    form="dialysis",
    anchor="details-h",
)
_person_form(
    "symptom-course",
    SymptomCourse,
    symptom_course_data,
    lambda store, person, item: records.add_history(store, person, "symptom_course", item),
    form="symptom_course",
    anchor="details-h",
)
_person_form(
    "condition-dates",
    ConditionDates,
    condition_dates_data,
    lambda store, person, item: records.add_history(store, person, "condition_dates", item),
    form="condition_dates",
    anchor="details-h",
)


@router.post("/persons/{person_id}/assessments", dependencies=Csrf)
def assess_now(user: Clinician, request: Request, store: StoreDep, person_id: int) -> Response:
    """Assess from the stored results and keep the assessment."""
    return assess_again(request, store, person_id, "assessment-h", explicit=True)


@router.get("/persons/{person_id}/assessments/{assessment_id}")
def assessment_page(
    user: Reader, request: Request, store: StoreDep, person_id: int, assessment_id: int
) -> HTMLResponse:
    """One stored assessment, as it was produced."""
    context = {
        "person": records.get_person(store, person_id),
        "a": records.get_assessment(store, person_id, assessment_id),
    }
    return render(request, "assessment.html", context)


@router.get("/persons/{person_id}/assessments/{assessment_id}/report.html")
def report_html(
    user: Reader,
    store: StoreDep,
    person_id: int,
    assessment_id: int,
    audience: Audience = "clinician",
    paper: Paper = "A4",
) -> HTMLResponse:
    """The printable report of a stored assessment (for the clinician, or for the person)."""
    report = stored_report(store, person_id, assessment_id, paper)
    return HTMLResponse(render_html(report, audience))


@router.get("/persons/{person_id}/assessments/{assessment_id}/report.pdf")
def report_pdf(
    user: Reader,
    store: StoreDep,
    person_id: int,
    assessment_id: int,
    audience: Audience = "clinician",
    paper: Paper = "A4",
) -> Response:
    """The report of a stored assessment as PDF (A4 unless ``paper=Letter``)."""
    pdf = render_pdf(stored_report(store, person_id, assessment_id, paper), audience)
    return _pdf(pdf, f"b12-report-{person_id}-{assessment_id}")


@router.get("/persons/{person_id}/report.html")
def current_report_html(
    user: Reader,
    store: StoreDep,
    person_id: int,
    audience: Audience = "clinician",
    paper: Paper = "A4",
) -> HTMLResponse:
    """The printable report of the person's current records (what their page shows)."""
    return HTMLResponse(render_html(current_report(store, person_id, paper), audience))


@router.get("/persons/{person_id}/report.pdf")
def current_report_pdf(
    user: Reader,
    store: StoreDep,
    person_id: int,
    audience: Audience = "clinician",
    paper: Paper = "A4",
) -> Response:
    """The report of the person's current records as PDF."""
    pdf = render_pdf(current_report(store, person_id, paper), audience)
    return _pdf(pdf, f"b12-report-{person_id}{'-person' if audience == 'person' else ''}")


def _pdf(pdf: bytes, name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


@public.get("/login")
def login_page(user: Public, request: Request) -> HTMLResponse:
    """Sign in with an API token (only needed off loopback)."""
    return render(request, "login.html", {"error": ""})


@public.post("/login", dependencies=Csrf)
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


@public.post("/logout", dependencies=Csrf)
def logout(request: Request, user: Public, store: StoreDep) -> Response:
    """End the session: its cookie stops working at once, here and in any copy."""
    if key := session_key(request):
        users.end_session(store, key)
    response = see_other("/login")
    response.delete_cookie(SESSION_COOKIE)
    return response
