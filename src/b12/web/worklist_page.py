"""The person list (the worklist, the home page) and its forms: add a person, import a person file
or FHIR Bundle."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from b12.data.store.schemas import PersonCreate
from b12.errors import InputError
from b12.services import clock, records, worklist
from b12.services.records import MAX_OFFSET
from b12.web.deps import Clinician, Csrf, Reader, StoreDep
from b12.web.forms import person_data
from b12.web.pages import render, see_other
from b12.web.person_forms import DIETS
from b12.web.person_page import assess_again

router = APIRouter(include_in_schema=False)


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
        "today": clock.today(),
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
