"""Records through the API: person-file import round trips, corrections (PUT) and diary supplements."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic_core import to_jsonable_python

from b12.reports.json_report import assessment_document
from b12.services.assess import assess_file
from tests.api.test_api import assert_problem, new_person
from tests.conftest import EXAMPLES, PERSON_EXAMPLES
from tests.fixtures.server import JSON_POST, TEST_TODAY
from tests.store import test_import_store


def file_data(path: Path) -> Any:
    """A person file as JSON, with the diary file it names inline (as a client would send it)."""
    return to_jsonable_python(test_import_store.file_data(path))


GRIP = {"kind": "grip_strength", "value": 45, "unit": "kg", "date": "2026-03-01"}


@pytest.mark.parametrize("example", PERSON_EXAMPLES, ids=lambda p: p.name)
def test_an_imported_example_is_assessed_as_b12_assess_does(
    client: httpx.Client, example: Path, tmp_path: Path
) -> None:
    """As `b12 assess` reads the file with its visit date, or without one with the clinic's today
    (the server's B12_TODAY): a stored person is judged as of the day the clinic looks."""
    data = file_data(example)
    created = client.post(
        "/api/persons/import", json={"label": f"RT-{example.stem}"[:80], "person": data}
    )
    assert created.status_code == 201, created.text
    stored = client.post(f"/api/persons/{created.json()['id']}/assessments", headers=JSON_POST)
    assert stored.status_code == 200, stored.text  # assessed on import already: nothing new
    dated = tmp_path / "dated.json"
    dated.write_text(json.dumps({"assessed_on": TEST_TODAY.isoformat()} | data), encoding="utf-8")
    assert stored.json()["result"] == assessment_document(assess_file(dated))


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
    assert "accepted: pmol/L, pg/mL (= ng/L)" in wrong["detail"]
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


def test_a_person_file_with_every_new_field_is_imported_and_assessed_as_b12_assess_does(
    client: httpx.Client, tmp_path: Path
) -> None:
    from tests.store.test_judgment_records import PERSON_FILE, write

    created = client.post("/api/persons/import", json={"label": "JUDG", "person": PERSON_FILE})
    assert created.status_code == 201, created.text
    person = created.json()
    assert person["medications"][0]["route"] == "intramuscular"
    assert person["medications"][0]["stop_date"] == "2025-06-30"
    stored = client.post(f"/api/persons/{person['id']}/assessments", headers=JSON_POST)
    assert stored.status_code == 200, stored.text  # assessed on import already
    assert stored.json()["result"] == assessment_document(assess_file(write(tmp_path, PERSON_FILE)))
    antibodies = client.get(f"/api/persons/{person['id']}/antibodies").json()
    assert [a["value"] for a in antibodies] == ["positive", "equivocal"]


def test_censored_results_and_specimen_ids_through_the_api(client: httpx.Client) -> None:
    person = new_person(client, "CENSORED")
    url = f"/api/persons/{person['id']}/labs"
    high = {"analyte": "b12", "value": ">1476", "unit": "pmol/L", "date": "2026-03-01"}
    (stored,) = client.post(url, json=[{**high, "specimen_id": "S-1"}]).json()
    assert (stored["value"], stored["comparator"], stored["specimen_id"]) == (1476, ">", "S-1")
    explicit = {**high, "value": 50, "comparator": "<"}
    assert client.put(f"{url}/{stored['id']}", json=explicit).json()["comparator"] == "<"
    assert_problem(client.post(url, json=[{**high, "comparator": ">"}]), 422)  # given twice
    assert_problem(client.post(url, json=[{**high, "value": "about 10"}]), 422, "body[0].value")
    wrong = assert_problem(client.post(url, json=[{**explicit, "comparator": "~"}]), 422)
    assert wrong["field"].endswith("comparator")
    assert_problem(
        client.post(url, json=[{**high, "specimen_id": "x" * 65}]), 422, "body[0].specimen_id"
    )


def test_antibody_results_are_added_listed_and_deleted(client: httpx.Client) -> None:
    person = new_person(client, "ANTIBODY")
    url = f"/api/persons/{person['id']}/antibodies"
    result = {"analyte": "parietal_cell_antibody", "value": "Negative", "date": "2026-03-01"}
    (stored,) = client.post(url, json=[result]).json()
    assert (stored["value"], stored["specimen_id"]) == ("negative", None)
    assert client.get(url).json() == [stored]
    assert_problem(client.post(url, json=[{**result, "value": "weak"}]), 422, "body[0].value")
    assert_problem(client.post(url, json=[{**result, "analyte": "b12"}]), 422, "body[0].analyte")
    assert_problem(client.post(url, json=[{**result, "date": None}]), 422, "body[0].date")
    assert client.delete(f"{url}/{stored['id']}").status_code == 204
    assert_problem(client.delete(f"{url}/{stored['id']}"), 404)
    assert client.get(url).json() == []


def test_medicines_keep_route_and_stop_date(client: httpx.Client) -> None:
    medicine = {"name": "hydroxocobalamin", "route": "intramuscular", "stop_date": "2026-01-05"}
    person = new_person(client, "ROUTE", medications=[medicine])
    assert person["medications"][0]["route"] == "intramuscular"
    got = client.get(f"/api/persons/{person['id']}").json()["medications"][0]
    assert (got["route"], got["stop_date"]) == ("intramuscular", "2026-01-05")
    bad = {"label": "R", "age": 70, "sex": "female", "medications": [{**medicine, "route": "IM"}]}
    assert_problem(client.post("/api/persons", json=bad), 422, "medications[0].route")
    early = {**medicine, "start_date": "2026-02-01"}
    problem = assert_problem(client.post("/api/persons", json={**bad, "medications": [early]}), 422)
    assert (
        problem["field"].startswith("medications[0]") and "before start_date" in problem["detail"]
    )
