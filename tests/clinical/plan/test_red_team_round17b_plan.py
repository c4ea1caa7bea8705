"""Red-team round-17b findings on the plan, each built from the red team's person file (copied here
as data), each checked for self-contradiction between the headline, the urgency and the plan.

- 01 (rule plan.taken.signs-on-oral-indeterminate; SPS on NG239, evidence.md ongoing care [V]:
  "New, worsening or insufficiently improved symptoms: escalate dose or switch to IM"; BSH 2014,
  rule status.judgment.rules.adherence-first): signs with a borderline B12 on 1 mg a day by mouth
  for 6 months: the plan asks whether the tablets work and about a higher dose or injections, not
  about "starting B12 treatment".
- 02 (BNSSG [V]: re-testing on established IM replacement "unnecessary and uninformative"): a
  pregnant woman on injections since 2020 is not given a review "after starting treatment"; the
  re-test item says how the treatment under way is followed.
- 07 (rule plan.taken.keep-oral-indeterminate: the plan names the B12 taken): a multivitamin with
  B12 is named and counted towards the marginal-stores dose, not a second B12 source started.
- 10 (rule plan.build.blood-before-b12): the blood-first sentence is said once.
- 11: the pregnancy item no longer repeats the 1-month review that the re-test item gives.
- 12 (round 17 D6): an 8-year-old's food item points to no "B12 items" the plan does not have.
- 13 (NICE NG239: treatment "for life"; NASGP on NG239: review 3 months after starting
  treatment, rule retest.nice-ng239.after-treatment): a restarted lifelong treatment gets its
  review.
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, plan_text

DAY = "2026-11-20"


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def items(a: Assessment) -> dict[str, str]:
    assert a.plan is not None
    return {i.id: i.text for i in a.plan.items}


# --- 01-glossitis-indet-already-on-1mg-oral.yaml -------------------------------------------------
R01: dict[str, Any] = {
    "age": 60,
    "sex": "female",
    "diet": "omnivore",
    "assessed_on": DAY,
    "symptoms": ["sore tongue"],
    "medications": [
        {
            "name": "cyanocobalamin",
            "dose": "1000 micrograms daily",
            "route": "oral",
            "start_date": "2026-05-01",
        }
    ],
    "labs": [{"analyte": "b12", "value": 200, "unit": "pmol/L", "date": "2026-11-15"}],
}


def test_01_signs_on_tablets_ask_whether_they_work_not_to_start_b12() -> None:
    a = assess(R01)
    assert_consistent(a)
    got = items(a)
    referral = got["referral.do_not_delay"]
    assert "starting B12 treatment" not in plan_text(a)
    assert "already take cyanocobalamin (1000 micrograms daily)" in referral
    assert "raise the dose or switch to injections" in referral
    assert "taken regularly" in referral  # adherence first (BSH 2014)
    # The item that keeps the tablets agrees: not stopped or lowered meanwhile.
    assert "do not stop it or lower the dose" in got["supplement.keep_taking"]
    assert a.plan is not None
    rules = {r for i in a.plan.items for r in i.rules}
    assert {"plan.taken.signs-on-oral-indeterminate", "status.judgment.rules.adherence-first"} <= (
        rules
    )


def test_01_without_b12_taken_the_referral_still_says_to_start() -> None:
    a = assess({**R01, "medications": []})
    assert "ask about starting B12 treatment now" in items(a)["referral.do_not_delay"]


# --- 02-pregnant-pa-on-im-holotc-advised.yaml ----------------------------------------------------
R02: dict[str, Any] = {
    "age": 32,
    "sex": "female",
    "pregnant": True,
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "assessed_on": DAY,
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg every 3 months",
            "route": "intramuscular",
            "start_date": "2020-01-01",
        }
    ],
}


def test_02_long_established_injections_get_no_review_after_starting() -> None:
    a = assess(R02)
    assert_consistent(a)
    got = items(a)
    assert "after starting treatment" not in plan_text(a).lower()
    assert "serum B12 re-tests are not needed" in got["retest.on_injections"]
    assert "hydroxocobalamin" in got["supplement.keep_treatment"]


def test_02_on_injections_the_pregnancy_item_does_not_prefer_holotc() -> None:
    # Injections raise active B12 (holoTC) as they raise total B12: the judgment asks no holoTC
    # and drops the pregnancy caveat that prefers it (rule confounder.pregnancy), so the plan's
    # pregnancy item does not offer it either (red team round 17b, 02).
    a = assess(R02)
    assert_consistent(a)
    assert "holotc" not in plan_text(a).lower()
    assert not any(t.test == "holotc" for t in a.status.judgment.next_tests)
    without = assess({**R02, "medications": []})
    assert "Active B12 (holoTC) is the preferred test in pregnancy." in plan_text(without)


# --- 07-holotc-asked-on-b12-multivitamin.yaml ----------------------------------------------------
R07: dict[str, Any] = {
    "age": 45,
    "sex": "female",
    "diet": "vegetarian",
    "assessed_on": DAY,
    "symptoms": ["tiredness"],
    "medications": [{"name": "multivitamin with B12"}],
    "labs": [{"analyte": "b12", "value": 200, "unit": "pmol/L", "date": "2026-11-15"}],
}


def test_07_a_multivitamin_with_b12_is_named_and_counted_not_doubled() -> None:
    a = assess(R07)
    assert_consistent(a)
    marginal = items(a)["supplement.marginal_plant_based"]
    assert marginal.startswith("You already take multivitamin with B12")
    assert "not recorded" in marginal
    assert "with its B12 counted" in marginal
    assert "Take cyanocobalamin" not in plan_text(a)


def test_07_a_low_known_dose_is_named_too() -> None:
    meds = [{"name": "cyanocobalamin", "dose": "10 micrograms daily", "route": "oral"}]
    marginal = items(assess({**R07, "medications": meds}))["supplement.marginal_plant_based"]
    assert "You already take cyanocobalamin (10 micrograms daily)" in marginal
    assert "gives less B12" in marginal


def test_07_without_b12_taken_the_offer_is_unchanged() -> None:
    marginal = items(assess({**R07, "medications": []}))["supplement.marginal_plant_based"]
    assert marginal.startswith("Take cyanocobalamin 50 µg a day")


# --- 10-suspected-pa-blood-first-twice.yaml ------------------------------------------------------
R10: dict[str, Any] = {
    "age": 60,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["suspected pernicious anaemia"],
    "assessed_on": DAY,
    "symptoms": ["tiredness"],
    "labs": [{"analyte": "b12", "value": 110, "unit": "pmol/L", "date": "2026-11-15"}],
}


def test_10_the_blood_first_sentence_is_said_once() -> None:
    a = assess(R10)
    assert_consistent(a)
    got = items(a)
    said = [k for k, t in got.items() if "before the first dose" in t]
    assert said == ["referral.pernicious_anaemia"]
    assert "intrinsic-factor antibody" in got["referral.pernicious_anaemia"]


# --- 11-pregnant-review-1-month-thrice.yaml ------------------------------------------------------
R11: dict[str, Any] = {
    "age": 30,
    "sex": "female",
    "diet": "vegan",
    "pregnant": True,
    "gestational_age_weeks": 20,
    "assessed_on": DAY,
    "symptoms": ["tiredness"],
    "labs": [{"analyte": "b12", "value": 180, "unit": "pmol/L", "date": "2026-11-15"}],
}


def test_11_the_pregnancy_item_leaves_the_1_month_review_to_the_retest_item() -> None:
    a = assess(R11)
    assert_consistent(a)
    got = items(a)
    assert "1 month" not in got["referral.pregnancy"]
    assert "1 month after starting treatment" in got["retest.1_month"]
    assert a.plan is not None
    assert sum("1 month" in i.text for i in a.plan.items) == 2  # beside the dose, and the review


def test_11_without_a_retest_item_the_pregnancy_item_keeps_its_review() -> None:
    # Pregnant, injections started 2 weeks ago: the review is still ahead of the treatment.
    data = {
        **R11,
        "diet": "omnivore",
        "symptoms": [],
        "labs": [],
        "medications": [
            {
                "name": "hydroxocobalamin",
                "dose": "1 mg",
                "route": "intramuscular",
                "start_date": "2026-11-06",
            }
        ],
    }
    a = assess(data)
    assert_consistent(a)
    assert any("1 month" in t for t in items(a).values())


# --- 12-child-coeliac-see-b12-items.yaml ---------------------------------------------------------
R12: dict[str, Any] = {
    "age": 8,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["coeliac disease"],
    "symptoms": ["tiredness"],
    "labs": [
        {
            "analyte": "b12",
            "value": 120,
            "unit": "pmol/L",
            "date": "2026-11-15",
            "reference_range": {"low": 200, "high": 900},
        }
    ],
    "assessed_on": DAY,
}


def test_12_a_childs_food_item_points_to_no_missing_b12_items() -> None:
    a = assess(R12)
    assert_consistent(a)
    got = items(a)
    assert "see the B12 items" not in got["food.sources"]
    assert "with the results of the tests in this plan" in got["food.sources"]
    assert "referral.paediatric" in got


# --- 13-pa-restart-no-review.yaml ----------------------------------------------------------------
R13: dict[str, Any] = {
    "age": 65,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "assessed_on": DAY,
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg every 3 months",
            "route": "intramuscular",
            "start_date": "2020-01-01",
            "stop_date": "2025-06-01",
        }
    ],
    "labs": [{"analyte": "b12", "value": 300, "unit": "pmol/L", "date": "2026-11-15"}],
}


def test_13_a_restarted_lifelong_treatment_gets_its_review() -> None:
    a = assess(R13)
    assert_consistent(a)
    got = items(a)
    assert "ask your doctor to restart it" in got["referral.pernicious_anaemia"]
    review = got["retest.3_months"]
    assert "3 months after starting treatment" in review
    assert "serum B12 is not re-tested" in review  # the restart is by injection
