"""Readers for the parts of FHIR lab results and medicine statements b12 uses beyond the code.

Each returns what it found and, when something was there but could not be used, why (the reader
turns that into an :class:`~b12.codes.ImportNote`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from b12.codes import qualitative, route
from b12.core.person import Comparator, LabFlag, Route
from b12.fhir.elements import codes_of, text_of, to_date

SPECIMEN_ID_MAX_CHARS = 64  # as Person's LabResult.specimen_id
COMPARATORS: dict[str, Comparator] = {"<": "<", "<=": "<=", ">=": ">=", ">": ">"}
QUALITATIVE: dict[str, Literal["positive", "negative", "equivocal"]] = {
    "positive": "positive",
    "negative": "negative",
    "equivocal": "equivocal",
}
STOPPED_STATUS = frozenset({"stopped", "completed"})
# Statuses that say the medicine is not taken now (FHIR R4 medication-statement-status: completed
# "no longer being taken", stopped "permanently halted", on-hold "temporarily halted"; a
# MedicationRequest's "completed" says the order was fulfilled, not that the taking ended).
ENDED_STATUS: dict[str, frozenset[str]] = {
    "MedicationStatement": frozenset({"stopped", "completed", "on-hold"}),
    "MedicationRequest": frozenset({"stopped", "on-hold"}),
}


def ended(kind: str, status: str | None) -> bool:
    """Whether a MedicationStatement's or MedicationRequest's status says it is not taken now."""
    return status in ENDED_STATUS.get(kind, frozenset())


# Observation.interpretation: the flag the lab printed, in HL7's v3 ObservationInterpretation codes.
# Only the five a person file takes are kept; N (normal) and the rest mean no flag.
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
FLAGS: dict[str, LabFlag] = {"H": "H", "L": "L", "HH": "HH", "LL": "LL", "A": "A"}


def lab_flag(obs: Any) -> LabFlag | None:
    """The lab's flag of an Observation (H, L, HH, LL, A), from its interpretation; else None."""
    for concept in obs.interpretation or []:
        for code in codes_of(concept):
            if code.system == INTERPRETATION and code.code in FLAGS:
                return FLAGS[code.code]
    return None


def specimen_id(obs: Any) -> tuple[str | None, str | None]:
    """The sample an Observation was measured on: its Specimen reference (or identifier)."""
    ref = obs.specimen
    if ref is None:
        return None, None
    found = str(ref.reference) if ref.reference else None
    if found is None and ref.identifier is not None and ref.identifier.value:
        found = str(ref.identifier.value)
    if found is None:
        return None, "specimen without a reference or identifier"
    found = found.removeprefix("Specimen/")
    if len(found) > SPECIMEN_ID_MAX_CHARS:
        return None, f"specimen reference longer than {SPECIMEN_ID_MAX_CHARS} characters"
    return found, None


def qualitative_value(
    obs: Any,
) -> tuple[Literal["positive", "negative", "equivocal"] | None, str | None]:
    """Positive, negative or equivocal from valueCodeableConcept (SNOMED CT, else text) or valueString."""
    concept = obs.valueCodeableConcept
    if concept is not None:
        found = qualitative(codes_of(concept))
        if found is not None:
            return QUALITATIVE[found.term], None
        if not codes_of(concept):
            text = (text_of(concept) or "").strip().lower()
            if text in QUALITATIVE:
                return QUALITATIVE[text], None
        return None, "result is not coded as positive, negative or equivocal"
    if obs.valueString is not None:
        text = str(obs.valueString).strip().lower()
        if text in QUALITATIVE:
            return QUALITATIVE[text], None
        return None, "valueString is not positive, negative or equivocal"
    if obs.valueQuantity is not None:
        return None, "a number in assay units: b12 reads positive, negative or equivocal only"
    return None, "no valueCodeableConcept or valueString"


def dosages(res: Any) -> list[Any]:
    """MedicationStatement.dosage or MedicationRequest.dosageInstruction."""
    kind = res.get_resource_type()
    return list((res.dosage if kind == "MedicationStatement" else res.dosageInstruction) or [])


def dose_text(dosage: Any) -> str | None:
    """The dose as written (dosage.text), else the first dose quantity ('1 mg')."""
    if dosage.text:
        return str(dosage.text)
    for rate in dosage.doseAndRate or []:
        quantity = rate.doseQuantity
        if quantity is not None and quantity.value is not None:
            unit = quantity.unit or quantity.code or ""
            return f"{quantity.value:g} {unit}".strip()
    return None


def route_of(dosage: Any) -> tuple[Route | None, str | None]:
    """The route of administration by SNOMED CT code (or, without any code, its exact name)."""
    concept = dosage.route
    if concept is None:
        return None, None
    codes = codes_of(concept)
    found = route(codes)
    if found is not None:
        return Route(found.term), None
    text = (text_of(concept) or "").strip().lower()
    if not codes and text in {r.value for r in Route}:
        return Route(text), None
    return None, "route code not in b12's table"


def stop_date(res: Any) -> dt.date | None:
    """MedicationStatement.effectivePeriod.end, or MedicationRequest validityPeriod.end."""
    if res.get_resource_type() == "MedicationStatement":
        period = res.effectivePeriod
    else:
        dispense = res.dispenseRequest
        period = dispense.validityPeriod if dispense is not None else None
    return None if period is None else to_date(period.end)
