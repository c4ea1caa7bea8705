"""The menu program on hand-checkable cases (amounts chosen so the arithmetic is done by hand).

Absorption per meal (b12.core.diet.absorption, IOM 1998): min(0.5 × food B12, cap) + 1 % of the
dose, cap 1.5 µg (low) and 2.5 µg (high); the menu uses the midpoint of the two.
"""

from __future__ import annotations

from dataclasses import replace

from b12.core.diet.absorption import Dose, absorbed
from b12.core.diet.food import Portion
from b12.services.menu.candidates import NEW_FOOD_PENALTY_G
from b12.services.menu.diary import Eaten
from b12.services.menu.foods import MenuFood
from b12.services.menu.highs import MAX_NODES, solver
from b12.services.menu.model import (
    MAX_SERVINGS_PER_MEAL,
    meal_limit,
    solve,
)
from b12.services.menu.rotation import day_types, rotation_classes
from b12.services.menu.targets import Range

from .conftest import food, goals, slots, usual

MEALS = ("breakfast", "lunch", "dinner")
LIVER = food("liver", natural=2.0, protein=20, energy=150)
RICE = food("rice", protein=3, energy=130)


def _mid(dose: Dose) -> float:
    a = absorbed(dose)
    return (a.low_ug + a.high_ug) / 2


def test_one_meal_fails_where_spread_meals_pass_and_the_menu_spreads() -> None:
    # 6 µg of food B12 a day. In one meal: 0.5 × 6 = 3 is capped at 1.5 / 2.5 -> midpoint 2.0,
    # + 0.06 passive = 2.06 µg. In three meals of 2 µg: 3 × (1.0 + 0.02) = 3.06 µg.
    target = 2.5
    assert _mid(Dose(6.0)) < target
    assert 3 * _mid(Dose(2.0)) >= target
    diary = usual(MEALS, (Eaten(0, "breakfast", "liver", 300.0),))
    foods = {"liver": LIVER}
    solution = solve(slots(MEALS, ("liver",)), foods, 1, diary, goals(b12=target))
    assert solution is not None
    per_meal = {m: solution.servings.get((0, m, "liver"), 0) for m in MEALS}
    assert per_meal["breakfast"] < 3  # the diary's single meal was split
    total = sum(_mid(Dose(2.0 * n)) for n in per_meal.values() if n)
    assert total >= target
    assert any("per-meal absorption cap" in b for b in solution.binding)


def test_a_diary_that_meets_every_target_comes_back_unchanged() -> None:
    eaten = (Eaten(0, "breakfast", "liver", 100.0), Eaten(0, "lunch", "rice", 200.0))
    foods = {"liver": LIVER, "rice": RICE}
    target = goals(b12=1.0, protein=Range(25, None), energy=Range(300, 500))
    solution = solve(slots(MEALS, ("liver", "rice")), foods, 1, usual(MEALS, eaten), target)
    assert solution is not None
    assert solution.servings == {(0, "breakfast", "liver"): 1, (0, "lunch", "rice"): 2}
    assert solution.objective_g < 0.01  # only the deterministic tie-break


def test_a_new_food_costs_grams_and_the_penalty_so_the_cheapest_fix_wins() -> None:
    # Protein 30 g a day from a diary with rice only (6 g): adding one liver (20 g, 100 g moved
    # + 100 penalty) is cheaper than eight more servings of rice, which the limits forbid anyway.
    eaten = (Eaten(0, "lunch", "rice", 200.0),)
    foods = {"liver": LIVER, "rice": RICE}
    target = goals(protein=Range(30, None))
    solution = solve(slots(MEALS, ("liver", "rice")), foods, 1, usual(MEALS, eaten), target)
    assert solution is not None
    new_liver = sum(n for (_, _, k), n in solution.servings.items() if k == "liver")
    assert new_liver >= 1
    protein = sum(foods[k].protein_g_per_100g * n for (_, _, k), n in solution.servings.items())
    assert protein >= 30


def test_no_menu_when_the_target_exceeds_what_the_limits_allow() -> None:
    # At most 3 servings per meal of a 0.1 µg food: never 1.2 µg absorbed.
    weak = {"weak": food("weak", natural=0.1)}
    assert MAX_SERVINGS_PER_MEAL == 3
    assert solve(slots(MEALS, ("weak",)), weak, 1, usual(MEALS), goals(b12=1.2)) is None


def test_the_same_input_gives_the_same_menu() -> None:
    # Three days: one new B12 food per rotation class (day), among three equal ones.
    livers = {k: food(k, natural=2.0, protein=20) for k in ("liver2", "liver3")}
    foods = {"liver": LIVER, "rice": RICE, **livers}
    args = (slots(MEALS, tuple(foods)), foods, 3, usual(MEALS), goals(b12=1.0))
    first, second = solve(*args), solve(*args)
    assert first == second
    assert first is not None


def test_a_new_food_costs_its_penalty_once_however_often_it_is_served() -> None:
    # No diary: every serving is new. 1 µg absorbed a day needs one liver a day (1.0 + 0.02).
    # Two days of liver: 2 × 100 g moved + one penalty of 100 g = 300 (per serving it was 400).
    foods = {"liver": LIVER}
    no_variety = replace(goals(b12=1.0), variety=False)
    solution = solve(slots(MEALS, ("liver",)), foods, 2, usual(MEALS), no_variety)
    assert solution is not None
    assert sum(solution.servings.values()) == 2
    assert solution.new_foods == ("liver",)
    assert solution.grams_moved == 200.0
    assert solution.objective_g == 200.0 + NEW_FOOD_PENALTY_G
    assert solution.mip_gap == 0.0


def test_variety_rotates_each_new_food_on_one_class_of_days_once_a_day() -> None:
    # Seven days each need one serving of a B12 food; a new food is served on one rotation class
    # (days 1, 4, 7 / 2, 5 / 3, 6), once a day: the week needs three of the four liver-like foods,
    # one per class (7 servings: 3 + 2 + 2), 7 × 100 g moved + 3 × 100 g of penalty.
    keys = ("liver1", "liver2", "liver3", "liver4")
    foods = {k: food(k, natural=2.0, protein=20, energy=150) for k in keys}
    solution = solve(slots(MEALS, keys), foods, 7, usual(MEALS), goals(b12=1.0))
    assert solution is not None
    for k in keys:
        days = [d for (d, _, f), n in solution.servings.items() if f == k for _ in range(n)]
        assert len(days) == len(set(days))  # at most one serving a day
        assert len({rotation_classes(7, 1)[d] for d in days}) <= 1  # one class of days
    assert len(solution.new_foods) == 3
    assert solution.objective_g == 700.0 + 3 * NEW_FOOD_PENALTY_G
    assert solution.mip_gap == 0.0
    assert any(b.startswith("variety") for b in solution.binding)


def test_a_week_without_a_diary_is_three_day_types_weighted_3_2_2() -> None:
    assert [t.days for t in day_types(7, 0)] == [(0, 3, 6), (1, 4), (2, 5)]
    # After a two-day diary the classes follow it: days 1, 5 / 3, 7 follow its first day and
    # 2, 4, 6 its second, so a new food always meets the same diary day (three day types).
    assert [t.days for t in day_types(7, 2)] == [(0, 4), (1, 3, 5), (2, 6)]
    # A diary of 4 days or more would need more than 3 classes: by position, d mod 3.
    assert rotation_classes(7, 4) == (0, 1, 2, 0, 1, 2, 0)
    assert rotation_classes(7, 3) == rotation_classes(7, 1) == rotation_classes(7, 0)
    assert [t.weight for t in day_types(1, 0)] == [1]


def test_a_one_day_menu_has_no_variety_rule() -> None:
    # One day needing 2 µg absorbed from one new food: two servings at two meals, allowed only
    # because a one-day menu has no rotation (with it a new food is served once a day).
    foods = {"liver": LIVER}
    solution = solve(slots(MEALS, ("liver",)), foods, 1, usual(MEALS), goals(b12=2.0))
    assert solution is not None
    assert sum(solution.servings.values()) == 2
    assert solve(slots(MEALS, ("liver",)), foods, 2, usual(MEALS), goals(b12=2.0)) is None


def test_one_food_at_one_meal_stays_within_a_plate() -> None:
    # A 243 g serving (a cup of egg yolk) may be served once at a meal, never twice.
    big = MenuFood("yolk", "yolk", "test", 2.0, 0.0, 16, 320, Portion(1, "cup", 243), frozenset())
    assert meal_limit(big) == 1
    assert meal_limit(LIVER) == MAX_SERVINGS_PER_MEAL
    assert meal_limit(big, usual_g=486.0) == 2  # the diary's own amount is kept


def test_highs_runs_single_threaded_without_a_clock_to_a_zero_gap() -> None:
    # The issue's solver contract, read back from HiGHS itself (not from b12's constants).
    h = solver()

    def option(name: str) -> object:
        return h.getOptionValue(name)[1]  # highspy returns (status, value)

    assert option("threads") == 1
    assert option("time_limit") == float("inf")
    assert option("mip_rel_gap") == 0.0
    assert option("mip_max_nodes") == MAX_NODES
    # Round 8: a heuristic off, never a limit: the proof (gap 0) is unchanged.
    assert option("mip_heuristic_run_root_reduced_cost") is False


def test_binding_rows_are_read_from_the_servings_not_the_solvers_uptake() -> None:
    """The same menu reports the same binding rows whichever optimal uptake HiGHS returns: a meal
    offering 3 µg lets through 1.5-2.5 µg however low the solver left ``low`` and ``high``."""
    import numpy as np

    from b12.services.menu.binding import settle_uptake

    x = np.array([2.0, 0.2, 0.3, 1.0, 0.0, 0.0])  # 2 servings of 1.5 µg; a meal with none
    settle_uptake(
        {(0, "lunch"): (1, 2), (0, "dinner"): (4, 5)},
        {(0, "lunch"): {0: 1.5}, (0, "dinner"): {3: 0.0}},
        x,
    )
    assert list(x) == [2.0, 1.5, 2.5, 1.0, 0.0, 0.0]
