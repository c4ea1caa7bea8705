"""FHIR out: every resource validates, and write -> read back gives the same values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle

from b12.cli.main import main
from b12.core.person import LabResult, Person
from b12.fhir.writer import assessment_bundle, read_assessment_bundle
from b12.services.assess import assess_input, assess_person
from b12.units import Analyte
from tests.fhir.bundles import FHIR_EXAMPLES

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
    assert summary.conclusion == assessment.status.interpretation.conclusion


def test_every_resource_validates_and_references_resolve() -> None:
    assessed = assess_input(FHIR_EXAMPLES / "metformin-74y-borderline.bundle.json")
    data = assessment_bundle(
        assessed.assessment,
        subject=assessed.input.subject,
        as_of=assessed.input.as_of,
    )
    bundle = Bundle.model_validate(data)
    kinds = [e.resource.get_resource_type() for e in bundle.entry or []]
    assert kinds[:3] == ["DiagnosticReport", "Observation", "Observation"]
    assert {"RiskAssessment", "CarePlan"} <= set(kinds)
    urls = {e.fullUrl for e in bundle.entry or []}
    report = data["entry"][0]["resource"]
    assert all(r["reference"] in urls for r in report["result"])
    assert report["subject"] == {"reference": "Patient/example-74y"}
    assert report["effectiveDateTime"] == "2026-11-02"


def test_next_tests_screening_and_plan_round_trip() -> None:
    assessed = assess_input(FHIR_EXAMPLES / "unknown-codes.bundle.json")
    status = assessed.assessment.status
    summary = read_assessment_bundle(assessment_bundle(assessed.assessment))
    assert summary.cb12 is None and summary.category is None
    screening, plan = assessed.assessment.screening, assessed.assessment.plan
    assert screening is not None and plan is not None
    assert summary.screening_outcome == screening.recommendation.value
    assert summary.plan_activities == tuple(item.text for item in plan.items)
    without_plan = assessed.assessment.model_copy(update={"plan": None})
    summary = read_assessment_bundle(assessment_bundle(without_plan))
    assert summary.next_tests == tuple(t.test for t in status.next_tests)


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
