"""A site's local lab codes reach both the CDS Hooks prefetch template and the record reader."""

from __future__ import annotations

import re
from typing import Any

import httpx

from b12.settings import Settings
from tests.cds_hooks.conftest import serve
from tests.cds_hooks.requests import full_prefetch, hook_request
from tests.cds_hooks.spec import check_response
from tests.fhir.bundles import FHIR_EXAMPLES

LOCAL = FHIR_EXAMPLES / "local-codes.yaml"


def local_holotc() -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": "holotc",
        "status": "final",
        "code": {"coding": [{"system": "urn:example:lab-catalogue", "code": "HOLOTC"}]},
        "subject": {"reference": "Patient/example-74y"},
        "effectiveDateTime": "2026-11-02",
        "valueQuantity": {
            "value": 28,
            "unit": "pmol/L",
            "system": "http://unitsofmeasure.org",
            "code": "pmol/L",
        },
    }


def test_local_codes_in_discovery_and_cards() -> None:
    with serve(Settings(local_codes=LOCAL)) as url:
        services = httpx.get(url + "/cds-services").json()["services"]
        assert "urn:example:lab-catalogue|HOLOTC" in services[0]["prefetch"]["labs"]
        prefetch = full_prefetch()
        prefetch["labs"]["entry"].append({"resource": local_holotc()})
        doc = httpx.post(
            url + "/cds-services/b12-patient-view", json=hook_request(prefetch=prefetch)
        ).json()
    check_response(doc)
    # all four markers now: cB12 is one item of the judgment's evidence on the card
    (card,) = doc["cards"]
    assert re.search(r"cB12 [+-]\d\.\d\d: \w", card["detail"])
    assert card["summary"].startswith("B12: ")
