"""The services b12 offers (discovery) and the prefetch templates each one asks for."""

from __future__ import annotations

from b12.cds_hooks.models import Discovery, ServiceDefinition
from b12.codes import LAB_CODES

PATIENT_VIEW = "b12-patient-view"
ORDER_SELECT = "b12-order-select"

_LAB_TOKENS = ",".join(f"{c.code.system}|{c.code.code}" for c in LAB_CODES)
PREFETCH: dict[str, str] = {
    "patient": "Patient/{{context.patientId}}",
    "labs": f"Observation?patient={{{{context.patientId}}}}&code={_LAB_TOKENS}",
    "medicationStatements": "MedicationStatement?patient={{context.patientId}}",
    "medicationRequests": "MedicationRequest?patient={{context.patientId}}",
    "conditions": "Condition?patient={{context.patientId}}",
    "procedures": "Procedure?patient={{context.patientId}}",
}

SERVICES: dict[str, ServiceDefinition] = {
    s.id: s
    for s in (
        ServiceDefinition(
            hook="patient-view",
            title="b12: vitamin B12 status and screening",
            description="When a chart opens: suggests B12 testing for people with NICE NG239 risk "
            "factors and no recent result, and reads the latest B12 markers (cB12, NICE NG239). "
            "Decision support, not a diagnosis.",
            id=PATIENT_VIEW,
            prefetch=PREFETCH,
        ),
        ServiceDefinition(
            hook="order-select",
            title="b12: B12 and metformin or acid-suppressing medicines",
            description="When metformin, a proton pump inhibitor or an H2-receptor antagonist is "
            "ordered: shows the patient's B12 status or suggests a baseline B12 test.",
            id=ORDER_SELECT,
            prefetch=PREFETCH,
        ),
    )
}


def discovery() -> Discovery:
    """The discovery response."""
    return Discovery(services=list(SERVICES.values()))
