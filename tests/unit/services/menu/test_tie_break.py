"""Equal menus resolve by the stated tie-break, never by HiGHS's path (issue 19, menuspeed).

The rule (b12.services.menu.model): among menus of equal objective (grams moved + 100 g per new
food), the one with foods earlier in key order; then, with each food's servings a day fixed, the
one with each food at the latest meal of the day. Here three foods with the same serving and
the same protein each meet the target alone: every choice of food and meal costs the same, and
the tests show that it does (each other choice, forced, has the same objective).
"""

from __future__ import annotations

from b12.services.menu.candidates import NEW_FOOD_PENALTY_G, Slot
from b12.services.menu.model import Solution, solve
from b12.services.menu.targets import Range

from .conftest import food, goals, slots, usual

MEALS = ("breakfast", "lunch", "dinner")
# One 100 g serving of any of them meets the protein target: 100 g moved + the new-food penalty.
FISH = {k: food(k, protein=20, energy=100) for k in ("fish_a", "fish_b", "fish_c")}
TARGET = goals(protein=Range(15, None))


def _menu(meal_slots: tuple[Slot, ...], days: int = 1) -> Solution:
    solution = solve(meal_slots, FISH, days, usual(MEALS), TARGET)
    assert solution is not None and solution.mip_gap == 0.0
    return solution


def test_a_day_takes_the_first_food_in_key_order_at_the_last_meal() -> None:
    chosen = _menu(slots(MEALS, tuple(FISH)))
    assert chosen.servings == {(0, "dinner", "fish_a"): 1}
    assert chosen.objective_g == 100 + NEW_FOOD_PENALTY_G
    # The menus it was chosen from cost the same: another food, or the same food at lunch.
    other_food = _menu(slots(MEALS, ("fish_b", "fish_c")))
    assert other_food.servings == {(0, "dinner", "fish_b"): 1}
    at_lunch = _menu((Slot("lunch", ("fish_a",), {"fish_a": "test"}),))
    assert at_lunch.servings == {(0, "lunch", "fish_a"): 1}
    assert other_food.objective_g == at_lunch.objective_g == chosen.objective_g


def test_a_week_rotates_the_foods_in_key_order_at_the_last_meal() -> None:
    # The rotation serves a new food in one class of days only, so the three classes take three
    # foods; the class of 3 days (1, 4, 7) takes the first in key order (its tie-break counts 3
    # times), and of the two classes of 2 days the earlier (2, 5) takes the next.
    week = _menu(slots(MEALS, tuple(FISH)), days=7)
    by_day = {d: (m, k) for (d, m, k), n in week.servings.items() for _ in range(n)}
    assert by_day == {
        0: ("dinner", "fish_a"),
        1: ("dinner", "fish_b"),
        2: ("dinner", "fish_c"),
        3: ("dinner", "fish_a"),
        4: ("dinner", "fish_b"),
        5: ("dinner", "fish_c"),
        6: ("dinner", "fish_a"),
    }
    assert week.objective_g == 7 * 100 + 3 * NEW_FOOD_PENALTY_G


def test_the_same_input_gives_the_same_menu() -> None:
    first = _menu(slots(MEALS, tuple(FISH)), days=7)
    assert all(_menu(slots(MEALS, tuple(FISH)), days=7) == first for _ in range(3))
