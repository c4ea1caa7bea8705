"""Protein targets: PROT-AGE (Bauer 2013) and ESPEN (Deutz 2014): over 65, 1.0-1.2 g/kg/day;
1.2-1.5 with acute or chronic disease; eGFR < 30 not on dialysis may need to limit protein;
adult RDA 0.8 g/kg/day (Landi 2016) below that age."""

from __future__ import annotations

from typing import Any

import pytest

from b12.core.diet import protein
from b12.core.person import Person
from b12.services.assess import assess_person

WEAK = {"grip_strength_kg": 10, "weight_kg": 60.0}


@pytest.mark.parametrize(
    ("age", "low", "high"), [(65, 0.8, None), (65.01, 1.0, 1.2), (80, 1.0, 1.2)]
)
def test_prot_age_applies_over_65(age: float, low: float, high: float | None) -> None:
    target = protein.protein_target(age, 60, False, None)
    assert (target.low_g_kg_day, target.high_g_kg_day) == (low, high)


def test_chronic_disease_raises_the_target_to_1_2_to_1_5() -> None:
    target = protein.protein_target(75, 70, True, None)
    assert (target.low_g_kg_day, target.high_g_kg_day) == (1.2, 1.5)
    assert (target.low_g_day, target.high_g_day) == (84, 105)


@pytest.mark.parametrize(("egfr", "limit"), [(30 - 1e-6, True), (30, False), (30 + 1e-6, False)])
def test_severe_kidney_disease_defers_to_the_kidney_team(egfr: float, limit: bool) -> None:
    assert protein.protein_target(75, 70, False, egfr).limit_for_kidneys is limit


def _plan_ids(age: float = 78, **fields: Any) -> list[str]:
    person = Person.model_validate({"age": age, "sex": "female", **fields})
    plan = assess_person(person).plan
    assert plan is not None
    return [i.id for i in plan.items]


def test_muscle_at_risk_brings_protein_and_resistance_exercise() -> None:
    ids = _plan_ids(muscle=WEAK)
    assert "protein.target" in ids and "exercise.resistance" in ids


def test_prot_age_target_for_every_person_over_65_whatever_the_muscle_shows() -> None:
    # PROT-AGE: "to help older people (>65 years) maintain and regain lean body mass and function
    # ... at least in the range of 1.0 to 1.2 g protein per kilogram of body weight per day".
    ids = _plan_ids(muscle={"grip_strength_kg": 30})
    assert "protein.target" in ids and "exercise.resistance" not in ids


@pytest.mark.parametrize("age", [50, 65])
def test_no_protein_advice_at_65_or_younger_when_muscle_is_not_at_risk(age: float) -> None:
    ids = _plan_ids(age, muscle={"grip_strength_kg": 30})
    assert "protein.target" not in ids


def test_low_b12_with_muscle_at_risk_explains_the_mitochondrial_link() -> None:
    person = Person.model_validate(
        {
            "age": 78,
            "sex": "female",
            "muscle": WEAK,
            "labs": [{"analyte": "b12", "value": 110, "unit": "pmol/L"}],
        }
    )
    plan = assess_person(person).plan
    assert plan is not None
    link = next(i for i in plan.items if i.id == "muscle.b12_link")
    assert "Castillo" in link.text and "mitochondria" in link.text
    assert "muscle.castillo-2026" in link.rules


def test_the_per_meal_figure_is_a_shown_unverified_soft_target() -> None:
    # evidence.md marks the 25-30 g per meal figure [R] (recalled): registered unverified, at 25 g.
    from b12.core.diet.protein import PROTEIN_PER_MEAL_SOFT_G, RULE_PER_MEAL
    from b12.core.rules import Evidence, get

    assert PROTEIN_PER_MEAL_SOFT_G == 25.0
    assert get(RULE_PER_MEAL).evidence is Evidence.UNVERIFIED
