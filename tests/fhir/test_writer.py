"""FHIR out: every resource validates, and write -> read back gives the same values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from b12.cli.main import main
from b12.codes import B12_SYSTEM
from b12.core.person import LabResult, Person
from b12.fhir.writer import (
    CONFIDENCE_SYSTEM,
    LEVEL_SYSTEM,
    URGENCY_SYSTEM,
    assessment_bundle,
    conclusion_text,
    read_assessment_bundle,
)
from b12.services.assess import assess_input, assess_person
from b12.units import Analyte
from tests.fhir.bundles import FHIR_EXAMPLES
from tests.fixtures.today import TEST_TODAY

EXAMPLES = FHIR_EXAMPLES.parent

FOUR_MARKERS = Person(
    age=60,
    sex="female",
    labs=[
        LabResult(analyte=Analyte.B12, value=300, unit="pmol/L"),
        LabResult(analyte=Analyte.HOLOTC, value=60, unit="pmol/L"),
        LabResult(analyte=Analyte.MMA, value=0.2, unit="umol/L"),
        LabResult(analyte=Analyte.HCY, value=10, unit="umol/L"),
    ],
)


def test_cb12_round_trip() -> None:
    assessment = assess_person(FOUR_MARKERS)
    data = assessment_bundle(assessment)
    summary = read_assessment_bundle(json.loads(json.dumps(data)))
    cb12 = assessment.status.cb12
    assert cb12.cb12 is not None and cb12.category is not None
    assert summary.cb12 == pytest.approx(cb12.cb12, abs=5e-4)
    assert summary.category == cb12.category.value
    judgment = assessment.status.judgment
    assert (summary.level, summary.confidence, summary.urgency, summary.risk_level) == (
        judgment.level.value,
        judgment.confidence.value,
        judgment.urgency.value,
        judgment.level.value,
    )
    assert summary.conclusion is not None and summary.conclusion.startswith(judgment.headline)


def test_every_resource_validates_and_references_resolve() -> None:
    assessed = assess_input(FHIR_EXAMPLES / "metformin-74y-borderline.bundle.json")
    data = assessment_bundle(
        assessed.assessment,
        subject=assessed.input.subject,
        as_of=assessed.input.as_of,
    )
    bundle = Bundle.model_validate(data)
    kinds = [e.resource.get_resource_type() for e in bundle.entry or []]
    assert kinds[:4] == ["DiagnosticReport", "Observation", "Observation", "RiskAssessment"]
    assert "CarePlan" in kinds
    urls = {e.fullUrl for e in bundle.entry or []}
    report = data["entry"][0]["resource"]
    assert all(r["reference"] in urls for r in report["result"])
    assert report["subject"] == {"reference": "Patient/example-74y"}
    # A Bundle is assessed as of today (B12_TODAY in the suite), not its latest result's date.
    assert report["effectiveDateTime"] == TEST_TODAY.isoformat()


def test_next_tests_screening_and_plan_round_trip() -> None:
    assessed = assess_input(FHIR_EXAMPLES / "unknown-codes.bundle.json")
    status = assessed.assessment.status
    summary = read_assessment_bundle(assessment_bundle(assessed.assessment))
    assert summary.cb12 is None and summary.category is None
    screening, plan = assessed.assessment.screening, assessed.assessment.plan
    assert screening is not None and plan is not None
    assert summary.screening_outcome == screening.recommendation.value
    assert summary.plan_activities == tuple(item.text for item in plan.items)
    # Laboratory tests become ServiceRequests; "check for symptoms" is a plain activity.
    ordered = {t.test for t in status.judgment.next_tests}
    assert summary.next_tests == tuple(
        name
        for i in plan.items
        if i.category.value == "test" and (name := i.id.removeprefix("test.")) in ordered
    )
    without_plan = assessed.assessment.model_copy(update={"plan": None})
    summary = read_assessment_bundle(assessment_bundle(without_plan))
    assert summary.next_tests == tuple(t.test for t in status.judgment.next_tests)
    assert summary.next_tests  # the judgment proposes tests for this record


def test_anonymous_patient_carries_no_identity() -> None:
    data = assessment_bundle(assess_person(FOUR_MARKERS))
    patient = data["entry"][0]["resource"]
    assert patient == {"resourceType": "Patient"}


def test_cli_fhir_out_and_unused_items(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    example = FHIR_EXAMPLES / "unknown-codes.bundle.json"
    assert main(["assess", str(example), "--fhir-out", str(out), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    unused = {n["resource"] for n in document["fhir_import"]["unused"]}
    assert "Observation/glucose" in unused
    Bundle.model_validate(json.loads(out.read_text(encoding="utf-8")))
    assert main(["assess", str(example)]) == 0
    text = capsys.readouterr().out
    assert "FHIR import: items not used" in text and "Encounter/visit" in text


def test_cli_errors_for_bad_bundles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": '
        '{"resourceType": "Patient", "id": "p", "gender": "male"}}]}',
        encoding="utf-8",
    )
    assert main(["assess", str(bad)]) == 2
    assert "Patient/p.birthDate: missing" in capsys.readouterr().err
    bad.write_text("{not json", encoding="utf-8")
    assert main(["assess", str(bad)]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def _is(resource: dict[str, Any], kind: str, code: str) -> bool:
    return resource["resourceType"] == kind and resource["code"]["coding"][0]["code"] == code


def test_status_observation_and_risk_assessment_carry_the_judgment_codes() -> None:
    """Level, confidence and urgency are codes of b12 code systems; the risk is the level."""
    assessed = assess_input(EXAMPLES / "nitrous-oxide-tingling.yaml")
    judgment = assessed.assessment.status.judgment
    data = assessment_bundle(assessed.assessment)
    resources = [e["resource"] for e in data["entry"]]
    (status,) = [r for r in resources if _is(r, "Observation", "b12-status")]
    components = {
        c["code"]["coding"][0]["code"]: c["valueCodeableConcept"]["coding"][0]
        for c in status["component"]
    }
    assert components["b12-urgency"] == {
        "system": URGENCY_SYSTEM,
        "code": "urgent",
        "display": "urgent",
    }
    assert components["b12-confidence"]["system"] == CONFIDENCE_SYSTEM
    assert status["valueCodeableConcept"]["coding"][0]["system"] == LEVEL_SYSTEM
    assert status["note"][0]["text"] == judgment.headline
    assert any("makes a marker unreliable: Nitrous oxide" in n["text"] for n in status["note"])
    (risk,) = [r for r in resources if _is(r, "RiskAssessment", "b12-status")]
    assert risk["prediction"][0]["qualitativeRisk"]["coding"][0]["code"] == judgment.level.value
    assert "Stop using nitrous oxide" in risk["mitigation"]
    report = resources[1]
    assert report["resourceType"] == "DiagnosticReport"
    assert report["conclusion"].startswith(conclusion_text(judgment))
    assert "Stop using nitrous oxide" in report["conclusion"]


def test_orders_use_only_verified_loinc_codes() -> None:
    """MMA's LOINC code is [P] in evidence.md §7: it is read from records but never ordered."""
    person = Person(
        age=60,
        sex="female",
        labs=[
            LabResult(analyte=Analyte.B12, value=250, unit="pmol/L"),
        ],
    )
    assessment = assess_person(person).model_copy(update={"plan": None})
    plan = next(
        e["resource"]
        for e in assessment_bundle(assessment)["entry"]
        if e["resource"]["resourceType"] == "CarePlan"
    )
    codings = {
        a["detail"]["code"]["coding"][0]["code"]: a["detail"]["code"]["coding"]
        for a in plan["activity"]
    }
    assert "test-mma" in codings
    assert [c["system"] for c in codings["test-mma"]] == [B12_SYSTEM]
