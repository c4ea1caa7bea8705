"""Records through the API: person-file import round trips, corrections (PUT) and diary supplements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic_core import to_jsonable_python

from b12.reports.json_report import assessment_document
from b12.services.assess import assess_file
from tests.api.test_api import assert_problem, new_person
from tests.conftest import EXAMPLES, PERSON_EXAMPLES
from tests.fixtures.server import JSON_POST
from tests.store import test_import_store


def file_data(path: Path) -> Any:
    """A person file as JSON, with the diary file it names inline (as a client would send it)."""
    return to_jsonable_python(test_import_store.file_data(path))


GRIP = {"kind": "grip_strength", "value": 45, "unit": "kg", "date": "2026-03-01"}


@pytest.mark.parametrize("example", PERSON_EXAMPLES, ids=lambda p: p.name)
def test_an_imported_example_is_assessed_as_b12_assess_does(
    client: httpx.Client, example: Path
) -> None:
    body = {"label": f"RT-{example.stem}"[:80], "person": file_data(example)}
    created = client.post("/api/persons/import", json=body)
    assert created.status_code == 201, created.text
    stored = client.post(f"/api/persons/{created.json()['id']}/assessments", headers=JSON_POST)
    assert stored.status_code == 201, stored.text
    assert stored.json()["result"] == assessment_document(assess_file(example))


def test_import_answers_with_assessed_on_and_the_muscle_block_is_listed(
    client: httpx.Client,
) -> None:
    data = file_data(EXAMPLES / "older-adult-probable-sarcopenia-low-b12.yaml")
    data["assessed_on"] = "2026-11-20"
    created = client.post("/api/persons/import", json={"label": "IMP-M", "person": data}).json()
    assert created["assessed_on"] == "2026-11-20"
    listed = client.get(f"/api/persons/{created['id']}/measurements").json()
    assert listed and {m["date"] for m in listed} == {"2026-11-20"}
    assert {m["kind"] for m in listed} >= {"grip_strength"}
    cleared = client.patch(f"/api/persons/{created['id']}", json={"assessed_on": None})
    assert cleared.status_code == 200 and cleared.json()["assessed_on"] is None
    no_symptoms = client.patch(f"/api/persons/{created['id']}", json={"symptoms": None})
    assert "cannot be null" in assert_problem(no_symptoms, 422, "symptoms")["detail"]


def muscle_stage(client: httpx.Client, person_id: int) -> object:
    stored = client.post(f"/api/persons/{person_id}/assessments", headers=JSON_POST).json()
    return stored["result"]["muscle"]


def test_a_mistyped_grip_strength_is_corrected_then_deleted(client: httpx.Client) -> None:
    person = new_person(client, "PUT-GRIP")
    url = f"/api/persons/{person['id']}/measurements"
    (typed,) = client.post(url, json=[GRIP]).json()
    before = muscle_stage(client, person["id"])
    corrected = client.put(f"{url}/{typed['id']}", json={**GRIP, "value": 14.5})
    assert corrected.status_code == 200, corrected.text
    assert corrected.json() == {**typed, "value": 14.5}
    assert client.get(f"{url}/{typed['id']}").json()["value"] == 14.5
    assert muscle_stage(client, person["id"]) != before  # 14.5 kg is low strength, 45 was not
    too_strong = assert_problem(
        client.put(f"{url}/{typed['id']}", json={**GRIP, "value": 400}), 422
    )
    assert too_strong["field"] == "value"
    assert "grip_strength 400 kg" in too_strong["detail"] and "150" in too_strong["detail"]
    pounds = assert_problem(client.put(f"{url}/{typed['id']}", json={**GRIP, "unit": "lb"}), 422)
    assert pounds["field"] == "unit" and "recorded in kg" in pounds["detail"]
    assert_problem(client.put(f"{url}/{typed['id']}", json={**GRIP, "value": -1}), 422, "value")
    other = new_person(client, "PUT-OTHER")
    assert_problem(
        client.put(f"/api/persons/{other['id']}/measurements/{typed['id']}", json=GRIP), 404
    )
    assert client.get(f"{url}/{typed['id']}").json()["value"] == 14.5  # refusals changed nothing
    assert client.delete(f"{url}/{typed['id']}").status_code == 204
    assert_problem(client.get(f"{url}/{typed['id']}"), 404)
    assert_problem(client.put(f"{url}/{typed['id']}", json=GRIP), 404)


def test_measurements_that_the_assessment_reads_are_checked(client: httpx.Client) -> None:
    url = f"/api/persons/{new_person(client, 'SARC-F')['id']}/measurements"
    items = {"strength": 2, "assistance_walking": 1, "rise_from_chair": 2, "climb_stairs": 2}
    sarc_f = {"kind": "sarc_f", "value": 8, "unit": "points", "date": "2026-03-01"}
    ok = client.post(url, json=[{**sarc_f, "data": {**items, "falls": 1}}])
    assert ok.status_code == 201, ok.text
    wrong_total = client.post(url, json=[{**sarc_f, "value": 9, "data": {**items, "falls": 1}}])
    assert "sum of its items (8)" in assert_problem(wrong_total, 422, "value")["detail"]
    missing = client.post(url, json=[{**sarc_f, "data": items}])
    assert_problem(missing, 422, "data.falls")
    walk = {"kind": "walk_400m_completed", "value": 2, "unit": "yes/no", "date": "2026-03-01"}
    assert_problem(client.post(url, json=[walk]), 422, "value")


def test_a_lab_result_is_corrected(client: httpx.Client) -> None:
    person = new_person(client, "PUT-LAB")
    url = f"/api/persons/{person['id']}/labs"
    b12 = {"analyte": "b12", "value": 250, "unit": "pg/mL", "date": "2026-03-01"}
    (typed,) = client.post(url, json=[b12]).json()
    assert typed["canonical_value"] == pytest.approx(184.5)
    fixed = client.put(f"{url}/{typed['id']}", json={**b12, "unit": "pmol/L"})
    assert fixed.status_code == 200, fixed.text
    assert (fixed.json()["unit"], fixed.json()["canonical_value"]) == ("pmol/L", 250)
    assert client.get(f"{url}/{typed['id']}").json() == fixed.json()
    wrong = assert_problem(client.put(f"{url}/{typed['id']}", json={**b12, "unit": "kg"}), 422)
    assert "accepted: pmol/L, pg/mL" in wrong["detail"]
    assert_problem(client.put(f"{url}/999999", json=b12), 404)
    assert client.get(f"{url}/{typed['id']}").json()["unit"] == "pmol/L"


def test_diary_supplements_count_in_the_intake(client: httpx.Client) -> None:
    person = new_person(client, "SUPP-API", diet="vegan")
    base = f"/api/persons/{person['id']}/diary"
    food = {"date": "2026-03-01", "food": "ndb:08020", "amount": 40}
    assert client.post(base, json=[food]).status_code == 201
    without = client.post(f"/api/persons/{person['id']}/assessments", headers=JSON_POST).json()[
        "result"
    ]["intake"]
    weekly = {"supplement": "cyanocobalamin 2000 µg", "ug_per_dose": 2000, "doses_per_week": 1}
    created = client.post(f"{base}/supplements", json=[weekly])
    assert created.status_code == 201, created.text
    (stored,) = client.get(f"{base}/supplements").json()
    assert stored == {
        **weekly,
        "doses_per_day": None,
        "date": None,
        "meal": None,
        "id": stored["id"],
        "person_id": person["id"],
    }
    withit = client.post(f"/api/persons/{person['id']}/assessments", headers=JSON_POST).json()[
        "result"
    ]["intake"]
    assert withit["ug_per_day"] == pytest.approx(without["ug_per_day"] + 2000 / 7)
    both = {**weekly, "doses_per_day": 1}
    assert (
        "one of them"
        in assert_problem(client.post(f"{base}/supplements", json=[both]), 422)["detail"]
    )
    assert client.delete(f"{base}/supplements/{stored['id']}").status_code == 204
    assert_problem(client.delete(f"{base}/supplements/{stored['id']}"), 404)
    assert client.get(f"{base}/supplements").json() == []
    assert_problem(client.get("/api/persons/999999/diary/supplements"), 404)
