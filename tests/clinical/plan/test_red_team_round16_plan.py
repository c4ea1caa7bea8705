"""Red-team round-16 findings D2 (plan part), D1 (plan part), D5 and the note on 27, each built
from the red team's person file (copied here as data), each checked for self-contradiction
between the headline, the urgency, the plan and the re-test.

- D2 (SPS on NICE NG239, rule plan.taken.oral-dose-reached-injections): for symptoms "not
  sufficiently improved ... dose escalation or switching to intramuscular vitamin B12 injection is
  advised"; NG239: malabsorption, oral "at least 1 mg a day"; DECISIONS.md: "the plan never offers
  less than the treatment already given". Someone not improving on 1 mg a day is offered
  injections, never "a higher dose by mouth (at least 1 mg a day)", the dose already taken.
- D1 (rule plan.taken.keep-oral-indeterminate; NASGP on NG239: "Review after 3 months of
  treatment"): B12 by mouth with an indeterminate result is named and kept, with its review,
  whatever the diet (03 omnivore, 03c omnivore at 3 months, 03e vegan).
- D5 (rule plan.prophylaxis.nice-ng239-irreversible-cause): the restart sentence words the level
  from its band: 160 pmol/L is NG239's indeterminate band (133-258 pmol/L), not "normal".
- Note on 27 (NASGP on NG239: "Review after 3 months of treatment, or after 1 month in people who
  are pregnant or breastfeeding"): the 1-month review is said only when treatment is started,
  taken or advised.
"""

from __future__ import annotations

from typing import Any

from b12.core.assessment import Assessment
from b12.core.person import Person
from b12.core.plan.model import Category, Regimen
from b12.core.status.judgment import Level, Response
from b12.services.assess import assess_person
from tests.clinical.story_checks import assert_consistent, plan_text, regimens


def assess(data: dict[str, Any]) -> Assessment:
    return assess_person(Person.model_validate(data))


def items(a: Assessment) -> dict[str, str]:
    assert a.plan is not None
    return {i.id: i.text for i in a.plan.items}


# --- D2: 02-vegetarian-oral-not-improving.yaml, and the same person on 1 mg a day ----------------
R02: dict[str, Any] = {
    "age": 52,
    "sex": "male",
    "diet": "lacto_ovo_vegetarian",
    "symptoms": ["tiredness"],
    "medications": [
        {
            "name": "cyanocobalamin",
            "dose": "50 micrograms daily",
            "route": "oral",
            "start_date": "2026-07-01",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 120, "unit": "pmol/L", "date": "2026-06-25"},
        {"analyte": "mma", "value": 0.45, "unit": "umol/L", "date": "2026-06-25"},
        {"analyte": "b12", "value": 125, "unit": "pmol/L", "date": "2026-10-20"},
        {"analyte": "mma", "value": 0.60, "unit": "umol/L", "date": "2026-10-20"},
    ],
    "assessed_on": "2026-10-25",
}
R02_1MG = {**R02, "medications": [{**R02["medications"][0], "dose": "1 mg daily"}]}


def test_not_improving_on_1_mg_a_day_is_offered_injections_not_the_same_dose_as_higher() -> None:
    a = assess(R02_1MG)
    j = a.status.judgment
    assert (j.level, j.response) == (Level.ON_TREATMENT, Response.NOT_IMPROVING)
    text = items(a)["supplement.escalate_treatment"]
    assert "cyanocobalamin (1 mg daily)" in text
    assert "higher dose by mouth" not in plan_text(a)
    assert "switching to injections" in text
    # The regimen offered is the injection course only: never the oral dose already taken.
    assert regimens(a) == {Regimen.IM_NON_NEUROLOGICAL}
    assert a.plan is not None
    (escalate,) = [i for i in a.plan.items if i.id == "supplement.escalate_treatment"]
    assert "plan.taken.oral-dose-reached-injections" in escalate.rules
    assert_consistent(a)


def test_not_improving_on_50_micrograms_is_still_offered_1_mg_by_mouth_or_injections() -> None:
    # The red team agreed with 02: a low dose escalates to at least 1 mg a day, or injections.
    a = assess(R02)
    text = items(a)["supplement.escalate_treatment"]
    assert "higher dose by mouth (cyanocobalamin at least 1 mg a day) or injections" in text
    assert regimens(a) == {Regimen.ORAL_HIGH_DOSE, Regimen.IM_NON_NEUROLOGICAL}
    assert_consistent(a)


def test_a_weekly_1_mg_dose_is_not_the_daily_oral_treatment_dose() -> None:
    weekly = {**R02, "medications": [{**R02["medications"][0], "dose": "1 mg weekly"}]}
    a = assess(weekly)
    assert a.status.judgment.response is Response.NOT_IMPROVING
    assert "higher dose by mouth (cyanocobalamin at least 1 mg a day)" in plan_text(a)
    assert "switching to injections" not in plan_text(a)


# --- D2: 22-pregnant-vegan-oral-retest.yaml ---------------------------------------------------------
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


def test_pregnant_on_1_mg_is_never_offered_a_higher_dose_by_mouth_she_already_takes() -> None:
    # Whether she is "not improving" is the judgment's (another fix); whatever it says, the plan
    # never presents 1 mg a day as a higher dose, and keeps or escalates the treatment she takes.
    a = assess(R22)
    text = plan_text(a)
    assert "higher dose by mouth" not in text
    assert "cyanocobalamin (1 mg daily)" in text
    assert Regimen.ORAL_LOW_DOSE not in regimens(a)
    if a.status.judgment.response is Response.NOT_IMPROVING:
        assert regimens(a) == {Regimen.IM_NON_NEUROLOGICAL}
    # Treatment is taken: the review at 1 month (pregnancy) is said.
    assert "review at 1 month" in text
    assert_consistent(a)


# --- D1: 03-oral-retest-too-early.yaml, 03c-variant-3-months.yaml, 03e-variant-vegan.yaml ---------
R03: dict[str, Any] = {
    "age": 70,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["atrophic gastritis"],
    "symptoms": ["tiredness"],
    "medications": [
        {
            "name": "cyanocobalamin",
            "dose": "1 mg daily",
            "route": "oral",
            "start_date": "2026-11-20",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 140, "unit": "pmol/L", "date": "2026-11-15"},
        {"analyte": "b12", "value": 150, "unit": "pmol/L", "date": "2026-12-01"},
    ],
    "assessed_on": "2026-12-01",
}
R03C: dict[str, Any] = {
    **R03,
    "conditions": [],
    "medications": [{**R03["medications"][0], "start_date": "2026-09-01"}],
    "labs": [
        {"analyte": "b12", "value": 140, "unit": "pmol/L", "date": "2026-08-25"},
        {"analyte": "b12", "value": 150, "unit": "pmol/L", "date": "2026-12-01"},
    ],
}
R03E: dict[str, Any] = {**R03C, "diet": "vegan"}


def _names_and_keeps_the_oral_treatment(a: Assessment) -> None:
    """The plan names the B12 taken by mouth and keeps it (or escalates it if the judgment says
    it is not working), with its review; it never offers less."""
    assert a.plan is not None
    treatment = [
        i for i in a.plan.items if i.category is Category.SUPPLEMENT and "cyanocobalamin" in i.text
    ]
    assert treatment, "the B12 taken by mouth is not named in the plan"
    assert Regimen.ORAL_LOW_DOSE not in regimens(a)
    if a.status.judgment.response is Response.NOT_IMPROVING:
        assert any(i.id == "supplement.escalate_treatment" for i in treatment)
    else:
        assert any(
            "keep taking it" in i.text or "Keep to your current B12 treatment" in i.text
            for i in treatment
        )
        assert any(i.category is Category.RETEST for i in a.plan.items), "no review"
    assert "stop" not in " ".join(i.text for i in treatment).replace("do not stop", "")
    assert_consistent(a)


def test_oral_1_mg_with_an_indeterminate_result_is_named_kept_and_reviewed_03() -> None:
    _names_and_keeps_the_oral_treatment(assess(R03))


def test_oral_1_mg_for_3_months_is_named_whatever_the_diet_03c_03e() -> None:
    omnivore, vegan = assess(R03C), assess(R03E)
    _names_and_keeps_the_oral_treatment(omnivore)
    _names_and_keeps_the_oral_treatment(vegan)
    # The diet does not decide whether the treatment is in the plan, or its review.
    assert omnivore.plan is not None and vegan.plan is not None
    same = {"supplement.keep_taking", "supplement.keep_treatment", "supplement.escalate_treatment"}
    assert {i.id for i in omnivore.plan.items} & same == {i.id for i in vegan.plan.items} & same
    assert {i.id for i in omnivore.plan.items if i.category is Category.RETEST} == {
        i.id for i in vegan.plan.items if i.category is Category.RETEST
    }


# --- D5: 05-pa-stopped-injections.yaml, with 42-pa-stopped-unknown-date.yaml (agree) -------------
R05: dict[str, Any] = {
    "age": 58,
    "sex": "male",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "symptoms": ["tiredness"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg every 3 months",
            "route": "intramuscular",
            "start_date": "2018-01-10",
            "stop_date": "2025-06-01",
        }
    ],
    "labs": [{"analyte": "b12", "value": 160, "unit": "pmol/L", "date": "2026-11-20"}],
    "assessed_on": "2026-11-25",
}
R42: dict[str, Any] = {
    "age": 66,
    "sex": "female",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg every 3 months",
            "route": "intramuscular",
            "start_date": "2017-01-01",
            "stopped": True,
        }
    ],
    "labs": [{"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2026-11-10"}],
}


def test_an_indeterminate_level_is_not_called_normal_in_the_restart_advice_05() -> None:
    a = assess(R05)
    assert a.status.judgment.level is Level.INDETERMINATE  # 160 pmol/L: NG239's 133-258 band
    text = plan_text(a)
    assert "restart" in text
    assert "needed for life" in text
    assert "normal level" not in text
    assert_consistent(a)


def test_a_normal_level_still_says_it_does_not_mean_b12_is_no_longer_needed_42() -> None:
    a = assess(R42)
    assert "a normal level now does not mean it is no longer needed" in plan_text(a)
    assert_consistent(a)


# --- note on 27: 27-lactating-vegetarian-low-intake.yaml (diary left out: no result either way) --
R27: dict[str, Any] = {
    "age": 29,
    "sex": "female",
    "breastfeeding": True,
    "diet": "lacto_ovo_vegetarian",
}


def test_no_review_after_treatment_when_no_treatment_is_started_or_advised_27() -> None:
    a = assess(R27)
    assert a.status.judgment.level is Level.CANNOT_JUDGE
    assert a.plan is not None
    (referral,) = [i for i in a.plan.items if i.id == "referral.pregnancy"]
    assert "After starting treatment" not in referral.text
    assert "retest.nice-ng239.after-treatment" not in referral.rules
    # The breastfed baby is still named.
    assert "breastfed baby" in referral.text
    assert_consistent(a)


def test_the_review_is_said_when_treatment_is_advised_in_breastfeeding() -> None:
    low = {
        **R27,
        "labs": [{"analyte": "b12", "value": 90, "unit": "pmol/L", "date": "2026-11-20"}],
        "assessed_on": "2026-11-25",
    }
    a = assess(low)
    assert a.status.judgment.level is Level.DEFICIENCY_LIKELY
    assert "review at 1 month" in plan_text(a) or "reviewed 1 month" in plan_text(a)
    assert_consistent(a)
