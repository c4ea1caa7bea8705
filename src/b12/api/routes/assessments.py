"""Assessments of a person, stored with the b12 version and rules that produced them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, Response

from b12.api.deps import Clinician, Reader, StoreDep
from b12.api.paging import Offset, add_page_headers, limit_query
from b12.data.store.schemas import AssessmentPublic
from b12.reports.report import render_pdf
from b12.services import records
from b12.services.reports import stored_report

router = APIRouter(prefix="/persons/{person_id}/assessments", tags=["assessments"])


@router.get("")
def list_assessments(
    user: Reader,
    store: StoreDep,
    request: Request,
    response: Response,
    person_id: int,
    limit: Annotated[
        int, limit_query(records.ASSESSMENTS_PAGE, records.ASSESSMENTS_PAGE_MAX)
    ] = records.ASSESSMENTS_PAGE,
    offset: Offset = 0,
) -> list[AssessmentPublic]:
    """A person's stored assessments, newest first; total in X-Total-Count, next page in Link."""
    page = records.assessments_page(store, person_id, limit=limit, offset=offset)
    add_page_headers(request, response, page, limit)
    return page.items


@router.post(
    "",
    status_code=201,
    responses={200: {"model": AssessmentPublic, "description": "Nothing changed: the latest"}},
)
def create_assessment(
    user: Clinician, store: StoreDep, response: Response, person_id: int
) -> AssessmentPublic:
    """Assess the person from their stored data and keep the result (200: unchanged, not kept)."""
    assessment, created = records.assess_and_keep(store, person_id)
    if not created:
        response.status_code = 200
    return assessment


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
