"""Red-team round-17 findings on screening and the plan, each built from the red team's person
file (copied here as data), each checked for self-contradiction between the headline, the
urgency, the screening line and the plan.

- D1 (NG239's signs include "Neurological/mobility problems", Slater Gordon's summary; BMJ
  summary [V]: "Offer an initial diagnostic test (total or active B12) ... to people who have at
  least one common symptom or sign and at least one common risk factor"; rule
  screening.rules.falls): falls are a sign, so an 80-year-old who falls is offered the test, and
  the plan's own prompt ("unsteadiness or falls") agrees; falls alone are no neurological
  presentation (routine, no injection regimen).
- D3 (the same rule): a measured low physical performance (EWGSOP2 gait speed <= 0.8 m/s, SPPB <=
  8) is a mobility problem: the screening item no longer says "no symptom" beside it.
- D2 (rule plan.build.blood-before-b12; Wolffenbuttel 2020: recent supplementation "raises serum
  B12 and can mask deficiency"): a B12 started while MMA or holoTC is asked says the blood comes
  first.
- D5 (rule retest.no-routine-on-im; BNSSG: re-testing serum B12 on established IM replacement is
  "unnecessary and uninformative"): beside injections, the review names symptoms and a blood
  count, not serum B12.
- D6: the food item points only to B12 items the plan has.
- Note on 14: the discuss item cites the risk factor's source, not a press summary of a mouse
  study.
- The lead's review (rule plan.prophylaxis.suspected-pernicious-anaemia): suspected pernicious
  anaemia is lifelong only once confirmed.
- The plan engineer's property example (NICE NG239: an irreversible cause needs treatment "for
  life"): a lifelong treatment stopped is restarted even when the clinician weighs a raised MMA
  first; "keep to the B12 treatment agreed" only when B12 is taken.
- The screening engineer's note: an undated first-line result beside tablets with a start date is
  said to be unplaceable, not assumed taken on them.
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Regimen
from b12.core.screening.model import RECOMMENDATION
from b12.core.status.judgment import Level
from b12.core.status.judgment.model import URGENCY
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, plan_text, regimens

DAY = "2026-11-20"


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def items(a: Assessment) -> dict[str, str]:
    assert a.plan is not None
    return {i.id: i.text for i in a.plan.items}


# --- D1: 36-falls-older-no-labs.yaml (and 36 with other words for falls) -------------------------
R36: dict[str, Any] = {
    "age": 80,
    "sex": "female",
    "diet": "omnivore",
    "symptoms": ["falls"],
    "assessed_on": DAY,
}


def test_d1_a_faller_with_a_risk_factor_is_offered_the_test_not_told_to_discuss() -> None:
    for words in ("falls", "recurrent falls", "fell twice", "had a fall last month"):
        a = assess({**R36, "symptoms": [words]})
        assert a.screening.recommendation is RECOMMENDATION.OFFER_TEST, words
        assert "falls" in a.screening.symptoms
        assert "screening.rules.falls" in a.screening.rules
        got = items(a)
        assert "test.discuss_screening" not in got
        assert "test.total_b12" in got or "test.holotc" in got
        # Not a neurological presentation on its own: routine, no injection regimen.
        assert a.status.judgment.urgency is URGENCY.ROUTINE
        assert not a.screening.neurological_symptoms
        assert not regimens(a)
        assert not any(f.code == "unrecognised_symptom" for f in a.screening.findings)
        assert_consistent(a)


def test_d1_no_falls_and_falling_asleep_are_not_falls() -> None:
    for words in ("no falls", "falling asleep in the day"):
        a = assess({**R36, "symptoms": [words]})
        assert "falls" not in a.screening.symptoms, words


def test_d1_the_prompt_and_the_recognition_agree() -> None:
    # The symptom check lists "unsteadiness or falls" as signs: each is read as one.
    a = assess({**R36, "symptoms": []})
    check = items(a).get("test.check_symptoms", "")
    assert "unsteadiness or falls" in check
    for words in ("unsteady on my feet", "falls"):
        assert assess({**R36, "symptoms": [words]}).screening.symptoms, words


# 35-frail-falls-lowbmi-normal-b12.yaml: falls with a normal B12 make no B12 treatment.
R35: dict[str, Any] = {
    "age": 86,
    "sex": "female",
    "diet": "omnivore",
    "symptoms": ["falls", "weight loss"],
    "muscle": {
        "sarc_f": {
            "strength": 2,
            "assistance_walking": 1,
            "rise_from_chair": 2,
            "climb_stairs": 2,
            "falls": 1,
        },
        "grip_strength_kg": 12,
        "height_m": 1.58,
        "weight_kg": 47,
    },
    "labs": [{"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2026-11-15"}],
    "assessed_on": DAY,
}


def test_d1_35_falls_are_a_symptom_but_a_normal_b12_stays_unlikely_and_untreated() -> None:
    a = assess(R35)
    assert "falls" in a.screening.symptoms
    assert "without symptoms" not in a.screening.summary
    assert a.status.judgment.level is Level.DEFICIENCY_UNLIKELY
    assert a.status.judgment.urgency is URGENCY.ROUTINE
    assert not regimens(a) - {Regimen.ORAL_LOW_DOSE}
    assert_consistent(a)


# --- D3: 37-slow-gait-measured-no-labs.yaml and 24-low-performance-only.yaml ---------------------
R37: dict[str, Any] = {
    "age": 79,
    "sex": "male",
    "muscle": {
        "grip_strength_kg": 30,
        "gait_speed_m_s": 0.5,
        "sppb_score": 5,
        "height_m": 1.72,
        "weight_kg": 70,
    },
    "assessed_on": DAY,
}
R24: dict[str, Any] = {
    "age": 72,
    "sex": "female",
    "muscle": {
        "grip_strength_kg": 22,
        "asm_kg": 16.5,
        "asm_method": "dxa",
        "height_m": 1.62,
        "weight_kg": 62,
        "gait_speed_m_s": 0.6,
        "sppb_score": 6,
    },
    "assessed_on": DAY,
}


def test_d3_a_measured_low_performance_is_a_sign_beside_the_muscle_item() -> None:
    for data in (R37, R24):
        a = assess(data)
        got = items(a)
        assert "muscle.low_performance" in got or "Low physical performance" in plan_text(a)
        assert "no symptom" not in plan_text(a)
        assert a.screening.recommendation is RECOMMENDATION.OFFER_TEST
        assert "low_physical_performance" in a.screening.symptoms
        assert a.status.judgment.urgency is URGENCY.ROUTINE
        assert not a.screening.neurological_symptoms
        assert_consistent(a)


def test_d3_a_normal_performance_is_no_sign() -> None:
    a = assess({**R37, "muscle": {**R37["muscle"], "gait_speed_m_s": 1.1, "sppb_score": 11}})
    assert "low_physical_performance" not in a.screening.symptoms
    assert a.screening.recommendation is RECOMMENDATION.DISCUSS_SCREENING


# --- D2: 02-vegetarian-indeterminate.yaml -------------------------------------------------------
R02: dict[str, Any] = {
    "age": 42,
    "sex": "female",
    "diet": "lacto_ovo_vegetarian",
    "symptoms": ["tiredness"],
    "labs": [{"analyte": "b12", "value": 200, "unit": "pmol/L", "date": "2026-11-15"}],
    "assessed_on": DAY,
}


def test_d2_the_blood_for_the_pending_tests_comes_before_the_supplement() -> None:
    a = assess(R02)
    got = items(a)
    assert {"test.mma", "test.holotc"} <= set(got)
    supplement = got["supplement.marginal_plant_based"]
    assert "taken before the first dose" in supplement
    assert "MMA and active B12" in supplement
    assert_consistent(a)


def test_d2_no_blood_first_sentence_for_b12_already_taken() -> None:
    taking = {
        **R02,
        "medications": [{"name": "cyanocobalamin 50 micrograms daily", "start_date": "2026-01-01"}],
    }
    assert "before the first dose" not in plan_text(assess(taking))


# --- D5: 04-pa-new-anaemia.yaml, and 31 (nerve symptoms) ------------------------------------------
R04: dict[str, Any] = {
    "age": 63,
    "sex": "female",
    "conditions": ["pernicious anaemia"],
    "symptoms": ["tiredness", "breathlessness"],
    "labs": [
        {"analyte": "b12", "value": 90, "unit": "pmol/L", "date": "2026-11-15"},
        {"analyte": "hemoglobin", "value": 98, "unit": "g/L", "date": "2026-11-15"},
        {"analyte": "mcv", "value": 112, "unit": "fL", "date": "2026-11-15"},
        {"analyte": "intrinsic_factor_antibody", "value": "positive", "date": "2026-11-15"},
    ],
    "assessed_on": DAY,
}


def test_d5_the_review_beside_injections_is_not_a_serum_b12_retest() -> None:
    for data in (R04, {**R04, "symptoms": ["numbness in feet"]}):
        a = assess(data)
        review = items(a)["retest.3_months"]
        assert "Have B12" not in review
        assert "symptoms and a full blood count" in review
        assert "serum B12 is not re-tested" in review
        assert "lifelong" in plan_text(a)  # diagnosed (antibody positive): for life
        assert_consistent(a)


def test_d5_without_injections_the_review_stays_a_b12_review() -> None:
    vegan_low = {
        "age": 40,
        "sex": "female",
        "diet": "vegan",
        "labs": [{"analyte": "b12", "value": 100, "unit": "pmol/L", "date": "2026-11-15"}],
        "assessed_on": DAY,
    }
    a = assess(vegan_low)
    assert not {Regimen.IM_NON_NEUROLOGICAL, Regimen.IM_NEUROLOGICAL} & regimens(a)
    assert items(a)["retest.3_months"].startswith("Have B12 (and symptoms) reviewed")


# --- D6: 30-partial-gastrectomy-indeterminate.yaml ----------------------------------------------
R30: dict[str, Any] = {
    "age": 66,
    "sex": "male",
    "conditions": ["partial gastrectomy 2010"],
    "symptoms": ["tiredness"],
    "labs": [{"analyte": "b12", "value": 240, "unit": "pmol/L", "date": "2026-11-15"}],
    "assessed_on": DAY,
}


def test_d6_the_food_item_points_only_to_items_that_exist() -> None:
    a = assess(R30)
    assert a.plan is not None
    b12_items = [i for i in a.plan.items if i.id.split(".")[0] in ("supplement", "referral")]
    food = items(a)["food.sources"]
    assert not b12_items  # the red team's case: tests, food and protein only
    assert "see the B12 items" not in food
    assert "tests in this plan" in food
    assert_consistent(a)


# --- Note on 14: 14-older-asymptomatic-no-rf.yaml -------------------------------------------------
def test_note_14_the_discuss_item_cites_the_risk_factor_not_a_press_summary() -> None:
    from b12.core import rules

    a = assess({"age": 72, "sex": "male", "diet": "omnivore", "assessed_on": DAY})
    assert a.plan is not None
    discuss = next(i for i in a.plan.items if i.id == "test.discuss_screening")
    assert "screening.risk.older-adult" in discuss.rules
    for rule in discuss.rules:
        assert "healthsignal" not in (rules.REGISTRY[rule].source.url or "")


# --- The lead's review: /tmp/chk/spa.yaml --------------------------------------------------------
SPA: dict[str, Any] = {
    "age": 60,
    "sex": "female",
    "assessed_on": DAY,
    "conditions": ["suspected pernicious anaemia"],
    "symptoms": ["fatigue"],
    "labs": [{"analyte": "b12", "value": 150, "unit": "pmol/L", "date": "2026-11-15"}],
}


def test_suspected_pernicious_anaemia_is_lifelong_only_once_confirmed() -> None:
    for written in ("suspected pernicious anaemia", "?pernicious anaemia"):
        a = assess({**SPA, "conditions": [written]})
        got = items(a)
        assert "test.intrinsic_factor_antibody" in got
        referral = got["referral.pernicious_anaemia"]
        assert "as the cause is irreversible" not in referral
        assert "once pernicious anaemia is confirmed" in referral
        assert "taken before the first dose" in referral  # the antibody test first
        assert "with pernicious anaemia" not in plan_text(a)
        assert_consistent(a)


def test_diagnosed_pernicious_anaemia_stays_lifelong() -> None:
    a = assess({**SPA, "conditions": ["pernicious anaemia"]})
    assert "as the cause is irreversible" in items(a)["referral.pernicious_anaemia"]


# --- The plan engineer's property example: a stopped lifelong treatment -------------------------
STOPPED: dict[str, Any] = {
    "age": 80,
    "sex": "female",
    "surgery": [{"procedure": "sleeve_gastrectomy", "date": "2020-03-01"}],
    "medications": [
        {
            "name": "hydroxocobalamin injection",
            "start_date": "2021-01-01",
            "stop_date": "2026-08-01",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 259, "unit": "pmol/L", "date": "2026-11-15"},
        {"analyte": "mma", "value": 0.38, "unit": "umol/L", "date": "2026-11-15"},
    ],
    "assessed_on": DAY,
}


def test_a_stopped_lifelong_treatment_is_restarted_while_the_clinician_weighs_the_mma() -> None:
    a = assess(STOPPED)
    text = plan_text(a)
    assert "ask your doctor to restart it" in text
    assert "for life" in text
    assert "keep to the B12 treatment agreed with your doctor" not in text
    assert_consistent(a)


def test_keep_to_the_treatment_only_when_b12_is_taken() -> None:
    never = {k: v for k, v in STOPPED.items() if k != "medications"}
    assert "keep to the B12 treatment agreed" not in plan_text(assess(never))
    taking = {
        **STOPPED,
        "medications": [{"name": "hydroxocobalamin injection", "start_date": "2021-01-01"}],
    }
    assert "keep to the B12 treatment agreed" in plan_text(assess(taking))


# --- The screening engineer's note: an undated result beside dated tablets ----------------------
def test_an_undated_result_beside_dated_tablets_is_not_placed_on_them() -> None:
    a = assess(
        {
            "age": 60,
            "sex": "female",
            "diet": "vegan",
            "symptoms": ["tiredness"],
            "medications": [{"name": "cyanocobalamin 1 mg daily", "start_date": "2026-06-01"}],
            "labs": [{"analyte": "b12", "value": 200, "unit": "pmol/L"}],
            "assessed_on": DAY,
        }
    )
    assert "taken on it" not in a.screening.summary
    assert "cannot be told" in a.screening.summary
    assert "screening.screen.tested-on-treatment" not in a.screening.rules
    # The judgment likewise counts the listed tablets as a caveat on the undated sample.
    assert any(e.code.startswith("recent_supplement") for e in a.status.judgment.evidence)
