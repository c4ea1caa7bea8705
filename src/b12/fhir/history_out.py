"""The person's clinical history as FHIR R4 resources, for b12's own Bundles (issue 15).

* ``Procedure`` per operation in ``surgery``: status ``completed``, the date as ``performedDateTime``;
  the code is b12's own (``b12#surgery-*``), with the SNOMED CT code beside it when that code is
  verified (:data:`b12.codes.SURGERY_CODES`); unverified codes are read, never written.
* ``Procedure`` for ``dialysis``: status ``in-progress``, SNOMED CT haemodialysis or peritoneal dialysis,
  the start as ``performedPeriod.start``.
* ``Condition`` per entry of ``conditions`` (its text, as written), with ``onsetDateTime``,
  ``abatementDateTime`` and ``clinicalStatus`` (``resolved`` when it ended, else ``active``) from
  ``condition_dates``; a pregnancy as SNOMED CT Pregnancy, ``active``.

:func:`b12.fhir.reader.read_bundle` reads these back into the same fields. Symptoms and their course,
the weeks of pregnancy and ethnicity are not written (see docs/fhir.md).
"""

from __future__ import annotations

from typing import Any

from b12.codes import (
    CONDITION_CODES,
    DIALYSIS_CODES,
    PREGNANCY,
    SURGERY_CODES,
    Code,
    ConceptCode,
    Verification,
)
from b12.core.history import Surgery
from b12.core.person import Person
from b12.core.screening.surgery import label

CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical"


def _coding(code: Code) -> dict[str, str]:
    return {"system": code.system, "code": code.code, "display": code.display}


def _surgery_concept(surgery: Surgery) -> dict[str, Any]:
    term = surgery.procedure.value + (f":{surgery.extent}" if surgery.extent else "")
    entries: list[ConceptCode] = [
        e
        for e in SURGERY_CODES
        if e.term == term and e.verification in (Verification.VERIFIED, Verification.LOCAL)
    ]
    text = (f"{surgery.extent} " if surgery.extent else "") + label(surgery.procedure)
    return {"coding": [_coding(e.code) for e in entries], "text": text}


def _procedure(subject: dict[str, str], code: dict[str, Any], status: str) -> dict[str, Any]:
    return {"resourceType": "Procedure", "status": status, "code": code, "subject": subject}


def _status(code: str) -> dict[str, Any]:
    return {"coding": [{"system": CLINICAL_STATUS, "code": code}]}


def _conditions(person: Person, subject: dict[str, str]) -> list[dict[str, Any]]:
    dates = {d.condition.casefold(): d for d in person.condition_dates}
    found = []
    for term in person.conditions:
        res: dict[str, Any] = {"resourceType": "Condition", "code": {"text": term}}
        res["subject"] = subject
        entry = dates.get(term.casefold())
        ended = entry is not None and entry.resolved_on is not None
        res["clinicalStatus"] = _status("resolved" if ended else "active")
        if entry is not None and entry.onset is not None:
            res["onsetDateTime"] = entry.onset.isoformat()
        if entry is not None and entry.resolved_on is not None:
            res["abatementDateTime"] = entry.resolved_on.isoformat()
        found.append(res)
    if person.pregnant:
        code = next(c.code for c in CONDITION_CODES if c.term == PREGNANCY)
        found.append(
            {
                "resourceType": "Condition",
                "clinicalStatus": _status("active"),
                "code": {"coding": [_coding(code)], "text": "Pregnancy"},
                "subject": subject,
            }
        )
    return found


def history_resources(person: Person, subject: dict[str, str]) -> list[dict[str, Any]]:
    """Procedures (surgery, dialysis) and Conditions (with dates and clinical status) of a person."""
    found = []
    for surgery in person.surgery:
        res = _procedure(subject, _surgery_concept(surgery), "completed")
        if surgery.date is not None:
            res["performedDateTime"] = surgery.date.isoformat()
        found.append(res)
    if person.dialysis is not None:
        (code,) = (e.code for e in DIALYSIS_CODES if e.term == person.dialysis.modality.value)
        res = _procedure(subject, {"coding": [_coding(code)], "text": code.display}, "in-progress")
        if person.dialysis.since is not None:
            res["performedPeriod"] = {"start": person.dialysis.since.isoformat()}
        found.append(res)
    return found + _conditions(person, subject)
