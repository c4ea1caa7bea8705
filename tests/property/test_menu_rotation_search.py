"""The rotation search against one program of the whole week (issue 19, round 7).

The planner solves each rotation class alone and joins them with a best-first search
(b12.services.menu.search). Here the same week is also written as ONE program holding every class
and the rule "a new food in at most one class" as rows, and HiGHS proves its optimum: the two
optima must be equal on generated small weeks (foods, diaries and targets drawn at random), and
the search's menu must keep each new food to one class, once a day.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from b12.services.menu.candidates import Slot
from b12.services.menu.diary import Eaten, UsualEating
from b12.services.menu.foods import MenuFood
from b12.services.menu.highs import run_highs
from b12.services.menu.model import TIE_BREAK_G, Goals, _program, diary_grams, solve
from b12.services.menu.rotation import day_types, rotation_classes
from b12.services.menu.targets import Range
from tests.unit.services.menu.conftest import food, goals, slots, usual

MEALS = ("breakfast", "lunch", "dinner")


def _one_program(
    week_slots: tuple[Slot, ...],
    foods: dict[str, MenuFood],
    days: int,
    eating: UsualEating,
    target: Goals,
) -> float | None:
    diary = diary_grams(eating, days)
    p, v = _program(week_slots, foods, day_types(days, eating.days), diary, target, True)
    for key in sorted({k for k, _ in v.used}):
        p.row({n: 1.0 for (k, _), n in v.used.items() if k == key}, -np.inf, 1.0, "one class", None)
    result = run_highs(p.cost, p.upper, p.integer, p.matrix(), p.row_low, p.row_high)
    if result.status == "infeasible":
        return None
    assert result.status == "optimal"
    return result.objective


weeks = st.fixed_dictionaries(
    {
        "b12": st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]), min_size=5, max_size=5),
        "protein": st.lists(st.integers(0, 30), min_size=5, max_size=5),
        "eaten": st.lists(
            st.tuples(st.integers(0, 1), st.sampled_from(MEALS), st.integers(0, 4)),
            max_size=3,
        ),
        "days": st.integers(2, 7),
        # Off the grid of the foods' amounts: a target met exactly would sit on HiGHS's
        # feasibility tolerance (1e-6, the size of the model's margin), where either answer holds.
        "target": st.sampled_from([0.8317, 1.0713, 1.5329]),
        "protein_floor": st.sampled_from([None, 20.37, 40.61]),
    }
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(week=weeks)
def test_the_search_finds_the_one_programs_optimum(week: dict[str, Any]) -> None:
    keys = tuple(f"f{i}" for i in range(5))
    foods = {
        k: food(k, natural=b, protein=p, energy=100)
        for k, b, p in zip(keys, week["b12"], week["protein"], strict=True)
    }
    rows = tuple(Eaten(d, m, keys[i], 100.0) for d, m, i in sorted(set(week["eaten"])))
    days_in_diary = 1 + max((e.day for e in rows), default=0)
    eating = usual(MEALS, rows, days_in_diary)
    floor = week["protein_floor"]
    target = goals(b12=week["target"], protein=Range(floor, None))
    week_slots = slots(MEALS, keys)
    found = solve(week_slots, foods, week["days"], eating, target)
    reference = _one_program(week_slots, foods, week["days"], eating, target)
    assert (found is None) == (reference is None)
    if found is None or reference is None:
        return
    assert found.mip_gap == 0.0
    # The reported objective leaves out the tie-break: add it back (key order, per serving).
    tie = sum(
        TIE_BREAK_G / len(keys) * (1 + keys.index(k)) * n for (_, _, k), n in found.servings.items()
    )
    assert abs(found.objective_g + tie - reference) < 1e-3  # objective_g is rounded to 0.001 g
    known = {e.key for e in rows}
    for key in found.new_foods:
        assert key not in known
        days = [d for (d, _, k), n in found.servings.items() if k == key for _ in range(n)]
        assert len(days) == len(set(days))
        assert len({rotation_classes(week["days"], days_in_diary)[d] for d in days}) == 1
