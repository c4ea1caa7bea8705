"""Requests Schemathesis found answered with a 500, each now a clean 4xx problem."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.fixtures.server import Server


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


@pytest.mark.parametrize(
    ("method", "suffix", "allow"),
    [
        ("PATCH", "/api/persons/import", "POST"),  # was 422: "import" tried as a person id
        ("DELETE", "{person}/diary/supplements", "GET, POST"),  # was 422: an entry id
        ("PUT", "{person}", "GET, PATCH, DELETE"),
        ("DELETE", "/api/persons", "GET, POST"),
    ],
)
def test_an_unsupported_method_is_405_with_every_allowed_method(
    client: httpx.Client, person_url: str, method: str, suffix: str, allow: str
) -> None:
    answer = client.request(method, suffix.format(person=person_url))
    assert answer.status_code == 405, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.headers["allow"] == allow


def test_a_post_without_credentials_where_tokens_are_required_is_401(
    auth_server: tuple[Server, str],
) -> None:
    server, _ = auth_server
    # No token, no Content-Type: the answer says what is missing (a token), not the media type.
    anonymous = httpx.post(f"{server.url}/api/persons/1/assessments", timeout=30)
    assert anonymous.status_code == 401, anonymous.text
    # With a cookie (a browser sends one with a cross-site form), a POST still has to say JSON.
    form = httpx.post(
        f"{server.url}/api/persons", data={"label": "x"}, timeout=30,
        headers={"Cookie": "b12_session=forged"},
    )  # fmt: skip
    assert form.status_code == 415, form.text


@pytest.mark.parametrize("date", [0, "0", "300", 1760000000])
def test_a_date_sent_as_a_number_is_refused_not_stored_as_1970(
    client: httpx.Client, person_url: str, date: object
) -> None:
    # schemathesis's negative-data check: pydantic read 0 as the Unix epoch (2026-12-05).
    lab = {"analyte": "b12", "value": 250, "unit": "pmol/L", "date": date}
    answer = client.post(f"{person_url}/labs", json=[lab])
    assert answer.status_code == 422, answer.text
    assert "YYYY-MM-DD" in answer.json()["detail"]
    assert client.get(f"{person_url}/labs").json() == []


def test_a_trace_amount_in_the_diary_still_gives_a_menu(
    client: httpx.Client, person_url: str
) -> None:
    # schemathesis: a diary amount that rounds to 0 g became a 0 g serving and a division by zero.
    entry = {"date": "2026-03-01", "meal": "lunch", "food": "ndb:01077", "amount": 0.001}
    assert client.post(f"{person_url}/diary", json=[entry]).status_code == 201
    answer = client.get(f"{person_url}/menu", params={"days": 1})
    assert answer.status_code == 200, answer.text


# schemathesis, seed 1 (2026-12-05): GET /api/persons/4/menu answered 500, "the planned menu failed
# its own check (day 1: servings per meal)". The planner lets a diary food keep at a meal the
# servings the diary has there (model.meal_limit: 3, or what the diary has); the re-check
# (menu.verify) allows 3 whatever the diary. Salmon's serving is its first diary amount (120 g), so
# 10,120 g at lunch is 84 servings, planned and then refused. The fix belongs in
# b12.services.menu.verify (the menu's owner, issue 19): check against meal_limit with the diary's
# grams at that meal. Until it is merged these fail as expected (strict: they fail the suite once
# the fix is in, so the marker cannot outlive the bug).
SEED_1_DIARY = [
    {"date": "2026-03-01", "meal": meal, "food": "ndb:15237", "amount": amount}
    for meal, amount in [
        ("lunch", 3000),  # 9999 g found; 3000 g is the most one row may hold (diet.plausible.diary)
        ("lunch", 1),
        ("lunch", 5e-324),
        ("", 120),
        ("0" * 39, 120),
        ("0" * 40, 120),
        (None, 120),
        (None, 120),
        ("lunch", 120),
    ]
]
# The same fault with a diary a person could keep: 100 g of salmon at breakfast, 450 g at lunch.
LIKELY_DIARY = [
    {"date": "2026-03-01", "meal": "breakfast", "food": "ndb:15237", "amount": 100},
    {"date": "2026-03-01", "meal": "lunch", "food": "ndb:15237", "amount": 450},
]


# Fixed: menu.verify checks each line against the planner's own limit (the diary's servings at
# that meal when more than three), so the menu no longer fails its own check with a 500.
@pytest.mark.parametrize(("diary", "days"), [(SEED_1_DIARY, 7), (LIKELY_DIARY, 1)])
def test_a_diary_with_more_than_three_servings_at_a_meal_gives_a_menu(
    client: httpx.Client, person_url: str, diary: list[dict[str, object]], days: int
) -> None:
    assert client.post(f"{person_url}/diary", json=diary).status_code == 201
    answer = client.get(f"{person_url}/menu", params={"days": days})
    assert answer.status_code == 200, answer.text
    assert all(check["passed"] for check in answer.json()["verification"])


def test_a_person_deleted_while_their_menu_is_planned_is_never_a_500(
    client: httpx.Client, server: Server
) -> None:
    # The fuzzer deletes persons while other requests read them: each menu request is a menu
    # (read before the delete) or a 404, never a 500. Since round 8 a menu asked while the server
    # already plans its limit (B12_MENU_SOLVES, 2) is a 503 #busy (docs/menu.md, "On a server").
    ids = []
    for n in range(6):
        made = client.post("/api/persons", json={"label": f"RACE-{n}", "age": 70, "sex": "male"})
        ids.append(made.json()["id"])
        entry = {"date": "2026-03-01", "meal": "lunch", "food": "ndb:01077", "amount": 200}
        assert client.post(f"/api/persons/{ids[-1]}/diary", json=[entry]).status_code == 201

    def menu(person_id: int) -> int:
        with httpx.Client(base_url=server.url, timeout=60) as own:
            answer = own.get(f"/api/persons/{person_id}/menu", params={"days": 2})
            busy = answer.status_code == 503 and answer.json()["type"].endswith("#busy")
            return 200 if busy else answer.status_code  # busy: the person was read, as for 200

    def delete(person_id: int) -> int:
        with httpx.Client(base_url=server.url, timeout=60) as own:
            return own.delete(f"/api/persons/{person_id}").status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        menus = [pool.submit(menu, i) for i in ids for _ in range(2)]
        deletes = [pool.submit(delete, i) for i in ids]
        statuses = [f.result() for f in menus]
    assert all(f.result() == 204 for f in deletes)
    assert set(statuses) <= {200, 404}, statuses
    assert all(client.get(f"/api/persons/{i}/menu").status_code == 404 for i in ids)


@pytest.mark.parametrize(
    ("suffix", "body", "field", "detail"),
    [
        ("/measurements", [{"kind": "grip_strength", "unit": "kg", "value": False}], "body[0].value",
         "must be a number, not true or false"),
        ("/measurements", [{"kind": "grip_strength", "unit": "kg", "value": "20"}], "body[0].value",
         "must be a number, not text"),
        ("/labs", [{"analyte": "b12", "value": 250, "unit": "pg/mL",
                    "reference_range": {"high": False, "low": None}}],
         "body[0].reference_range.high", "must be a number or null, not true or false"),
        ("", {"age": "70"}, "age", "must be a number, not text"),
        ("", {"pregnant": 0}, "pregnant", "must be true or false, not a whole number"),
    ],
)  # fmt: skip
def test_a_value_of_another_json_type_than_documented_is_refused(
    client: httpx.Client, person_url: str, suffix: str, body: object, field: str, detail: str
) -> None:
    # schemathesis's negative-data check: pydantic's lax mode stored `false` as 0 and "20" as 20.
    if isinstance(body, list):
        body = [{**item, "date": "2026-03-01"} for item in body]
        answer = client.post(f"{person_url}{suffix}", json=body)
    else:
        answer = client.patch(person_url, json=body)
    assert answer.status_code == 422, answer.text
    assert (answer.json()["field"], answer.json()["detail"]) == (field, detail)
    if isinstance(body, list):
        assert client.get(f"{person_url}{suffix}").json() == []


def test_a_diary_of_undated_supplements_only_is_a_usual_day_not_a_422(
    client: httpx.Client, person_url: str
) -> None:
    # schemathesis's positive-data check: a stored diary of undated supplements only made
    # assessing and the menu answer 422 for a valid request. Since round 10 the supplements count
    # as a usual day (2000 µg a week = 285.7 µg/day), and the verdict says food was not recorded.
    weekly = {"supplement": "cyanocobalamin 2000 µg", "ug_per_dose": 2000, "doses_per_week": 1}
    assert client.post(f"{person_url}/diary/supplements", json=[weekly]).status_code == 201
    assessed = client.post(
        f"{person_url}/assessments", headers={"content-type": "application/json"}
    )
    assert assessed.is_success, assessed.text
    result = assessed.json()["result"]
    assert result["intake"]["ug_per_day"] == pytest.approx(2000 / 7)
    assert "food was not recorded" in result["intake_vs_target"]["verdict"]
    assert client.get(f"{person_url}/menu", params={"days": 1}).status_code == 200


def test_a_change_that_makes_the_records_not_fit_together_is_a_409_conflict(
    client: httpx.Client,
) -> None:
    # schemathesis's stateful phase: a baby's weight, then the age changed to an adult's. The
    # assessment was computed from a person never validated as a whole, kept, and its report was
    # then a 422 for a request without any input. Now the change is refused as a conflict with
    # what is stored (naming the value), nothing changes, and assessing still works.
    created = client.post("/api/persons", json={"label": "FIT-1", "age": 0.5, "sex": "female"})
    person_url = f"/api/persons/{created.json()['id']}"
    weight = {"date": "2026-01-01", "kind": "weight", "value": 0.5, "unit": "kg"}
    assert client.post(f"{person_url}/measurements", json=[weight]).status_code == 201
    refused = client.patch(person_url, json={"age": 50})
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    problem = refused.json()
    assert problem["type"].endswith("#conflict")
    assert "muscle.weight_kg: 0.5 kg is below the adult limit of 20 kg" in problem["detail"]
    assert "the change was not made" in problem["detail"]
    assert client.get(person_url).json()["age"] == 0.5
    headers = {"content-type": "application/json"}
    assert client.post(f"{person_url}/assessments", headers=headers).is_success


def test_an_adults_weight_below_the_adult_limit_is_refused_when_stored(
    client: httpx.Client,
) -> None:
    # red team round 13: 6.5 kg (for 65) was stored (201), and every later assessment was a 409,
    # so the worklist kept an old "routine" beside a new B12 of 80 pmol/L with numbness.
    created = client.post("/api/persons", json={"label": "FIT-3", "age": 40, "sex": "female"})
    person_url = f"/api/persons/{created.json()['id']}"
    typo = {"date": "2026-11-01", "kind": "weight", "value": 6.5, "unit": "kg"}
    answer = client.post(f"{person_url}/measurements", json=[typo])
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "value"
    assert "below the adult limit of 20 kg" in answer.json()["detail"]
    assert client.get(f"{person_url}/measurements").json() == []


def test_a_childhood_weight_of_a_grown_up_is_history_not_a_conflict(client: httpx.Client) -> None:
    # red team round 13: a 19-year-old's weight and height from when he was 3, correctly dated,
    # blocked an urgent B12 judgment with "the records do not fit together".
    body = {"label": "FIT-4", "age": 19, "sex": "male", "assessed_on": "2026-12-01",
            "symptoms": ["numbness in both feet"]}  # fmt: skip
    created = client.post("/api/persons", json=body)
    assert created.status_code == 201, created.text
    person_url = f"/api/persons/{created.json()['id']}"
    child = [
        {"date": "2010-06-01", "kind": "weight", "value": 12, "unit": "kg"},
        {"date": "2010-06-01", "kind": "height", "value": 0.85, "unit": "m"},
    ]
    assert client.post(f"{person_url}/measurements", json=child).status_code == 201
    lab = {"analyte": "b12", "value": 90, "unit": "pmol/L", "date": "2026-11-20"}
    assert client.post(f"{person_url}/labs", json=[lab]).status_code == 201
    headers = {"content-type": "application/json"}
    assessed = client.post(f"{person_url}/assessments", headers=headers)
    assert assessed.is_success, assessed.text
    assert assessed.json()["result"]["status"]["judgment"]["urgency"] == "urgent"


def test_a_change_through_the_api_keeps_the_worklist_current(client: httpx.Client) -> None:
    # red team round 13: the worklist reads each person's latest stored assessment, and a change
    # through the API stored none, so a new B12 of 80 pmol/L with numbness stayed "routine". Now a
    # change through the API keeps a new assessment when the conclusion changed, as the web does.
    label = "WORKLIST-R13"
    created = client.post("/api/persons", json={"label": label, "age": 40, "sex": "female"})
    person_url = f"/api/persons/{created.json()['id']}"
    row = f'href="/persons/{created.json()["id"]}"'  # the person's row on the worklist
    fine = {"analyte": "b12", "value": 450, "unit": "pmol/L", "date": "2026-01-10"}
    assert client.post(f"{person_url}/labs", json=[fine]).status_code == 201
    assert row not in client.get("/persons", params={"show": "urgent", "q": label}).text
    low = {"analyte": "b12", "value": 80, "unit": "pmol/L", "date": "2026-11-20"}
    assert client.post(f"{person_url}/labs", json=[low]).status_code == 201
    assert client.patch(person_url, json={"symptoms": ["numbness in both feet"]}).is_success
    urgent = client.get("/persons", params={"show": "urgent", "q": label})
    assert row in urgent.text
    stored = client.get(f"{person_url}/assessments").json()
    assert stored[0]["result"]["status"]["judgment"]["urgency"] == "urgent"


def test_a_menu_for_a_child_is_a_409_conflict_naming_the_age(client: httpx.Client) -> None:
    # schemathesis: GET menu of a stored child is a valid request that cannot apply to this person
    created = client.post("/api/persons", json={"label": "FIT-2", "age": 1e-300, "sex": "female"})
    answer = client.get(f"/api/persons/{created.json()['id']}/menu", params={"days": 1})
    assert answer.status_code == 409, answer.text
    assert answer.json()["field"] == "age"
    assert "paediatric dietitian" in answer.json()["detail"]
