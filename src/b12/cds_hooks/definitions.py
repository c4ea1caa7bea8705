"""The services b12 offers (discovery) and the prefetch templates each one asks for."""

from __future__ import annotations

from b12.cds_hooks.models import Discovery, ServiceDefinition
from b12.codes import GESTATIONAL_AGE_CODES, LAB_CODES, CodeTable

PATIENT_VIEW = "b12-patient-view"
ORDER_SELECT = "b12-order-select"
HOOKS = {PATIENT_VIEW: "patient-view", ORDER_SELECT: "order-select"}


def prefetch_templates(table: CodeTable) -> dict[str, str]:
    """Prefetch templates; the lab search names every code b12 reads (gestational age included), the
    site's local codes too. Procedures bring operations and dialysis (issue 15)."""
    found = [c.code for c in LAB_CODES] + [c.code for c in GESTATIONAL_AGE_CODES]
    codes = [f"{c.system}|{c.code}" for c in found]
    codes += [f"{system}|{code}" for system, code in table.local_labs]
    return {
        "patient": "Patient/{{context.patientId}}",
        "labs": "Observation?patient={{context.patientId}}&code=" + ",".join(codes),
        "medicationStatements": "MedicationStatement?patient={{context.patientId}}",
        "medicationRequests": "MedicationRequest?patient={{context.patientId}}",
        "conditions": "Condition?patient={{context.patientId}}",
        "procedures": "Procedure?patient={{context.patientId}}",
    }


def services(table: CodeTable) -> dict[str, ServiceDefinition]:
    """The services by id."""
    prefetch = prefetch_templates(table)
    return {
        PATIENT_VIEW: ServiceDefinition(
            hook=HOOKS[PATIENT_VIEW],
            title="b12: vitamin B12 status and screening",
            description="When a chart opens: suggests B12 testing for people with NICE NG239 risk "
            "factors and no recent result, and reads the latest B12 markers (cB12, NICE NG239). "
            "Decision support, not a diagnosis.",
            id=PATIENT_VIEW,
            prefetch=prefetch,
        ),
        ORDER_SELECT: ServiceDefinition(
            hook=HOOKS[ORDER_SELECT],
            title="b12: B12 and metformin or acid-suppressing medicines",
            description="When metformin, a proton pump inhibitor or an H2-receptor antagonist is "
            "ordered: shows the patient's B12 status or suggests a baseline B12 test.",
            id=ORDER_SELECT,
            prefetch=prefetch,
        ),
    }


def discovery(table: CodeTable) -> Discovery:
    """The discovery response."""
    return Discovery(services=list(services(table).values()))
