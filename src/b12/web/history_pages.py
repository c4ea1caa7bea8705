"""Correcting and deleting one entry of a person's history lists (operations, symptom courses,
dates of a condition, medicines): the correction form is prefilled with the entry and saves it in
place; a deletion asks first. An entry is found by its place in its list, so both check that the
entry there is still the one the page showed (the list may have changed meanwhile).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from b12.core.history import ConditionDates, Surgery, SymptomCourse
from b12.core.person import Medication
from b12.data.store.schemas import PersonPublic
from b12.errors import InputError
from b12.services import records
from b12.web.corrections import Record, edit_page
from b12.web.deps import Clinician, Csrf, StoreDep
from b12.web.forms import medication_data
from b12.web.pages import render
from b12.web.person_forms import (
    INVALID_INPUTS,
    condition_dates_data,
    history_fields,
    history_text,
    surgery_data,
    symptom_course_data,
)
from b12.web.person_page import assess_again, save_and_assess

router = APIRouter(include_in_schema=False)
ENTRY = "/persons/{person_id}/history/{field}/{index}"


@dataclass(frozen=True)
class EntryAt:
    """Where an entry is: the person, the list and the entry's place in it (the path's parts)."""

    person_id: int
    field: records.HistoryList
    index: int


At = Annotated[EntryAt, Depends()]

# Each list: the schema of an entry, how its form is read, the person-page form that shows its
# errors and the section it is listed in.
MODELS: dict[str, type[BaseModel]] = {
    "surgery": Surgery,
    "symptom_course": SymptomCourse,
    "condition_dates": ConditionDates,
    "medications": Medication,
}
READERS = {
    "surgery": surgery_data,
    "symptom_course": symptom_course_data,
    "condition_dates": condition_dates_data,
    "medications": medication_data,
}
FORM_OF = {"medications": "medication"}
SECTION_OF = {"medications": "person-h"}
MEDICATION_INPUTS = {n: n for n in ("name", "start_date", "stop_date", "stopped", "dose", "route")}


def _record(person: PersonPublic, field: str, index: int) -> Record:
    """The entry at ``index`` of the list ``field``, as its pages name it."""
    entries = getattr(person, field)
    if not 0 <= index < len(entries):
        raise InputError(f"no entry {index} in {field}", field=field)
    what = history_text(entries[index])
    url = f"/persons/{person.id}/history/{field}/{index}"
    return Record(person.id, what, url, SECTION_OF.get(field, "details-h"), check=what)


def _check_unchanged(
    store: StoreDep, person_id: int, field: str, index: int, form: FormData, undone: str
) -> None:
    """Refuse (``undone`` says what was not done) when the entry at ``index`` is no longer the
    one the page showed."""
    entries = getattr(records.get_person(store, person_id), field)
    found = history_text(entries[index]) if 0 <= index < len(entries) else ""
    if found != form.get("expect"):
        raise InputError(f"the list changed since this page was opened; {undone}", field=field)


def _invalid_input(field: str, error: InputError) -> str:
    """The input of the correction form that a refusal names ("" when none)."""
    inputs: Mapping[str, str] = INVALID_INPUTS.get(field, MEDICATION_INPUTS)
    # a rule across fields names none; its message starts with the field it refuses
    named = (error.field or str(error).split(" ", 1)[0]).split("[", 1)[0]
    return inputs.get(named, "")


@router.get(ENTRY + "/edit")
def history_edit_page(user: Clinician, request: Request, store: StoreDep, at: At) -> HTMLResponse:
    """The form to correct one entry of the person's history, prefilled with it."""
    person_id, field, index = at.person_id, at.field, at.index
    person = records.get_person(store, person_id)
    record = _record(person, field, index)
    fields = history_fields(getattr(person, field)[index], person)
    return edit_page(request, store, record, fields)


@router.post(ENTRY, dependencies=Csrf)
async def history_correct(user: Clinician, request: Request, store: StoreDep, at: At) -> Response:
    """Save the corrected entry in its place, then assess again; a refusal shows the form again
    with what was typed and the error beside the input it names."""
    person_id, field, index = at.person_id, at.field, at.index
    form = await request.form()

    def save_then_assess() -> Response:
        person = records.get_person(store, person_id)
        record = _record(person, field, index)
        try:
            _check_unchanged(store, person_id, field, index, form, "nothing was changed")
            entry = records.validate(MODELS[field], READERS[field](form))
            records.replace_history(store, person_id, field, index, entry)
        except InputError as exc:
            fields = history_fields(getattr(person, field)[index], person, form)
            return edit_page(request, store, record, fields, exc, _invalid_input(field, exc))
        return assess_again(request, store, person_id, record.section)

    return await run_in_threadpool(save_then_assess)


@router.get(ENTRY + "/delete")
def history_delete_page(user: Clinician, request: Request, store: StoreDep, at: At) -> HTMLResponse:
    """Ask before deleting one entry of the person's history."""
    person_id, field, index = at.person_id, at.field, at.index
    person = records.get_person(store, person_id)
    record = _record(person, field, index)
    return render(request, "confirm_delete.html", {"person": person, "record": record})


@router.post(ENTRY + "/delete", dependencies=Csrf)
async def history_delete(user: Clinician, request: Request, store: StoreDep, at: At) -> Response:
    """Delete one entry of the person's history (after its confirmation page); assess again."""
    person_id, field, index = at.person_id, at.field, at.index

    def save(submitted: FormData) -> None:
        _check_unchanged(store, person_id, field, index, submitted, "nothing was deleted")
        records.remove_history(store, person_id, field, index)

    form, section = FORM_OF.get(field, field), SECTION_OF.get(field, "details-h")
    return await save_and_assess(request, store, person_id, save, form=form, anchor=section)
