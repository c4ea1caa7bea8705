"""Request bodies over the size limit are refused with a 413 problem: API imports and web uploads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from b12.api.app import create_app
from b12.data.person_file import MAX_BYTES
from b12.settings import Settings

LIMIT = 2_000


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'b12.sqlite3'}", max_body_bytes=LIMIT)
    with TestClient(create_app(settings)) as http:
        yield http


def _person(padding: int) -> dict[str, object]:
    return {"label": "L-1", "person": {"age": 70, "sex": "male", "conditions": ["x" * padding]}}


def test_the_default_limit_is_the_person_file_limit(tmp_path: Path) -> None:
    assert Settings(database_url="sqlite://").max_body_bytes == MAX_BYTES == 5_000_000


def test_an_api_import_over_the_limit_is_a_413_problem(client: TestClient) -> None:
    small = client.post("/api/persons/import", json=_person(10))
    assert small.status_code == 201
    big = client.post("/api/persons/import", json=_person(LIMIT))
    assert big.status_code == 413
    assert big.headers["content-type"].startswith("application/problem+json")
    assert big.json()["type"].endswith("#too-large")
    assert big.json()["detail"] == "the request body is larger than the limit of 2,000 bytes"


def test_a_streamed_body_without_content_length_is_counted(client: TestClient) -> None:
    body = json.dumps(_person(LIMIT)).encode()
    chunks = iter([body[:1000], body[1000:]])  # a generator body is sent chunked
    response = client.post(
        "/api/assess", content=chunks, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_a_web_upload_over_the_limit_is_a_413_page(client: TestClient) -> None:
    page = client.get("/persons")
    csrf = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    content = json.dumps({"age": 70, "sex": "male", "conditions": ["x" * LIMIT]}).encode()
    response = client.post(
        "/persons/import",
        data={"csrf_token": csrf, "label": "W-1"},
        files={"file": ("big.json", content, "application/json")},
    )
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "larger than the limit of 2,000 bytes" in response.text
