"""FHIR out: the muscle result as an Observation and each CarePlan activity's reason
(:mod:`b12.fhir.muscle_out`, :mod:`b12.fhir.writer`). Red team C8: the Bundle had no sarcopenia or
grip at all, and the CarePlan was titled "B12 plan (older age)" over protein and exercise items."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from b12.codes import B12_SYSTEM
from b12.core.muscle.model import Criteria
from b12.core.person import Person
from b12.fhir.muscle_out import SARCOPENIA_STAGE_SYSTEM
from b12.fhir.writer import assessment_bundle
from b12.services.assess import assess_person

SEVERE = Person.model_validate(
    {
        "age": 75,
        "sex": "male",
        "labs": [{"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2026-11-02"}],
        "muscle": {"grip_strength_kg": 20, "asm_kg": 18, "height_m": 1.75, "sppb_score": 8},
    }
)


def _resources(person: Person, criteria: Criteria = Criteria.EWGSOP2) -> list[dict[str, Any]]:
    bundle = assessment_bundle(assess_person(person, criteria))
    Bundle.model_validate(json.loads(json.dumps(bundle)))
    return [e["resource"] for e in bundle["entry"]]


def _muscle(resources: list[dict[str, Any]]) -> dict[str, Any]:
    return next(
        r
        for r in resources
        if r["resourceType"] == "Observation"
        and r["code"]["coding"][0]["code"] == "sarcopenia-stage"
    )


@pytest.mark.parametrize(
    ("criteria", "method"), [(Criteria.EWGSOP2, "EWGSOP2"), (Criteria.AWGS2019, "AWGS 2019")]
)
def test_the_muscle_stage_is_an_observation_naming_its_criteria(
    criteria: Criteria, method: str
) -> None:
    obs = _muscle(_resources(SEVERE, criteria))
    value = obs["valueCodeableConcept"]["coding"][0]
    assert (value["system"], value["code"]) == (SARCOPENIA_STAGE_SYSTEM, "severe")
    assert obs["method"]["text"] == method
    flags = {c["code"]["coding"][0]["code"]: c.get("valueBoolean") for c in obs["component"]}
    assert flags["low-strength"] is True and flags["low-muscle-quantity"] is True
    asm = next(c for c in obs["component"] if c["code"]["coding"][0]["code"] == "asm-index")
    assert asm["valueQuantity"]["value"] == pytest.approx(18 / 1.75**2, abs=1e-3)
    assert asm["code"]["coding"][0]["system"] == B12_SYSTEM


def test_each_care_plan_activity_keeps_its_reason_and_the_title_names_muscle() -> None:
    resources = _resources(SEVERE)
    plan = next(r for r in resources if r["resourceType"] == "CarePlan")
    assert plan["title"] == "b12 plan: B12, protein, exercise and muscle"
    reasons = [a["detail"]["reasonCode"][0]["text"] for a in plan["activity"]]
    assert all(reasons) and "EWGSOP2: severe sarcopenia" in reasons


def test_findings_are_notes_on_the_muscle_observation() -> None:
    person = SEVERE.model_copy(update={"muscle": SEVERE.muscle.model_copy(update={"asm_kg": None})})
    obs = _muscle(_resources(person))
    assert any("appendicular" in n["text"] for n in obs["note"])
