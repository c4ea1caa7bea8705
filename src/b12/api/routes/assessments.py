"""Assessments of a person, stored with the b12 version and rules that produced them."""

from __future__ import annotations

from fastapi import APIRouter, Response

from b12.api.deps import Clinician, Reader, StoreDep
from b12.data.store.schemas import AssessmentPublic
from b12.reports.report import render_pdf
from b12.services import records
from b12.services.reports import stored_report

router = APIRouter(prefix="/persons/{person_id}/assessments", tags=["assessments"])


@router.get("")
def list_assessments(user: Reader, store: StoreDep, person_id: int) -> list[AssessmentPublic]:
    """A person's stored assessments, newest first."""
    return records.list_assessments(store, person_id)


@router.post("", status_code=201)
def create_assessment(user: Clinician, store: StoreDep, person_id: int) -> AssessmentPublic:
    """Assess the person from their stored data and keep the result."""
    return records.assess_stored(store, person_id)


@router.get("/{assessment_id}")
def get_assessment(
    user: Reader, store: StoreDep, person_id: int, assessment_id: int
) -> AssessmentPublic:
    """One stored assessment, exactly as it was produced."""
    return records.get_assessment(store, person_id, assessment_id)


@router.get(
    "/{assessment_id}/report.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The report as PDF"}},
)
def assessment_pdf(user: Reader, store: StoreDep, person_id: int, assessment_id: int) -> Response:
    """The printable report of a stored assessment, as PDF."""
    pdf = render_pdf(stored_report(store, person_id, assessment_id))
    return Response(pdf, media_type="application/pdf")
