"""The example requests in docs/cds-hooks.md are valid and give the answers the page describes."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx

from b12.cds_hooks.models import Feedback, HookRequest
from tests.cds_hooks.spec import check_response
from tests.conftest import REPO

DOC = (REPO / "docs" / "cds-hooks.md").read_text(encoding="utf-8")


def json_blocks() -> list[dict[str, Any]]:
    return [json.loads(b) for b in re.findall(r"```json\n(.*?)```", DOC, flags=re.DOTALL)]


def test_every_json_example_is_a_valid_request() -> None:
    blocks = json_blocks()
    assert len(blocks) == 4
    for block in blocks[:3]:
        HookRequest.model_validate(block)
    Feedback.model_validate(blocks[3])


def test_documented_answers(cds_url: str) -> None:
    patient_view, _, order_select, _ = json_blocks()
    doc = httpx.post(cds_url + "/cds-services/b12-patient-view", json=patient_view).json()
    check_response(doc)
    (card,) = doc["cards"]
    assert card["summary"].startswith("Consider B12 testing: 74 y, metformin for ")
    assert card["summary"].endswith(", no B12 result on record")
    assert card["suggestions"][0]["label"] == "Order Serum vitamin B12"
    assert "Consider B12 testing: 74 y, metformin for 6 years, no B12 result on record" in DOC
    doc = httpx.post(cds_url + "/cds-services/b12-order-select", json=order_select).json()
    check_response(doc)
    assert doc["cards"][0]["summary"].startswith("Metformin can lower B12")
