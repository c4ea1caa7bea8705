"""Text from the EHR record in cards: shown as typed, never as a link, an image or HTML.

The record's names reach a card through a real `b12 serve`; the card's detail is rendered with
cmarkgfm (GitHub's own cmark), as an EHR renders Markdown, and the rendered HTML is checked.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterator
from typing import Any

import cmarkgfm
import httpx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from b12.cds_hooks.text import markdown, one_line
from tests.cds_hooks.processes import b12_serve
from tests.cds_hooks.requests import PATIENT_ID, draft_orders, hook_request
from tests.fixtures.server import Server

PV = "/cds-services/b12-patient-view"
OS = "/cds-services/b12-order-select"
CONDITION = "pernicious anaemia [click me](javascript:alert(1)) <img src=x onerror=alert(1)>"
MEDICINE = "metformin [x](javascript:alert(2)) **bold** <script>alert(3)</script> www.evil.example"
TAG = re.compile(r"<(?!/?p>)[^>]*>")  # any tag but the paragraph's own


def rendered(detail: str) -> str:
    """The detail as an EHR shows it: GitHub-flavoured Markdown rendered to HTML."""
    return str(cmarkgfm.github_flavored_markdown_to_html(detail))


def shown_text(html_text: str) -> str:
    """The characters a reader sees in rendered HTML."""
    return html.unescape(re.sub(r"<[^>]*>", "", html_text))


def bundle(*resources: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": r} for r in resources],
    }


def hostile_prefetch() -> dict[str, Any]:
    subject = {"reference": f"Patient/{PATIENT_ID}"}
    patient = {
        "resourceType": "Patient",
        "id": PATIENT_ID,
        "gender": "female",
        "birthDate": "1952-06-01",
    }
    condition = {
        "resourceType": "Condition",
        "subject": subject,
        "code": {"text": CONDITION + "\n\n# heading\x07\u202e"},
        "clinicalStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": "active",
                }
            ]
        },
    }
    medicine = {
        "resourceType": "MedicationStatement",
        "status": "active",
        "subject": subject,
        "medicationCodeableConcept": {"text": MEDICINE},
        "effectivePeriod": {"start": "2019-01-10"},
    }
    return {
        "patient": patient,
        "labs": None,
        "medicationStatements": bundle(medicine),
        "medicationRequests": None,
        "conditions": bundle(condition),
        "procedures": None,
    }


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = b12_serve(tmp_path_factory.mktemp("cds-text"))
    yield running
    running.stop()


def assert_safe(card: dict[str, Any]) -> str:
    """The card's plain fields are one line; its detail renders without a link, image or tag."""
    for text in [card["summary"], *(s["label"] for s in card.get("suggestions", []))]:
        assert text == one_line(text) and len(text) < 140, text
    detail = card["detail"]
    assert "<img" not in detail and "<script" not in detail and "](javascript:" not in detail
    page = rendered(detail)
    assert not re.search(r"<(a|img|script|h\d)\b", page), page
    return shown_text(page)


def test_record_text_in_patient_view_cards_is_shown_not_run(server: Server) -> None:
    body = hook_request(prefetch=hostile_prefetch())
    response = httpx.post(server.url + PV, json=body, timeout=30)
    assert response.status_code == 200, response.text
    cards = response.json()["cards"]
    screening = next(c for c in cards if c["summary"].startswith("Consider B12 testing"))
    shown = assert_safe(screening)
    # Escaped, not dropped: the reader sees the record's words, on one line, as typed.
    assert CONDITION + " # heading" in shown
    assert MEDICINE in shown
    assert CONDITION + " # heading" in screening["summary"] or screening["summary"].endswith("…")
    for card in cards:
        assert_safe(card)


def test_record_text_in_an_order_select_card_is_one_line(server: Server) -> None:
    name = "omeprazole <img src=x onerror=alert(1)>\r\nsecond line\x1b[31m"
    context = {
        "userId": "Practitioner/example",
        "patientId": PATIENT_ID,
        "draftOrders": draft_orders(text=name),
    }
    body = hook_request("order-select", prefetch=hostile_prefetch(), context=context)
    response = httpx.post(server.url + OS, json=body, timeout=30)
    assert response.status_code == 200, response.text
    (card,) = response.json()["cards"]
    assert_safe(card)
    assert card["summary"].startswith("Omeprazole <img src=x onerror=alert(1)> second line [31m")


# Printable ASCII (every Markdown mark), some letters beyond it, and line breaks and controls.
RECORD_TEXT = st.text(
    st.sampled_from(string.printable + "äé€µ²\u00a0\u2028\u202e\x00\x07"), max_size=60
)


@given(RECORD_TEXT)
def test_any_record_text_renders_as_exactly_its_characters(text: str) -> None:
    # A bare e-mail address becomes a mailto: link in cmark-gfm whatever is escaped (documented).
    assume("@" not in text)
    page = rendered(markdown(text))
    assert not TAG.search(page), page
    assert shown_text(page).strip() == one_line(text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\r\nb\tc\x00d", "a b c d"),
        ("  spaced \u2028 out  ", "spaced out"),
        ("left\u202eright", "leftright"),
    ],
)
def test_one_line(text: str, shown: str) -> None:
    assert one_line(text) == shown
