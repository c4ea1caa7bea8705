"""The record review behind the screening card reads conditions and medicines as the assessment
does: a finding written as absent ("No history of gastrectomy", "no omeprazole") is no risk factor
(NegEx, Chapman et al. J Biomed Inform 2001; NICE NG239's risk factors, evidence.md §3.1). The
card had its own substring table, so it listed what the judgment beside it did not read."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from b12.services.ehr import review_records

BUNDLE = Path(__file__).parents[2] / "examples" / "fhir" / "metformin-74y-borderline.bundle.json"


def _record() -> tuple[list[dict[str, Any]], str]:
    resources = [e["resource"] for e in json.loads(BUNDLE.read_text())["entry"]]
    return resources, next(r["id"] for r in resources if r["resourceType"] == "Patient")


def test_conditions_and_medicines_written_as_absent_are_no_risk_factors() -> None:
    resources, patient = _record()
    subject = {"reference": f"Patient/{patient}"}
    added = [
        {"resourceType": "Condition", "id": "c1", "subject": subject,
         "code": {"text": "No history of gastrectomy"}},
        {"resourceType": "Condition", "id": "c2", "subject": subject,
         "code": {"text": "Coeliac disease"}},
        {"resourceType": "Condition", "id": "c3", "subject": subject,
         "code": {"text": "mother has pernicious anaemia"}},
        {"resourceType": "MedicationStatement", "id": "m9", "status": "active", "subject": subject,
         "medicationCodeableConcept": {"text": "no omeprazole"}},
    ]  # fmt: skip
    review = review_records([*resources, *added], as_of=dt.date(2026, 12, 1))
    assert review.risk_conditions == ("Coeliac disease",)  # a relative's is a family history
    assert [m.name for m in review.risk_medicines] == ["metformin"]
    assert review.assessment.screening is not None
    codes = {r.code for r in review.assessment.screening.risk_factors}
    assert "medication.proton_pump_inhibitor" not in codes and "gastrectomy" not in codes
