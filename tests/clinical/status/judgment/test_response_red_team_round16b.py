"""Round-16b red-team findings F2, F4, F5 and F11 on the response to treatment, each built from the
red team's person file (copied here as data, with an ``assessed_on`` equal to the latest lab date
where the file had none) and checked for self-contradiction (headline, urgency, response, plan,
next tests, evidence).

- F2: SPS on NG239 (evidence.md §5.1 [V]): "After oral replacement with improved symptoms: may stop
  if the cause is addressed; otherwise continue. New, worsening or insufficiently improved
  symptoms: escalate dose or switch to IM." evidence.md §2.7 [P]: "Week-to-week biological
  variation of serum B12 is <=7%". A total B12 within 7% of its value before treatment is no
  response; a rise beyond it out of NG239's deficiency band, or with the symptoms resolved, is no
  failure (rule status.judgment.response.serum-b12-rise-on-tablets).
- F4: bpacnz 2013: "Ferritin should be used to investigate suspected iron deficiency anaemia";
  Solmaz 2015 (abstract): iron deficiency in 9.3% before and 49.3% after cobalamin therapy. An
  anaemia not better on treatment with an MCV falling from a normal value asks for ferritin (rule
  status.judgment.response.iron-on-treatment); a fall is said as one, not as "not better".
- F5: NG239 via NASGP: "Review after 3 months of treatment": due on the same calendar day 3 months
  after the start.
- F11: nothing measured since long-established injections: the headline names the blood count
  that shows the response.
"""

from __future__ import annotations

import copy
from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.status.judgment import Level, Response, Urgency
from b12.core.status.judgment.response import calendar_months, review_due_on
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, next_test_names, plan_text

RULE_RISE = "status.judgment.response.serum-b12-rise-on-tablets"
RULE_IRON = "status.judgment.response.iron-on-treatment"
SWITCH = "switching to injections"


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def _response_message(a: Assessment) -> str:
    return next(e.message for e in a.status.judgment.evidence if e.code.startswith("response_"))


def _one_story(a: Assessment) -> None:
    """The response, the headline, the urgency and the plan tell one story."""
    assert_consistent(a)
    j = a.status.judgment
    said = plan_text(a)
    assert j.level is Level.ON_TREATMENT
    if j.response is Response.IMPROVING:
        assert "not as expected" not in j.headline
        assert SWITCH not in said and "not working well enough" not in said
        assert "not_improving" not in {r.code for r in j.urgency_reasons}
    if j.response is Response.NOT_IMPROVING:
        assert "not as expected" in j.headline
        assert j.urgency is not Urgency.ROUTINE


def _tablets(first: float, second: float, *, resolved: bool) -> dict[str, Any]:
    """n08 / n09 / n09b: 1 mg tablets for 4 months, total B12 before and after."""
    data: dict[str, Any] = {
        "age": 60,
        "sex": "female",
        "diet": "omnivore",
        "symptoms": ["tiredness"],
        "medications": [
            {
                "name": "cyanocobalamin",
                "dose": "1 mg daily",
                "route": "oral",
                "start_date": "2026-07-20",
            }
        ],
        "labs": [
            {"analyte": "b12", "value": first, "unit": "pmol/L", "date": "2026-07-15"},
            {"analyte": "b12", "value": second, "unit": "pmol/L", "date": "2026-11-20"},
        ],
        "assessed_on": "2026-11-25",
    }
    if resolved:
        data["symptom_course"] = [{"symptom": "tiredness", "course": "resolved"}]
    return data


# --- F2 ------------------------------------------------------------------------------------------
def test_n09b_a_70_percent_rise_out_of_the_deficiency_band_with_tiredness_resolved_is_no_failure() -> (
    None
):
    a = assess(_tablets(100, 170, resolved=True))
    j = a.status.judgment
    assert (j.response, j.urgency) == (Response.IMPROVING, Urgency.ROUTINE)
    message = _response_message(a)
    assert "100 → 170 pmol/L" in message and "not yet normal" in message
    assert "deficiency band" in message
    assert RULE_RISE in j.rules
    assert "supplement.keep_treatment" in {i.id for i in a.plan.items}
    # Not yet normal: repeated, to see it normalise.
    assert "total_b12" in next_test_names(a)
    _one_story(a)


def test_n09_a_41_percent_rise_with_tiredness_resolved_is_no_failure() -> None:
    a = assess(_tablets(140, 198, resolved=True))
    j = a.status.judgment
    assert j.response is Response.IMPROVING
    assert "symptoms resolved" in _response_message(a)
    _one_story(a)


def test_n08_a_rise_within_biological_variation_is_no_response() -> None:
    a = assess(_tablets(250, 255, resolved=False))
    j = a.status.judgment
    assert j.response is Response.NOT_IMPROVING
    assert "looks good" not in j.headline
    message = _response_message(a)
    assert "week-to-week biological variation (7%)" in message and "250 → 255" in message
    assert RULE_RISE in j.rules
    _one_story(a)


def test_n08_control_the_same_rise_with_tiredness_resolved_is_still_no_rise() -> None:
    # The symptoms count, but a change within the noise is no rise on the tablets.
    a = assess(_tablets(250, 255, resolved=True))
    assert "much nearer normal" not in _response_message(a)
    assert "risen" not in _response_message(a)


def test_control_a_rise_within_the_band_with_tiredness_still_there_stays_not_as_expected() -> None:
    # 100 -> 120 pmol/L (+20%), still "deficiency likely", tiredness not resolved: SPS,
    # "insufficiently improved symptoms: escalate dose or switch to IM".
    a = assess(_tablets(100, 120, resolved=False))
    assert a.status.judgment.response is Response.NOT_IMPROVING
    _one_story(a)


def test_control_a_fall_beyond_the_variation_is_worse_not_merely_not_better() -> None:
    a = assess(_tablets(200, 150, resolved=False))
    assert a.status.judgment.response is Response.NOT_IMPROVING
    assert "lower than before treatment (200 → 150 pmol/L)" in _response_message(a)


# 22-pregnant-vegan-oral-retest.yaml: holoTC 22 -> 48 stays improving (no holoTC variation read).
R22: dict[str, Any] = {
    "age": 29,
    "sex": "female",
    "pregnant": True,
    "gestational_age_weeks": 20,
    "diet": "vegan",
    "medications": [
        {
            "name": "cyanocobalamin",
            "dose": "1 mg daily",
            "route": "oral",
            "start_date": "2026-09-05",
        }
    ],
    "labs": [
        {"analyte": "holotc", "value": 22, "unit": "pmol/L", "date": "2026-09-01"},
        {"analyte": "holotc", "value": 48, "unit": "pmol/L", "date": "2026-10-08"},
    ],
    "assessed_on": "2026-10-10",
}


def test_22_holotc_rising_in_pregnancy_stays_improving() -> None:
    a = assess(R22)
    assert a.status.judgment.response is Response.IMPROVING
    _one_story(a)


# 03f-variant-low.yaml: a fall into the deficiency band stays not improving.
R03F: dict[str, Any] = {
    "age": 70,
    "sex": "female",
    "diet": "omnivore",
    "conditions": [],
    "symptoms": ["tiredness"],
    "medications": [
        {
            "name": "cyanocobalamin",
            "dose": "1 mg daily",
            "route": "oral",
            "start_date": "2026-09-01",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 140, "unit": "pmol/L", "date": "2026-08-25"},
        {"analyte": "b12", "value": 120, "unit": "pmol/L", "date": "2026-12-01"},
    ],
    "assessed_on": "2026-12-01",
}


def test_03f_a_fall_stays_not_improving() -> None:
    a = assess(R03F)
    assert a.status.judgment.response is Response.NOT_IMPROVING
    assert "lower than before treatment (140 → 120 pmol/L)" in _response_message(a)
    _one_story(a)


# --- F5 ------------------------------------------------------------------------------------------
def test_03c_the_review_is_due_on_the_same_calendar_day_3_months_on() -> None:
    data = copy.deepcopy(R03F)
    data["labs"][1]["value"] = 150  # 03c-variant-3-months.yaml
    on_the_day = assess(data).status.judgment
    data["labs"][1]["date"] = data["assessed_on"] = "2026-12-02"
    day_after = assess(data).status.judgment
    assert on_the_day.response is not Response.TOO_EARLY
    assert (on_the_day.response, on_the_day.urgency) == (day_after.response, day_after.urgency)
    data["labs"][1]["date"] = data["assessed_on"] = "2026-11-30"
    assert assess(data).status.judgment.response is Response.TOO_EARLY


def test_calendar_months_boundaries() -> None:
    import datetime as dt

    start = dt.date(2026, 9, 1)
    assert calendar_months(start, dt.date(2026, 12, 1)) == 3.0
    assert calendar_months(start, dt.date(2026, 11, 30)) < 3.0
    # The 31st: the month's last day (as the plan's re-test date).
    assert calendar_months(dt.date(2026, 1, 31), dt.date(2026, 4, 30)) == 3.0
    person = Person.model_validate(R03F)
    assert review_due_on(person, start) == dt.date(2026, 12, 1)
    pregnant = Person.model_validate(R22)
    assert review_due_on(pregnant, dt.date(2026, 9, 5)) == dt.date(2026, 10, 5)


# --- F4: n16-im-hb-fell-mma-normal.yaml ----------------------------------------------------------
R16: dict[str, Any] = {
    "age": 62,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg every 3 months",
            "route": "intramuscular",
            "start_date": "2024-06-01",
        }
    ],
    "labs": [
        {"analyte": "hemoglobin", "value": 135, "unit": "g/L", "date": "2025-06-01"},
        {"analyte": "mcv", "value": 88, "unit": "fL", "date": "2025-06-01"},
        {"analyte": "hemoglobin", "value": 108, "unit": "g/L", "date": "2026-11-01"},
        {"analyte": "mcv", "value": 80, "unit": "fL", "date": "2026-11-01"},
        {"analyte": "mma", "value": 0.2, "unit": "umol/L", "date": "2026-11-01"},
    ],
    "assessed_on": "2026-11-05",
}


def test_n16_a_falling_mcv_with_anaemia_on_injections_asks_for_ferritin() -> None:
    a = assess(R16)
    j = a.status.judgment
    assert j.urgency is Urgency.SOON
    assert "fell on treatment" in j.headline and "another cause" in j.headline
    assert "not better" not in j.headline
    ferritin = next(t for t in j.next_tests if t.test == "ferritin")
    assert RULE_IRON in ferritin.rules and "88 → 80 fL" in ferritin.reason
    assert "Ask for a serum ferritin test" in plan_text(a)
    message = _response_message(a)
    assert "hemoglobin abnormal now after a normal result on treatment (135 → 108 g/L)" in message
    assert "iron deficiency is looked for" in message
    assert "folate" in next_test_names(a)
    _one_story(a)


def test_n16_control_a_falling_mcv_still_raised_is_the_expected_response() -> None:
    data = copy.deepcopy(R16)
    data["labs"][1]["value"] = 115  # 115 -> 102: B12 at work on the red cells, not done yet
    data["labs"][3]["value"] = 102
    assert "ferritin" not in next_test_names(assess(data))


def test_n16_an_mcv_back_to_normal_beside_a_fallen_haemoglobin_asks_for_ferritin() -> None:
    # Round 16c, N1: the MCV has answered B12 (108 -> 90) and the haemoglobin has not.
    data = copy.deepcopy(R16)
    data["labs"][1]["value"] = 108
    data["labs"][3]["value"] = 90
    assert "ferritin" in next_test_names(assess(data))


def test_n16_control_without_anaemia_no_ferritin() -> None:
    data = copy.deepcopy(R16)
    data["labs"][2]["value"] = 130
    assert "ferritin" not in next_test_names(assess(data))


# --- F11: 30-censored-high-on-im.yaml ------------------------------------------------------------
R30: dict[str, Any] = {
    "age": 69,
    "sex": "male",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg every 3 months",
            "route": "intramuscular",
            "start_date": "2015-01-01",
        }
    ],
    "labs": [{"analyte": "b12", "value": ">2000", "unit": "ng/L", "date": "2026-11-02"}],
    "assessed_on": "2026-11-02",
}


def test_30_eleven_years_of_injections_with_no_blood_count_says_which_test_shows_the_response() -> (
    None
):
    a = assess(R30)
    j = a.status.judgment
    assert (j.response, j.urgency) == (Response.CANNOT_JUDGE, Urgency.ROUTINE)
    assert "no blood count since treatment started (2015-01-01)" in j.headline
    assert "a blood count shows it" in j.headline
    assert "full_blood_count" in next_test_names(a)
    assert not {"total_b12", "holotc"} & next_test_names(a)
    _one_story(a)


def test_30_control_on_tablets_names_the_b12_test() -> None:
    data = copy.deepcopy(R30)
    data["conditions"] = []
    data["medications"][0].update(name="cyanocobalamin", route="oral", dose="1 mg daily")
    data["medications"][0]["start_date"] = "2026-06-01"
    data["labs"] = [{"analyte": "b12", "value": 120, "unit": "pmol/L", "date": "2026-05-25"}]
    a = assess(data)
    j = a.status.judgment
    assert j.response is Response.CANNOT_JUDGE
    assert "no B12 result since treatment started" in j.headline
    assert "total_b12" in next_test_names(a)
