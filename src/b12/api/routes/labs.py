"""Lab results of a person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Response

from b12.api.deps import Clinician, Reader, StoreDep
from b12.api.openapi import body_problems, problems
from b12.data.store.schemas import LabCreate, LabPublic
from b12.services import records

router = APIRouter(prefix="/persons/{person_id}/labs", tags=["labs"], responses=problems(404))

PANEL_EXAMPLE = [
    {"analyte": "b12", "value": 250, "unit": "pg/mL", "date": "2026-03-01"},
    {"analyte": "mma", "value": 410, "unit": "nmol/L", "date": "2026-03-01", "specimen_id": "S-1"},
    {
        "analyte": "b12",
        "value": ">1476",
        "unit": "pmol/L",
        "date": "2026-03-01",
        "specimen_id": "S-1",
    },
]


@router.get("")
def list_labs(user: Reader, store: StoreDep, person_id: int) -> list[LabPublic]:
    """A person's lab results, oldest first."""
    return records.list_labs(store, person_id)


@router.post("", status_code=201, responses=body_problems())
def add_labs(
    user: Clinician,
    store: StoreDep,
    person_id: int,
    labs: Annotated[list[LabCreate], Body(min_length=1, max_length=100, examples=[PANEL_EXAMPLE])],
) -> list[LabPublic]:
    """Record a panel of results in the units the lab printed (all are stored, or none)."""
    changed = records.add_labs(store, person_id, labs)
    records.keep_current(store, person_id)
    return changed


@router.get("/{lab_id}")
def get_lab(user: Reader, store: StoreDep, person_id: int, lab_id: int) -> LabPublic:
    """One lab result."""
    return records.get_lab(store, person_id, lab_id)


@router.put("/{lab_id}", responses=body_problems("PUT"))
def update_lab(
    user: Clinician, store: StoreDep, person_id: int, lab_id: int, lab: LabCreate
) -> LabPublic:
    """Correct a lab result: send it whole, as the lab printed it (the canonical value follows)."""
    changed = records.update_lab(store, person_id, lab_id, lab)
    records.keep_current(store, person_id)
    return changed


@router.delete("/{lab_id}", status_code=204)
def delete_lab(user: Clinician, store: StoreDep, person_id: int, lab_id: int) -> Response:
    """Delete one lab result."""
    records.delete_lab(store, person_id, lab_id)
    records.keep_current(store, person_id)
    return Response(status_code=204)
