"""Energy for the menu against Mifflin et al. 1990 (Am J Clin Nutr 51:241-7, abstract): the
simplified sex-specific form "REE (males) = 10 × weight (kg) + 6.25 × height (cm) − 5 × age (y)
+ 5; REE (females) = ... − 161", derived in 498 adults aged 19-78 y; the full equation
"REE = 9.99 × weight + 6.25 × height − 4.92 × age + 166 × sex (males, 1; females, 0) − 161".
Activity factors as the Medscape calculator quotes them with Frankenfield 2005; ± 10 % is b12's."""

from __future__ import annotations

import pytest

from b12.core.diet import energy
from b12.core.diet.energy import (
    Activity,
    energy_need_kcal,
    mifflin_applies,
    mifflin_st_jeor_kcal,
    tolerance_kcal,
)
from b12.core.rules import Evidence
from b12.core.sex import Sex
from b12.core.sources import ACTIVITY_FACTORS_MEDSCAPE, B12_MENU_CHOICES, MIFFLIN_1990
from tests.clinical.diet.test_energy_against_espen_2019 import ESPEN_RULES
from tests.clinical.diet.test_energy_against_iom_2005_lactation import LACTATION_RULES
from tests.clinical.diet.test_energy_against_iom_2006_pregnancy import PREGNANCY_RULES
from tests.clinical.rule_contract import parameter_tests, rule_table_tests

RULES = {
    "diet.energy.mifflin-st-jeor-1990": (
        MIFFLIN_1990,
        Evidence.VERIFIED,
        {
            "MIFFLIN_WEIGHT_KCAL_PER_KG": 10.0,
            "MIFFLIN_HEIGHT_KCAL_PER_CM": 6.25,
            "MIFFLIN_AGE_KCAL_PER_YEAR": 5.0,
            "MIFFLIN_MALE_KCAL": 5.0,
            "MIFFLIN_FEMALE_KCAL": -161.0,
            "MIFFLIN_SAMPLE_MIN_AGE_YEARS": 19.0,
            "MIFFLIN_SAMPLE_MAX_AGE_YEARS": 78.0,
        },
    ),
    "diet.energy.activity-factors": (
        ACTIVITY_FACTORS_MEDSCAPE,
        Evidence.SECONDARY,
        {
            "ACTIVITY_FACTOR_SEDENTARY": 1.2,
            "ACTIVITY_FACTOR_LIGHT": 1.375,
            "ACTIVITY_FACTOR_MODERATE": 1.55,
            "ACTIVITY_FACTOR_ACTIVE": 1.725,
        },
    ),
    "diet.energy.menu-tolerance": (
        B12_MENU_CHOICES,
        Evidence.UNVERIFIED,
        {"ENERGY_TOLERANCE_FRACTION": 0.10},
    ),
}
# The module also declares the pregnancy and lactation increments and ESPEN's value, each tested
# against its own source.
test_declares, test_cites = rule_table_tests(
    "b12.core.diet.energy", {**RULES, **PREGNANCY_RULES, **LACTATION_RULES, **ESPEN_RULES}
)
test_parameters = parameter_tests(RULES, energy)


def _full_equation(male: bool, weight: float, height: float, age: float) -> float:
    # The abstract's pooled equation, before simplification.
    return 9.99 * weight + 6.25 * height - 4.92 * age + 166 * male - 161


def test_worked_values_of_the_simplified_equation() -> None:
    # 10 × 70 + 6.25 × 175 − 5 × 30 + 5 = 1648.75
    assert mifflin_st_jeor_kcal(Sex.MALE, 70, 175, 30) == pytest.approx(1648.75)
    # 10 × 60 + 6.25 × 165 − 5 × 40 − 161 = 1270.25
    assert mifflin_st_jeor_kcal(Sex.FEMALE, 60, 165, 40) == pytest.approx(1270.25)


@pytest.mark.parametrize("sex", [Sex.MALE, Sex.FEMALE])
@pytest.mark.parametrize(
    ("weight", "height", "age"), [(50, 150, 19), (70, 175, 45), (120, 190, 78)]
)
def test_the_simplified_form_stays_close_to_the_full_equation(
    sex: Sex, weight: float, height: float, age: float
) -> None:
    # "Simplification of this formula and separation by sex did not affect its predictive value":
    # over the sample the two differ by 0.01 × weight − 0.08 × age kcal, under 10 kcal/day.
    full = _full_equation(sex is Sex.MALE, weight, height, age)
    assert abs(mifflin_st_jeor_kcal(sex, weight, height, age) - full) < 10


def test_men_and_women_differ_by_166_kcal() -> None:
    assert mifflin_st_jeor_kcal(Sex.MALE, 70, 170, 50) - mifflin_st_jeor_kcal(
        Sex.FEMALE, 70, 170, 50
    ) == pytest.approx(166)


def test_the_sample_age_range_includes_both_ends() -> None:
    assert not mifflin_applies(18.99)
    assert mifflin_applies(19.0) and mifflin_applies(78.0)
    assert not mifflin_applies(78.01)


@pytest.mark.parametrize(
    ("activity", "factor"),
    [
        (Activity.SEDENTARY, 1.2),
        (Activity.LIGHT, 1.375),
        (Activity.MODERATE, 1.55),
        (Activity.ACTIVE, 1.725),
    ],
)
def test_total_energy_is_resting_energy_times_the_activity_factor(
    activity: Activity, factor: float
) -> None:
    assert energy_need_kcal(Sex.MALE, 70, 175, 30, activity) == pytest.approx(1648.75 * factor)


def test_the_tolerance_is_ten_percent_either_side() -> None:
    assert tolerance_kcal(2000) == (1800, 2200)
    assert tolerance_kcal(1978.5) == (1781, 2176)
