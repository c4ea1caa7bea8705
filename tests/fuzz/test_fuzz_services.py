"""FHIR bundles, CDS Hooks requests and API payloads: a result or a clean refusal, never a crash."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from b12.api.app import create_app
from b12.cds_hooks.definitions import ORDER_SELECT, PATIENT_VIEW
from b12.cds_hooks.handlers import call_service
from b12.errors import B12Error
from b12.fhir.reader import read_bundle
from b12.settings import Settings
from tests.cds_hooks.requests import draft_orders, full_prefetch, hook_request
from tests.fhir.bundles import example
from tests.fixtures.server import JSON_POST
from tests.fuzz.conftest import FUZZ_SETTINGS
from tests.fuzz.strategies import TALLY, json_values, mutated
from tests.fuzz.test_fuzz_files import PEOPLE

BUNDLES = [example("metformin-74y-borderline.bundle.json"), example("unknown-codes.bundle.json")]
HOOKS = [
    hook_request(prefetch=full_prefetch()),
    hook_request(
        "order-select",
        prefetch=full_prefetch(),
        context={
            "userId": "Practitioner/example",
            "patientId": "example-74y",
            "draftOrders": draft_orders(
                {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "6809"},
                text="metformin",
            ),
        },
    ),
]
SERVICES = [PATIENT_VIEW, ORDER_SELECT, "nope"]
PEOPLE_JSON = [json.loads(json.dumps(p, default=str)) for p in PEOPLE]


@FUZZ_SETTINGS
@given(st.one_of(st.sampled_from(BUNDLES).flatmap(mutated), json_values()))
def test_fuzz_fhir_bundle(data: Any) -> None:
    TALLY["fhir_bundle"] += 1
    with contextlib.suppress(B12Error):
        read_bundle(data)


@FUZZ_SETTINGS
@given(
    st.sampled_from(SERVICES),
    st.one_of(
        st.sampled_from(HOOKS).flatmap(mutated).map(lambda d: json.dumps(d).encode()),
        json_values().map(lambda d: json.dumps(d).encode()),
        st.binary(max_size=40),
    ),
)
def test_fuzz_cds_hooks_request(service: str, body: bytes) -> None:
    TALLY["cds_hooks_request"] += 1
    status, reply = call_service(service, body, Settings())
    assert status in (200, 400, 404, 412), reply
    assert status == 200 or reply["detail"]


@pytest.fixture(scope="module")
def api() -> Iterator[TestClient]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite:///{Path(folder) / 'fuzz.sqlite3'}")
        with TestClient(create_app(settings), raise_server_exceptions=False) as client:
            yield client


def _checked(response: Any) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["detail"]


@FUZZ_SETTINGS
@given(st.one_of(st.sampled_from(PEOPLE_JSON).flatmap(mutated), json_values()))
def test_fuzz_api_assess(api: TestClient, payload: Any) -> None:
    TALLY["api_assess"] += 1
    _checked(api.post("/api/assess", content=json.dumps(payload)))


@FUZZ_SETTINGS
@given(st.one_of(st.sampled_from(PEOPLE_JSON).flatmap(mutated), json_values()))
def test_fuzz_api_import(api: TestClient, person: Any) -> None:
    TALLY["api_import"] += 1
    response = api.post(
        "/api/persons/import", content=json.dumps({"label": "F-1", "person": person})
    )
    _checked(response)
    if response.status_code == 201:
        person_id = response.json()["id"]
        _checked(api.post(f"/api/persons/{person_id}/assessments", headers=JSON_POST))
        _checked(api.delete(f"/api/persons/{person_id}"))
