"""A B12 result dated after the call cannot have been taken yet (red team round 16, D3, vignettes
31 and 37; rule status.judgment.rules.results-after-assessment-date), through the real service.

It is no test: the card's "As of" stays on the day of the call, the judgment lists it as not read,
the screening and order-select cards do not count it as the last B12 test, and the record's real
latest result decides. Vignette 37's results are sent in pg/mL under LOINC 2132-9 (210 pmol/L =
285 pg/mL, 450 pmol/L = 610 pg/mL; b12's factor 1.355), dated relative to the call day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from tests.cds_hooks.conftest import CALL_DAY
from tests.cds_hooks.requests import PATIENT_ID, draft_orders, full_prefetch, hook_request
from tests.cds_hooks.spec import check_response
from tests.fhir.bundles import RXNORM, observation, patient

PV = "/cds-services/b12-patient-view"
OS = "/cds-services/b12-order-select"
LATER = CALL_DAY + dt.timedelta(days=331)  # vignette 37: 2027-11-01 for a call on 2026-12-05
METFORMIN = {
    "resourceType": "MedicationStatement",
    "id": "m0",
    "status": "active",
    "medicationCodeableConcept": {"coding": [{"system": RXNORM, "code": "6809"}]},
    "subject": {"reference": f"Patient/{PATIENT_ID}"},
    "effectivePeriod": {"start": "2015-01-01"},
}


def b12(oid: str, pg_ml: float, day: dt.date) -> dict[str, Any]:
    return observation(oid, "2132-9", pg_ml, "pg/mL", day.isoformat(), pid=PATIENT_ID)


def call(cds_url: str, resources: list[dict[str, Any]], hook: str = "patient-view") -> list[Any]:
    if hook == "patient-view":
        body = hook_request(prefetch=full_prefetch(resources))
        url = cds_url + PV
    else:
        context = {
            "userId": "Practitioner/example",
            "patientId": PATIENT_ID,
            "selections": ["MedicationRequest/draft-1"],
            "draftOrders": draft_orders({"system": RXNORM, "code": "6809"}),
        }
        body = hook_request(hook="order-select", prefetch=full_prefetch(resources), context=context)
        url = cds_url + OS
    response = httpx.post(url, json=body, timeout=10)
    assert response.status_code == 200, response.text
    check_response(response.json())
    cards: list[Any] = response.json()["cards"]
    return cards


def test_vignette_37_the_current_result_decides_not_the_typo(cds_url: str) -> None:
    resources = [
        patient(PATIENT_ID, gender="female", birth="1966-06-01"),
        b12("o0", 285, CALL_DAY - dt.timedelta(days=34)),
        b12("o1", 610, LATER),
    ]
    (status,) = [c for c in call(cds_url, resources) if c["summary"].startswith("B12: ")]
    assert "unlikely" not in status["summary"]  # the 450 dated next year never reassures
    assert "Level **indeterminate**" in status["detail"]  # NICE NG239: 180-350 ng/L
    assert f"As of {CALL_DAY.isoformat()} (the date of this request)." in status["detail"]
    assert "after the date of this request" not in status["detail"]
    # (the card escapes markdown: "\\(")
    assert f"Not used: b12 610 pg/mL \\({LATER.isoformat()}\\)" in status["detail"]
    assert "cannot have been taken yet" in status["detail"]


def test_a_result_dated_after_the_call_is_no_test_for_screening(cds_url: str) -> None:
    resources = [patient(PATIENT_ID, birth="1950-03-01"), METFORMIN, b12("o1", 610, LATER)]
    cards = call(cds_url, resources)
    screening, status = cards
    assert screening["summary"] == (
        "Consider B12 testing: 76 y, metformin for 11 years, no B12 result up to today"
    )
    assert (
        f"dated after today ({LATER.isoformat()}) cannot have been taken yet"
        in (screening["detail"])
    )
    # The status card stays: it is where the judgment lists the result as not read.
    assert status["summary"].startswith("B12: B12 status cannot be judged yet")
    assert f"Not used: b12 610 pg/mL \\({LATER.isoformat()}\\)" in status["detail"]
    (card,) = call(cds_url, resources, "order-select")
    assert card["summary"] == (
        "Metformin can lower B12: no B12 result up to today; consider a baseline B12 test"
    )


def test_the_last_b12_test_is_the_last_one_taken(cds_url: str) -> None:
    old = dt.date(2023, 1, 10)
    resources = [
        patient(PATIENT_ID, birth="1950-03-01"),
        METFORMIN,
        b12("o0", 450, old),
        b12("o1", 610, LATER),
    ]
    cards = call(cds_url, resources)
    assert cards[0]["summary"] == (
        "Consider B12 testing: 76 y, metformin for 11 years, no B12 result in 3 years"
    )
    (card,) = call(cds_url, resources, "order-select")
    assert card["summary"].startswith("Metformin can lower B12: no B12 result in 3 years")
