"""Issue 15: operations and dialysis arrive with the hook call (the Procedure prefetch) and change the
card; the lab search asks for gestational age too. Against the real CDS test server."""

from __future__ import annotations

from typing import Any

import httpx

from tests.cds_hooks.conftest import resources_of
from tests.cds_hooks.requests import full_prefetch, hook_request

PV = "/cds-services/b12-patient-view"
GASTRECTOMY = {
    "resourceType": "Procedure",
    "id": "gastrectomy",
    "status": "completed",
    "code": {"coding": [{"system": "http://snomed.info/sct", "code": "26452005"}]},
    "performedDateTime": "2015-03-01",
}


def card_detail(cds_url: str, resources: list[dict[str, Any]]) -> str:
    prefetch = full_prefetch(resources)
    response = httpx.post(cds_url + PV, json=hook_request(prefetch=prefetch), timeout=10)
    assert response.status_code == 200, response.text
    return "\n".join(c["summary"] + "\n" + c.get("detail", "") for c in response.json()["cards"])


def test_discovery_asks_for_procedures_and_gestational_age(cds_url: str) -> None:
    services = httpx.get(cds_url + "/cds-services", timeout=10).json()["services"]
    for service in services:
        assert service["prefetch"]["procedures"] == "Procedure?patient={{context.patientId}}"
        assert "http://loinc.org|11884-4" in service["prefetch"]["labs"]


def test_a_prefetched_gastrectomy_reaches_the_screening_card(cds_url: str) -> None:
    # the record without its lab results: the screening card lists the risk factors it holds
    record = [
        r
        for r in resources_of("metformin-74y-borderline.bundle.json")
        if r["resourceType"] != "Observation"
    ]
    patient_id = next(r["id"] for r in record if r["resourceType"] == "Patient")
    gastrectomy = {**GASTRECTOMY, "subject": {"reference": f"Patient/{patient_id}"}}
    without = card_detail(cds_url, record)
    with_surgery = card_detail(cds_url, [*record, gastrectomy])
    assert "Consider B12 testing" in without and "gastrectomy" not in without
    assert "total gastrectomy (2015-03-01)" in with_surgery
