"""Persons followed over time."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query, Request, Response

from b12.api.deps import Admin, Clinician, Reader, StoreDep
from b12.api.openapi import body_problems, problems
from b12.api.paging import Offset, add_page_headers, limit_query
from b12.data.store.schemas import (
    PersonCreate,
    PersonImport,
    PersonImported,
    PersonPublic,
    PersonUpdate,
)
from b12.services import records

NO_NUL = "^[^\\u0000]*$"  # JSON Schema for "text without a NUL character"

router = APIRouter(prefix="/persons", tags=["persons"])
PERSON = "/{person_id:record_id}"  # never "import" (b12.api.paths): PATCH /persons/import is 405


@router.get("")
def list_persons(
    user: Reader,
    store: StoreDep,
    request: Request,
    response: Response,
    q: Annotated[
        str,
        Query(
            max_length=80,
            description="Part of the label (no NUL character)",
            json_schema_extra={"pattern": NO_NUL},  # documented; records.check_search refuses it
        ),
    ] = "",
    limit: Annotated[
        int, limit_query(records.PERSONS_PAGE, records.PERSONS_PAGE_MAX)
    ] = records.PERSONS_PAGE,
    offset: Offset = 0,
) -> list[PersonPublic]:
    """Persons whose label contains `q`, most recently changed first; total in X-Total-Count."""
    page = records.persons_page(store, q, limit=limit, offset=offset)
    add_page_headers(request, response, page, limit)
    return page.items


@router.post("", status_code=201, responses=body_problems())
def create_person(user: Clinician, store: StoreDep, person: PersonCreate) -> PersonPublic:
    """Start following a person (a pseudonymous label; no name is needed)."""
    return records.create_person(store, person)


@router.post("/import", status_code=201, responses=body_problems())
def import_person(user: Clinician, store: StoreDep, data: PersonImport) -> PersonImported:
    """Start following a person from a person file or FHIR Bundle, with dated labs (all or none)."""
    return records.import_person(store, data.label, data.person)


@router.get(PERSON, responses=problems(404))
def get_person(user: Reader, store: StoreDep, person_id: int) -> PersonPublic:
    """One person."""
    return records.get_person(store, person_id)


@router.patch(PERSON, responses={**problems(404, 409), **body_problems("PATCH")})
def update_person(
    user: Clinician,
    store: StoreDep,
    person_id: int,
    changes: Annotated[PersonUpdate, Body(examples=[{"age": 75, "pregnant": False}])],
) -> PersonPublic:
    """Change some fields of a person (409: stored values would no longer fit, nothing changed)."""
    changed = records.update_person(store, person_id, changes)
    records.keep_current(store, person_id)
    return changed


@router.delete(PERSON, status_code=204, responses=problems(404))
def delete_person(user: Admin, store: StoreDep, person_id: int) -> Response:
    """Delete a person with all their results and assessments."""
    records.delete_person(store, person_id)
    return Response(status_code=204)
