"""Correcting and deleting records from the web UI: a form to correct a measurement or lab result,
and a confirmation page before anything is deleted. Every change assesses the person again.

A refused correction shows the form again with what was typed and the error beside the field,
the same message as the API gives (the field, the value, what is allowed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from b12.data.store import Store
from b12.data.store.schemas import (
    AntibodyPublic,
    DiaryEntryPublic,
    DiarySupplementPublic,
    LabCreate,
    LabPublic,
    MeasurementCreate,
)
from b12.data.store.schemas import MeasurementPublic as Measurement
from b12.errors import InputError
from b12.services import diary, measurements, records
from b12.units import REGISTRY as UNITS
from b12.units import plain_number
from b12.web.deps import Admin, Clinician, Csrf, StoreDep
from b12.web.forms import (
    ANTIBODY_LABELS,
    CORRECTION_INPUTS,
    Field,
    lab_correction,
    lab_fields,
    measurement_correction,
    measurement_fields,
    measurement_label,
    yes_or_no,
)
from b12.web.pages import render, see_other
from b12.web.person_page import assess_again

router = APIRouter(include_in_schema=False)
T = TypeVar("T")  # a stored record as the services return it
M = TypeVar("M", bound=BaseModel)  # the schema a correction is validated with
PERSON = "/persons/{person_id}"


@dataclass(frozen=True)
class Record:
    """A stored record as the correction and delete pages name it."""

    person_id: int
    what: str  # e.g. "Grip strength (best hand): 45 kg on 2026-03-01"
    url: str  # the record's page address; its form posts here, its deletion to url + "/delete"
    section: str  # where it is shown on the person page
    # what the deletion must still find there (an entry of a list, found by its place in it)
    check: str = ""

    @property
    def back(self) -> str:
        """The person page, at the record's section."""
        return f"/persons/{self.person_id}" + (f"#{self.section}" if self.section else "")


Deleter = Callable[[Store, int, int], None]  # (store, person id, record id)


def _measurement(m: Measurement) -> Record:
    value = yes_or_no(m.value) if m.unit == "yes/no" else f"{plain_number(m.value)} {m.unit}"
    text = f"{measurement_label(m.kind)}: {value} on {m.date.isoformat()}"
    return Record(m.person_id, text, f"/persons/{m.person_id}/measurements/{m.id}", "muscle-h")


def _lab(lab: LabPublic) -> Record:
    value = f"{lab.comparator or ''}{plain_number(lab.value)} {lab.unit} on {lab.date.isoformat()}"
    text = f"{UNITS[lab.analyte].label}: {value}"
    return Record(lab.person_id, text, f"/persons/{lab.person_id}/labs/{lab.id}", "labs-h")


def _antibody(r: AntibodyPublic) -> Record:
    text = f"{ANTIBODY_LABELS[r.analyte]}: {r.value} on {r.date.isoformat()}"
    return Record(r.person_id, text, f"/persons/{r.person_id}/antibodies/{r.id}", "labs-h")


def _entry(e: DiaryEntryPublic) -> Record:
    text = f"{e.food_name}: {plain_number(e.amount)} {e.unit} on {e.date.isoformat()}"
    return Record(e.person_id, text, f"/persons/{e.person_id}/diary/{e.id}", "diary-h")


def _supplement(s: DiarySupplementPublic) -> Record:
    often = (
        f"{plain_number(s.doses_per_week)} a week"
        if s.doses_per_week is not None
        else f"{plain_number(s.doses_per_day or 0)} a day"
    )
    text = f"{s.supplement}: {plain_number(s.ug_per_dose)} µg, {often}"
    url = f"/persons/{s.person_id}/diary/supplements/{s.id}"
    return Record(s.person_id, text, url, "diary-h")


def edit_page(
    request: Request,
    store: StoreDep,
    record: Record,
    fields: list[Field],
    error: InputError | None = None,
    invalid: str | None = None,
) -> HTMLResponse:
    """The correction form of a record; refused, with the error beside ``invalid`` (the input it
    names; by default the error's field)."""
    context = {
        "person": records.get_person(store, record.person_id),
        "record": record,
        "fields": fields,
        "error": str(error) if error else "",
        "error_field": _invalid(error, invalid),
    }
    return render(request, "edit_record.html", context, status_code=422 if error else 200)


def _invalid(error: InputError | None, invalid: str | None) -> str | None:
    if error is None:
        return None
    if invalid is not None:
        return invalid
    return CORRECTION_INPUTS.get(error.field or "", error.field)


async def _correct(
    request: Request,
    store: StoreDep,
    record: Record,
    fields: Callable[[FormData], list[Field]],
    save: Callable[[FormData], object],
) -> Response:
    """Save a correction and assess again, or show the form again with the error.

    The form is read on the event loop; the database and assessment work runs in the thread pool.
    """
    form = await request.form()

    def save_then_assess() -> Response:
        try:
            save(form)
        except InputError as exc:
            return edit_page(request, store, record, fields(form), exc)
        return assess_again(request, store, record.person_id, record.section)

    return await run_in_threadpool(save_then_assess)


def _confirm_page(request: Request, store: StoreDep, record: Record) -> HTMLResponse:
    context = {"person": records.get_person(store, record.person_id), "record": record}
    return render(request, "confirm_delete.html", context)


def _correctable(
    kind: str,
    find: Callable[[Store, int, int], T],
    record: Callable[[T], Record],
    fields: Callable[[T, FormData | None], list[Field]],
    corrected: Callable[[T, FormData], dict[str, Any]],
    model: type[M],
    update: Callable[[Store, int, int, M], object],
) -> None:
    """Add the two routes that correct one kind of record: the form (GET), then save (POST)."""
    path = f"{PERSON}/{kind}/{{record_id}}"

    @router.get(path + "/edit", name=f"edit_{kind}")
    def edit(
        user: Clinician, request: Request, store: StoreDep, person_id: int, record_id: int
    ) -> HTMLResponse:
        """The form to correct the record (a mistyped value, a wrong date)."""
        found = find(store, person_id, record_id)
        return edit_page(request, store, record(found), fields(found, None))

    @router.post(path, dependencies=Csrf, name=f"correct_{kind}")
    async def correct(
        user: Clinician, request: Request, store: StoreDep, person_id: int, record_id: int
    ) -> Response:
        """Save the corrected record, then assess again."""
        found = await run_in_threadpool(find, store, person_id, record_id)

        def save(form: FormData) -> None:
            item = records.validate(model, corrected(found, form))
            update(store, person_id, record_id, item)

        return await _correct(request, store, record(found), lambda f: fields(found, f), save)


_correctable(
    "measurements",
    measurements.get_measurement,
    _measurement,
    measurement_fields,
    measurement_correction,
    MeasurementCreate,
    measurements.update_measurement,
)
_correctable(
    "labs", records.get_lab, _lab, lab_fields, lab_correction, LabCreate, records.update_lab
)


@router.get(PERSON + "/delete")
def person_delete_page(
    user: Admin, request: Request, store: StoreDep, person_id: int
) -> HTMLResponse:
    """Ask before deleting a person and everything recorded about them."""
    label = records.get_person(store, person_id).label
    what = f"{label}, with all their results, measurements, diary and assessments"
    return _confirm_page(request, store, Record(person_id, what, f"/persons/{person_id}", ""))


@router.post(PERSON + "/delete", dependencies=Csrf)
def person_delete(user: Admin, store: StoreDep, person_id: int) -> RedirectResponse:
    """Delete a person and all their records."""
    records.delete_person(store, person_id)
    return see_other("/persons")


def _deletable(kind: str, find: Callable[[Store, int, int], Record], delete: Deleter) -> None:
    """Add the two routes that delete one kind of record: ask first (GET), then delete (POST)."""
    path = f"{PERSON}/{kind}/{{record_id}}/delete"

    @router.get(path, name=f"ask_delete_{kind.replace('/', '_')}")
    def ask(
        user: Clinician, request: Request, store: StoreDep, person_id: int, record_id: int
    ) -> HTMLResponse:
        """Ask before deleting the record."""
        return _confirm_page(request, store, find(store, person_id, record_id))

    @router.post(path, dependencies=Csrf, name=f"delete_{kind.replace('/', '_')}")
    def delete_it(
        user: Clinician, request: Request, store: StoreDep, person_id: int, record_id: int
    ) -> Response:
        """Delete the record, then assess again."""
        record = find(store, person_id, record_id)
        delete(store, person_id, record_id)
        return assess_again(request, store, person_id, record.section)


_deletable(
    "measurements",
    lambda store, person, i: _measurement(measurements.get_measurement(store, person, i)),
    measurements.delete_measurement,
)
_deletable(
    "labs", lambda store, person, i: _lab(records.get_lab(store, person, i)), records.delete_lab
)
_deletable(
    "antibodies",
    lambda store, person, i: _antibody(records.get_antibody(store, person, i)),
    records.delete_antibody,
)
_deletable(
    "diary",
    lambda store, person, i: _entry(diary.get_diary_entry(store, person, i)),
    diary.delete_diary_entry,
)
_deletable(
    "diary/supplements",
    lambda store, person, i: _supplement(diary.get_supplement(store, person, i)),
    diary.delete_supplement,
)
