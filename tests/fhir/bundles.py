"""Small FHIR resources for tests (fictional people; no real data)."""

from __future__ import annotations

import copy
import json
from typing import Any

from tests.conftest import EXAMPLES

FHIR_EXAMPLES = EXAMPLES / "fhir"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FHIR_EXAMPLES / name).read_text(encoding="utf-8"))
    return data


def patient(
    pid: str = "p1", gender: str = "male", birth: str | None = "1952-06-15"
) -> dict[str, Any]:
    res: dict[str, Any] = {"resourceType": "Patient", "id": pid, "gender": gender}
    if birth is not None:
        res["birthDate"] = birth
    return res


def observation(
    oid: str, loinc: str, value: float, unit: str, date: str = "2026-11-02", pid: str = "p1"
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": oid,
        "status": "final",
        "code": {"coding": [{"system": LOINC, "code": loinc}]},
        "subject": {"reference": f"Patient/{pid}"},
        "effectiveDateTime": date,
        "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit},
    }


def medication_request(
    mid: str, rxnorm: str, authored: str, status: str = "active"
) -> dict[str, Any]:
    return {
        "resourceType": "MedicationRequest",
        "id": mid,
        "status": status,
        "intent": "order",
        "medicationCodeableConcept": {"coding": [{"system": RXNORM, "code": rxnorm}]},
        "subject": {"reference": "Patient/p1"},
        "authoredOn": authored,
    }


def bundle(*resources: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": copy.deepcopy(r)} for r in resources],
    }


SNOMED = "http://snomed.info/sct"
ATC = "http://www.whocc.no/atc"


def antibody_observation(
    oid: str, loinc: str, value: dict[str, Any], date: str = "2026-11-02"
) -> dict[str, Any]:
    """A qualitative result: ``value`` is e.g. {"valueString": "negative"}."""
    return {
        "resourceType": "Observation",
        "id": oid,
        "status": "final",
        "code": {"coding": [{"system": LOINC, "code": loinc}]},
        "subject": {"reference": "Patient/p1"},
        "effectiveDateTime": date,
        **value,
    }


def coded(code: str, system: str = SNOMED) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code}]}


def medication_statement(
    mid: str, atc: str, start: str, end: str | None = None, **extra: Any
) -> dict[str, Any]:
    period = {"start": start} | ({"end": end} if end else {})
    return {
        "resourceType": "MedicationStatement",
        "id": mid,
        "status": "active" if end is None else "completed",
        "medicationCodeableConcept": coded(atc, ATC),
        "subject": {"reference": "Patient/p1"},
        "effectivePeriod": period,
        **extra,
    }
