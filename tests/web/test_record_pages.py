"""Correcting and deleting records in the web UI over HTTP: forms with CSRF, the API's own error
messages on the form, a confirmation page before every deletion, and imports that keep muscle."""

from __future__ import annotations

import httpx

from tests.api.test_api import new_person
from tests.conftest import EXAMPLES
from tests.web.test_pages import csrf

GRIP = {"kind": "grip_strength", "value": 45, "unit": "kg", "date": "2026-03-01"}


def assessments(client: httpx.Client, person_id: int) -> list[dict]:
    return client.get(f"/api/persons/{person_id}/assessments").json()


def test_a_mistyped_grip_strength_is_corrected_with_the_apis_messages(
    client: httpx.Client,
) -> None:
    token = csrf(client)
    person = new_person(client, "WEB-GRIP", sex="male")
    (grip,) = client.post(f"/api/persons/{person['id']}/measurements", json=[GRIP]).json()
    page = client.get(f"/persons/{person['id']}").text
    edit = f"/persons/{person['id']}/measurements/{grip['id']}/edit"
    assert f'href="{edit}"' in page
    form = client.get(edit).text
    assert 'name="value" value="45"' in form and 'value="2026-03-01"' in form
    assert "Correct: Grip strength (best hand): 45 kg on 2026-03-01" in form
    url = f"/persons/{person['id']}/measurements/{grip['id']}"
    typed = {"csrf_token": token, "value": "400", "date": "2026-03-01"}
    refused = client.post(url, data=typed)
    api = client.put(f"/api{url}", json={**GRIP, "value": 400}).json()
    assert refused.status_code == 422 and f"{api['field']}: {api['detail']}" in refused.text
    assert "grip_strength 400 kg: Input should be less than or equal to 150" in refused.text
    assert (
        'name="value" value="400" required inputmode="decimal" aria-invalid="true" '
        'aria-describedby="edit-error"' in refused.text
    )
    not_a_date = client.post(url, data={**typed, "value": "14.5", "date": "yesterday"})
    assert not_a_date.status_code == 422 and "must be a date written YYYY-MM-DD" in not_a_date.text
    assert (
        client.post(url, data={**typed, "value": "14.5", "csrf_token": "forged"}).status_code == 403
    )
    assert client.get(f"/api{url}").json()["value"] == 45  # nothing was saved
    before = len(assessments(client, person["id"]))
    saved = client.post(url, data={**typed, "value": "14.5"})
    assert saved.status_code == 303 and saved.headers["location"].endswith("#muscle-h")
    assert client.get(f"/api{url}").json()["value"] == 14.5
    latest = assessments(client, person["id"])
    assert len(latest) == before + 1 and latest[0]["result"]["muscle"]["low_strength"] is True


def test_deleting_asks_first_and_needs_the_csrf_token(client: httpx.Client) -> None:
    token = csrf(client)
    person = new_person(client, "WEB-DEL")
    (grip,) = client.post(f"/api/persons/{person['id']}/measurements", json=[GRIP]).json()
    url = f"/persons/{person['id']}/measurements/{grip['id']}"
    assert f'href="{url}/delete"' in client.get(f"/persons/{person['id']}").text
    ask = client.get(f"{url}/delete")
    assert ask.status_code == 200
    assert "Delete: Grip strength (best hand): 45 kg on 2026-03-01?" in ask.text
    assert f'action="{url}/delete"' in ask.text and 'name="csrf_token"' in ask.text
    assert client.get(f"/api{url}").status_code == 200  # asking deleted nothing
    assert client.post(f"{url}/delete", data={"csrf_token": "forged"}).status_code == 403
    done = client.post(f"{url}/delete", data={"csrf_token": token})
    assert done.status_code == 303 and done.headers["location"].endswith("#muscle-h")
    assert client.get(f"/api{url}").status_code == 404
    assert client.get(f"{url}/edit").status_code == 404
    person_page = f"/persons/{person['id']}"
    assert "all their results" in client.get(f"{person_page}/delete").text
    assert client.get(f"/api{person_page}").status_code == 200


def test_a_lab_result_is_corrected_and_deleted(client: httpx.Client) -> None:
    token = csrf(client)
    person = new_person(client, "WEB-LAB")
    b12 = {"analyte": "b12", "value": 250, "unit": "pg/mL", "date": "2026-03-01"}
    (lab,) = client.post(f"/api/persons/{person['id']}/labs", json=[b12]).json()
    url = f"/persons/{person['id']}/labs/{lab['id']}"
    form = client.get(f"{url}/edit").text
    assert '<option value="pg/mL" selected>' in form and 'name="value" value="250"' in form
    typed = {"csrf_token": token, "value": "250", "unit": "pmol/L", "date": "2026-03-01"}
    implausible = client.post(url, data={**typed, "value": "250000"})
    assert implausible.status_code == 422 and "is implausible" in implausible.text
    assert client.post(url, data=typed).status_code == 303
    stored = client.get(f"/api{url}").json()
    assert (stored["unit"], stored["canonical_value"]) == ("pmol/L", 250)
    assert "serum total vitamin B12: 250 pmol/L on 2026-03-01?" in client.get(f"{url}/delete").text
    assert client.post(f"{url}/delete", data={"csrf_token": token}).status_code == 303
    assert client.get(f"/api/persons/{person['id']}/labs").json() == []


def test_an_uploaded_person_file_keeps_its_muscle_block(client: httpx.Client) -> None:
    token = csrf(client)
    example = EXAMPLES / "severe-sarcopenia-ewgsop2.yaml"
    files = {"file": (example.name, example.read_bytes(), "application/yaml")}
    response = client.post(
        "/persons/import", data={"csrf_token": token, "label": "UP-MUSCLE"}, files=files
    )
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"]).text
    assert "SARC-F total" in page and "20 kg" in page
    assert "Muscle (EWGSOP2):</strong> severe sarcopenia" in page
    assert 'id="plan-summary"' in page
    dated = EXAMPLES / "long-term-ppi.json"
    files = {"file": (dated.name, dated.read_bytes(), "application/json")}
    response = client.post(
        "/persons/import", data={"csrf_token": token, "label": "UP-PPI"}, files=files
    )
    assert "Visit of 2026-11-01" in client.get(response.headers["location"]).text


def test_an_import_of_undated_supplements_only_is_assessed_without_an_intake(
    client: httpx.Client,
) -> None:
    # Undated supplements alone give no day to count: no measured intake, never a refusal (it was
    # "Stored, but not assessed"; schemathesis found the same 422 on the API).
    token = csrf(client)
    supplements_only = b"age: 50\nsex: male\ndiary:\n  supplements:\n" + (
        b"    - {supplement: B12, ug_per_dose: 100, doses_per_day: 1}\n"
    )
    files = {"file": ("pills.yaml", supplements_only, "application/yaml")}
    response = client.post(
        "/persons/import", data={"csrf_token": token, "label": "UP-PILLS"}, files=files
    )
    assert response.status_code == 303, response.text[:300]
    page = client.get(response.headers["location"]).text
    assert "every day" in page  # the supplement is listed in the diary


def test_a_supplement_is_added_to_the_diary_and_removed(client: httpx.Client) -> None:
    token = csrf(client)
    person = new_person(client, "WEB-SUPP", diet="vegan")
    food = {"date": "2026-03-01", "food": "ndb:08020", "amount": 40}
    client.post(f"/api/persons/{person['id']}/diary", json=[food])
    url = f"/persons/{person['id']}/diary/supplements"
    weekly = {"csrf_token": token, "supplement": "cyano", "ug_per_dose": "2000", "per": "week"}
    refused = client.post(url, data={**weekly, "doses": "0"})
    assert refused.status_code == 422 and 'id="diary-error"' in refused.text
    assert "doses_per_week: Input should be greater than 0" in refused.text
    assert client.post(url, data={**weekly, "doses": "1"}).status_code == 303
    (stored,) = client.get(f"/api{url}").json()
    assert (stored["doses_per_week"], stored["date"]) == (1, None)
    latest = assessments(client, person["id"])[0]["result"]["intake"]
    assert latest["ug_per_day"] > 2000 / 7
    page = client.get(f"/persons/{person['id']}").text
    assert "1 per week" in page and "every day" in page
    ask = client.get(f"{url}/{stored['id']}/delete")
    assert "Delete: cyano: 2000 µg, 1 a week?" in ask.text
    assert (
        client.post(f"{url}/{stored['id']}/delete", data={"csrf_token": token}).status_code == 303
    )
    assert client.get(f"/api{url}").json() == []


def test_a_panel_with_a_censored_value_specimen_and_antibodies_is_saved(
    client: httpx.Client,
) -> None:
    token = csrf(client)
    person = new_person(client, "WEB-PANEL")
    page = client.get(f"/persons/{person['id']}").text
    assert 'name="specimen_id"' in page and 'name="intrinsic_factor_antibody"' in page
    assert '<option value="equivocal">equivocal</option>' in page
    url = f"/persons/{person['id']}/labs"
    panel = {
        "csrf_token": token,
        "date": "2026-03-01",
        "specimen_id": "S-<7>",
        "b12_value": ">1476",
        "b12_unit": "pmol/L",
        "mma_value": "0.5",
        "mma_unit": "umol/L",
        "intrinsic_factor_antibody": "positive",
        "parietal_cell_antibody": "",
    }
    wrong = client.post(url, data={**panel, "parietal_cell_antibody": "weak"})
    assert wrong.status_code == 422 and "positive" in wrong.text
    assert client.get(f"/api{url}").json() == []  # all or none
    assert client.post(url, data={**panel, "csrf_token": "forged"}).status_code == 403
    saved = client.post(url, data=panel)
    assert saved.status_code == 303, saved.text
    labs = client.get(f"/api{url}").json()
    assert [(x["comparator"], x["value"], x["specimen_id"]) for x in labs] == [
        (">", 1476, "S-<7>"),
        (None, 0.5, "S-<7>"),
    ]
    (antibody,) = client.get(f"/api/persons/{person['id']}/antibodies").json()
    assert (antibody["analyte"], antibody["value"]) == ("intrinsic_factor_antibody", "positive")
    # The correction form shows the value as printed, and keeps it censored.
    edit = client.get(f"{url}/{labs[0]['id']}/edit").text
    assert 'value="&gt;1476"' in edit and 'value="S-&lt;7&gt;"' in edit and "S-<7>" not in edit
    typed = {"csrf_token": token, "value": ">1476", "unit": "pmol/L", "date": "2026-03-02"}
    assert (
        client.post(f"{url}/{labs[0]['id']}", data={**typed, "specimen_id": ""}).status_code == 303
    )
    fixed = client.get(f"/api{url}/{labs[0]['id']}").json()
    assert (fixed["comparator"], fixed["date"], fixed["specimen_id"]) == (">", "2026-03-02", None)
    # An antibody result is deleted after a confirmation page, with the CSRF token.
    delete = f"/persons/{person['id']}/antibodies/{antibody['id']}/delete"
    ask = client.get(delete)
    assert (
        ask.status_code == 200 and "Intrinsic factor antibody: positive on 2026-03-01" in ask.text
    )
    assert client.post(delete, data={"csrf_token": "forged"}).status_code == 403
    assert client.post(delete, data={"csrf_token": token}).status_code == 303
    assert client.get(f"/api/persons/{person['id']}/antibodies").json() == []


def test_a_medicine_is_added_with_route_and_stop_date(client: httpx.Client) -> None:
    token = csrf(client)
    person = new_person(client, "WEB-MED")
    page = client.get(f"/persons/{person['id']}").text
    assert 'name="stop_date"' in page and '<option value="intramuscular">' in page
    url = f"/persons/{person['id']}/medications"
    medicine = {
        "csrf_token": token,
        "name": "hydroxocobalamin",
        "dose": "1 mg",
        "route": "intramuscular",
        "start_date": "2026-01-05",
        "stop_date": "2026-01-01",
    }
    early = client.post(url, data=medicine)
    assert early.status_code == 422 and "before start_date" in early.text
    assert client.post(url, data={**medicine, "route": "by mouth"}).status_code == 422
    assert client.post(url, data={**medicine, "stop_date": "2026-04-01"}).status_code == 303
    (stored,) = client.get(f"/api/persons/{person['id']}").json()["medications"]
    assert (stored["route"], stored["stop_date"], stored["dose"]) == (
        "intramuscular",
        "2026-04-01",
        "1 mg",
    )
