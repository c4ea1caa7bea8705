"""Write an assessment as a FHIR R4 Bundle, and read such a Bundle back (for round trips).

Resources written (each validated with ``fhir.resources`` R4B models before it is returned). They
all show b12's one judgment (``assessment.status.judgment``); none computes its own:

* ``Observation`` B12 status: the level as ``valueCodeableConcept`` (:data:`LEVEL_SYSTEM`), with
  confidence, urgency and, on treatment, the response as components (:data:`CONFIDENCE_SYSTEM`,
  :data:`URGENCY_SYSTEM`, :data:`RESPONSE_SYSTEM`); the headline and each evidence item as notes.
* ``Observation`` cB12: ``valueQuantity`` in UCUM ``{score}`` under code ``b12#cb12``; its category in
  ``interpretation`` (code system :data:`CB12_CATEGORY_SYSTEM`). When cB12 could not be computed the
  Observation carries ``dataAbsentReason`` and the reason as a note.
* ``DiagnosticReport`` grouping both, with the headline and advice as ``conclusion`` and the level as
  ``conclusionCode``.
* ``RiskAssessment`` of B12 deficiency: ``prediction.qualitativeRisk`` is the level, the rationale the
  headline, the mitigation the advice; its basis is the status Observation.
* ``RiskAssessment`` for a screening result and ``CarePlan`` for a plan, when given. The plan's test
  items, or without a plan the judgment's next tests, are proposed ``ServiceRequest`` activities;
  every activity carries the item's reason as ``reasonCode`` text.
* ``Observation`` of the muscle stage by its criteria set (:mod:`b12.fhir.muscle_out`).
* With ``person``: the person's operations, dialysis and conditions (with their dates and clinical
  status) as ``Procedure`` and ``Condition`` resources (:mod:`b12.fhir.history_out`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from b12.codes import B12_SYSTEM, UCUM, order_codes, orderable_test
from b12.core.assessment import Assessment
from b12.core.findings import NextTest
from b12.core.person import Person
from b12.core.plan.model import Category
from b12.core.screening.model import ScreeningResult
from b12.core.status.judgment import Judgment
from b12.fhir.elements import concept as _concept
from b12.fhir.history_out import history_resources
from b12.fhir.muscle_out import muscle_observation

CB12_CATEGORY_SYSTEM = "https://b12.dev/fhir/CodeSystem/cb12-category"
LEVEL_SYSTEM = "https://b12.dev/fhir/CodeSystem/b12-level"
CONFIDENCE_SYSTEM = "https://b12.dev/fhir/CodeSystem/b12-confidence"
URGENCY_SYSTEM = "https://b12.dev/fhir/CodeSystem/b12-urgency"
RESPONSE_SYSTEM = "https://b12.dev/fhir/CodeSystem/b12-response"
SCREENING_SYSTEM = "https://b12.dev/fhir/CodeSystem/b12-screening"
DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
SCORE_UNIT = "{score}"
# How the evidence marks read in a note (the web page and the PDF use the same words).
DIRECTION_WORDS = {
    "supports": "supports a deficiency",
    "argues_against": "argues against",
    "inconclusive": "inconclusive",
    "makes_unreliable": "makes a marker unreliable",
}


def _words(code: str) -> str:
    return code.replace("_", " ")


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


def level_concept(judgment: Judgment) -> dict[str, Any]:
    """The judgment's level as a CodeableConcept of :data:`LEVEL_SYSTEM`."""
    return _concept(LEVEL_SYSTEM, judgment.level.value, _words(judgment.level.value))


def _component(code: str, display: str, system: str, value: str) -> dict[str, Any]:
    return {
        "code": _concept(B12_SYSTEM, code, display),
        "valueCodeableConcept": _concept(system, value, _words(value)),
    }


def _evidence_note(judgment: Judgment) -> list[dict[str, str]]:
    notes = [{"text": judgment.headline}]
    for item in judgment.evidence:
        canonical = (
            f" (= {item.canonical})" if item.canonical and item.canonical != item.printed else ""
        )
        notes.append(
            {
                "text": f"{DIRECTION_WORDS[item.direction.value]}: {item.message}{canonical} "
                f"[{', '.join(item.rules)}]"
            }
        )
    return notes


def _status_observation(assessment: Assessment, subject: dict[str, str]) -> dict[str, Any]:
    judgment = assessment.status.judgment
    components = [
        _component(
            "b12-confidence",
            "Confidence of the judgment",
            CONFIDENCE_SYSTEM,
            judgment.confidence.value,
        ),
        _component("b12-urgency", "Urgency", URGENCY_SYSTEM, judgment.urgency.value),
    ]
    if judgment.response is not None:
        components.append(
            _component(
                "b12-response", "Response to treatment", RESPONSE_SYSTEM, judgment.response.value
            )
        )
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": _concept(B12_SYSTEM, "b12-status", "Vitamin B12 status (b12 judgment)"),
        "subject": subject,
        "valueCodeableConcept": level_concept(judgment),
        "component": components,
        "method": {"text": f"b12 judgment, rule version {judgment.version}"},
        "note": _evidence_note(judgment),
    }


def _status_risk(judgment: Judgment, subject: dict[str, str], status_url: str) -> dict[str, Any]:
    risk: dict[str, Any] = {
        "resourceType": "RiskAssessment",
        "status": "final",
        "subject": subject,
        "code": _concept(B12_SYSTEM, "b12-status", "Vitamin B12 status (b12 judgment)"),
        "basis": [{"reference": status_url}],
        "prediction": [
            {
                "outcome": {"text": "vitamin B12 deficiency"},
                "qualitativeRisk": level_concept(judgment),
                "rationale": judgment.headline,
            }
        ],
        "note": [
            {"text": f"confidence {judgment.confidence.value}; urgency {judgment.urgency.value}"},
            *({"text": f.message} for f in judgment.urgency_reasons),
        ],
    }
    if judgment.advice:
        risk["mitigation"] = " ".join(f.message.rstrip(".") + "." for f in judgment.advice)
    return risk


def _test_concept(test: str) -> dict[str, Any]:
    entry = orderable_test(test)
    concept = _concept(B12_SYSTEM, f"test-{entry.test}", entry.label)
    concept["coding"] += [
        {"system": c.system, "code": c.code, "display": c.display}
        for c in order_codes(test)
        if c.system != B12_SYSTEM
    ]
    return concept


def _test_activity(test: NextTest, description: str) -> dict[str, Any]:
    return {
        "detail": {
            "kind": "ServiceRequest",
            "code": _test_concept(test.test),
            "status": "not-started",
            "description": description,
        }
    }


_MUSCLE_CATEGORIES = frozenset({Category.PROTEIN, Category.EXERCISE, Category.MUSCLE})


def _plan_title(assessment: Assessment) -> str:
    """What the plan covers: B12 and, when it has such items, protein, exercise and muscle (the
    title named only the B12 cause, "B12 plan (older age)", over a plan about muscle too)."""
    plan = assessment.plan
    muscle = plan is not None and any(i.category in _MUSCLE_CATEGORIES for i in plan.items)
    return "b12 plan: B12" + (", protein, exercise and muscle" if muscle else "")


def _care_plan(assessment: Assessment, subject: dict[str, str]) -> dict[str, Any] | None:
    activities: list[dict[str, Any]]
    plan = assessment.plan
    tests = {t.test: t for t in assessment.status.judgment.next_tests}
    if plan is not None and plan.items:
        title = _plan_title(assessment)
        activities = []
        for item in plan.items:
            name = item.id.removeprefix("test.")
            if item.category is Category.TEST and name in tests:
                activity = _test_activity(tests[name], item.text)
            else:
                activity = {"detail": {"status": "not-started", "description": item.text}}
            activity["detail"]["reasonCode"] = [{"text": item.reason}]  # why, as the plan says
            activities.append(activity)
    elif tests:
        title = "B12: tests worth ordering next"
        activities = [_test_activity(t, t.reason) for t in tests.values()]
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


def conclusion_text(judgment: Judgment) -> str:
    """The DiagnosticReport conclusion: the headline, then the advice."""
    sentences = [judgment.headline, *(f.message for f in judgment.advice)]
    return " ".join(s.rstrip(".") + "." for s in sentences)


def assessment_bundle(
    assessment: Assessment,
    *,
    subject: str | None = None,
    as_of: dt.date | None = None,
    person: Person | None = None,
) -> dict[str, Any]:
    """The assessment as a FHIR R4 collection Bundle (JSON-ready dict, validated).

    ``subject`` is a reference such as ``Patient/123``; without one the Bundle holds an anonymous
    Patient (no identifier, name or birth date) that the resources refer to by ``urn:uuid``.
    ``person``, when given, adds its clinical history (operations, dialysis, conditions with dates).
    """
    entries: list[dict[str, Any]] = []
    if subject is None:
        patient = _entry({"resourceType": "Patient"})
        entries.append(patient)
        subject = patient["fullUrl"]
    ref = {"reference": subject}
    judgment = assessment.status.judgment
    observations = [
        _entry(_cb12_observation(assessment, ref)),
        _entry(_status_observation(assessment, ref)),
    ]
    muscle = (
        [] if assessment.muscle is None else [_entry(muscle_observation(assessment.muscle, ref))]
    )
    report: dict[str, Any] = {
        "resourceType": "DiagnosticReport",
        "status": "final",
        "code": _concept(B12_SYSTEM, "b12-assessment", "Vitamin B12 status assessment (b12)"),
        "subject": ref,
        "issued": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "result": [{"reference": o["fullUrl"]} for o in observations],
        "conclusion": f"{conclusion_text(judgment)} {assessment.disclaimer} "
        f"(b12 {assessment.b12_version})",
        "conclusionCode": [level_concept(judgment)],
    }
    if as_of is not None:
        report["effectiveDateTime"] = as_of.isoformat()
    entries += [_entry(report), *observations]
    entries.append(_entry(_status_risk(judgment, ref, observations[1]["fullUrl"])))
    entries += muscle  # after the B12 resources, which keep their order
    if assessment.screening is not None:
        entries.append(_entry(_risk_assessment(assessment.screening, ref)))
    care_plan = _care_plan(assessment, ref)
    if care_plan is not None:
        entries.append(_entry(care_plan))
    if person is not None:
        entries += [_entry(r) for r in history_resources(person, ref)]
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    Bundle.model_validate(bundle)  # every resource validates, or this is a bug in b12
    return bundle


@dataclass(frozen=True)
class BundleSummary:
    """What :func:`read_assessment_bundle` finds in a b12 Bundle (the values a round trip keeps)."""

    cb12: float | None
    category: str | None
    level: str | None  # the status Observation's value
    confidence: str | None
    urgency: str | None
    response: str | None
    risk_level: str | None  # the status RiskAssessment's qualitativeRisk
    conclusion: str | None  # the DiagnosticReport's conclusion text
    next_tests: tuple[str, ...]
    screening_outcome: str | None
    plan_activities: tuple[str, ...]


def _code_in(concept: Any, system: str) -> str | None:
    for coding in (concept.coding if concept is not None else None) or []:
        if coding.system == system:
            return str(coding.code)
    return None


_COMPONENTS = {
    "b12-confidence": ("confidence", CONFIDENCE_SYSTEM),
    "b12-urgency": ("urgency", URGENCY_SYSTEM),
    "b12-response": ("response", RESPONSE_SYSTEM),
}


def _status_values(res: Any) -> dict[str, str | None]:
    values = {"level": _code_in(res.valueCodeableConcept, LEVEL_SYSTEM)}
    for component in res.component or []:
        name, system = _COMPONENTS.get(_code_in(component.code, B12_SYSTEM) or "", ("", ""))
        if name:
            values[name] = _code_in(component.valueCodeableConcept, system)
    return values


def read_assessment_bundle(data: dict[str, Any]) -> BundleSummary:
    """Read back a Bundle written by :func:`assessment_bundle` (validating it again)."""
    bundle = Bundle.model_validate(data)
    found: dict[str, Any] = {"cb12": None, "category": None, "risk_level": None}
    found.update(conclusion=None, screening_outcome=None)
    status: dict[str, str | None] = {}
    tests: list[str] = []
    activities: list[str] = []
    for entry in bundle.entry or []:
        res: Any = entry.resource
        kind = res.get_resource_type()
        code = _code_in(getattr(res, "code", None), B12_SYSTEM)
        if kind == "Observation" and code == "cb12" and res.valueQuantity is not None:
            found["cb12"] = float(res.valueQuantity.value)
            found["category"] = _code_in(res.interpretation[0], CB12_CATEGORY_SYSTEM)
        elif kind == "Observation" and code == "b12-status":
            status = _status_values(res)
        elif kind == "DiagnosticReport":
            found["conclusion"] = res.conclusion
        elif kind == "RiskAssessment":
            risk = res.prediction[0].qualitativeRisk
            if code == "b12-status":
                found["risk_level"] = _code_in(risk, LEVEL_SYSTEM)
            else:
                found["screening_outcome"] = _code_in(risk, SCREENING_SYSTEM)
        elif kind == "CarePlan":
            for activity in res.activity or []:
                test = _code_in(activity.detail.code, B12_SYSTEM)
                if test:
                    tests.append(test.removeprefix("test-"))
                activities.append(str(activity.detail.description))
    return BundleSummary(
        **found,
        level=status.get("level"),
        confidence=status.get("confidence"),
        urgency=status.get("urgency"),
        response=status.get("response"),
        next_tests=tuple(tests),
        plan_activities=tuple(activities),
    )
