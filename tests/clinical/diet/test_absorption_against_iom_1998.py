"""Absorption model against IOM 1998 p.309 (saturation 1.5-2.5 µg/meal, 50 % of food B12),
IOM Table 9-2 (60 % of low-dose crystalline B12 [R]) and ~1 % passive diffusion [P].
Every expected value below is computed by hand in the comment beside it."""

from __future__ import annotations

import pytest

from b12.core.diet.absorption import Absorbed, Dose, absorbed


def _pair(a: Absorbed) -> tuple[float, float]:
    return (round(a.low_ug, 6), round(a.high_ug, 6))


def test_small_food_dose_is_half_absorbed() -> None:
    # 2 µg in food: IF route 0.5 × 2 = 1.0 (below both caps) + passive 0.02 = 1.02
    assert _pair(absorbed(Dose(food_ug=2.0))) == (1.02, 1.02)


def test_single_10_ug_crystalline_dose_saturates() -> None:
    # 0.6 × 10 = 6 offered; capped at 1.5 / 2.5; + 0.01 × 10 = 0.1 → 1.6 / 2.6
    assert _pair(absorbed(Dose(crystalline_ug=10.0))) == (1.6, 2.6)


def test_split_doses_absorb_more_than_one_dose() -> None:
    # 2 × 5 µg: each 0.6 × 5 = 3 → capped 1.5 / 2.5 + 0.05 → 1.55 / 2.55; twice → 3.1 / 5.1
    split = absorbed(Dose(crystalline_ug=5.0)) + absorbed(Dose(crystalline_ug=5.0))
    assert _pair(split) == (3.1, 5.1)
    assert split.low_ug > absorbed(Dose(crystalline_ug=10.0)).low_ug


def test_1000_ug_supplement_is_mostly_passive() -> None:
    # 0.6 × 1000 → capped 1.5 / 2.5, + 10 passive → 11.5 / 12.5 (about 1 % of the dose)
    assert _pair(absorbed(Dose(crystalline_ug=1000.0))) == (11.5, 12.5)


def test_liver_meal_of_38_ug_is_conservative_against_iom_4_1_ug() -> None:
    # IOM 1998 p.309: 38 µg in liver paste → 4.1 µg absorbed on average. The model gives
    # 0.5 × 38 = 19 → capped 1.5 / 2.5, + 0.38 → 1.88 / 2.88: below the observed 4.1 µg.
    result = absorbed(Dose(food_ug=38.0))
    assert _pair(result) == (1.88, 2.88)
    assert result.high_ug < 4.1


def test_malabsorption_leaves_only_passive_diffusion() -> None:
    # no intrinsic factor: 0.01 × 1000 = 10 µg whatever the caps
    assert _pair(absorbed(Dose(crystalline_ug=1000.0), intrinsic_factor=False)) == (10.0, 10.0)
    assert _pair(absorbed(Dose(food_ug=5.0), intrinsic_factor=False)) == (0.05, 0.05)


def test_negative_dose_is_refused() -> None:
    with pytest.raises(ValueError):
        absorbed(Dose(food_ug=-1.0))
