"""The service judges a chart as of the call's date (red team round 6, f03 and f11): a B12 result
older than the current-result window is history, never "deficiency unlikely" now; the cards say
the date, suggest the test once, and order-select agrees with patient-view."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from b12.services import clock
from b12.services.clock import today as machine_clock  # before the autouse fixture replaces it
from b12.settings import Settings
from tests.cds_hooks.conftest import CALL_DAY
from tests.cds_hooks.requests import PATIENT_ID, draft_orders, full_prefetch, hook_request
from tests.cds_hooks.spec import check_response
from tests.fhir.bundles import RXNORM, coded, observation, patient

PV = "/cds-services/b12-patient-view"
OS = "/cds-services/b12-order-select"
ORDER_B12 = "Order Serum vitamin B12"
UNLIKELY = "B12: B12 deficiency is unlikely (confidence moderate)"


def chart(b12_day: dt.date) -> dict[str, Any]:
    """f03/f11: a man born 1950 on metformin since 2015, one B12 of 450 pg/mL on ``b12_day``."""
    resources = [
        patient(PATIENT_ID, birth="1950-03-01"),
        observation("o0", "2132-9", 450, "pg/mL", b12_day.isoformat(), pid=PATIENT_ID),
        {
            "resourceType": "MedicationStatement",
            "id": "m0",
            "status": "active",
            "medicationCodeableConcept": {"coding": [{"system": RXNORM, "code": "6809"}]},
            "subject": {"reference": f"Patient/{PATIENT_ID}"},
            "effectivePeriod": {"start": "2015-01-01"},
        },
    ]
    return full_prefetch(resources)


def patient_view(cds_url: str, b12_day: dt.date) -> list[dict[str, Any]]:
    response = httpx.post(cds_url + PV, json=hook_request(prefetch=chart(b12_day)), timeout=10)
    assert response.status_code == 200, response.text
    check_response(response.json())
    cards: list[dict[str, Any]] = response.json()["cards"]
    return cards


def order_select(cds_url: str, b12_day: dt.date) -> list[dict[str, Any]]:
    context = {
        "userId": "Practitioner/example",
        "patientId": PATIENT_ID,
        "selections": ["MedicationRequest/draft-1"],
        "draftOrders": draft_orders({"system": RXNORM, "code": "6809"}),
    }
    body = hook_request(hook="order-select", prefetch=chart(b12_day), context=context)
    response = httpx.post(cds_url + OS, json=body, timeout=10)
    assert response.status_code == 200, response.text
    cards: list[dict[str, Any]] = response.json()["cards"]
    return cards


def status_card(cards: list[dict[str, Any]]) -> dict[str, Any]:
    (card,) = [c for c in cards if c["summary"].startswith("B12: ")]
    return card


def orders(cards: list[dict[str, Any]]) -> list[str]:
    return [s["label"] for c in cards for s in c.get("suggestions") or []]


def test_a_result_from_2023_is_history_not_unlikely(cds_url: str) -> None:
    cards = patient_view(cds_url, dt.date(2023, 1, 10))
    assert cards[0]["summary"].startswith("Consider B12 testing: 76 y, metformin for 11 years")
    status = status_card(cards)
    assert "unlikely" not in status["summary"]
    assert status["summary"].startswith("B12: B12 status cannot be judged yet")
    assert "Level **cannot judge**" in status["detail"]
    assert "Not current, more than 12 months before the assessment date" in status["detail"]
    assert f"As of {CALL_DAY.isoformat()}" in status["detail"]
    assert orders(cards) == [ORDER_B12]  # once: the screening card offers it


def test_a_result_from_21_months_ago_asks_for_a_new_test_in_both_hooks(cds_url: str) -> None:
    cards = patient_view(cds_url, dt.date(2025, 3, 1))
    assert [c["summary"].startswith("B12: ") for c in cards] == [True]  # tested within 3 years
    status = status_card(cards)
    assert "unlikely" not in status["summary"]
    assert "Next test, total b12" in status["detail"]
    assert orders(cards) == [ORDER_B12]
    (card,) = order_select(cds_url, dt.date(2025, 3, 1))
    assert card["summary"] == (
        "Metformin can lower B12: the last B12 result (2025-03-01) is not current; consider a "
        "baseline B12 test"
    )
    assert orders([card]) == [ORDER_B12]


@pytest.mark.parametrize("age_days", [0, 30, 360])
def test_a_recent_result_is_still_read_as_current(cds_url: str, age_days: int) -> None:
    day = CALL_DAY - dt.timedelta(days=age_days)
    status = status_card(patient_view(cds_url, day))
    assert status["summary"] == UNLIKELY
    assert "Not current" not in status["detail"]
    assert f"As of {CALL_DAY.isoformat()}" in status["detail"]
    assert order_select(cds_url, day) == []  # a current, adequate result: nothing to add


def test_the_assessment_follows_the_clock(cds_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    day = dt.date(2026, 11, 2)
    assert status_card(patient_view(cds_url, day))["summary"] == UNLIKELY
    later = dt.date(2028, 6, 1)  # the same chart opened 19 months after the result
    monkeypatch.setattr(clock, "today", lambda settings=None: later)
    status = status_card(patient_view(cds_url, day))
    assert "unlikely" not in status["summary"]
    assert f"As of {later.isoformat()}" in status["detail"]


def test_the_clock_reads_b12_today() -> None:
    day = dt.date(2031, 2, 3)
    assert machine_clock(Settings(today=day)) == day
    assert machine_clock(Settings(today=None)) == dt.date.today()


def test_a_result_dated_after_the_call_is_named_with_its_date(cds_url: str) -> None:
    # A result dated after the call cannot have been taken yet: the assessment stays on the day of
    # the call and the result is not read (red team round 16, D3), which the judgment says.
    later = CALL_DAY + dt.timedelta(days=10)
    status = status_card(patient_view(cds_url, later))
    assert f"As of {CALL_DAY.isoformat()} (the date of this request)" in status["detail"]
    assert later.isoformat() in status["detail"]
    assert "cannot have been taken yet" in status["detail"]
    assert "check the dates" in status["detail"]  # the judgment's own finding


def test_the_screening_card_says_what_the_screening_line_says(cds_url: str) -> None:
    """The card's reasoning is the screening line every interface shows: with diagnosed pernicious
    anaemia and no symptom, B12 is needed for life, so testing is not "worth discussing" (red team
    round 15b, 44)."""
    resources = [
        patient(PATIENT_ID, birth="1950-03-01"),
        {
            "resourceType": "Condition",
            "id": "c0",
            "clinicalStatus": coded(
                "active", "http://terminology.hl7.org/CodeSystem/condition-clinical"
            ),
            "verificationStatus": coded(
                "confirmed", "http://terminology.hl7.org/CodeSystem/condition-ver-status"
            ),
            "code": coded("84027009"),
            "subject": {"reference": f"Patient/{PATIENT_ID}"},
        },
    ]
    body = hook_request(prefetch=full_prefetch(resources))
    response = httpx.post(cds_url + PV, json=body, timeout=10)
    assert response.status_code == 200, response.text
    check_response(response.json())
    (card,) = [c for c in response.json()["cards"] if c["summary"].startswith("Consider B12")]
    assert "B12 is needed for life whatever a test shows" in card["detail"]
    assert "worth discussing" not in card["detail"]
