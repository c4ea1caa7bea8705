"""Protein per kg: which weight, malnutrition and exercise (:mod:`b12.core.diet.protein`).

- Weijs et al. via a review of ESPEN guidance: ideal body weight for protein at BMI > 30; ASPEN
  2013: protein per kg ideal body weight in obesity; PROT-AGE and ESPEN 2014 say "body weight"
  only. Devine ideal body weight: men 50 kg, women 45.5 kg, + 2.3 kg per inch over 5 feet (rule
  diet.protein.obesity-weight, ``secondary``). Vignette prot-80y-130kg-bmi45-probable-sarcopenia:
  any g/day within 65-140 (Devine 65.9 kg for a 1.70 m man); red team: "about 140-168 g a day at
  140 kg" at BMI 48.
- ESPEN 2014: "malnourished or at risk of malnutrition": 1.2-1.5 g/kg/day; GLIM low BMI is that
  risk. Vignette prot-85y-38kg-frail-underweight: g/day within 38-75.
- PROT-AGE: "Those exercising or otherwise active: >= 1.2 g/kg/day"; b12's plan advises
  resistance exercise whenever muscle is at risk. CKD G3 keeps 1.0-1.2 (KDIGO: avoid > 1.3).
"""

from __future__ import annotations

import pytest

from b12.core import rules, sources
from b12.core.diet import protein
from b12.core.rules import Evidence
from b12.core.sex import Sex


def test_the_obesity_rule_cites_its_secondary_sources_and_numbers() -> None:
    rule = rules.get("diet.protein.obesity-weight")
    assert (rule.source.key, rule.evidence) == (sources.WEIJS_IDEAL_WEIGHT.key, Evidence.SECONDARY)
    assert dict(rule.parameters) == {
        "OBESITY_BMI_FROM_KG_M2": 30.0,
        "DEVINE_BASE_KG.male": 50.0,
        "DEVINE_BASE_KG.female": 45.5,
        "DEVINE_KG_PER_INCH": 2.3,
        "DEVINE_FROM_HEIGHT_INCHES": 60.0,
        "METRES_PER_INCH": 0.0254,
    }


@pytest.mark.parametrize(
    ("height_m", "sex", "kg"),
    [
        (1.70, Sex.MALE, 65.9),
        (1.55, Sex.FEMALE, 47.9),
        (1.524, Sex.MALE, 50.0),
        (1.50, Sex.MALE, None),
    ],
)
def test_devine_ideal_body_weight(height_m: float, sex: Sex, kg: float | None) -> None:
    assert protein.ideal_body_weight_kg(height_m, sex) == kg


def test_vignette_prot_80y_130_kg_bmi_45_uses_ideal_weight() -> None:
    target = protein.protein_target(80, 130, True, 72, height_m=1.70, sex=Sex.MALE, exercising=True)
    assert (target.low_g_kg_day, target.high_g_kg_day) == (1.2, 1.5)
    assert target.weight is not None and target.weight.kind == "ideal"
    assert (target.low_g_day, target.high_g_day) == (79, 99)  # 1.2 and 1.5 x 65.9 kg
    assert 65 <= target.low_g_day <= target.high_g_day <= 140
    assert "diet.protein.obesity-weight" in target.rules


def test_red_team_140_kg_at_bmi_48_no_longer_gets_140_to_168_g() -> None:
    target = protein.protein_target(75, 140, False, None, height_m=1.70, sex=Sex.MALE)
    assert (target.low_g_day, target.high_g_day) == (66, 79)  # 1.0-1.2 x 65.9 kg


@pytest.mark.parametrize(("weight", "kind"), [(86.7 - 0.1, "actual"), (86.7, "ideal")])
def test_bmi_30_is_the_edge(weight: float, kind: str) -> None:
    # 1.70 m: BMI 30 at 86.7 kg (86.7 / 2.89 = 30.0)
    basis = protein.weight_basis(weight, 1.70, Sex.MALE)
    assert basis is not None and basis.kind == kind


def test_under_5_feet_a_dietitian_sets_the_amount_at_bmi_30_or_more() -> None:
    target = protein.protein_target(80, 80, False, None, height_m=1.45, sex=Sex.FEMALE)
    assert target.weight is not None and target.weight.kind == "dietitian"
    assert (target.low_g_day, target.high_g_day) == (None, None)
    assert target.low_g_kg_day == 1.0


def test_without_height_the_actual_weight_is_used_and_named() -> None:
    target = protein.protein_target(80, 70, False, None)
    assert target.weight is not None and target.weight.kind == "actual"
    assert "70 kg" in target.weight.words


def test_vignette_prot_85y_38_kg_malnutrition_risk_gives_1_2_to_1_5() -> None:
    target = protein.protein_target(
        85, 38, False, 65, height_m=1.55, sex=Sex.FEMALE, malnutrition_risk=True, exercising=True
    )
    assert (target.low_g_kg_day, target.high_g_kg_day) == (1.2, 1.5)
    assert (target.low_g_day, target.high_g_day) == (46, 57)
    assert 38 <= target.low_g_day <= target.high_g_day <= 75


@pytest.mark.parametrize(
    ("exercising", "ckd_g3", "low", "high"),
    [(False, False, 1.0, 1.2), (True, False, 1.2, None), (True, True, 1.0, 1.2)],
)
def test_resistance_exercise_sets_prot_age_active_floor(
    exercising: bool, ckd_g3: bool, low: float, high: float | None
) -> None:
    target = protein.protein_target(75, 70, False, None, exercising=exercising, ckd_g3=ckd_g3)
    assert (target.low_g_kg_day, target.high_g_kg_day) == (low, high)


def test_exercise_does_not_change_the_adult_rda_under_65() -> None:
    target = protein.protein_target(40, 70, False, None, exercising=True)
    assert (target.low_g_kg_day, target.high_g_kg_day) == (0.8, None)
