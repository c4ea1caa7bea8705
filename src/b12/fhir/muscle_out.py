"""The muscle result as a FHIR ``Observation`` (red team C8: the Bundle had no muscle result).

No LOINC or SNOMED code for a sarcopenia stage was found (evidence.md §7: grip-strength LOINC codes
conflict; appendicular lean mass has none), so the Observation is coded in b12's own system: code
``b12#sarcopenia-stage``, the stage in :data:`SARCOPENIA_STAGE_SYSTEM`, the criteria set as
``method`` ("EWGSOP2", "AWGS 2019", "FNIH"), each judged criterion (low strength, low muscle
quantity, low performance) as a boolean component, computed indices as quantities, and the
findings as notes.
"""

from __future__ import annotations

from typing import Any

from b12.codes import B12_SYSTEM, UCUM
from b12.core.muscle.model import MuscleResult
from b12.fhir.elements import concept

SARCOPENIA_STAGE_SYSTEM = "https://b12.dev/fhir/CodeSystem/sarcopenia-stage"
_FLAGS = (
    ("low-strength", "Low muscle strength", "low_strength"),
    ("low-muscle-quantity", "Low muscle quantity", "low_quantity"),
    ("low-performance", "Low physical performance", "low_performance"),
)
# Computed indices and their UCUM units.
_DERIVED = {
    "asm_index_kg_m2": ("asm-index", "Appendicular skeletal muscle mass / height²", "kg/m2"),
    "bmi_kg_m2": ("bmi", "Body mass index", "kg/m2"),
    "alm_bmi_m2": ("alm-bmi", "Appendicular lean mass / BMI", "m2"),
}


def _components(muscle: MuscleResult) -> list[dict[str, Any]]:
    flags = [
        {"code": concept(B12_SYSTEM, code, display), "valueBoolean": value}
        for code, display, field in _FLAGS
        if (value := getattr(muscle, field)) is not None
    ]
    derived = [
        {
            "code": concept(B12_SYSTEM, code, display),
            "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit},
        }
        for name, value in muscle.derived.items()
        if name in _DERIVED
        for code, display, unit in [_DERIVED[name]]
    ]
    return flags + derived


def muscle_observation(muscle: MuscleResult, subject: dict[str, str]) -> dict[str, Any]:
    """The muscle stage by its criteria set, with the criteria judged and the findings."""
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "code": concept(B12_SYSTEM, "sarcopenia-stage", "Sarcopenia stage (b12 muscle assessment)"),
        "subject": subject,
        "valueCodeableConcept": concept(SARCOPENIA_STAGE_SYSTEM, muscle.stage.value, muscle.label),
        "method": {"text": muscle.criteria.display},
    }
    if components := _components(muscle):
        obs["component"] = components
    if notes := [{"text": f.message} for f in muscle.findings]:
        obs["note"] = notes
    return obs
