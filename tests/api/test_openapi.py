"""The served OpenAPI document says what the server does: problem details, typed bodies, ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from b12.api.schemas import AssessmentDocument
from b12.data.person_file import load_person
from b12.reports.json_report import assessment_document
from b12.services.assess import assess_file
from b12.services.records import assess_document

EXAMPLES = sorted(Path("examples").glob("*.json")) + sorted(Path("examples").glob("*.yaml"))
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def document(server: Any) -> dict[str, Any]:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        response = http.get("/api/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def test_operation_ids_are_the_function_names_and_unique(document: dict[str, Any]) -> None:
    ids = [operation["operationId"] for _, _, operation in _operations(document)]
    assert len(ids) == len(set(ids))
    assert "get_measurement" in ids and "assess" in ids
    assert all(len(i) <= 30 and "__" not in i and not i.endswith("_get") for i in ids), ids


def test_no_options_routes_and_no_fastapi_validation_model(document: dict[str, Any]) -> None:
    assert all(method != "options" for method, _, _ in _operations(document))
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_every_error_is_a_documented_problem(document: dict[str, Any]) -> None:
    assert set(document["components"]["schemas"]["Problem"]["required"]) == {
        "type",
        "title",
        "status",
        "detail",
    }
    for method, path, operation in _operations(document):
        codes = set(operation["responses"])
        if path.startswith("/api/"):
            assert {"401", "403", "422", "503"} <= codes, (method, path)
        if "{" in path:
            assert "404" in codes, (method, path)
        if method == "post":
            assert {"400", "415"} <= codes, (method, path)
        for code, response in operation["responses"].items():
            if int(code) >= 400:
                assert list(response["content"]) == [PROBLEM], (method, path, code)


def test_assess_and_rules_are_typed_with_an_example(document: dict[str, Any]) -> None:
    assess = document["paths"]["/api/assess"]["post"]
    ok = assess["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/AssessmentDocument"}
    rules = document["paths"]["/api/rules"]["get"]["responses"]["200"]["content"]
    assert rules["application/json"]["schema"]["items"] == {
        "$ref": "#/components/schemas/RuleEntry"
    }
    stored = document["components"]["schemas"]["StoredAssessment"]["properties"]["result"]
    assert {"$ref": "#/components/schemas/AssessmentDocument"} in stored["anyOf"]


def _has_examples(schema: dict[str, Any], components: dict[str, Any]) -> bool:
    if "examples" in schema:
        return True
    if "$ref" in schema:
        return _has_examples(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    return "items" in schema and _has_examples(schema["items"], components)


def test_every_request_body_has_an_example(document: dict[str, Any]) -> None:
    components = document["components"]["schemas"]
    for method, path, operation in _operations(document):
        if "requestBody" in operation:
            schema = operation["requestBody"]["content"]["application/json"]["schema"]
            assert _has_examples(schema, components), (method, path)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_the_assessment_model_round_trips_every_example(example: Path) -> None:
    """The documented model holds the whole `b12 assess --json` document, nothing lost or added."""
    produced = assessment_document(assess_file(example))
    assert AssessmentDocument.model_validate(produced).model_dump(mode="json") == produced


def test_assess_answers_with_the_documented_shape(client: httpx.Client) -> None:
    person = yaml.safe_load(Path("examples/metformin-74y-borderline.json").read_text())
    response = client.post("/api/assess", json=person)
    assert response.status_code == 200, response.text
    AssessmentDocument.model_validate(response.json())
    assert response.json() == json.loads(
        json.dumps(assess_document(load_person(Path("examples/metformin-74y-borderline.json"))))
    )


def test_person_changes_document_which_fields_may_be_null(
    document: dict[str, Any], client: httpx.Client
) -> None:
    """Only `diet`, `assessed_on`, `dialysis`, `gestational_age_weeks` and `ethnicity` can be
    cleared; the document must not offer null elsewhere."""
    fields = document["components"]["schemas"]["PersonUpdate"]["properties"]
    nullable = {
        name for name, field in fields.items() if {"type": "null"} in field.get("anyOf", [])
    }
    assert nullable == {"diet", "assessed_on", "dialysis", "gestational_age_weeks", "ethnicity"}
    person = client.post("/api/persons", json={"label": "NULL-1", "age": 70, "sex": "male"}).json()
    refused = client.patch(f"/api/persons/{person['id']}", json={"age": None})
    assert refused.status_code == 422 and refused.json()["field"] == "age"
    assert client.patch(f"/api/persons/{person['id']}", json={"diet": None}).status_code == 200
