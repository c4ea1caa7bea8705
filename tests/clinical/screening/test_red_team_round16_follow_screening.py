"""Round-16 red-team note on the screening line beside the judgment (files 23 and 07, copied here as
data): with no risk factor or symptom listed but a current first-line B12 result on record, the
screening line said "routine B12 testing is not indicated" beside an urgent judgment of that very
result (23: pregnant, total B12 125 pmol/L, urgent).

NICE NG239's test offer ("Offer an initial diagnostic test (total or active B12) ... to people who
have at least one common symptom or sign and at least one common risk factor") decides whether to
test; once a result exists the judgment reads it (DECISIONS.md, "One judgment": every part of the
output shows that judgment). Rule screening.screen.tested-without-indication.
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.screening.model import Recommendation
from b12.core.status.judgment import Urgency
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, plan_text

RULE = "screening.screen.tested-without-indication"

F23: dict[str, Any] = {
    "age": 31,
    "sex": "female",
    "pregnant": True,
    "gestational_age_weeks": 34,
    "diet": "omnivore",
    "labs": [{"analyte": "b12", "value": 125, "unit": "pmol/L", "date": "2026-11-28"}],
    "assessed_on": "2026-11-30",
}

F07: dict[str, Any] = {
    "age": 31,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["previously vegan, now eats meat and fish"],
    "medications": [
        {
            "name": "cyanocobalamin",
            "dose": "50 micrograms daily",
            "route": "oral",
            "start_date": "2026-01-15",
            "stop_date": "2026-08-15",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 115, "unit": "pmol/L", "date": "2026-01-10"},
        {"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2026-11-20"},
    ],
    "assessed_on": "2026-11-22",
}


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def test_23_an_urgent_result_is_never_beside_testing_not_indicated() -> None:
    a = assess(F23)
    found = a.screening
    assert a.status.judgment.urgency is Urgency.URGENT
    assert found.recommendation is Recommendation.NOT_INDICATED  # no NG239 risk factor or symptom
    assert found.summary == (
        "No risk factor or symptom listed; a first-line B12 result is already available (see status)"
    )
    assert "not indicated" not in found.summary
    assert "not indicated" not in plan_text(a)
    assert RULE in found.rules
    assert_consistent(a)


def test_07_a_result_off_treatment_is_pointed_to_not_called_unneeded() -> None:
    a = assess(F07)
    assert "not indicated" not in a.screening.summary
    assert "already available (see status)" in a.screening.summary
    assert_consistent(a)


def test_control_without_a_current_result_testing_is_still_not_indicated() -> None:
    old = {**F23, "pregnant": False, "gestational_age_weeks": None}
    old["labs"] = [{"analyte": "b12", "value": 300, "unit": "pmol/L", "date": "2023-01-10"}]
    found = assess(old).screening
    assert found.summary == "No risk factor or symptom listed: routine B12 testing is not indicated"
    assert RULE not in found.rules


def test_control_a_risk_factor_keeps_its_own_line() -> None:
    found = assess({**F23, "diet": "vegan"}).screening
    assert found.recommendation is not Recommendation.NOT_INDICATED
    assert RULE not in found.rules
