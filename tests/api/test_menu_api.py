"""`GET /api/persons/{id}/menu` on a real server: a stored person's menu, and short errors."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from b12.api.menu_schemas import MenuDocument
from b12.cli.main import main


def test_menu_of_a_stored_person_is_the_cli_document(client: httpx.Client) -> None:
    person = {
        "age": 78,
        "sex": "female",
        "diet": "vegetarian",
        "muscle": {"weight_kg": 58, "height_m": 1.58},
    }
    created = client.post("/api/persons/import", json={"label": "MENU-1", "person": person})
    assert created.status_code == 201, created.text
    person_id = created.json()["id"]
    answer = client.get(
        f"/api/persons/{person_id}/menu", params={"days": 2, "exclude": ["peanut", "egg"]}
    )
    assert answer.status_code == 200, answer.text
    doc = answer.json()
    assert doc["feasible"] is True
    assert len(doc["days"]) == 2
    # The stored weight and height reach the targets: protein floor and Mifflin-St Jeor energy.
    assert any(t.startswith("protein at least 58 g") for t in doc["targets"]), doc["targets"]
    assert any("Mifflin-St Jeor" in t for t in doc["targets"])
    assert all(c["passed"] for c in doc["verification"])
    names = " ".join(f["name"] for d in doc["days"] for m in d["meals"] for f in m["foods"])
    assert "Egg" not in names and "Peanut" not in names
    assert any("Check the label" in n for n in doc["notes"])


def test_bad_days_and_unknown_person_are_short_problems(client: httpx.Client) -> None:
    too_many = client.get("/api/persons/1/menu", params={"days": 40})
    assert too_many.status_code == 422
    assert len(too_many.text) < 2000
    missing = client.get("/api/persons/999999/menu")
    assert missing.status_code == 404


EXAMPLES = sorted(Path("examples").glob("*.json")) + sorted(Path("examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_the_menu_model_holds_the_cli_json_of_every_example(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`b12 menu --json` of each example validates against MenuDocument, nothing lost or added."""
    code = main(["menu", str(example), "--days", "2", "--json"])
    produced = json.loads(capsys.readouterr().out)
    assert code == (0 if produced["feasible"] else 1)
    model = MenuDocument.model_validate(produced)
    assert model.model_dump(mode="json", exclude_unset=True) == produced


def test_openapi_documents_the_menu_response_with_an_example(client: httpx.Client) -> None:
    document = client.get("/api/openapi.json").json()
    get = document["paths"]["/api/persons/{person_id}/menu"]["get"]
    ok = get["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/MenuDocument"}
    schema = document["components"]["schemas"]["MenuDocument"]
    assert schema["examples"] and schema["additionalProperties"] is False
    MenuDocument.model_validate(schema["examples"][0])
    for code in ("404", "422"):
        assert list(get["responses"][code]["content"]) == ["application/problem+json"]


def test_the_route_answers_the_cli_document_for_the_same_person(
    client: httpx.Client, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path("examples/metformin-74y-borderline.json")
    person = json.loads(path.read_text())
    created = client.post("/api/persons/import", json={"label": "MENU-2", "person": person})
    assert created.status_code == 201, created.text
    answer = client.get(f"/api/persons/{created.json()['id']}/menu", params={"days": 2})
    assert answer.status_code == 200, answer.text
    assert main(["menu", str(path), "--days", "2", "--json"]) == 0
    assert answer.json() == json.loads(capsys.readouterr().out)
    MenuDocument.model_validate(answer.json())


def test_a_bad_exclusion_is_a_short_problem(client: httpx.Client) -> None:
    created = client.post(
        "/api/persons/import", json={"label": "MENU-3", "person": {"age": 40, "sex": "male"}}
    )
    answer = client.get(f"/api/persons/{created.json()['id']}/menu", params={"exclude": " "})
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["field"] == "exclude"
