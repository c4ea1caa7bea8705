"""Rules the server applies, stated in its OpenAPI document: each body is judged the same way by
the served document (JSON Schema 2020-12, as a client validates it) and by the server (real HTTP).

Both directions: a body the document calls valid is accepted, one it calls invalid is refused
with a 422 problem. What the document cannot state is in docs/api.md and in UNSTATED_RULES of
tests/api/test_schemathesis.py.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from b12.services.measurements import MUSCLE_KINDS
from tests.api.test_api import new_person

GRIP = {"kind": "grip_strength", "value": 18.5, "unit": "kg", "date": "2026-03-01"}
SARC_F_ITEMS = {
    "strength": 1,
    "assistance_walking": 0,
    "rise_from_chair": 1,
    "climb_stairs": 2,
    "falls": 0,
}
DOSE = {"supplement": "cyanocobalamin 1000 µg", "ug_per_dose": 1000}
PERSON = {"label": "STATED-1", "age": 34, "sex": "female"}

# (schema, path under the person or None, body, valid by the document and the server)
CASES = {
    "grip in kg": ("MeasurementCreate", "measurements", GRIP, True),
    "grip in lb": ("MeasurementCreate", "measurements", {**GRIP, "unit": "lb"}, False),
    "grip over its limit": ("MeasurementCreate", "measurements", {**GRIP, "value": 400}, False),
    "a kind b12 does not read, any unit": (
        "MeasurementCreate",
        "measurements",
        {**GRIP, "kind": "knee_extension", "unit": "N"},
        True,
    ),
    "walk completed is 0 or 1": (
        "MeasurementCreate",
        "measurements",
        {**GRIP, "kind": "walk_400m_completed", "unit": "yes/no", "value": 0.5},
        False,
    ),
    "SARC-F with its items": (
        "MeasurementCreate",
        "measurements",
        {**GRIP, "kind": "sarc_f", "unit": "points", "value": 4, "data": SARC_F_ITEMS},
        True,
    ),
    "SARC-F without items": (
        "MeasurementCreate",
        "measurements",
        {**GRIP, "kind": "sarc_f", "unit": "points", "value": 4},
        False,
    ),
    "NUL in a data key": (
        "MeasurementCreate",
        "measurements",
        {**GRIP, "data": {"hand\x00": "left"}},
        False,
    ),
    "NUL deep in data": (
        "MeasurementCreate",
        "measurements",
        {**GRIP, "data": {"trials": [{"device": "Jamar\x00"}]}},
        False,
    ),
    "data 5 levels deep": (
        "MeasurementCreate",
        "measurements",
        {**GRIP, "data": {"a": [{"b": [{"c": 1}]}]}},
        True,
    ),
    "data 6 levels deep": (
        "MeasurementCreate",
        "measurements",
        {**GRIP, "data": {"a": [{"b": [{"c": [1]}]}]}},
        False,
    ),
    "doses per day": (
        "DiarySupplementCreate",
        "diary/supplements",
        {**DOSE, "doses_per_day": 1},
        True,
    ),
    "doses per week": (
        "DiarySupplementCreate",
        "diary/supplements",
        {**DOSE, "doses_per_week": 2, "doses_per_day": None},
        True,
    ),
    "both frequencies": (
        "DiarySupplementCreate",
        "diary/supplements",
        {**DOSE, "doses_per_day": 1, "doses_per_week": 2},
        False,
    ),
    "no frequency": ("DiarySupplementCreate", "diary/supplements", DOSE, False),
    "a blank supplement": (
        "DiarySupplementCreate",
        "diary/supplements",
        {**DOSE, "supplement": " \u00a0 ", "doses_per_day": 1},
        False,
    ),
    "pregnant woman": ("PersonCreate", None, {**PERSON, "pregnant": True}, True),
    "pregnant man": ("PersonCreate", None, {**PERSON, "sex": "male", "pregnant": True}, False),
    "breastfeeding man": (
        "PersonCreate",
        None,
        {**PERSON, "sex": "male", "breastfeeding": True},
        False,
    ),
    "a gestational age when pregnant": (
        "PersonCreate",
        None,
        {**PERSON, "pregnant": True, "gestational_age_weeks": 20},
        True,
    ),
    "a gestational age, not pregnant": (
        "PersonCreate",
        None,
        {**PERSON, "gestational_age_weeks": 20},
        False,
    ),
}


@pytest.fixture(scope="module")
def components(server: Any) -> dict[str, Any]:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        return dict(http.get("/api/openapi.json").json()["components"])


def _valid(components: dict[str, Any], schema: str, body: Any) -> bool:
    root = {"$ref": f"#/components/schemas/{schema}", "components": components}
    return Draft202012Validator(root).is_valid(body)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_document_and_the_server_judge_a_body_alike(
    client: httpx.Client, components: dict[str, Any], case: str
) -> None:
    schema, path, body, valid = CASES[case]
    assert _valid(components, schema, body) is valid
    if path is None:
        answer = client.post("/api/persons", json=body)
    else:
        person = new_person(client, f"STATED-{case}"[:80])
        answer = client.post(f"/api/persons/{person['id']}/{path}", json=[body])
    assert (answer.status_code == 201) is valid, answer.text
    if not valid:
        assert answer.status_code == 422 and answer.json()["field"], answer.text


def test_every_kind_the_assessment_reads_has_its_unit_stated(
    components: dict[str, Any],
) -> None:
    stated = {
        rule["if"]["properties"]["kind"]["const"]: rule["then"]["properties"]["unit"]["const"]
        for rule in components["schemas"]["MeasurementCreate"]["allOf"]
    }
    assert stated == {kind: known.unit for kind, known in MUSCLE_KINDS.items()}


def test_a_stated_rule_leaves_json_types_checked_and_the_servers_own_words(
    client: httpx.Client,
) -> None:
    """The body's oneOf (a rule between fields) is no type: b12.api.strict still checks each
    property's JSON type, and the rule is worded by the server's own validation."""
    url = f"/api/persons/{new_person(client, 'STATED-TYPES')['id']}/diary/supplements"
    text = client.post(url, json=[{**DOSE, "doses_per_day": "2"}])
    assert text.status_code == 422 and "must be a number or null, not text" in text.text
    both = client.post(url, json=[{**DOSE, "doses_per_day": 1, "doses_per_week": 2}])
    assert both.status_code == 422 and "one of them" in both.json()["detail"]
