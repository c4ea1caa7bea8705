"""b12.core.diet.meals against its sources, with boundaries.

British Nutrition Foundation, "Healthy eating in practice": "The UK government suggests that one
way to spread calorie intake over the day could be to consume 20% of total calorie intake at
breakfast, 30% at lunch, 30% at dinner and 20% for snacks". b12's band (unverified reading): a main
meal at least half its share of the day's low, at most its share plus the snacks' 20 % and any
missing main meal's share of the day's high. The menu-level tests (round-14 red team, findings 10
and 12) are in tests/clinical/menu/test_red_team_round14_meals.py.
"""

from __future__ import annotations

import pytest

from b12.core.diet import meals

LOW, HIGH = 1000.0, 2000.0


def test_three_main_meals_get_the_uk_shares_as_a_band() -> None:
    bounds = meals.meal_energy_bounds(["Breakfast", "lunch", "dinner", "snack"], LOW, HIGH)
    assert bounds == {
        "Breakfast": (pytest.approx(0.10 * LOW), pytest.approx(0.40 * HIGH)),
        "lunch": (pytest.approx(0.15 * LOW), pytest.approx(0.50 * HIGH)),
        "dinner": (pytest.approx(0.15 * LOW), pytest.approx(0.50 * HIGH)),
    }  # a snack has no band


def test_a_missing_main_meal_gives_its_share_to_the_others() -> None:
    # No lunch: its 30 % can go to breakfast or dinner (else the day could not reach its energy).
    bounds = meals.meal_energy_bounds(["breakfast", "dinner"], LOW, HIGH)
    assert bounds["breakfast"][1] == pytest.approx((0.20 + 0.20 + 0.30) * HIGH)
    assert bounds["dinner"][1] == pytest.approx((0.30 + 0.20 + 0.30) * HIGH)


def test_no_energy_target_no_bound_and_other_meal_names_are_free() -> None:
    assert meals.meal_energy_bounds(["breakfast"], None, None) == {"breakfast": (None, None)}
    assert meals.meal_energy_bounds(["second breakfast", "supper"], LOW, HIGH) == {}


def test_a_b12_meal_offers_a_third_of_the_day_target() -> None:
    # Three such meals meet the target: "two or three times a day".
    assert 3 * meals.b12_meal_ug(1.2) == pytest.approx(1.2)
    assert meals.B12_MEALS_PER_DAY == 2
