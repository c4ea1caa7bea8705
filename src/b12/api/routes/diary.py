"""A person's food diary: foods eaten per day, which feed the assessment's intake."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Response

from b12.api.deps import Clinician, Reader, StoreDep
from b12.api.openapi import body_problems, problems
from b12.data.store.schemas import (
    DiaryEntryCreate,
    DiaryEntryPublic,
    DiarySupplementCreate,
    DiarySupplementPublic,
)
from b12.services import diary, records

router = APIRouter(prefix="/persons/{person_id}/diary", tags=["diary"], responses=problems(404))


@router.get("")
def list_entries(user: Reader, store: StoreDep, person_id: int) -> list[DiaryEntryPublic]:
    """A person's diary entries, oldest first."""
    return diary.list_diary_entries(store, person_id)


@router.post("", status_code=201, responses=body_problems())
def add_entries(
    user: Clinician,
    store: StoreDep,
    person_id: int,
    items: Annotated[list[DiaryEntryCreate], Body(min_length=1, max_length=500)],
) -> list[DiaryEntryPublic]:
    """Record foods eaten (all are stored, or none); each food must match the food index."""
    changed = diary.add_diary_entries(store, person_id, items)
    records.keep_current(store, person_id)
    return changed


@router.get("/supplements")
def list_supplements(user: Reader, store: StoreDep, person_id: int) -> list[DiarySupplementPublic]:
    """A person's diary supplements, in the order recorded."""
    return diary.list_supplements(store, person_id)


@router.post("/supplements", status_code=201, responses=body_problems())
def add_supplements(
    user: Clinician,
    store: StoreDep,
    person_id: int,
    items: Annotated[list[DiarySupplementCreate], Body(min_length=1, max_length=100)],
) -> list[DiarySupplementPublic]:
    """Record B12 supplements taken (all are stored, or none); they count in the intake."""
    changed = diary.add_supplements(store, person_id, items)
    records.keep_current(store, person_id)
    return changed


@router.delete("/supplements/{supplement_id}", status_code=204)
def delete_supplement(
    user: Clinician, store: StoreDep, person_id: int, supplement_id: int
) -> Response:
    """Delete one diary supplement."""
    diary.delete_supplement(store, person_id, supplement_id)
    records.keep_current(store, person_id)
    return Response(status_code=204)


# never "supplements" (b12.api.paths): DELETE …/diary/supplements is 405, not a 422
@router.delete("/{entry_id:record_id}", status_code=204)
def delete_entry(user: Clinician, store: StoreDep, person_id: int, entry_id: int) -> Response:
    """Delete one diary entry."""
    diary.delete_diary_entry(store, person_id, entry_id)
    records.keep_current(store, person_id)
    return Response(status_code=204)
