"""Write an assessment as a FHIR R4 Bundle, and read such a Bundle back (for round trips).

Resources written (each validated with ``fhir.resources`` R4B models before it is returned):

* ``Observation`` cB12: ``valueQuantity`` in UCUM ``{score}`` under code ``b12#cb12``; its category in
  ``interpretation`` (code system :data:`CB12_CATEGORY_SYSTEM`). When cB12 could not be computed the
  Observation carries ``dataAbsentReason`` and the reason as a note.
* ``Observation`` B12 status: the conclusion as ``valueCodeableConcept`` (:data:`CONCLUSION_SYSTEM`).
* ``DiagnosticReport`` grouping both, with the summary and caveats as ``conclusion``.
* ``RiskAssessment`` for a screening result and ``CarePlan`` for a plan, when given. Without a plan,
  the next tests of the status become a CarePlan of proposed tests.

The screening and plan sections come from the assessment itself (``Assessment.screening``,
``Assessment.plan``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from b12.codes import B12_SYSTEM, LOINC, UCUM, lab_codes_for
from b12.core.assessment import Assessment
from b12.core.screening import ScreeningResult
from b12.units import Analyte

CB12_CATEGORY_SYSTEM = "https://b12.dev/fhir/CodeSystem/cb12-category"
CONCLUSION_SYSTEM = "https://b12.dev/fhir/CodeSystem/b12-conclusion"
SCREENING_SYSTEM = "https://b12.dev/fhir/CodeSystem/b12-screening"
DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
SCORE_UNIT = "{score}"


def _concept(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding: dict[str, str] = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding], "text": display or code}


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": resource}


def _cb12_observation(assessment: Assessment, subject: dict[str, str]) -> dict[str, Any]:
    cb12 = assessment.status.cb12
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "code": _concept(B12_SYSTEM, "cb12", "Combined indicator of vitamin B12 status (cB12)"),
        "subject": subject,
    }
    if cb12.cb12 is not None and cb12.category is not None:
        obs["valueQuantity"] = {
            "value": round(cb12.cb12, 3),
            "unit": SCORE_UNIT,
            "system": UCUM,
            "code": SCORE_UNIT,
        }
        label = cb12.category.value.replace("_", " ")
        obs["interpretation"] = [_concept(CB12_CATEGORY_SYSTEM, cb12.category.value, label)]
        obs["method"] = {"text": f"Fedosov 2015 ({cb12.variant})"}
    else:
        obs["dataAbsentReason"] = _concept(DATA_ABSENT, "not-performed", "Not Performed")
        obs["note"] = [{"text": cb12.reason or "cB12 not computed"}]
    return obs


def _status_observation(assessment: Assessment, subject: dict[str, str]) -> dict[str, Any]:
    interp = assessment.status.interpretation
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": _concept(B12_SYSTEM, "b12-status", "Vitamin B12 status (b12 reading)"),
        "subject": subject,
        "valueCodeableConcept": _concept(
            CONCLUSION_SYSTEM, interp.conclusion, interp.conclusion.replace("_", " ")
        ),
        "method": {"text": f"basis: {interp.basis.value}"},
        "note": [{"text": interp.summary}],
    }


def _test_concept(test: str) -> dict[str, Any]:
    analytes = {a.value: a for a in Analyte}
    concept = _concept(B12_SYSTEM, f"test-{test}", test.replace("_", " "))
    if test in analytes:
        concept["coding"] += [
            {"system": LOINC, "code": c.code, "display": c.display}
            for c in lab_codes_for(analytes[test])[:1]
        ]
    return concept


def _care_plan(assessment: Assessment, subject: dict[str, str]) -> dict[str, Any] | None:
    activities: list[dict[str, Any]]
    plan = assessment.plan
    if plan is not None and plan.items:
        title = f"B12 plan ({plan.cause.value.replace('_', ' ')})"
        activities = [
            {"detail": {"status": "not-started", "description": item.text}} for item in plan.items
        ]
    elif assessment.status.next_tests:
        title = "B12: tests worth ordering next"
        activities = [
            {
                "detail": {
                    "kind": "ServiceRequest",
                    "code": _test_concept(t.test),
                    "status": "not-started",
                    "description": t.reason,
                }
            }
            for t in assessment.status.next_tests
        ]
    else:
        return None
    return {
        "resourceType": "CarePlan",
        "status": "draft",
        "intent": "proposal",
        "title": title,
        "subject": subject,
        "activity": activities,
        "note": [{"text": assessment.disclaimer}],
    }


def _risk_assessment(screening: ScreeningResult, subject: dict[str, str]) -> dict[str, Any]:
    outcome = screening.recommendation.value
    return {
        "resourceType": "RiskAssessment",
        "status": "final",
        "subject": subject,
        "code": _concept(B12_SYSTEM, "b12-screening", "Vitamin B12 deficiency screening"),
        "prediction": [
            {
                "outcome": {"text": "vitamin B12 deficiency"},
                "qualitativeRisk": _concept(SCREENING_SYSTEM, outcome, outcome.replace("_", " ")),
                "rationale": screening.summary,
            }
        ],
        "note": [{"text": f"risk factor: {rf.message}"} for rf in screening.risk_factors],
    }


def assessment_bundle(
    assessment: Assessment,
    *,
    subject: str | None = None,
    as_of: dt.date | None = None,
) -> dict[str, Any]:
    """The assessment as a FHIR R4 collection Bundle (JSON-ready dict, validated).

    ``subject`` is a reference such as ``Patient/123``; without one the Bundle holds an anonymous
    Patient (no identifier, name or birth date) that the resources refer to by ``urn:uuid``.
    """
    entries: list[dict[str, Any]] = []
    if subject is None:
        patient = _entry({"resourceType": "Patient"})
        entries.append(patient)
        subject = patient["fullUrl"]
    ref = {"reference": subject}
    observations = [
        _entry(_cb12_observation(assessment, ref)),
        _entry(_status_observation(assessment, ref)),
    ]
    status = assessment.status
    conclusion = " ".join(
        [status.interpretation.summary + ".", *(c.message + "." for c in status.caveats)]
    )
    report: dict[str, Any] = {
        "resourceType": "DiagnosticReport",
        "status": "final",
        "code": _concept(B12_SYSTEM, "b12-assessment", "Vitamin B12 status assessment (b12)"),
        "subject": ref,
        "issued": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "result": [{"reference": o["fullUrl"]} for o in observations],
        "conclusion": f"{conclusion} {assessment.disclaimer} (b12 {assessment.b12_version})",
        "conclusionCode": [observations[1]["resource"]["valueCodeableConcept"]],
    }
    if as_of is not None:
        report["effectiveDateTime"] = as_of.isoformat()
    entries += [_entry(report), *observations]
    if assessment.screening is not None:
        entries.append(_entry(_risk_assessment(assessment.screening, ref)))
    care_plan = _care_plan(assessment, ref)
    if care_plan is not None:
        entries.append(_entry(care_plan))
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    Bundle.model_validate(bundle)  # every resource validates, or this is a bug in b12
    return bundle


@dataclass(frozen=True)
class BundleSummary:
    """What :func:`read_assessment_bundle` finds in a b12 Bundle (the values a round trip keeps)."""

    cb12: float | None
    category: str | None
    conclusion: str | None
    next_tests: tuple[str, ...]
    screening_outcome: str | None
    plan_activities: tuple[str, ...]


def _code_in(concept: Any, system: str) -> str | None:
    for coding in (concept.coding if concept is not None else None) or []:
        if coding.system == system:
            return str(coding.code)
    return None


def read_assessment_bundle(data: dict[str, Any]) -> BundleSummary:
    """Read back a Bundle written by :func:`assessment_bundle` (validating it again)."""
    bundle = Bundle.model_validate(data)
    cb12 = category = conclusion = screening = None
    tests: list[str] = []
    activities: list[str] = []
    for entry in bundle.entry or []:
        res: Any = entry.resource
        kind = res.get_resource_type()
        code = _code_in(getattr(res, "code", None), B12_SYSTEM)
        if kind == "Observation" and code == "cb12" and res.valueQuantity is not None:
            cb12 = float(res.valueQuantity.value)
            category = _code_in(res.interpretation[0], CB12_CATEGORY_SYSTEM)
        elif kind == "Observation" and code == "b12-status":
            conclusion = _code_in(res.valueCodeableConcept, CONCLUSION_SYSTEM)
        elif kind == "RiskAssessment":
            screening = _code_in(res.prediction[0].qualitativeRisk, SCREENING_SYSTEM)
        elif kind == "CarePlan":
            for activity in res.activity or []:
                test = _code_in(activity.detail.code, B12_SYSTEM)
                if test:
                    tests.append(test.removeprefix("test-"))
                activities.append(str(activity.detail.description))
    return BundleSummary(cb12, category, conclusion, tuple(tests), screening, tuple(activities))
