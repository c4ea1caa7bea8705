"""Plan items for muscle and weight findings (:mod:`b12.core.plan.assessments`) and the protein
item's weight basis, end to end through :func:`b12.services.assess.assess_person`.

- EWGSOP2 (Cruz-Jentoft 2019): sarcopenia "can also occur earlier in life"; secondary sarcopenia
  has causes other than ageing (disease, inactivity, malnutrition), read in a citing review. Red
  team U6: an 18-year-old with severe sarcopenia got protein and physiotherapy only.
- Red team C6: "slow walking needs a clinical assessment" was in --verbose only, and said "slow
  walking" when only the SPPB was measured.
- GLIM 2019 (reproduced): BMI < 22 kg/m² at 70 and over is low. Red team U2: a 75-year-old woman,
  35 kg, 1.50 m (BMI 15.6), had no word on underweight. Vignettes
  prot-80y-130kg-bmi45-probable-sarcopenia and prot-85y-38kg-frail-underweight
  (tests/clinical/vignettes/breadth/high_results_weight_and_infants.yaml).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from b12.core import rules, sources
from b12.core.person import Person
from b12.core.plan.build import Plan
from b12.core.rules import Evidence
from b12.services.assess import assess_person
from tests.clinical.rule_contract import rule_table_tests

RULES = {"plan.assessments.assess-causes": (sources.EWGSOP2_SECONDARY, Evidence.SECONDARY)}
test_declares, test_cites = rule_table_tests("b12.core.plan.assessments", RULES)
B12 = [{"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2026-11-02"}]


def _plan(age: float, sex: str, muscle: dict[str, Any], **fields: Any) -> Plan:
    person = Person.model_validate(
        {"age": age, "sex": sex, "labs": B12, "muscle": muscle, **fields}
    )
    plan = assess_person(person).plan
    assert plan is not None
    return plan


def _text(plan: Plan, item_id: str) -> str:
    return next(i.text for i in plan.items if i.id == item_id)


def _grams(text: str) -> list[float]:
    """Every g/day amount stated ("about 79-99 g a day", "at least about 79 g a day")."""
    amounts = re.findall(r"(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))? g a day", text)
    return [float(x) for pair in amounts for x in pair if x]


SEVERE = {"grip_strength_kg": 20, "asm_kg": 15, "height_m": 1.7, "gait_speed_m_s": 0.5}


@pytest.mark.parametrize(("age", "younger"), [(18, True), (75, False)])
def test_severe_sarcopenia_asks_a_doctor_to_assess_causes(age: float, younger: bool) -> None:
    plan = _plan(age, "male", SEVERE)
    text = _text(plan, "muscle.assess_causes")
    assert "doctor" in text and "causes other than ageing" in text
    assert ("unusual" in text) is younger
    assert "plan.assessments.assess-causes" in rules.REGISTRY


def test_probable_sarcopenia_has_no_causes_item() -> None:
    plan = _plan(75, "male", {"grip_strength_kg": 20})
    assert "muscle.assess_causes" not in {i.id for i in plan.items}


@pytest.mark.parametrize(
    ("muscle", "named", "not_named"),
    [
        ({"grip_strength_kg": 40, "sppb_score": 6}, "SPPB 6 points", "gait"),
        (
            {"grip_strength_kg": 27, "chair_stand_s": 15, "gait_speed_m_s": 0.8},
            "gait speed 0.8 m/s",
            "SPPB",
        ),
    ],
)
def test_low_performance_with_normal_strength_is_a_plan_item_naming_the_test(
    muscle: dict[str, Any], named: str, not_named: str
) -> None:
    text = _text(_plan(75, "male", muscle), "muscle.performance_causes")
    assert named in text and not_named not in text and "clinician" in text
    assert "slow walking" not in text


def test_red_team_u2_underweight_woman_gets_a_nutrition_assessment() -> None:
    plan = _plan(75, "female", {"grip_strength_kg": 10, "weight_kg": 35, "height_m": 1.5})
    text = _text(plan, "nutrition.assessment")
    assert "15.6" in text and "below 22" in text and "malnutrition" in text and "dietitian" in text
    protein = _text(plan, "protein.target")
    assert "1.2-1.5" in protein and "35 kg" in protein


def test_vignette_prot_85y_38_kg() -> None:
    plan = _plan(
        85,
        "female",
        {"grip_strength_kg": 12, "gait_speed_m_s": 0.6, "height_m": 1.55, "weight_kg": 38},
        symptoms=["weakness", "weight loss"],
    )
    nutrition = _text(plan, "nutrition.assessment")
    assert "15.8" in nutrition and "weight loss" in nutrition
    protein = _text(plan, "protein.target")
    assert "1.2-1.5" in protein
    assert _grams(protein) and all(38 <= g <= 75 for g in _grams(protein))


def test_vignette_prot_80y_130_kg_names_ideal_weight_and_stays_in_65_to_140_g() -> None:
    plan = _plan(
        80,
        "male",
        {"grip_strength_kg": 22, "height_m": 1.70, "weight_kg": 130},
        conditions=["obesity"],
    )
    protein = _text(plan, "protein.target")
    assert "ideal body weight of 65.9 kg" in protein and "overstates" in protein
    assert _grams(protein) and all(65 <= g <= 140 for g in _grams(protein))


def test_red_team_bmi_48_no_longer_140_to_168_g() -> None:
    plan = _plan(
        75,
        "male",
        {
            "grip_strength_kg": 20,
            "asm_kg": 18,
            "height_m": 1.7,
            "weight_kg": 140,
            "gait_speed_m_s": 0.6,
        },
    )
    protein = _text(plan, "protein.target")
    assert "140-168" not in protein and _grams(protein) == [79.0]
    assert "at least 1.2" in protein  # with the resistance exercise the plan advises


def test_healthy_weight_adult_has_no_nutrition_item() -> None:
    plan = _plan(75, "female", {"grip_strength_kg": 10, "weight_kg": 60, "height_m": 1.6})
    assert "nutrition.assessment" not in {i.id for i in plan.items}


def test_old_measurements_become_a_plan_item() -> None:
    plan = _plan(
        80,
        "female",
        {"grip_strength_kg": 10, "measured_on": "2019-01-01"},
        assessed_on="2026-11-02",
    )
    assert "2019-01-01" in _text(plan, "muscle.repeat")
