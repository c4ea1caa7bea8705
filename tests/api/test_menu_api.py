"""`GET /api/persons/{id}/menu` on a real server: a stored person's menu, and short errors."""

from __future__ import annotations

import httpx


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
