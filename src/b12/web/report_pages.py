"""A stored assessment's page, and the printable reports (HTML, PDF) of a stored assessment or of
a person's current records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from b12.reports.report import Audience, Paper, render_html, render_pdf
from b12.services import records
from b12.services.reports import current_report, stored_report
from b12.web.deps import Reader, StoreDep
from b12.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/persons/{person_id}/assessments/{assessment_id}")
def assessment_page(
    user: Reader, request: Request, store: StoreDep, person_id: int, assessment_id: int
) -> HTMLResponse:
    """One stored assessment, as it was produced."""
    context = {
        "person": records.get_person(store, person_id),
        "a": records.get_assessment(store, person_id, assessment_id),
    }
    return render(request, "assessment.html", context)


@dataclass(frozen=True)
class ReportQuery:
    """What every report address may ask: for whom (``audience=person``: the person's version)
    and on which paper (``paper=Letter``; A4 by default)."""

    audience: Audience = "clinician"
    paper: Paper = "A4"


Query = Annotated[ReportQuery, Depends()]


@router.get("/persons/{person_id}/assessments/{assessment_id}/report.html")
def report_html(
    user: Reader, store: StoreDep, person_id: int, assessment_id: int, query: Query
) -> HTMLResponse:
    """The printable report of a stored assessment (for the clinician, or for the person)."""
    report = stored_report(store, person_id, assessment_id, query.paper)
    return HTMLResponse(render_html(report, query.audience))


@router.get("/persons/{person_id}/assessments/{assessment_id}/report.pdf")
def report_pdf(
    user: Reader, store: StoreDep, person_id: int, assessment_id: int, query: Query
) -> Response:
    """The report of a stored assessment as PDF."""
    pdf = render_pdf(stored_report(store, person_id, assessment_id, query.paper), query.audience)
    return _pdf(pdf, f"b12-report-{person_id}-{assessment_id}")


@router.get("/persons/{person_id}/report.html")
def current_report_html(
    user: Reader, store: StoreDep, person_id: int, query: Query
) -> HTMLResponse:
    """The printable report of the person's current records (what their page shows)."""
    return HTMLResponse(render_html(current_report(store, person_id, query.paper), query.audience))


@router.get("/persons/{person_id}/report.pdf")
def current_report_pdf(user: Reader, store: StoreDep, person_id: int, query: Query) -> Response:
    """The report of the person's current records as PDF."""
    pdf = render_pdf(current_report(store, person_id, query.paper), query.audience)
    person = "-person" if query.audience == "person" else ""
    return _pdf(pdf, f"b12-report-{person_id}{person}")


def _pdf(pdf: bytes, name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)
