"""Stateless routes: assess a person, list the rules, and a health check."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from b12.api.deps import Reader
from b12.api.openapi import body_problems
from b12.api.schemas import AssessmentDocument, RuleEntry
from b12.core.catalog import all_rules
from b12.core.person import Person
from b12.reports.json_report import rule_entries
from b12.services.records import assess_document

router = APIRouter(tags=["assess"])

PERSON_EXAMPLE = {
    "age": 74,
    "sex": "female",
    "medications": [{"name": "metformin"}],
    "labs": [
        {"analyte": "b12", "value": 250, "unit": "pg/mL", "date": "2026-03-01"},
        {"analyte": "holotc", "value": 40, "unit": "pmol/L", "date": "2026-03-01"},
    ],
}


@router.post("/assess", response_model=AssessmentDocument, responses=body_problems())
def assess(
    user: Reader, person: Annotated[Person, Body(examples=[PERSON_EXAMPLE])]
) -> JSONResponse:
    """Assess one person without storing anything (same document as `b12 assess --json`)."""
    # returned as built, not re-serialised through the model: byte for byte the CLI's document
    return JSONResponse(assess_document(person))


@router.get("/rules", response_model=list[RuleEntry])
def list_rules(user: Reader) -> list[dict[str, Any]]:
    """Every rule b12 knows, with its evidence level and source."""
    return rule_entries(sorted(all_rules()))


@router.get("/health", tags=["meta"])
def health(user: Reader) -> dict[str, str]:
    """Liveness check (no data)."""
    return {"status": "ok"}
