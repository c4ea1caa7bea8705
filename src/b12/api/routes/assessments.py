"""Assessments of a person, stored with the b12 version and rules that produced them."""

from __future__ import annotations

from fastapi import APIRouter

from b12.api.deps import StoreDep
from b12.data.store.schemas import AssessmentPublic
from b12.services import records

router = APIRouter(prefix="/persons/{person_id}/assessments", tags=["assessments"])


@router.get("")
def list_assessments(store: StoreDep, person_id: int) -> list[AssessmentPublic]:
    """A person's stored assessments, newest first."""
    return records.list_assessments(store, person_id)


@router.post("", status_code=201)
def create_assessment(store: StoreDep, person_id: int) -> AssessmentPublic:
    """Assess the person from their stored data and keep the result."""
    return records.assess_stored(store, person_id)


@router.get("/{assessment_id}")
def get_assessment(store: StoreDep, person_id: int, assessment_id: int) -> AssessmentPublic:
    """One stored assessment, exactly as it was produced."""
    return records.get_assessment(store, person_id, assessment_id)
