"""Energy while breastfeeding against the IOM's Dietary Reference Intakes for energy (2002/2005),
as the Food and Nutrition Board's summary table is reproduced (studylib.net, docest.com):
"Lactation 14-18 y 0-6 mo Kcals per day = Adolescent EER + 500 – 170; 7-12 mo Kcals per day =
Adolescent EER + 400 – 0; 19-50 y 0-6 mo Kcals per day = Adult EER + 500 – ..." (milk energy output
minus weight loss). The components, as a secondary text gives them (Handbook of Nutrition and
Pregnancy, ch. 18): 0.78 L of milk a day to 6 months, 0.6 L from 7 to 12 months, 0.67 kcal/g,
weight loss 0.8 kg a month in the first 6 months only. The person file has no months since birth,
so the menu's band spans both half-years."""

from __future__ import annotations

import pytest

from b12.core.diet import energy
from b12.core.diet.energy import Activity, energy_need_kcal, lactation_band_kcal
from b12.core.person import Person
from b12.core.rules import Evidence
from b12.core.sex import Sex
from b12.services.assess import assess_person
from b12.services.menu.targets import menu_targets
from tests.clinical.rule_contract import parameter_tests

LACTATION_RULES = {
    "diet.energy.iom-2005-lactation": (
        energy.IOM_2005_ENERGY_LACTATION,
        Evidence.SECONDARY,
        {
            "LACTATION_MILK_KCAL_0_6_MONTHS": 500.0,
            "LACTATION_WEIGHT_LOSS_KCAL_0_6_MONTHS": 170.0,
            "LACTATION_MILK_KCAL_7_12_MONTHS": 400.0,
            "LACTATION_WEIGHT_LOSS_KCAL_7_12_MONTHS": 0.0,
        },
    ),
}
test_parameters = parameter_tests(LACTATION_RULES, energy)
MILK_KCAL_PER_G = 0.67  # the secondary text's energy density of human milk


def test_the_increments_are_the_tables_milk_energy_less_weight_loss() -> None:
    assert energy.lactation_increments_kcal() == (330.0, 400.0)


@pytest.mark.parametrize(("litres", "rounded"), [(0.78, 500.0), (0.6, 400.0)])
def test_the_milk_energy_is_the_volume_times_its_density_rounded(
    litres: float, rounded: float
) -> None:
    # 0.78 L × 670 kcal/L = 523 kcal, 0.6 L × 670 = 402 kcal: the IOM's 500 and 400, to 5 %.
    assert litres * 1000 * MILK_KCAL_PER_G == pytest.approx(rounded, rel=0.05)


def test_the_band_spans_both_half_years_each_with_the_tolerance() -> None:
    # Non-lactating: 10 × 60 + 6.25 × 165 − 5 × 30 − 161 = 1320.25 kcal × 1.2 = 1584.3 kcal.
    base = energy_need_kcal(Sex.FEMALE, 60, 165, 30, Activity.SEDENTARY)
    low, high = lactation_band_kcal(base)
    assert (low, high) == (round(1914.3 * 0.9), round(1984.3 * 1.1)) == (1723, 2183)
    first, second = energy.tolerance_kcal(base + 330), energy.tolerance_kcal(base + 400)
    assert low == first[0] and high == second[1]  # each period's own band lies inside


def _breastfeeding(**extra: object) -> Person:
    data: dict[str, object] = {"age": 30, "sex": "female", "breastfeeding": True, **extra}
    return Person.model_validate(data)


def test_the_menu_plans_the_band_and_says_why() -> None:
    person = _breastfeeding(muscle={"weight_kg": 60, "height_m": 1.65})
    targets = menu_targets(person, assess_person(person), Activity.SEDENTARY, None)
    assert (targets.energy_kcal.low, targets.energy_kcal.high) == (1723, 2183)
    note = next(t for t in targets.notes if t.startswith("energy"))
    assert "months since birth are not recorded" in note and "500 − weight loss 170" in note
    assert "diet.energy.iom-2005-lactation" in targets.rules


def test_without_weight_and_height_the_diary_is_used_as_before() -> None:
    person = _breastfeeding()
    targets = menu_targets(person, assess_person(person), Activity.SEDENTARY, 2000.0)
    assert (targets.energy_kcal.low, targets.energy_kcal.high) == energy.tolerance_kcal(2000.0)
    assert "diet.energy.iom-2005-lactation" not in targets.rules


def test_pregnant_and_breastfeeding_adds_no_uncited_sum() -> None:
    person = _breastfeeding(
        pregnant=True, gestational_age_weeks=20, muscle={"weight_kg": 60, "height_m": 1.65}
    )
    targets = menu_targets(person, assess_person(person), Activity.SEDENTARY, None)
    assert (targets.energy_kcal.low, targets.energy_kcal.high) == (None, None)
    assert any("pregnant and breastfeeding" in t for t in targets.notes)
