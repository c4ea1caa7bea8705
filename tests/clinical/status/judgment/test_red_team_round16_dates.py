"""Round-16 red-team findings D3, D6, D7 and D9 (dates and urgency), each built from the red team's
person file (copied here as data), with a control the other way, and each checked for
self-contradiction (headline, urgency, advice, plan, next tests and evidence agree).

- D3 (31-future-dated-lab, 37-future-lab-no-assessed-on): a B12 dated after today (a date typo)
  became the latest result and its normal value said "deficiency unlikely", while the current
  indeterminate 210 pmol/L with tiredness dropped out. NG239 (BMJ summary, evidence.md §2.2):
  MMA for "symptoms or signs ... and an indeterminate total or active B12 test result". A result
  that cannot have been taken yet decides nothing: it is listed as not read with why, the dates
  are to be checked, and the latest result up to the assessment date decides (rule
  status.judgment.rules.results-after-assessment-date). The assessment date is never moved past
  today by a result.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.status.judgment import Level, Urgency
from b12.services import clock
from b12.services.assess import assess_person, assessment_date
from tests.clinical.story_checks import assert_consistent, next_test_names, plan_text

TODAY = dt.date(2026, 12, 6)  # the red team's run day


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda settings=None: TODAY)


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def _said(a: Assessment) -> str:
    """Everything the judgment and the plan say in words."""
    j = a.status.judgment
    return " ".join(
        [
            j.headline,
            *(r.message for r in j.urgency_reasons),
            *(f.message for f in j.advice),
            plan_text(a),
        ]
    )


# --- D3: 31-future-dated-lab.yaml and 37-future-lab-no-assessed-on.yaml --------------------------
F37: dict[str, Any] = {
    "age": 60,
    "sex": "female",
    "diet": "omnivore",
    "symptoms": ["tiredness"],
    "labs": [
        {"analyte": "b12", "value": 210, "unit": "pmol/L", "date": "2026-11-01"},
        {"analyte": "b12", "value": 450, "unit": "pmol/L", "date": "2027-11-01"},
    ],
}
F31 = {**F37, "assessed_on": "2026-12-01"}


def _assert_future_result_not_read(a: Assessment) -> None:
    j = a.status.judgment
    # The current 210 pmol/L decides: NG239 indeterminate, with a symptom -> MMA.
    assert j.level is Level.INDETERMINATE
    assert "mma" in next_test_names(a)
    assert all(e.date != dt.date(2027, 11, 1) for e in j.evidence)
    (future,) = [r for r in j.results if r.date == dt.date(2027, 11, 1)]
    assert not future.used
    assert "cannot have been taken yet" in future.why
    assert "check the dates" in future.why
    (current,) = [r for r in j.results if r.date == dt.date(2026, 11, 1)]
    assert current.used
    # No reading of the future result anywhere (key numbers read the readings).
    assert all(r.date != dt.date(2027, 11, 1) for r in a.status.readings)
    later = j.advice_on("later_results")
    assert later is not None and "2027-11-01" in later.message
    assert "not read" in later.message and "check the dates" in later.message
    # The plan keeps "check the dates" and says nothing reassuring.
    text = _said(a)
    assert "check the dates" in plan_text(a)
    assert "unlikely" not in text.lower()
    assert_consistent(a)


def test_d3_a_result_dated_after_the_given_assessment_date_and_today_is_not_read() -> None:
    person = Person.model_validate(F31)
    assert assessment_date(person) == dt.date(2026, 12, 1)  # not moved to 2027-11-01
    _assert_future_result_not_read(assess(F31))


def test_d3_without_assessed_on_the_assessment_is_of_today() -> None:
    # Round 16b (n12): not the file's latest result date, which would keep an old result current.
    person = Person.model_validate(F37)
    assert assessment_date(person) == TODAY
    a = assess(F37)
    _assert_future_result_not_read(a)
    later = a.status.judgment.advice_on("later_results")
    assert later is not None and f"assessment date {TODAY.isoformat()}" in later.message


def test_d3_control_a_later_result_up_to_today_still_moves_the_assessment_and_is_read() -> None:
    # assessed_on 2026-03-01, a B12 of 2026-11-01 (before today): it can have been taken, so it is
    # read and the assessment moves to its date, said (the rule's first half, unchanged).
    data = {**F37, "assessed_on": "2026-03-01", "labs": [F37["labs"][0]]}
    person = Person.model_validate(data)
    assert assessment_date(person) == dt.date(2026, 11, 1)
    a = assess(data)
    j = a.status.judgment
    assert j.level is Level.INDETERMINATE
    assert all(r.used for r in j.results)
    later = j.advice_on("later_results")
    assert later is not None and "are read, so this assessment is as of 2026-11-01" in later.message


def test_d3_a_future_low_result_does_not_decide_either() -> None:
    # The other way: a deficient value dated after today does not make the status "likely".
    data = {
        **F31,
        "labs": [
            {"analyte": "b12", "value": 450, "unit": "pmol/L", "date": "2026-11-01"},
            {"analyte": "b12", "value": 90, "unit": "pmol/L", "date": "2027-11-01"},
        ],
    }
    a = assess(data)
    j = a.status.judgment
    assert j.level is Level.DEFICIENCY_UNLIKELY
    assert j.advice_on("later_results") is not None
    assert [r.used for r in j.results] == [True, False]
    assert_consistent(a)


def test_d3_only_future_results_leave_nothing_to_read() -> None:
    data = {**F37, "labs": [F37["labs"][1]]}
    assert assessment_date(Person.model_validate(data)) == TODAY
    a = assess(data)
    j = a.status.judgment
    assert j.level is Level.CANNOT_JUDGE
    assert j.advice_on("later_results") is not None
    assert_consistent(a)


# --- D7 (contested): 23-pregnant-t3-low-total.yaml ----------------------------------------------
# Kept urgent. NICE CKS (as reproduced, the source of rule
# plan.treatment.pregnancy-urgent-haematology): "Seek urgent advice from a haematologist if the
# person has neurological symptoms or is pregnant"; SPS: "Prescribers should seek urgent advice
# from a haematologist when treating vitamin B12 deficiency anaemia during pregnancy". Against:
# evidence.md 2.7 [V] (35% below 150 pmol/L in the third trimester without functional deficiency)
# and BNSSG (a local guideline: a short course and reassessment after pregnancy). The sources
# disagree; the guideline vignette pe-preg-28w-b12-90-no-symptoms weighed the same conflict and
# follows CKS. What this test holds: the output says why it is urgent, consistently.
F23: dict[str, Any] = {
    "age": 31,
    "sex": "female",
    "pregnant": True,
    "gestational_age_weeks": 34,
    "diet": "omnivore",
    "labs": [{"analyte": "b12", "value": 125, "unit": "pmol/L", "date": "2026-11-28"}],
    "assessed_on": "2026-11-30",
}


def test_d7_pregnant_with_a_total_b12_in_the_deficiency_band_says_why_it_is_urgent() -> None:
    a = assess(F23)
    j = a.status.judgment
    assert j.level is Level.INDETERMINATE  # the pregnancy caveat leaves it unsettled
    assert j.urgency is Urgency.URGENT
    (reason,) = [r for r in j.urgency_reasons if r.code == "pregnancy_low_b12"]
    assert "haematologist" in reason.message
    assert "total B12 falls in pregnancy" in reason.message
    assert "active B12 (holoTC)" in reason.message
    assert "holotc" in next_test_names(a)
    assert a.plan is not None
    (urgent,) = [i for i in a.plan.items if i.id == "urgent.pregnancy_haematology"]
    assert "haematologist" in urgent.text
    # No treatment is started on an unsettled status: the haematologist decides.
    assert not any(i.regimens for i in a.plan.items)
    assert_consistent(a)


# --- D9: 32-frail-old-raised-mma-ckd.yaml ---------------------------------------------------------
# DECISIONS.md: a raised MMA with a normal B12 is read "with kidney function, folate and age, say
# which of them could explain it, and say what to do next". Risch 2015 (evidence.md 2.7 [V]): "Hcy
# and MMA (not holoTC or B12) are affected by kidney function"; unadjusted MMA "overestimates
# vitamin B12 deficiency by 40%" (Ann Clin Biochem 2018 [V]); Danish intervals: MMA up to 0.46
# µmol/L from 65 years. NG239 asks for MMA only with symptoms and an indeterminate B12. So: the
# level stays possible functional deficiency (never reassuring), the urgency is routine, and the
# next step is an active B12 (holoTC) test (rule
# status.judgment.advice.explained-functional-next-step).
F32: dict[str, Any] = {
    "age": 84,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["frailty", "CKD stage 3b"],
    "labs": [
        {"analyte": "b12", "value": 290, "unit": "pmol/L", "date": "2026-11-10"},
        {"analyte": "mma", "value": 0.42, "unit": "umol/L", "date": "2026-11-10"},
        {"analyte": "egfr", "value": 35, "unit": "mL/min/1.73m2", "date": "2026-11-10"},
    ],
    "muscle": {
        "sarc_f": {
            "strength": 2,
            "assistance_walking": 1,
            "rise_from_chair": 1,
            "climb_stairs": 2,
            "falls": 1,
        },
        "grip_strength_kg": 14,
    },
}
RULE_D9 = "status.judgment.advice.explained-functional-next-step"


def test_d9_a_raised_mma_that_kidney_function_and_age_explain_is_routine_with_a_next_step() -> None:
    a = assess(F32)
    j = a.status.judgment
    assert j.level is Level.POSSIBLE_FUNCTIONAL_DEFICIENCY  # never reassuring
    assert j.urgency is Urgency.ROUTINE
    (reason,) = j.urgency_reasons
    assert reason.code == "explained_functional" and RULE_D9 in reason.rules
    assert "kidney function and older age" in reason.message
    advice = j.advice_on("other_explanations")
    assert advice is not None and RULE_D9 in advice.rules
    assert "active B12 (holoTC)" in advice.message and "not holoTC" in advice.message
    assert "active B12 (holoTC)" in plan_text(a)
    text = _said(a)
    assert "soon" not in text.lower()
    assert a.plan is not None
    assert not any(i.regimens for i in a.plan.items)  # the clinician weighs it first
    assert_consistent(a)


def test_d9_control_with_a_symptom_it_stays_soon() -> None:
    j = assess({**F32, "symptoms": ["tiredness"]}).status.judgment
    assert j.level is Level.POSSIBLE_FUNCTIONAL_DEFICIENCY
    assert j.urgency is Urgency.SOON


def test_d9_control_an_mma_highly_suggestive_is_not_explained_away() -> None:
    labs = [*F32["labs"][:1], {**F32["labs"][1], "value": 0.9}, F32["labs"][2]]
    j = assess({**F32, "labs": labs}).status.judgment
    assert j.urgency is Urgency.SOON
    advice = j.advice_on("other_explanations")
    assert advice is None or RULE_D9 not in advice.rules


def test_d9_control_with_active_b12_already_normal_no_holotc_test_is_named() -> None:
    holotc = {"analyte": "holotc", "value": 90, "unit": "pmol/L", "date": "2026-11-10"}
    a = assess({**F32, "labs": [*F32["labs"], holotc]})
    j = a.status.judgment
    assert j.urgency is Urgency.ROUTINE
    assert "active B12 (holoTC) test first" not in j.urgency_reasons[0].message
    advice = j.advice_on("other_explanations")
    assert advice is not None and "next, an active B12" not in advice.message
    assert_consistent(a)


def test_d9_with_a_symptom_the_next_step_does_not_wait_for_symptoms_to_appear() -> None:
    j = assess({**F32, "symptoms": ["tiredness"]}).status.judgment
    advice = j.advice_on("other_explanations")
    assert advice is not None and "active B12 (holoTC)" in advice.message
    assert "symptoms appear" not in advice.message


def test_d9_a_homocysteine_that_low_folate_explains_gets_mma_next_not_holotc() -> None:
    # Round 15b file 13: folate deficiency raises homocysteine, MMA stays normal (evidence.md 2.7,
    # Mayo [V]): the next tests ask for MMA; the advice adds no second, different next step.
    a = assess(
        {
            "age": 45,
            "sex": "male",
            "diet": "omnivore",
            "labs": [
                {"analyte": "b12", "value": 300, "unit": "pmol/L", "date": "2026-12-01"},
                {"analyte": "hcy", "value": 19, "unit": "umol/L", "date": "2026-12-01"},
                {"analyte": "folate", "value": 2.0, "unit": "ng/mL", "date": "2026-12-01"},
            ],
        }
    )
    j = a.status.judgment
    assert "mma" in next_test_names(a)
    advice = j.advice_on("other_explanations")
    assert advice is not None and "holoTC" not in advice.message
    assert_consistent(a)
