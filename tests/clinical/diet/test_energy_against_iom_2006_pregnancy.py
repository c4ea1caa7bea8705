"""Energy in pregnancy against the IOM's Dietary Reference Intakes for energy (IOM 2006), as
tabulated in IOM 2009, *Weight Gain During Pregnancy*, Appendix Table B-1A: "1st trimester EER =
Nonpregnant (adolescent or adult) EER + 0; 2nd trimester EER = Nonpregnant (adolescent or adult)
EER + 340; 3rd trimester EER = Nonpregnant (adolescent or adult) EER + 452". The 1st trimester
has no increment. Trimesters by week as ACOG dates them (quoted by The Bump, secondary): 1st
0-13 6/7 weeks, 2nd 14 0/7-27 6/7, 3rd from 28 0/7. Breastfeeding: see
test_energy_against_iom_2005_lactation.py."""

from __future__ import annotations

import pytest

from b12.core.diet import energy
from b12.core.diet.energy import Activity, energy_need_kcal, pregnancy_increment_kcal, trimester
from b12.core.person import Person
from b12.core.rules import Evidence
from b12.core.sex import Sex
from b12.services.assess import assess_person
from b12.services.menu.targets import menu_targets
from tests.clinical.rule_contract import parameter_tests

PREGNANCY_RULES = {
    "diet.energy.iom-2006-pregnancy": (
        energy.IOM_2006_ENERGY_PREGNANCY,
        Evidence.VERIFIED,
        {
            "PREGNANCY_KCAL_FIRST_TRIMESTER": 0.0,
            "PREGNANCY_KCAL_SECOND_TRIMESTER": 340.0,
            "PREGNANCY_KCAL_THIRD_TRIMESTER": 452.0,
        },
    ),
    "diet.energy.trimester-weeks": (
        energy.ACOG_TRIMESTERS,
        Evidence.SECONDARY,
        {"SECOND_TRIMESTER_FROM_WEEK": 14.0, "THIRD_TRIMESTER_FROM_WEEK": 28.0},
    ),
}
test_parameters = parameter_tests(PREGNANCY_RULES, energy)


@pytest.mark.parametrize(
    ("week", "term", "kcal"),
    [(0, 1, 0), (13.9, 1, 0), (14, 2, 340), (27.9, 2, 340), (28, 3, 452), (41, 3, 452)],
)
def test_the_increment_by_trimester_is_the_tables(week: float, term: int, kcal: float) -> None:
    assert trimester(week) == term
    assert pregnancy_increment_kcal(week) == kcal


def _pregnant(week: float | None, **extra: object) -> Person:
    data: dict[str, object] = {
        "age": 30,
        "sex": "female",
        "pregnant": True,
        "muscle": {"weight_kg": 60, "height_m": 1.65},
        **extra,
    }
    if week is not None:
        data["gestational_age_weeks"] = week
    return Person.model_validate(data)


@pytest.mark.parametrize(("week", "kcal"), [(10, 0), (20, 340), (32, 452)])
def test_the_menu_adds_the_trimesters_increment_to_its_estimate(week: float, kcal: float) -> None:
    # Non-pregnant: 10 × 60 + 6.25 × 165 − 5 × 30 − 161 = 1320.25 kcal × 1.2 = 1584.3 kcal.
    base = energy_need_kcal(Sex.FEMALE, 60, 165, 30, Activity.SEDENTARY)
    assert base == pytest.approx(1584.3)
    person = _pregnant(week)
    targets = menu_targets(person, assess_person(person), Activity.SEDENTARY, None)
    low, high = energy.tolerance_kcal(base + kcal)
    assert (targets.energy_kcal.low, targets.energy_kcal.high) == (low, high)
    note = next(t for t in targets.notes if t.startswith("energy"))
    assert f"{round(base + kcal)} kcal/day" in note
    assert "diet.energy.iom-2006-pregnancy" in targets.rules


def test_pregnant_without_a_week_uses_the_diary_or_says_why_energy_is_off() -> None:
    person = _pregnant(None)
    off = menu_targets(person, assess_person(person), Activity.SEDENTARY, None)
    assert (off.energy_kcal.low, off.energy_kcal.high) == (None, None)
    assert any("without a gestational week" in t for t in off.notes)
    diary = menu_targets(person, assess_person(person), Activity.SEDENTARY, 2000.0)
    assert (diary.energy_kcal.low, diary.energy_kcal.high) == energy.tolerance_kcal(2000.0)
