"""Assessments of a person, stored with the b12 version and rules that produced them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from b12.api.deps import Clinician, Reader, StoreDep
from b12.api.openapi import body_problems, problems
from b12.api.paging import Offset, add_page_headers, limit_query
from b12.api.schemas import StoredAssessment
from b12.data.store.schemas import AssessmentPublic
from b12.reports.report import render_pdf
from b12.services import records
from b12.services.reports import stored_report

router = APIRouter(
    prefix="/persons/{person_id}/assessments", tags=["assessments"], responses=problems(404, 409)
)


def _as_stored(assessment: AssessmentPublic) -> dict[str, object]:
    # as produced, not re-serialised through StoredAssessment (which only documents the shape)
    return assessment.model_dump(mode="json")


@router.get("", response_model=list[StoredAssessment])
def list_assessments(
    user: Reader,
    store: StoreDep,
    request: Request,
    person_id: int,
    limit: Annotated[
        int, limit_query(records.ASSESSMENTS_PAGE, records.ASSESSMENTS_PAGE_MAX)
    ] = records.ASSESSMENTS_PAGE,
    offset: Offset = 0,
) -> JSONResponse:
    """A person's stored assessments, newest first; total in X-Total-Count, next page in Link."""
    page = records.assessments_page(store, person_id, limit=limit, offset=offset)
    response = JSONResponse([_as_stored(item) for item in page.items])
    add_page_headers(request, response, page, limit)
    return response


@router.post(
    "",
    status_code=201,
    response_model=StoredAssessment,
    responses={
        200: {"model": StoredAssessment, "description": "Nothing changed: the latest"},
        **body_problems(),
    },
)
def create_assessment(user: Clinician, store: StoreDep, person_id: int) -> JSONResponse:
    """Assess the person from their stored data and keep the result (200: unchanged, not kept)."""
    assessment, created = records.assess_and_keep(store, person_id)
    return JSONResponse(_as_stored(assessment), status_code=201 if created else 200)


@router.get("/{assessment_id}", response_model=StoredAssessment)
def get_assessment(
    user: Reader, store: StoreDep, person_id: int, assessment_id: int
) -> JSONResponse:
    """One stored assessment, exactly as it was produced."""
    return JSONResponse(_as_stored(records.get_assessment(store, person_id, assessment_id)))


@router.get(
    "/{assessment_id}/report.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The report as PDF"}},
)
def assessment_pdf(user: Reader, store: StoreDep, person_id: int, assessment_id: int) -> Response:
    """The printable report of a stored assessment, as PDF."""
    pdf = render_pdf(stored_report(store, person_id, assessment_id))
    return Response(pdf, media_type="application/pdf")
