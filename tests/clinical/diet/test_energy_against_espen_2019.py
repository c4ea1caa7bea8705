"""Energy beyond Mifflin-St Jeor's sample (over 78 years) against ESPEN's guideline on clinical
nutrition and hydration in geriatrics (Volkert et al., Clin Nutr 2019): "Guiding value for energy
intake in older persons is 30 kcal per kg body weight and day" (as quoted by secondary summaries).
Red team round 8: an 80-year-old with severe sarcopenia had the energy constraint off and a menu
of 988 kcal (about 20 kcal/kg)."""

from __future__ import annotations

import pytest

from b12.core.diet import energy
from b12.core.person import Person
from b12.core.rules import Evidence
from b12.services.assess import assess_person
from b12.services.menu.targets import menu_targets
from tests.clinical.rule_contract import parameter_tests

ESPEN_RULES = {
    "diet.energy.espen-2019-older-persons": (
        energy.ESPEN_2019_GERIATRICS,
        Evidence.SECONDARY,
        {"ESPEN_GERIATRIC_KCAL_PER_KG": 30.0, "ESPEN_BELOW_BMI": 30.0},
    ),
}
test_parameters = parameter_tests(ESPEN_RULES, energy)


def person(age: float) -> Person:
    muscle = {"weight_kg": 50, "height_m": 1.6}
    return Person.model_validate({"age": age, "sex": "female", "muscle": muscle})


def test_over_78_the_target_is_30_kcal_per_kg() -> None:
    p = person(80)
    targets = menu_targets(p, assess_person(p), energy.Activity.SEDENTARY, None)
    assert energy.espen_older_kcal(50) == 1500.0
    assert (targets.energy_kcal.low, targets.energy_kcal.high) == energy.tolerance_kcal(1500.0)
    assert energy.RULE_ESPEN_OLDER in targets.rules


@pytest.mark.parametrize("age", [19, 78])
def test_within_mifflin_s_sample_mifflin_stays(age: float) -> None:
    p = person(age)
    targets = menu_targets(p, assess_person(p), energy.Activity.SEDENTARY, None)
    assert energy.RULE_MIFFLIN in targets.rules
    assert energy.RULE_ESPEN_OLDER not in targets.rules


def test_with_obesity_the_per_kg_value_is_not_applied() -> None:
    # Red team round 9: 150 kg at 80 years was given 4500 kcal a day.
    p = Person.model_validate(
        {"age": 80, "sex": "female", "muscle": {"weight_kg": 150, "height_m": 1.6}}
    )
    targets = menu_targets(p, assess_person(p), energy.Activity.SEDENTARY, None)
    assert energy.RULE_ESPEN_OLDER not in targets.rules
    assert targets.energy_kcal.low is None
