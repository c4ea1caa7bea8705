"""Round-15b red-team finding 52: on years of 3-monthly injections for pernicious anaemia,
haemoglobin fell from 128 to 104 g/L and MCV rose from 92 to 104 fL over six months. b12 read
"the response cannot be judged yet" (no result before treatment to compare), with no advice.

DECISIONS.md: "On intramuscular treatment the response is judged from symptoms, Hb/MCV and
MMA/homocysteine". NHS Lothian RefHelp follows the response with the full blood count: "The mean
cell volume (MCV) should be normalising". Once treatment has restored them the indices "normalise
within 2 months irrespective of the starting level. Failure to respond implies a wrong or
incomplete diagnosis" (Bennett & Brown, Clinical Pharmacology). So a blood count normal earlier on
treatment and abnormal now is no response (rule
status.judgment.rules.blood-count-fell-on-treatment): the doses first, then other causes. Controls:
a count abnormal throughout with nothing before treatment stays unread (many causes); one that
stays normal is a response; with MMA normal on treatment the fall has another cause.
"""

from __future__ import annotations

import copy
from typing import Any

from b12.core.status.judgment import Level, Response, Urgency
from tests.clinical.status.judgment.test_red_team_round15 import assess
from tests.clinical.story_checks import assert_consistent, plan_text

RULE = "status.judgment.rules.blood-count-fell-on-treatment"
F52: dict[str, Any] = {
    "age": 62,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg every 3 months",
            "route": "intramuscular",
            "start_date": "2018-03-01",
        }
    ],
    "labs": [
        {"analyte": "mcv", "value": 92, "unit": "fL", "date": "2026-06-01"},
        {"analyte": "hemoglobin", "value": 128, "unit": "g/L", "date": "2026-06-01"},
        {"analyte": "mcv", "value": 104, "unit": "fL", "date": "2026-12-01"},
        {"analyte": "hemoglobin", "value": 104, "unit": "g/L", "date": "2026-12-01"},
    ],
    "assessed_on": "2026-12-01",
}


def _with_labs(*labs: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(F52)
    data["labs"] = list(labs)
    return data


def _lab(analyte: str, value: float, unit: str, date: str) -> dict[str, Any]:
    return {"analyte": analyte, "value": value, "unit": unit, "date": date}


def test_a_blood_count_that_fell_on_injections_is_no_response() -> None:
    a = assess(F52)
    j = a.status.judgment
    assert j.level is Level.ON_TREATMENT
    assert j.response is Response.NOT_IMPROVING
    assert "response is not as expected" in j.headline
    assert j.urgency is Urgency.SOON
    reason = next(r for r in j.urgency_reasons if r.code == "not_improving")
    assert "haemoglobin and MCV abnormal now after a normal result on it" in reason.message
    assert "injections (with the loading course) were given" in reason.message
    assert RULE in reason.rules
    response = next(i for i in j.evidence if i.code == "response_not_improving")
    assert "abnormal now after a normal result on treatment" in response.message
    assert "folate" in {t.test for t in j.next_tests}
    assert "have not brought the expected response" in plan_text(a)
    assert "Do not stop them meanwhile" in plan_text(a)
    assert_consistent(a)


def test_with_a_low_b12_too_the_fall_is_named_and_the_low_b12_stays_in_the_plan() -> None:
    data = copy.deepcopy(F52)
    data["labs"].append(_lab("b12", 150, "pg/mL", "2026-12-01"))
    a = assess(data)
    j = a.status.judgment
    assert j.response is Response.NOT_IMPROVING
    reason = next(r for r in j.urgency_reasons if r.code == "not_improving")
    assert "haemoglobin and MCV abnormal now" in reason.message
    assert "deficiency band although you have B12 injections" in plan_text(a)
    assert_consistent(a)


def test_only_the_marker_that_fell_is_named() -> None:
    a = assess(
        _with_labs(
            _lab("hemoglobin", 128, "g/L", "2026-06-01"),
            _lab("hemoglobin", 104, "g/L", "2026-12-01"),
            _lab("mcv", 95, "fL", "2026-12-01"),
        )
    )
    reason = next(r for r in a.status.judgment.urgency_reasons if r.code == "not_improving")
    assert "(haemoglobin abnormal now after a normal result on it)" in reason.message
    assert_consistent(a)


def test_control_abnormal_throughout_with_nothing_before_stays_unread() -> None:
    # A low haemoglobin has many causes besides B12: with no normal result on treatment and none
    # before it, it is not called "no response" (rule status.judgment.rules.response-trend).
    a = assess(
        _with_labs(
            _lab("hemoglobin", 105, "g/L", "2026-06-01"),
            _lab("hemoglobin", 104, "g/L", "2026-12-01"),
        )
    )
    j = a.status.judgment
    assert j.response is Response.CANNOT_JUDGE
    assert RULE not in j.rules
    assert_consistent(a)


def test_control_a_count_that_stays_normal_is_a_response() -> None:
    a = assess(
        _with_labs(
            _lab("hemoglobin", 128, "g/L", "2026-06-01"),
            _lab("hemoglobin", 126, "g/L", "2026-12-01"),
        )
    )
    assert a.status.judgment.response is Response.IMPROVING
    assert_consistent(a)


def test_control_with_mma_normal_on_treatment_the_fall_has_another_cause() -> None:
    # B12 at work in the cells (MMA normal past the review time): the doses are not in question
    # (rule status.judgment.rules.working-b12-blood-count-other-cause).
    a = assess(
        _with_labs(
            _lab("hemoglobin", 128, "g/L", "2026-06-01"),
            _lab("hemoglobin", 104, "g/L", "2026-12-01"),
            _lab("mma", 0.2, "umol/L", "2026-12-01"),
        )
    )
    j = a.status.judgment
    assert j.response is not Response.NOT_IMPROVING
    assert "another cause" in j.headline
    assert not any(r.code == "not_improving" for r in j.urgency_reasons)
    assert_consistent(a)
