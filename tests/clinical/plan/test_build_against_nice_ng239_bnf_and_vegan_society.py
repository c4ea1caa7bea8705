"""The plan against DECISIONS.md "Treatment and supplement wording" and evidence.md §5:
BNF oral cyanocobalamin 50-150 µg/day for dietary deficiency; NICE NG239 >= 1 mg/day for
malabsorption; BNF IM hydroxocobalamin regimens; Vegan Society 3 µg/day fortified, 10 µg daily or
2000 µg weekly; review at 3 months (1 month in pregnancy); no routine re-test on injections; urgent
wording for neurological symptoms; never advise stopping a prescribed medicine."""

from __future__ import annotations

import re
from typing import Any

import pytest

from b12.core.diet.requirements import reference_intake
from b12.core.person import Person
from b12.core.plan import treatment as tx
from b12.core.plan.build import Plan
from b12.core.plan.intake import IntakeEstimate, IntakeLevel, intake_level
from b12.core.plan.model import Cause
from b12.core.status.judgment import Level
from b12.services.assess import assess_person

LOW_B12 = [{"analyte": "b12", "value": 110, "unit": "pmol/L", "date": "2026-10-01"}]
OK_B12 = [{"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2026-10-01"}]


def plan(intake: IntakeEstimate | None = None, **fields: Any) -> Plan:
    return assessed(intake, **fields)[0]


def assessed(intake: IntakeEstimate | None = None, **fields: Any) -> tuple[Plan, Level]:
    data = {"age": 40, "sex": "female", "diet": "omnivore", **fields}
    assessment = assess_person(Person.model_validate(data), intake=intake)
    assert assessment.plan is not None
    return assessment.plan, assessment.status.judgment.level


def item(p: Plan, item_id: str) -> Any:
    return next(i for i in p.items if i.id == item_id)


def ids(p: Plan) -> list[str]:
    return [i.id for i in p.items]


def test_diet_related_low_b12_gets_bnf_oral_50_to_150_ug() -> None:
    p, level = assessed(diet="vegan", labs=LOW_B12)
    assert (level, p.cause) == (Level.DEFICIENCY_LIKELY, Cause.DIET)
    supplement = item(p, "supplement.oral_dietary")
    assert "50-150 µg" in supplement.text and "every day" in supplement.text
    assert supplement.rules == (tx.RULE_ORAL_DIETARY,)


def test_malabsorption_gets_at_least_1_mg_a_day_or_im_per_nice_ng239() -> None:
    p = plan(conditions=["total gastrectomy"], labs=LOW_B12)
    assert p.cause is Cause.MALABSORPTION
    supplement = item(p, "supplement.high_dose_oral")
    assert "1000 µg (1 mg)" in supplement.text and "intramuscular" in supplement.text
    assert tx.RULE_ORAL_MALABSORPTION in supplement.rules
    assert item(p, "food.sources").text.startswith("Food alone cannot correct or prevent")


def test_medicine_is_never_to_be_stopped_only_discussed() -> None:
    p = plan(medications=[{"name": "metformin"}, {"name": "omeprazole"}], labs=LOW_B12)
    assert p.cause is Cause.MEDICATION
    for med in ("medication.metformin", "medication.proton_pump_inhibitor"):
        assert "do not stop" in item(p, med).text
    for i in p.items:
        assert not re.search(r"(?<!not )\bstop (taking|using)\b", i.text, re.IGNORECASE), i.text


def test_neurological_symptoms_with_low_b12_are_urgent_and_first() -> None:
    p = plan(symptoms=["numbness in feet"], labs=LOW_B12)
    first = p.items[0]
    assert first.id == "urgent.neurological" and "urgently" in first.text
    assert "alternate days" in first.text  # BNF regimen with neurological involvement
    assert tx.RULE_URGENT_NEURO in first.rules
    assert "urgently" in p.summary


def test_neurological_symptoms_without_a_test_are_still_urgent() -> None:
    assert "urgent.neurological" in ids(plan(symptoms=["memory problems"], diet="vegan"))


def test_neurological_symptoms_with_normal_b12_and_normal_mma_are_referred_for_other_causes() -> (
    None
):
    labs = [*OK_B12, {"analyte": "mma", "value": 0.2, "unit": "umol/L", "date": "2026-10-01"}]
    p = plan(symptoms=["tingling"], labs=labs)
    assert "referral.neurological" in ids(p) and "urgent.neurological" not in ids(p)


def test_nerve_symptoms_with_a_clearly_normal_b12_look_for_other_causes() -> None:
    # DECISIONS.md: urgent only when the status is not clearly normal and unconfounded; NHS Lothian:
    # with a normal B12 a B12-related neurological syndrome is unlikely.
    p, level = assessed(symptoms=["tingling"], labs=OK_B12)
    assert level is Level.DEFICIENCY_UNLIKELY
    assert "referral.neurological" in ids(p) and "urgent.neurological" not in ids(p)


def test_nerve_symptoms_with_a_normal_b12_that_may_be_false_are_urgent() -> None:
    # CKS: a normal B12 can be falsely normal with intrinsic-factor antibodies; DECISIONS.md: urgent.
    p, level = assessed(symptoms=["tingling"], conditions=["pernicious anaemia"], labs=OK_B12)
    assert level is Level.INDETERMINATE
    assert "urgent.neurological" in ids(p) and "test.mma" in ids(p)


def test_pregnancy_with_low_b12_is_referred_and_reviewed_at_1_month() -> None:
    # SPS / NICE CKS: "seek urgent advice from a haematologist" when pregnant (decided 2026-12-05).
    p = plan(pregnant=True, diet="vegetarian", labs=LOW_B12)
    assert "urgent advice from a haematologist" in item(p, "urgent.pregnancy_haematology").text
    assert "retest.1_month" in ids(p) and "retest.3_months" not in ids(p)


def test_suspected_pernicious_anaemia_is_referred_with_the_bnf_im_regimen() -> None:
    p = plan(conditions=["pernicious anaemia"], labs=LOW_B12)
    referral = item(p, "referral.pernicious_anaemia")
    assert "three times a week for 2 weeks, then every 3 months" in referral.text
    assert tx.RULE_PHYSICIAN in referral.rules


def test_treatment_is_reviewed_at_3_months() -> None:
    assert "retest.3_months" in ids(plan(diet="vegan", labs=LOW_B12))


def test_no_routine_retest_on_established_injections() -> None:
    p = plan(medications=[{"name": "hydroxocobalamin injection"}], labs=LOW_B12)
    assert "retest.on_injections" in ids(p)
    assert not {"retest.3_months", "retest.1_month"} & set(ids(p))


def test_adequate_vegan_gets_the_vegan_society_options() -> None:
    text = item(plan(diet="vegan", labs=OK_B12), "supplement.plant_based_maintenance").text
    assert "at least 3 µg a day" in text and "10 µg" in text and "2000 µg once a week" in text


def test_untested_vegan_with_symptoms_is_told_to_test_before_supplementing() -> None:
    p = plan(diet="vegan", symptoms=["fatigue"])
    assert "test.total_b12" in ids(p)
    assert "before you start" in item(p, "supplement.plant_based_maintenance").text


def test_borderline_vegan_gets_50_ug_daily_or_2000_ug_weekly_and_a_3_month_recheck() -> None:
    labs = [{"analyte": "b12", "value": 200, "unit": "pmol/L"}]
    text = item(plan(diet="vegan", labs=labs), "supplement.marginal_plant_based").text
    assert "50 µg a day or 2000 µg once a week" in text and "3 months" in text


def test_older_adult_is_advised_fortified_foods_per_iom() -> None:
    assert "supplement.older_adult_fortified" in ids(plan(age=70, labs=OK_B12))


def test_plant_based_food_guidance_warns_about_algae() -> None:
    p = plan(diet="vegan", labs=OK_B12)
    assert "fortified plant milks" in item(p, "food.sources").text
    assert "spirulina" in item(p, "food.algae").text


def test_omnivore_food_guidance_names_animal_sources() -> None:
    assert "meat, fish" in item(plan(labs=OK_B12), "food.sources").text


@pytest.mark.parametrize(
    ("ug", "expected"),
    [
        (2.0 - 1e-6, IntakeLevel.BELOW_EAR),
        (2.0, IntakeLevel.BELOW_RDA),
        (2.4 - 1e-6, IntakeLevel.BELOW_RDA),
        (2.4, IntakeLevel.MEETS_RDA),
    ],
)
def test_intake_against_iom_ear_2_0_and_rda_2_4(ug: float, expected: IntakeLevel) -> None:
    assert intake_level(IntakeEstimate(ug_per_day=ug), reference_intake(40)) is expected


def test_absorbed_intake_is_compared_with_half_the_requirement() -> None:
    estimate = IntakeEstimate(ug_per_day=10, absorbed_ug_per_day=1.3)  # 1.3 / 0.5 = 2.6
    assert intake_level(estimate, reference_intake(30, pregnant=True)) is IntakeLevel.MEETS_RDA
    assert intake_level(estimate, reference_intake(30, lactating=True)) is IntakeLevel.BELOW_RDA


def test_low_status_despite_ample_intake_suggests_malabsorption() -> None:
    p = plan(labs=LOW_B12, intake=IntakeEstimate(ug_per_day=6.0))
    assert p.cause is Cause.MALABSORPTION
    assert "intake.malabsorption_suspected" in ids(p)
    assert "supplement.high_dose_oral" in ids(p)


def test_low_intake_means_diet_change_or_modest_supplement() -> None:
    p = plan(age=30, labs=LOW_B12, intake=IntakeEstimate(ug_per_day=0.5))
    assert p.cause is Cause.DIET
    assert "intake.low" in ids(p) and "supplement.oral_dietary" in ids(p)


def test_the_plan_is_deterministic() -> None:
    fields = {"diet": "vegan", "symptoms": ["fatigue"], "labs": LOW_B12}
    assert plan(**fields) == plan(**fields)


def test_every_plan_item_has_an_id_text_reason_and_registered_rules() -> None:
    from b12.core import rules

    p = plan(
        age=80,
        diet="vegan",
        symptoms=["tingling"],
        labs=LOW_B12,
        medications=[{"name": "omeprazole"}],
        muscle={"grip_strength_kg": 10, "weight_kg": 60},
    )
    for i in p.items:
        assert i.id and i.text and i.reason and i.rules
        for rule_id in i.rules:
            rules.get(rule_id)


def test_under_16_gets_a_paediatric_referral_and_no_adult_doses() -> None:
    p = plan(age=12, diet="vegan", labs=LOW_B12, muscle={"grip_strength_kg": 5})
    assert ids(p)[0] == "referral.paediatric"
    assert not any(i.startswith(("supplement.", "retest.", "protein.")) for i in ids(p))


def test_discordant_results_are_indeterminate_with_mma_next_and_no_self_chosen_dose() -> None:
    # BSH 2014: discordant first-line tests; NG239: MMA after an unsettled first-line result.
    labs = [
        {"analyte": "b12", "value": 120, "unit": "pmol/L"},
        {"analyte": "holotc", "value": 90, "unit": "pmol/L"},
    ]
    p, level = assessed(labs=labs)
    assert level is Level.INDETERMINATE
    assert "test.mma" in ids(p)
    assert not any(i.startswith("supplement.") for i in ids(p))


def test_pernicious_anaemia_on_injections_keeps_to_the_schedule_without_a_new_referral() -> None:
    p = plan(
        conditions=["pernicious anaemia"],
        medications=[{"name": "hydroxocobalamin injection"}],
        labs=OK_B12,
    )
    assert "supplement.keep_treatment" in ids(p)
    assert "referral.pernicious_anaemia" not in ids(p)
    assert "retest.on_injections" in ids(p)
    assert "soon" not in p.summary
