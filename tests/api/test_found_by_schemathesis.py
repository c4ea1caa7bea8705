"""Requests Schemathesis found answered with a 500, each now a clean 4xx problem."""

from __future__ import annotations

import httpx
import pytest


@pytest.fixture
def person_url(client: httpx.Client) -> str:
    made = client.post("/api/persons", json={"label": "ST-1", "age": 70, "sex": "female"})
    assert made.status_code == 201, made.text
    return f"/api/persons/{made.json()['id']}"


@pytest.mark.parametrize("field", ["label", "age", "sex", "pregnant", "breastfeeding"])
def test_a_patch_setting_a_required_field_to_null_is_invalid_input(
    client: httpx.Client, person_url: str, field: str
) -> None:
    answer = client.patch(person_url, json={field: None})
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field
    assert client.patch(person_url, json={"diet": None}).status_code == 200  # diet can be cleared


@pytest.mark.parametrize("suffix", ["", "/labs", "/measurements", "/assessments", "/assessments/1"])
def test_an_id_too_large_for_any_database_is_not_found(client: httpx.Client, suffix: str) -> None:
    answer = client.get(f"/api/persons/{2**64}{suffix}")
    assert answer.status_code == 404, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
