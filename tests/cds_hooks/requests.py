"""CDS Hooks request bodies for the tests, built from the example FHIR bundles."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from tests.cds_hooks.conftest import resources_of

PATIENT_ID = "example-74y"
KEYS = {
    "Observation": "labs",
    "MedicationStatement": "medicationStatements",
    "MedicationRequest": "medicationRequests",
    "Condition": "conditions",
    "Procedure": "procedures",
}


def full_prefetch(resources: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Every prefetch key the service asks for, as an EHR would send it (null when no data)."""
    resources = resources or resources_of("metformin-74y-borderline.bundle.json")
    prefetch: dict[str, Any] = {key: None for key in KEYS.values()}
    for res in resources:
        if res["resourceType"] == "Patient":
            prefetch["patient"] = res
            continue
        key = KEYS[res["resourceType"]]
        if prefetch[key] is None:
            prefetch[key] = {"resourceType": "Bundle", "type": "searchset", "entry": []}
        prefetch[key]["entry"].append({"resource": copy.deepcopy(res)})
    return prefetch


def hook_request(
    hook: str = "patient-view",
    prefetch: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "hook": hook,
        "hookInstance": str(uuid.uuid4()),
        "context": context or {"userId": "Practitioner/example", "patientId": PATIENT_ID},
        **extra,
    }
    if prefetch is not None:
        body["prefetch"] = prefetch
    return body


def draft_orders(*coding: dict[str, str], text: str | None = None) -> dict[str, Any]:
    concept: dict[str, Any] = {"coding": list(coding)} if coding else {}
    if text:
        concept["text"] = text
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "MedicationRequest",
                    "id": "draft-1",
                    "status": "draft",
                    "intent": "order",
                    "subject": {"reference": f"Patient/{PATIENT_ID}"},
                    "medicationCodeableConcept": concept,
                }
            }
        ],
    }
