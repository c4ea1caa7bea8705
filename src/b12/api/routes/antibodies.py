"""Qualitative antibody results of a person (intrinsic factor, parietal cell)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Response

from b12.api.deps import Clinician, Reader, StoreDep
from b12.api.openapi import body_problems, problems
from b12.data.store.schemas import AntibodyCreate, AntibodyPublic
from b12.services import records

router = APIRouter(prefix="/persons/{person_id}/antibodies", tags=["labs"], responses=problems(404))

EXAMPLE = [
    {
        "analyte": "intrinsic_factor_antibody",
        "value": "positive",
        "date": "2026-03-01",
        "specimen_id": "S-1",
    }
]


@router.get("")
def list_antibodies(user: Reader, store: StoreDep, person_id: int) -> list[AntibodyPublic]:
    """A person's antibody results, oldest first."""
    return records.list_antibodies(store, person_id)


@router.post("", status_code=201, responses=body_problems())
def add_antibodies(
    user: Clinician,
    store: StoreDep,
    person_id: int,
    results: Annotated[list[AntibodyCreate], Body(min_length=1, max_length=20, examples=[EXAMPLE])],
) -> list[AntibodyPublic]:
    """Record antibody results: positive, negative or equivocal (all are stored, or none)."""
    changed = records.add_antibodies(store, person_id, results)
    records.keep_current(store, person_id)
    return changed


@router.delete("/{antibody_id}", status_code=204)
def delete_antibody(user: Clinician, store: StoreDep, person_id: int, antibody_id: int) -> Response:
    """Delete one antibody result."""
    records.delete_antibody(store, person_id, antibody_id)
    records.keep_current(store, person_id)
    return Response(status_code=204)
