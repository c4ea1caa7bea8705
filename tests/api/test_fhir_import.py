"""POST /api/persons/import and the web upload accept a FHIR R4 Bundle and report unused items."""

from __future__ import annotations

import json

import httpx
import pytest

from b12.services.inputs import parse_input
from tests.api.test_api import assert_problem
from tests.conftest import EXAMPLES
from tests.fixtures.server import TEST_TODAY
from tests.web.test_pages import csrf

BUNDLE = EXAMPLES / "fhir" / "unknown-codes.bundle.json"
CLEAN = EXAMPLES / "fhir" / "metformin-74y-borderline.bundle.json"


def test_a_fhir_bundle_is_imported_with_its_unused_items(client: httpx.Client) -> None:
    bundle = json.loads(BUNDLE.read_text(encoding="utf-8"))
    # The records judge a stored person as of the server's today, so its age is taken then too.
    expected = parse_input(bundle, as_of=TEST_TODAY)
    created = client.post("/api/persons/import", json={"label": "FHIR-1", "person": bundle})
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["format"] == "fhir"
    assert body["age"] == pytest.approx(expected.person.age, abs=0.01)
    assert [(n["resource"], n["kind"]) for n in body["unused"]] == [
        (n.resource, n.kind) for n in expected.notes
    ]
    assert body["unused"] and any(n["kind"] == "unmapped" for n in body["unused"])
    labs = client.get(f"/api/persons/{body['id']}/labs").json()
    assert len(labs) == len(expected.person.labs)


def test_each_import_reports_its_format(client: httpx.Client) -> None:
    bundle = json.loads(CLEAN.read_text(encoding="utf-8"))
    created = client.post("/api/persons/import", json={"label": "FHIR-2", "person": bundle})
    assert created.status_code == 201, created.text
    assert created.json()["format"] == "fhir"
    person = json.loads((EXAMPLES / "metformin-74y-borderline.json").read_text(encoding="utf-8"))
    plain = client.post("/api/persons/import", json={"label": "FILE-2", "person": person})
    assert plain.status_code == 201, plain.text
    assert plain.json()["format"] == "person" and plain.json()["unused"] == []
    broken = {"resourceType": "Bundle", "type": "collection", "entry": []}
    assert_problem(client.post("/api/persons/import", json={"label": "F-3", "person": broken}), 422)


def test_the_web_upload_takes_a_bundle_and_lists_what_was_not_used(client: httpx.Client) -> None:
    token = csrf(client)
    files = {"file": (BUNDLE.name, BUNDLE.read_bytes(), "application/json")}
    response = client.post(
        "/persons/import", data={"csrf_token": token, "label": "FHIR-WEB-1"}, files=files
    )
    assert response.status_code == 201, response.text
    assert 'id="unused"' in response.text and "imported from a FHIR Bundle" in response.text
    link = response.text.split('<a href="')[-1].split('"')[0]
    assert "FHIR-WEB-1" in client.get(link).text
