"""Doses, regimens, referral triggers and re-test intervals (:mod:`b12.core.plan.treatment`) against
their sources (evidence.md §4-5; DECISIONS.md "Treatment and supplement wording").

- BNF via the NHS Scotland East Region formulary (§5.1, [V]): "cyanocobalamin tablets can be used in
  doses of 50-150 micrograms daily for vegans or patients who have proven dietary deficiency";
  hydroxocobalamin without neurological involvement "1 mg three times a week for 2 weeks, then 1 mg
  every 3 months"; with neurological involvement "1 mg on alternate days until no further
  improvement, then 1 mg every 2 months"; "Prophylaxis: 1 mg every 3 months".
- NICE NG239 via the BMJ summary (§5.1, [V]): malabsorption, "prescribe a dosage of at least 1 mg a
  day"; nitrous oxide, NICE draft 1.5.8 ([V]): "offer IM or oral replacement based on preference".
- BMJ Best Practice (§5.3, §5.2, [V]): "older people may need oral dosages of >500 micrograms/day";
  marginal stores, "50 micrograms/day ... or 2000 micrograms/week".
- The Vegan Society (§5.2, [P]): "at least three micrograms ... of B12 a day" from fortified foods
  "two or three times a day"; "at least 10 micrograms" daily; "at least 2000 micrograms" weekly.
  AND 2016 ([V]): "Vegans need reliable sources of B-12, such as fortified foods or supplements."
- IOM 1998 (§4.1, §4.4, [V]): "for adults over 50 years old it is advisable for most of this amount
  to be obtained by consuming foods fortified with vitamin B12 or a vitamin B12-containing
  supplement"; "a B12 content of 1.5 to 2.5 µg/meal saturates ileal receptors"; malabsorption "needs
  B12 under a physician's direction".
- Watanabe 2002 (§4.5, [V]): spirulina pseudovitamin B12 is "not suitable for use as a vitamin B12
  source".
- Re-testing (§5.4): "After starting treatment | 3 months | [P] NICE via NASGP"; "Pregnant or
  breastfeeding | 1 month | [P]"; "Established IM therapy | No routine B12 re-test | [V] BNSSG";
  "borderline B12 with dietary advice | Re-check in 3 months | [V]".
- NICE CKS (§5.1, [P]): "seek urgent haematology advice if there is neurological involvement".

Units: µg/day (oral), µg/week, µg/meal, mg per injection, times per week, weeks, months.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from b12.core import sources
from b12.core.muscle.assess import assess_muscle
from b12.core.person import Person
from b12.core.plan import treatment as tx
from b12.core.plan.build import Plan, build_plan
from b12.core.plan.model import Cause, PlanItem, Regimen
from b12.core.plan.taken import oral_regimen
from b12.core.rules import Evidence
from b12.core.screening.screen import screen
from b12.core.status.interpret import interpret_status
from tests.clinical.rule_contract import parameter_tests, rule_table_tests

DAY = dt.date(2026, 11, 1)
EPS = 1e-6
V, S = Evidence.VERIFIED, Evidence.SECONDARY

# Rule id -> (source, evidence level as evidence.md labels it, parameters with their published value).
RULES: dict[str, tuple[Any, Evidence, dict[str, float]]] = {
    "treatment.bnf.oral-dietary": (
        sources.BNF_B12,
        V,
        {"ORAL_DIETARY_LOW_UG_DAY": 50.0, "ORAL_DIETARY_HIGH_UG_DAY": 150.0},  # µg/day
    ),
    "treatment.nice-ng239.malabsorption-1mg": (
        sources.NICE_NG239,
        V,
        {"ORAL_MALABSORPTION_MIN_UG_DAY": 1000.0},  # "at least 1 mg a day", µg/day
    ),
    "treatment.bmj-bp.older-500ug": (
        sources.BMJ_BP_B12,
        V,
        {"ORAL_OLDER_ABOVE_UG_DAY": 500.0},  # "> 500 micrograms/day"
    ),
    "treatment.bnf.im-hydroxocobalamin": (
        sources.BNF_B12,
        V,
        {
            "IM_DOSE_MG": 1.0,  # mg per injection
            "IM_LOADING_TIMES_PER_WEEK": 3,  # "three times a week"
            "IM_LOADING_WEEKS": 2,  # "for 2 weeks"
            "IM_MAINTENANCE_EVERY_MONTHS": 3,  # "then 1 mg every 3 months"
            "IM_NEURO_MAINTENANCE_EVERY_MONTHS": 2,  # "then 1 mg every 2 months"
        },
    ),
    "treatment.nice-ng239.nitrous-oxide": (sources.NICE_NG239, V, {}),
    "referral.neurological-urgent": (sources.NICE_CKS_B12, S, {}),
    "referral.pregnancy": (sources.NASGP_NG239, S, {}),
    # SPS (its own page) for deficiency anaemia in pregnancy; CKS (reproduced) for any deficiency.
    "plan.treatment.pregnancy-urgent-haematology": (sources.SPS_B12_PREGNANCY, S, {}),
    "plan.treatment.breastfed-infant": (sources.CDC_BREASTFED_INFANT_B12, S, {}),
    "referral.malabsorption-physician": (sources.IOM_1998_B12, V, {}),
    "referral.find-cause": (sources.BSH_2014, V, {}),
    "diet.vegan-society": (
        sources.VEGAN_SOCIETY_B12,
        S,
        {
            "VEGAN_FORTIFIED_MIN_UG_DAY": 3.0,  # "at least three micrograms ... a day"
            "VEGAN_FORTIFIED_MIN_TIMES_PER_DAY": 2,  # "two or three times a day"
            "VEGAN_FORTIFIED_MAX_TIMES_PER_DAY": 3,
            "VEGAN_DAILY_SUPPLEMENT_MIN_UG": 10.0,  # "at least 10 micrograms" daily
            "VEGAN_WEEKLY_SUPPLEMENT_MIN_UG": 2000.0,  # "at least 2000 micrograms" weekly
        },
    ),
    "diet.and-2016": (sources.AND_2016_VEGETARIAN, V, {}),
    "diet.bmj-bp.marginal-vegan": (
        sources.BMJ_BP_B12,
        V,
        {"MARGINAL_VEGAN_DAILY_UG": 50.0, "MARGINAL_VEGAN_WEEKLY_UG": 2000.0},
    ),
    "diet.iom.older-fortified": (sources.IOM_1998_B12, V, {}),
    "diet.iom.per-meal-saturation": (
        sources.IOM_1998_B12,
        V,
        {"IF_SATURATION_LOW_UG_PER_MEAL": 1.5, "IF_SATURATION_HIGH_UG_PER_MEAL": 2.5},
    ),
    "diet.algae-pseudo-b12": (sources.WATANABE_2002, V, {}),
    "retest.nice-ng239.after-treatment": (
        sources.NASGP_NG239,
        S,
        {"RETEST_AFTER_TREATMENT_MONTHS": 3, "RETEST_PREGNANCY_MONTHS": 1},
    ),
    "retest.no-routine-on-im": (sources.BNSSG_B12, V, {}),
    "retest.borderline-3-months": (sources.BNSSG_B12, V, {"BORDERLINE_RECHECK_MONTHS": 3}),
    "muscle.castillo-2026": (sources.CASTILLO_2026, V, {}),
    "muscle.human-associations": (sources.B12_HUMAN_MUSCLE, V, {}),
}


(
    test_the_module_declares_exactly_these_rules,
    test_each_rule_cites_its_source_with_the_evidence_level_of_evidence_md,
) = rule_table_tests("b12.core.plan.treatment", RULES)


test_registered_parameters_are_the_published_numbers = parameter_tests(RULES, tx)


def test_the_older_adult_high_dose_exceeds_the_bmj_500_ug() -> None:
    # The plan offers >= 1 mg a day for food-bound malabsorption in later life: more than 500 µg.
    assert tx.ORAL_MALABSORPTION_MIN_UG_DAY > tx.ORAL_OLDER_ABOVE_UG_DAY


@pytest.mark.parametrize(
    ("dose", "regimen"),
    [
        ("999 micrograms daily", Regimen.ORAL_LOW_DOSE),
        ("0.999 mg a day", Regimen.ORAL_LOW_DOSE),
        ("1000 µg daily", Regimen.ORAL_HIGH_DOSE),
        ("1 mg daily", Regimen.ORAL_HIGH_DOSE),
        ("1001 mcg", Regimen.ORAL_HIGH_DOSE),
        ("150 ug", Regimen.ORAL_LOW_DOSE),
        ("two tablets", None),
        (None, None),
    ],
)
def test_an_oral_dose_of_at_least_1_mg_is_high_dose_nice_ng239(
    dose: str | None, regimen: Regimen | None
) -> None:
    assert oral_regimen(dose) is regimen


LOW_B12 = {"analyte": "b12", "value": 110, "unit": "pmol/L", "date": "2026-10-01"}
NORMAL_B12 = {"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2026-10-01"}
BORDERLINE_B12 = {"analyte": "b12", "value": 200, "unit": "pmol/L", "date": "2026-10-01"}


def plan(**fields: Any) -> Plan:
    person = Person.model_validate({"age": 40, "sex": "female", "diet": "omnivore", **fields})
    status = interpret_status(person, DAY)
    muscle = assess_muscle(person.muscle, person.sex)
    return build_plan(person, status, screen(person, DAY), muscle, None, DAY)


def item(p: Plan, item_id: str) -> PlanItem:
    found = [i for i in p.items if i.id == item_id]
    assert found, f"{item_id} not in {[i.id for i in p.items]}"
    return found[0]


def g(value: float) -> str:
    return f"{value:g}"


def test_dietary_deficiency_gets_bnf_oral_50_to_150_ug_a_day() -> None:
    p = plan(diet="vegan", labs=[LOW_B12])
    supplement = item(p, "supplement.oral_dietary")
    dose = f"{g(tx.ORAL_DIETARY_LOW_UG_DAY)}-{g(tx.ORAL_DIETARY_HIGH_UG_DAY)} µg"
    assert dose == "50-150 µg" and dose in supplement.text and "every day" in supplement.text
    assert supplement.rules == (tx.RULE_ORAL_DIETARY,)
    assert supplement.regimens == (Regimen.ORAL_LOW_DOSE,)


@pytest.mark.parametrize(
    ("fields", "cause"),
    [
        ({"conditions": ["total gastrectomy"]}, Cause.MALABSORPTION),
        ({"medications": [{"name": "metformin"}]}, Cause.MEDICATION),
        ({"age": 70}, Cause.OLDER_AGE),
    ],
)
def test_absorption_causes_get_at_least_1_mg_orally_or_the_bnf_im_regimen(
    fields: dict[str, Any], cause: Cause
) -> None:
    p = plan(labs=[LOW_B12], **fields)
    assert p.cause is cause
    supplement = item(p, "supplement.high_dose_oral")
    assert f"at least {g(tx.ORAL_MALABSORPTION_MIN_UG_DAY)} µg (1 mg) every day" in supplement.text
    im = (
        f"hydroxocobalamin {g(tx.IM_DOSE_MG)} mg by injection three times a week for "
        f"{tx.IM_LOADING_WEEKS} weeks, then every {tx.IM_MAINTENANCE_EVERY_MONTHS} months"
    )
    assert im in supplement.text
    assert {tx.RULE_ORAL_MALABSORPTION, tx.RULE_IM} <= set(supplement.rules)
    assert (tx.RULE_ORAL_OLDER in supplement.rules) is (cause is Cause.OLDER_AGE)
    assert supplement.regimens == (Regimen.ORAL_HIGH_DOSE, Regimen.IM_NON_NEUROLOGICAL)


def test_neurological_involvement_is_urgent_with_the_bnf_neurological_regimen() -> None:
    p = plan(symptoms=["numbness in feet"], labs=[LOW_B12])
    urgent = p.items[0]
    assert urgent.id == "urgent.neurological"
    assert "alternate days until there is no further improvement" in urgent.text
    assert f"then every {tx.IM_NEURO_MAINTENANCE_EVERY_MONTHS} months" in urgent.text
    assert urgent.rules[:2] == (tx.RULE_URGENT_NEURO, tx.RULE_IM)
    # Only the neurological regimen appears anywhere (DECISIONS.md).
    assert {r for i in p.items for r in i.regimens} == {Regimen.IM_NEUROLOGICAL}


def test_nitrous_oxide_is_treated_by_injection_or_by_mouth_by_preference() -> None:
    p = plan(conditions=["recreational nitrous oxide"], labs=[LOW_B12])
    assert p.cause is Cause.NITROUS_OXIDE
    treatment = item(p, "supplement.nitrous_oxide")
    # NICE 1.5.8: "intramuscular or oral" by preference; the BNF course is the injection named.
    # The blood for the tests still asked is taken first (rule plan.build.blood-before-b12).
    assert treatment.rules[:2] == (tx.RULE_NITROUS_OXIDE, tx.RULE_IM)
    assert "or by mouth" in treatment.text and "Stop using nitrous oxide now" in treatment.text


def test_pernicious_anaemia_is_managed_by_a_physician_with_the_im_regimen() -> None:
    referral = item(
        plan(conditions=["pernicious anaemia"], labs=[LOW_B12]), "referral.pernicious_anaemia"
    )
    assert referral.rules[:2] == (tx.RULE_PHYSICIAN, tx.RULE_IM)
    assert "three times a week for 2 weeks, then every 3 months" in referral.text


def test_low_b12_without_a_known_cause_is_referred_to_find_it_bsh_2014() -> None:
    p = plan(labs=[LOW_B12])
    assert p.cause is Cause.UNKNOWN
    assert item(p, "supplement.find_cause").rules == (tx.RULE_FIND_CAUSE,)


def test_vegans_with_normal_b12_get_the_three_vegan_society_options() -> None:
    maintenance = item(plan(diet="vegan", labs=[NORMAL_B12]), "supplement.plant_based_maintenance")
    assert (
        f"fortified foods two or three times a day for at least {g(tx.VEGAN_FORTIFIED_MIN_UG_DAY)} "
        "µg a day" in maintenance.text
    )
    assert (
        f"a {g(tx.VEGAN_DAILY_SUPPLEMENT_MIN_UG)} µg (or more) cyanocobalamin supplement daily"
        in (maintenance.text)
    )
    assert f"take {g(tx.VEGAN_WEEKLY_SUPPLEMENT_MIN_UG)} µg once a week" in maintenance.text
    assert maintenance.rules == (tx.RULE_VEGAN_SOCIETY, tx.RULE_AND_2016)


def test_vegans_with_borderline_b12_get_the_bmj_marginal_store_dose_and_a_3_month_recheck() -> None:
    p = plan(diet="vegan", labs=[BORDERLINE_B12])
    marginal = item(p, "supplement.marginal_plant_based")
    assert (
        f"cyanocobalamin {g(tx.MARGINAL_VEGAN_DAILY_UG)} µg a day or "
        f"{g(tx.MARGINAL_VEGAN_WEEKLY_UG)} µg once a week" in marginal.text
    )
    assert f"re-check B12 in {tx.BORDERLINE_RECHECK_MONTHS} months" in marginal.text
    assert marginal.rules[:2] == (tx.RULE_MARGINAL_VEGAN, tx.RULE_BORDERLINE_RECHECK)


@pytest.mark.parametrize(
    ("fields", "retest_id", "months"),
    [
        ({}, "retest.3_months", tx.RETEST_AFTER_TREATMENT_MONTHS),
        ({"pregnant": True}, "retest.1_month", tx.RETEST_PREGNANCY_MONTHS),
        ({"breastfeeding": True}, "retest.1_month", tx.RETEST_PREGNANCY_MONTHS),
    ],
)
def test_review_3_months_after_starting_or_1_month_in_pregnancy_nice_ng239(
    fields: dict[str, Any], retest_id: str, months: int
) -> None:
    retest = item(plan(diet="vegan", labs=[LOW_B12], **fields), retest_id)
    assert f"reviewed {months} month" in retest.text
    assert retest.rules == (tx.RULE_RETEST,)


def test_pregnancy_with_low_b12_gets_urgent_haematology_advice_sps_cks() -> None:
    urgent = item(plan(diet="vegan", pregnant=True, labs=[LOW_B12]), "urgent.pregnancy_haematology")
    assert urgent.rules[:2] == (tx.RULE_PREGNANCY_HAEMATOLOGY, tx.RULE_RETEST)


def test_pregnancy_with_an_indeterminate_b12_is_referred_promptly() -> None:
    referral = item(plan(diet="vegan", pregnant=True, labs=[BORDERLINE_B12]), "referral.pregnancy")
    assert referral.rules == (tx.RULE_PREGNANCY, tx.RULE_RETEST)
    assert "promptly" in referral.text


def test_borderline_b12_is_rechecked_in_3_months_bnssg() -> None:
    retest = item(plan(labs=[BORDERLINE_B12]), "retest.borderline_3_months")
    assert f"Re-check B12 in {tx.BORDERLINE_RECHECK_MONTHS} months" in retest.text
    assert retest.rules == (tx.RULE_BORDERLINE_RECHECK,)


def test_no_routine_serum_b12_retest_on_injections_bnssg() -> None:
    injection = {"name": "hydroxocobalamin injection", "start_date": "2026-01-01"}
    p = plan(medications=[injection], labs=[NORMAL_B12])
    assert item(p, "retest.on_injections").rules == (tx.RULE_NO_RETEST_IM,)


@pytest.mark.parametrize(("age", "advised"), [(50 - EPS, False), (50, False), (50 + EPS, True)])
def test_over_50_get_most_b12_from_fortified_foods_or_supplements_iom(
    age: float, advised: bool
) -> None:
    p = plan(age=age, labs=[NORMAL_B12])
    assert ("supplement.older_adult_fortified" in [i.id for i in p.items]) is advised
    assert (tx.RULE_OLDER_FORTIFIED in item(p, "food.sources").rules) is advised


def test_food_sources_are_spread_over_meals_because_of_the_per_meal_saturation() -> None:
    food = item(plan(labs=[NORMAL_B12]), "food.sources")
    assert "two or three meals a day" in food.text
    low, high = g(tx.IF_SATURATION_LOW_UG_PER_MEAL), g(tx.IF_SATURATION_HIGH_UG_PER_MEAL)
    assert f"{low}-{high} µg per meal" in food.reason
    assert tx.RULE_SPREAD_MEALS in food.rules


def test_plant_based_diets_are_warned_about_algae_and_told_to_use_reliable_sources() -> None:
    p = plan(diet="vegan", labs=[NORMAL_B12])
    assert item(p, "food.algae").rules == (tx.RULE_ALGAE,)
    assert tx.RULE_AND_2016 in item(p, "food.sources").rules


def test_low_b12_with_muscle_at_risk_explains_the_b12_muscle_link() -> None:
    p = plan(labs=[LOW_B12], muscle={"grip_strength_kg": 10})
    link = item(p, "muscle.b12_link")
    assert link.rules == (tx.RULE_MUSCLE_MITOCHONDRIA, tx.RULE_MUSCLE_HUMANS)
    assert "not a proven muscle treatment" in link.text
