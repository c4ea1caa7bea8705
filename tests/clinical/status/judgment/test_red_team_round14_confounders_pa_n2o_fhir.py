"""Round-14 red-team findings 2, 5, 6, 14 and 15, each built from the red team's person file (copied
here as data) with its neighbour the other way, and each checked for self-contradiction (headline,
urgency, plan, next tests and evidence agree).

- 5: a B12 supplement masks serum B12 and holoTC only (Wolffenbuttel 2020: "MMA reflects cellular
  status"); with MMA and homocysteine not raised the status is clearly adequate and unconfounded,
  so tingling is "soon, other causes", never the urgent injection regimen (DECISIONS.md: urgent
  with "anything but a clearly adequate, unconfounded status").
- 6: the supplement caveat applies only to blood drawn after the supplement started.
- 14: recorded pernicious anaemia is not "suspected" and needs no intrinsic-factor antibody test
  (BSH 2014: "suspected of having pernicious anaemia, should be tested for anti-IFAB").
- 15: "no longer uses nitrous oxide" is past use: no "stop using now"; the homocysteine follow-up
  stays.
- 2: FHIR R4 MedicationStatement.status intended ("may be taken at some time in the future"),
  on-hold, stopped and completed ("no longer being taken") without an end date are not current
  treatment; a stopped course for pernicious anaemia is restarted as the person file's stop date
  makes it (NICE NG239: treatment for life).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.status.judgment import Level, Urgency
from b12.fhir.reader import read_bundle
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, next_test_names, plan_text, regimens


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


# --- finding 5: 05-multivitamin-normal-mma-hcy-urgent-injections.yaml
# (its tests: test_conclude_against_wolffenbuttel_2020.py)
F05: dict[str, Any] = {
    "age": 40,
    "sex": "female",
    "diet": "omnivore",
    "symptoms": ["tingling in fingers"],
    "medications": [{"name": "multivitamin with B12"}],
    "labs": [
        {"analyte": "b12", "value": 450, "unit": "pmol/L", "date": "2026-10-20"},
        {"analyte": "mma", "value": 0.15, "unit": "umol/L", "date": "2026-10-20"},
        {"analyte": "hcy", "value": 9, "unit": "umol/L", "date": "2026-10-20"},
        {"analyte": "holotc", "value": 90, "unit": "pmol/L", "date": "2026-10-20"},
    ],
    "assessed_on": "2026-12-05",
}


# --- finding 6: 06-labs-before-supplement-start-read-as-masked.yaml -------------------------------
F06: dict[str, Any] = {
    "age": 40,
    "sex": "female",
    "diet": "omnivore",
    "symptoms": ["tingling in fingers"],
    "medications": [
        {
            "name": "cyanocobalamin",
            "route": "oral",
            "dose": "50 micrograms daily",
            "start_date": "2026-05-01",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 450, "unit": "pmol/L", "date": "2026-04-20"},
        {"analyte": "mma", "value": 0.15, "unit": "umol/L", "date": "2026-04-20"},
        {"analyte": "hcy", "value": 9, "unit": "umol/L", "date": "2026-04-20"},
        {"analyte": "holotc", "value": 90, "unit": "pmol/L", "date": "2026-04-20"},
    ],
    "assessed_on": "2026-10-01",
}


def test_blood_drawn_before_the_supplement_started_is_not_masked_by_it() -> None:
    a = assess(F06)
    j = a.status.judgment
    assert not any(c.code.startswith("recent_supplement") for c in a.status.caveats)
    assert j.level is Level.DEFICIENCY_UNLIKELY
    assert j.urgency is Urgency.SOON
    assert [r.code for r in j.urgency_reasons] == ["neurological_other_cause"]
    assert not regimens(a)
    assert_consistent(a)


def test_blood_drawn_after_the_supplement_started_carries_the_caveat() -> None:
    data = copy.deepcopy(F06)
    for x in data["labs"]:
        x["date"] = "2026-06-20"
    a = assess(data)
    assert a.status.judgment.has("recent_supplement_with_symptoms")
    assert_consistent(a)


# --- finding 14: 14-known-pa-asked-for-if-antibody.yaml
# (its tests: test_next_tests_against_bsh_2014.py)
F14: dict[str, Any] = {
    "age": 66,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "route": "intramuscular",
            "dose": "1 mg every 3 months",
            "start_date": "2020-01-10",
            "stop_date": "2025-12-01",
        }
    ],
    "labs": [{"analyte": "b12", "value": 300, "unit": "pmol/L", "date": "2026-10-01"}],
    "muscle": {"weight_kg": 62, "height_m": 1.60},
    "assessed_on": "2026-12-05",
}


# --- finding 15: 15-no-longer-uses-n2o-told-stop-now.yaml ------------------------------------------
F15: dict[str, Any] = {
    "age": 24,
    "sex": "male",
    "diet": "omnivore",
    "conditions": ["no longer uses nitrous oxide"],
    "labs": [
        {"analyte": "hcy", "value": 45, "unit": "umol/L", "date": "2026-03-01"},
        {"analyte": "b12", "value": 380, "unit": "pmol/L", "date": "2026-10-01"},
    ],
    "assessed_on": "2026-12-05",
}


def test_past_nitrous_oxide_use_is_not_told_to_stop_now() -> None:
    a = assess(F15)
    j = a.status.judgment
    everything = " ".join(
        [plan_text(a), *(r.message for r in j.urgency_reasons), *(x.message for x in j.advice)]
    )
    assert "Stop using nitrous oxide now" not in everything
    assert "stopping it is part of treatment" not in everything
    assert "Do not use nitrous oxide again" in everything
    # Still an exposure: the caveat and the homocysteine follow-up stay.
    assert j.has("nitrous_oxide")
    assert "homocysteine" in next_test_names(a)
    assert_consistent(a)


@pytest.mark.parametrize(
    "written",
    [
        "uses nitrous oxide at weekends",
        "used nitrous oxide in the past week",
        "nitrous oxide in the past 2 months",
    ],
)
def test_current_nitrous_oxide_use_is_told_to_stop_now(written: str) -> None:
    a = assess({**F15, "conditions": [written]})
    assert "Stop using nitrous oxide now" in plan_text(a)
    assert_consistent(a)


@pytest.mark.parametrize(
    "written",
    ["former nitrous oxide user", "history of nitrous oxide use", "used nitrous oxide in the past"],
)
def test_other_ways_of_writing_past_use(written: str) -> None:
    a = assess({**F15, "conditions": [written]})
    assert "Stop using nitrous oxide now" not in plan_text(a)
    assert "Do not use nitrous oxide again" in plan_text(a)
    assert a.status.judgment.has("nitrous_oxide")


# --- finding 2: 02-fhir-stopped-intended-injection-read-as-current.yaml ----------------------------
def f02(status: str, end: str | None = None) -> dict[str, Any]:
    period = {"start": "2019-06-01", **({"end": end} if end else {})}
    coded = {"coding": [{"system": "http://snomed.info/sct", "code": "78421000"}]}
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "Patient",
                    "id": "p1",
                    "gender": "female",
                    "birthDate": "1962-03-01",
                },
                "fullUrl": "urn:uuid:p1",
            },
            {
                "resource": {
                    "resourceType": "Condition",
                    "id": "pa",
                    "clinicalStatus": {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                "code": "active",
                            }
                        ]
                    },
                    "code": {
                        "coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "D51.0"}],
                        "text": "pernicious anaemia",
                    },
                    "subject": {"reference": "Patient/p1"},
                },
                "fullUrl": "urn:uuid:pa",
            },
            {
                "resource": {
                    "resourceType": "MedicationStatement",
                    "id": "inj",
                    "status": status,
                    "medicationCodeableConcept": {
                        "coding": [
                            {
                                "system": "http://www.whocc.no/atc",
                                "code": "B03BA03",
                                "display": "hydroxocobalamin",
                            }
                        ]
                    },
                    "subject": {"reference": "Patient/p1"},
                    "effectivePeriod": period,
                    "dosage": [{"text": "1 mg every 3 months", "route": coded}],
                },
                "fullUrl": "urn:uuid:inj",
            },
            {
                "resource": {
                    "resourceType": "Observation",
                    "id": "b12",
                    "status": "final",
                    "code": {"coding": [{"system": "http://loinc.org", "code": "2132-9"}]},
                    "subject": {"reference": "Patient/p1"},
                    "effectiveDateTime": "2026-10-15",
                    "valueQuantity": {
                        "value": 210,
                        "unit": "pmol/L",
                        "system": "http://unitsofmeasure.org",
                        "code": "pmol/L",
                    },
                },
                "fullUrl": "urn:uuid:b12",
            },
        ],
    }


AS_OF = dt.date(2026, 12, 5)


def fhir_assess(status: str, end: str | None = None) -> Assessment:
    return assess_person(read_bundle(f02(status, end), as_of=AS_OF).person)


def assert_not_treated_now(a: Assessment, *, b12_read: bool = True) -> None:
    j = a.status.judgment
    assert j.level is not Level.ON_TREATMENT
    assert any(r.analyte == "b12" and r.used for r in j.results) is b12_read
    assert "Keep to your current B12 treatment" not in plan_text(a)
    assert_consistent(a)


@pytest.mark.parametrize("status", ["on-hold", "stopped", "completed"])
def test_a_stopped_statement_without_an_end_date_is_not_current_and_is_restarted(
    status: str,
) -> None:
    imported = read_bundle(f02(status), as_of=AS_OF)
    (med,) = imported.person.medications
    assert med.stopped and med.stop_date is None
    a = assess_person(imported.person)
    # Round 14b, finding 16: stopped on a day not given, the last injection may be days before the
    # sample, so the B12 is read as one within 3 months of an injection (rule
    # status.recent-injection; DECISIONS.md: "Serum B12 is never the last word when a caveat says
    # it can be falsely normal (... recent injections)").
    assert_not_treated_now(a, b12_read=False)
    assert a.status.judgment.has("recent_injection")
    assert "B12 treatment stopped (date not given): ask your doctor to restart it" in plan_text(a)
    assert "for life" in plan_text(a)


def test_a_stopped_statement_with_an_end_date_says_the_date() -> None:
    a = fhir_assess("stopped", end="2025-12-01")
    assert_not_treated_now(a)
    assert "B12 treatment stopped on 2025-12-01: ask your doctor to restart it" in plan_text(a)


def test_an_intended_statement_was_never_started() -> None:
    imported = read_bundle(f02("intended"), as_of=AS_OF)
    assert imported.person.medications == []
    assert any("intended" in n.detail for n in imported.notes)
    a = assess_person(imported.person)
    assert_not_treated_now(a)
    assert "restart" not in plan_text(a)  # nothing was ever started


@pytest.mark.parametrize("status", ["not-taken", "entered-in-error"])
def test_not_taken_and_entered_in_error_are_not_read(status: str) -> None:
    imported = read_bundle(f02(status), as_of=AS_OF)
    assert imported.person.medications == []
    assert_not_treated_now(assess_person(imported.person))


def test_an_active_statement_is_current_treatment() -> None:
    a = fhir_assess("active")
    assert a.status.judgment.level is Level.ON_TREATMENT
    assert_consistent(a)
