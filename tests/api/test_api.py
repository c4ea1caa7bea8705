"""Every API route through a real uvicorn server: results, problem details and the OpenAPI text."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

import b12.cli.main  # noqa: F401  (registers every rule, as the `b12 serve` process does)
from b12.core.catalog import all_rules
from b12.data.person_file import load_person
from b12.reports.json_report import assessment_document
from b12.services.assess import assess_file
from tests.conftest import EXAMPLES, PERSON_EXAMPLES
from tests.fixtures.server import JSON_POST

PROBLEM = "application/problem+json"
# The API takes inline diaries only: a person file naming a diary file is tested separately.
EXAMPLE_FILES = [p for p in PERSON_EXAMPLES if load_person(p).diary is None]
PANEL = [
    {"analyte": "b12", "value": 250, "unit": "pg/mL", "date": "2026-03-01"},
    {"analyte": "mma", "value": 410, "unit": "nmol/L", "date": "2026-03-01"},
]


def assert_problem(response: httpx.Response, status: int, field: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys() and body["status"] == status
    if field is not None:
        assert body["field"] == field, body
    return body


def new_person(client: httpx.Client, label: str = "P-1", **extra: object) -> dict:
    response = client.post(
        "/api/persons", json={"label": label, "age": 70, "sex": "female", **extra}
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_health_and_rules(client: httpx.Client) -> None:
    assert client.get("/api/health").json() == {"status": "ok"}
    rules = client.get("/api/rules").json()
    assert [r["id"] for r in rules] == sorted(all_rules())
    assert all(r["evidence"] in {"verified", "secondary", "unverified"} for r in rules)


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name)
def test_assess_gives_the_same_document_as_the_cli(client: httpx.Client, example: Path) -> None:
    person = load_person(example).model_dump(mode="json")
    response = client.post("/api/assess", json=person)
    assert response.status_code == 200, response.text
    assert response.json() == assessment_document(assess_file(example))


@pytest.mark.parametrize(
    ("body", "field", "detail"),
    [
        ({"sex": "female"}, "age", "Field required"),
        ({"age": 70, "sex": "other"}, "sex", "'female' or 'male'"),
        ({"age": 70, "sex": "male", "shoe_size": 44}, "shoe_size", "unknown field"),
        (
            {
                "age": 70,
                "sex": "male",
                "labs": [{"analyte": "mma", "value": 250, "unit": "umol/L"}],
            },
            "labs[0]",
            "was it 250 nmol/L?",
        ),
        (
            {"age": 70, "sex": "male", "labs": [{"analyte": "b12", "value": 1, "unit": "furlong"}]},
            "labs[0]",
            "accepted: pmol/L, pg/mL (= ng/L)",
        ),
        (  # a lab may be a number or an antibody result: the error names the member it nears
            {
                "age": 70,
                "sex": "male",
                "labs": [{"analyte": "intrinsic_factor_antibody", "value": "posit"}],
            },
            "labs[0].value",
            "'positive', 'negative' or 'equivocal'",
        ),
    ],
)
def test_bad_input_is_a_problem_naming_the_field(
    client: httpx.Client, body: dict, field: str, detail: str
) -> None:
    problem = assert_problem(client.post("/api/assess", json=body), 422, field)
    assert detail in problem["detail"]


def test_a_problem_names_every_problem(client: httpx.Client) -> None:
    body = {"age": 300, "sex": "other", "muscle": {"weight_kg": 0.2, "height_m": 0.1}}
    problem = assert_problem(client.post("/api/assess", json=body), 422, "age")
    assert problem["detail"].startswith("Input should be less than or equal to 125, got 300; ")
    assert "; sex: Input should be 'female' or 'male', got 'other'" in problem["detail"]
    assert (
        "; muscle.weight_kg: " in problem["detail"] and "; muscle.height_m: " in problem["detail"]
    )
    assert "more problem" not in problem["detail"]


def test_malformed_json_is_a_problem(client: httpx.Client) -> None:
    response = client.post(
        "/api/assess", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert_problem(response, 422)


def test_persons_crud_and_search(client: httpx.Client) -> None:
    person = new_person(client, "CRUD-Alpha", medications=[{"name": "metformin"}])
    new_person(client, "CRUD-Beta")
    assert client.get(f"/api/persons/{person['id']}").json() == person
    found = client.get("/api/persons", params={"q": "crud-al"}).json()
    assert [p["label"] for p in found] == ["CRUD-Alpha"]
    changed = client.patch(f"/api/persons/{person['id']}", json={"age": 71, "diet": "vegan"})
    assert changed.status_code == 200 and changed.json()["age"] == 71
    assert changed.json()["diet"] == "vegan" and changed.json()["label"] == "CRUD-Alpha"
    assert client.delete(f"/api/persons/{person['id']}").status_code == 204
    assert_problem(client.get(f"/api/persons/{person['id']}"), 404)
    assert_problem(client.delete(f"/api/persons/{person['id']}"), 404)


def test_import_a_person_file_with_its_labs(client: httpx.Client) -> None:
    person = load_person(EXAMPLES / "metformin-74y-borderline.json").model_dump(mode="json")
    created = client.post("/api/persons/import", json={"label": "IMPORT-1", "person": person})
    assert created.status_code == 201, created.text
    imported = created.json()
    assert imported["label"] == "IMPORT-1" and imported["age"] == person["age"]
    labs = client.get(f"/api/persons/{imported['id']}/labs").json()
    assert len(labs) == len(person["labs"])
    stored = client.post(f"/api/persons/{imported['id']}/assessments", headers=JSON_POST).json()
    # The stored person keeps the file's visit date: its assessment is the file's.
    assert stored["result"] == client.post("/api/assess", json=person).json()
    undated = {**person, "labs": [{k: v for k, v in person["labs"][0].items() if k != "date"}]}
    response = client.post("/api/persons/import", json={"label": "IMPORT-2", "person": undated})
    assert_problem(response, 422, "labs[0].date")
    wrong = {**person, "labs": [{**person["labs"][0], "unit": "kg"}]}
    response = client.post("/api/persons/import", json={"label": "IMPORT-3", "person": wrong})
    assert_problem(response, 422, "labs[0]")
    bad_muscle = {**person, "muscle": {"asm_method": "dxa"}}
    response = client.post("/api/persons/import", json={"label": "IMPORT-4", "person": bad_muscle})
    assert "give asm_kg too" in assert_problem(response, 422, "muscle.asm_method")["detail"]
    listed = client.get("/api/persons", params={"q": "IMPORT-"}).json()
    assert [p["label"] for p in listed] == ["IMPORT-1"]


def test_import_keeps_symptoms_and_the_assessment_reads_them(client: httpx.Client) -> None:
    person = load_person(EXAMPLES / "metformin-74y-borderline.json").model_dump(mode="json")
    person["symptoms"] = ["fatigue", "tingling feet"]
    created = client.post("/api/persons/import", json={"label": "SYMPT-1", "person": person})
    assert created.status_code == 201, created.text
    assert created.json()["symptoms"] == ["fatigue", "tingling feet"]
    stored = client.post(
        f"/api/persons/{created.json()['id']}/assessments", headers=JSON_POST
    ).json()
    assert stored["input"]["symptoms"] == ["fatigue", "tingling feet"]
    assert stored["result"] == client.post("/api/assess", json=person).json()


def test_person_input_problems(client: httpx.Client) -> None:
    assert_problem(client.post("/api/persons", json={"age": 70, "sex": "male"}), 422, "label")
    male = new_person(client, "M-1", sex="male")
    response = client.patch(f"/api/persons/{male['id']}", json={"pregnant": True})
    assert "pregnant" in assert_problem(response, 422)["detail"]
    assert_problem(client.patch(f"/api/persons/{male['id']}", json={"age": -3}), 422, "age")
    assert_problem(client.get("/api/persons/not-a-number"), 422, "person_id")


def test_labs_of_a_person(client: httpx.Client) -> None:
    person = new_person(client, "LABS-1")
    response = client.post(f"/api/persons/{person['id']}/labs", json=PANEL)
    assert response.status_code == 201, response.text
    labs = client.get(f"/api/persons/{person['id']}/labs").json()
    assert [(x["value"], x["unit"]) for x in labs] == [(250, "pg/mL"), (410, "nmol/L")]
    assert labs[0]["canonical_value"] == pytest.approx(184.5)
    assert labs[1]["canonical_unit"] == "µmol/L"
    bad = [PANEL[0], {**PANEL[1], "unit": "mg"}]
    assert_problem(client.post(f"/api/persons/{person['id']}/labs", json=bad), 422, "body[1]")
    no_date = [{k: v for k, v in PANEL[0].items() if k != "date"}]
    assert_problem(
        client.post(f"/api/persons/{person['id']}/labs", json=no_date), 422, "body[0].date"
    )
    assert len(client.get(f"/api/persons/{person['id']}/labs").json()) == 2  # nothing half-written
    assert client.delete(f"/api/persons/{person['id']}/labs/{labs[1]['id']}").status_code == 204
    assert_problem(client.delete(f"/api/persons/{person['id']}/labs/{labs[1]['id']}"), 404)
    assert_problem(client.post("/api/persons/999999/labs", json=PANEL), 404)
    assert_problem(client.get("/api/persons/999999/labs"), 404)


def test_measurements_of_a_person(client: httpx.Client) -> None:
    person = new_person(client, "MUSCLE-1")
    url = f"/api/persons/{person['id']}/measurements"
    grip = {"kind": "grip_strength", "value": 17.5, "unit": "kg", "date": "2026-03-01"}
    created = client.post(url, json=[grip])
    assert created.status_code == 201, created.text
    listed = client.get(url).json()
    assert [(m["kind"], m["value"], m["unit"]) for m in listed] == [("grip_strength", 17.5, "kg")]
    assert_problem(client.post(url, json=[{**grip, "value": -1}]), 422, "body[0].value")
    assert_problem(client.post(url, json=[{**grip, "kind": "Grip Strength"}]), 422, "body[0].kind")
    assert client.delete(f"{url}/{listed[0]['id']}").status_code == 204
    assert_problem(client.delete(f"{url}/{listed[0]['id']}"), 404)
    assert_problem(client.get("/api/persons/999999/measurements"), 404)


def test_assessments_of_a_person(client: httpx.Client) -> None:
    person = new_person(client, "ASSESS-1", medications=[{"name": "metformin"}])
    client.post(f"/api/persons/{person['id']}/labs", json=PANEL)
    created = client.post(f"/api/persons/{person['id']}/assessments", headers=JSON_POST)
    # 200: adding the results already kept this assessment (for the worklist); nothing changed
    assert created.status_code == 200, created.text
    stored = created.json()
    # B12 250 pg/mL is indeterminate but MMA 0.41 µmol/L is raised: the judgment (issue 12) is a
    # possible functional deficiency, to be seen soon (the old per-marker reading said
    # "indeterminate")
    judgment = stored["result"]["status"]["judgment"]
    assert (judgment["level"], judgment["urgency"]) == ("possible_functional_deficiency", "soon")
    assert stored["shown"] == "as_stored" and stored["stored_result"] is None
    assert stored["rule_ids"] == stored["result"]["status"]["rules"]
    assert stored["input"]["labs"][0]["unit"] == "pg/mL" and stored["b12_version"]
    again = client.get(f"/api/persons/{person['id']}/assessments/{stored['id']}").json()
    assert again == stored
    listed = client.get(f"/api/persons/{person['id']}/assessments").json()
    assert [a["id"] for a in listed] == [stored["id"]]
    assert_problem(client.get(f"/api/persons/{person['id']}/assessments/999999"), 404)
    assert_problem(client.post("/api/persons/999999/assessments", headers=JSON_POST), 404)


def test_unknown_route_and_method_are_problems(client: httpx.Client) -> None:
    assert_problem(client.get("/api/nothing-here"), 404)
    assert_problem(client.put("/api/rules"), 405)


def test_openapi_documents_every_route_with_examples(client: httpx.Client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "/cds-services" in spec["paths"]  # the CDS Hooks service, served on loopback
    assert {p for p in spec["paths"] if p.startswith("/api")} == {
        "/api/assess",
        "/api/rules",
        "/api/health",
        "/api/persons",
        "/api/persons/{person_id}",
        "/api/persons/import",
        "/api/persons/{person_id}/labs",
        "/api/persons/{person_id}/labs/{lab_id}",
        "/api/persons/{person_id}/antibodies",
        "/api/persons/{person_id}/antibodies/{antibody_id}",
        "/api/persons/{person_id}/measurements",
        "/api/persons/{person_id}/measurements/{measurement_id}",
        "/api/persons/{person_id}/diary",
        "/api/persons/{person_id}/diary/{entry_id}",
        "/api/persons/{person_id}/diary/supplements",
        "/api/persons/{person_id}/diary/supplements/{supplement_id}",
        "/api/foods/search",
        "/api/persons/{person_id}/assessments",
        "/api/persons/{person_id}/assessments/{assessment_id}",
        "/api/persons/{person_id}/assessments/{assessment_id}/report.pdf",
        "/api/persons/{person_id}/menu",
    }
    assess = spec["paths"]["/api/assess"]["post"]
    assert assess["summary"] and "examples" in str(assess["requestBody"])
    assert "examples" in str(spec["components"]["schemas"]["PersonCreate"])
    assert client.get("/api/docs").status_code == 200


def test_b12_serve_offers_the_cds_hooks_service_on_loopback(client: httpx.Client) -> None:
    response = client.get("/cds-services")
    assert response.status_code == 200
    assert {s["hook"] for s in response.json()["services"]} == {"patient-view", "order-select"}


def test_assess_with_a_diary_path_is_refused_and_inline_entries_feed_the_plan(
    client: httpx.Client,
) -> None:
    person = {
        "age": 68,
        "sex": "male",
        "diet": "vegan",
        "labs": [{"analyte": "b12", "value": 110, "unit": "pmol/L"}],
    }
    refused = client.post("/api/assess", json={**person, "diary": "diary.csv"})
    assert_problem(refused, 422, "diary")
    diary = {
        "entries": [{"date": "2026-11-07", "food": "ndb:08020", "amount": "40 g"}],
        "supplements": [{"supplement": "cyanocobalamin", "ug_per_dose": 2000, "doses_per_week": 1}],
    }
    response = client.post("/api/assess", json={**person, "diary": diary})
    assert response.status_code == 200, response.text
    assert response.json()["intake"]["ug_per_day"] > 200
