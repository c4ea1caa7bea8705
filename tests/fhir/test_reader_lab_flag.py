"""An Observation's interpretation (HL7 v3 ObservationInterpretation H, L, HH, LL, A) becomes the
lab's flag of the result: kept for the clinician, never read by the rules. N (normal) and other
codes or systems mean no flag."""

from __future__ import annotations

from typing import Any

import pytest

from b12.fhir.reader import read_bundle
from b12.fhir.results import INTERPRETATION
from b12.reports.json_report import assessment_document
from b12.services.assess import assess_person
from tests.fhir.bundles import bundle, observation, patient

B12_LOINC = "2132-9"  # Cobalamin [Mass/volume] in Serum or Plasma


def _flagged(system: str, code: str) -> dict[str, Any]:
    obs = observation("b12", B12_LOINC, 180, "pg/mL")
    obs["interpretation"] = [{"coding": [{"system": system, "code": code}]}]
    return obs


@pytest.mark.parametrize("code", ["H", "L", "HH", "LL", "A"])
def test_the_five_printed_flags_are_kept(code: str) -> None:
    (lab,) = read_bundle(bundle(patient(), _flagged(INTERPRETATION, code))).person.lab_results
    assert lab.flag == code


@pytest.mark.parametrize(
    ("system", "code"),
    [(INTERPRETATION, "N"), (INTERPRETATION, "AA"), ("http://example.org/flags", "L")],
)
def test_normal_other_codes_and_other_systems_are_no_flag(system: str, code: str) -> None:
    (lab,) = read_bundle(bundle(patient(), _flagged(system, code))).person.lab_results
    assert lab.flag is None


def test_the_flag_does_not_change_the_assessment() -> None:
    flagged = read_bundle(bundle(patient(), _flagged(INTERPRETATION, "L"))).person
    plain = read_bundle(bundle(patient(), observation("b12", B12_LOINC, 180, "pg/mL"))).person
    assert assessment_document(assess_person(flagged)) == assessment_document(assess_person(plain))
