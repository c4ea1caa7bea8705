"""The menu as a mixed-integer program, solved with HiGHS through :func:`scipy.optimize.milp`.

Variables, for each day d, meal m and candidate food c of that meal:

* ``n[d,m,c]`` whole servings (integer, 0 to :data:`MAX_SERVINGS_PER_MEAL`);
* ``over[d,m,c]``, ``under[d,m,c]`` grams above and below the diary's amount (diary foods only);
* ``low[d,m]``, ``high[d,m]`` B12 taken up by the intrinsic-factor route at that meal.

Absorption per meal (:mod:`b12.core.diet.absorption`) is ``min(offered, cap) + 1 % of the dose``,
concave in the servings, so "absorbed ≥ target" becomes linear: ``low ≤ offered``, ``low ≤ 1.5``,
``high ≤ offered``, ``high ≤ 2.5`` and, per day, the sum over meals of ``(low + high) / 2`` plus the
passive 1 % at least the target (the midpoint of the model's range, as the plan uses it).

Objective (grams): every gram moved away from the diary (added, removed or changed), plus
:data:`NEW_FOOD_PENALTY_G` for each serving of a food at a meal where the diary did not have it
(a penalty per new serving keeps the program free of on/off variables, so it solves quickly),
plus a tie-break of at most 0.001 g per serving that prefers foods earlier in key order, so that
equal menus are never chosen by chance. HiGHS runs without a time limit and with a fixed relative
optimality gap (:data:`MIP_GAP`); its branch-and-bound search is deterministic (scipy offers no
thread setting, and HiGHS's MIP search does not depend on timing), so the same input gives the same
menu. Days are solved one at a time (see :func:`solve`), which keeps each program small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from b12.core.diet.absorption import (
    CRYSTALLINE_LOW_DOSE_ABSORBED_FRACTION,
    FOOD_B12_ABSORBED_FRACTION,
    IF_SATURATION_HIGH_UG_PER_MEAL,
    IF_SATURATION_LOW_UG_PER_MEAL,
    PASSIVE_DIFFUSION_FRACTION,
)
from b12.services.menu.candidates import NEW_FOOD_PENALTY_G, Slot
from b12.services.menu.diary import UsualEating
from b12.services.menu.foods import MenuFood
from b12.services.menu.targets import Range

Cell = tuple[int, str, str]  # (menu day, meal, food key)

MAX_SERVINGS_PER_MEAL = 3
MAX_SERVINGS_PER_DAY = 3  # of one food, unless the diary already has more
NEW_FOOD_DAYS_PER_WEEK = 3  # variety: a food new to a meal is served on at most 3 days a week
VARIETY = "variety: a food new to the diary on at most 3 days a week"
TIE_BREAK_G = 1e-3
# Targets are met with this margin so that rounding never turns a met target into a missed one.
MARGIN = 1e-6
# HiGHS stops when the menu is provably within 1 % of the best objective: a fixed rule, not a
# clock, so the same input still gives the same menu.
MIP_GAP = 1e-2


@dataclass(frozen=True)
class Goals:
    """The daily constraints the program enforces (None: not enforced)."""

    absorbed_b12_ug: float | None
    fortified_ug: float | None
    protein_g: Range
    energy_kcal: Range
    variety: bool = True


@dataclass
class _Program:
    cost: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[int] = field(default_factory=list)
    rows: list[dict[int, float]] = field(default_factory=list)
    row_low: list[float] = field(default_factory=list)
    row_high: list[float] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    def var(self, cost: float, high: float, integer: bool) -> int:
        self.cost.append(cost)
        self.lower.append(0.0)
        self.upper.append(high)
        self.integer.append(1 if integer else 0)
        return len(self.cost) - 1

    def row(self, coefficients: dict[int, float], low: float, high: float, name: str) -> None:
        self.rows.append(coefficients)
        self.row_low.append(low)
        self.row_high.append(high)
        self.names.append(name)


@dataclass(frozen=True)
class Solution:
    """Servings per (day, meal, food key), the objective and which constraints bind."""

    servings: dict[Cell, int]
    objective_g: float
    binding: tuple[str, ...]


def diary_grams(usual: UsualEating, days: int) -> dict[Cell, float]:
    """The diary's grams per (menu day, meal, food): diary days repeat in date order."""
    grams: dict[Cell, float] = {}
    if usual.days == 0:
        return grams
    for day in range(days):
        for e in usual.eaten:
            if e.day == day % usual.days:
                grams[(day, e.meal, e.key)] = e.grams
    return grams


@dataclass
class _Vars:
    serve: dict[Cell, int] = field(default_factory=dict)
    new: dict[Cell, int] = field(default_factory=dict)
    uptake: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)


def _food_vars(
    p: _Program,
    slots: tuple[Slot, ...],
    foods: dict[str, MenuFood],
    days: Sequence[int],
    diary: dict[Cell, float],
) -> _Vars:
    order = {k: i for i, k in enumerate(sorted({k for s in slots for k in s.foods}))}
    tie = TIE_BREAK_G / max(1, len(order))
    v = _Vars()
    for day in days:
        for slot in slots:
            for key in slot.foods:
                grams = foods[key].serving.grams
                at = (day, slot.meal, key)
                usual = diary.get(at)
                # A serving new at this meal costs its grams and the penalty; a diary food's
                # changes cost the grams moved, through over/under.
                new = usual is None
                cost = grams + NEW_FOOD_PENALTY_G if new else 0.0
                n = p.var(cost + tie * (1 + order[key]), MAX_SERVINGS_PER_MEAL, True)
                v.serve[at] = n
                if new:
                    v.new[at] = n
                else:
                    assert usual is not None
                    over, under = p.var(1.0, np.inf, False), p.var(1.0, np.inf, False)
                    p.row({n: grams, over: -1.0, under: 1.0}, usual, usual, "diary")
    return v


def _per_day(
    p: _Program,
    v: _Vars,
    foods: dict[str, MenuFood],
    diary: dict[Cell, float],
    budget: dict[str, int] | None,
) -> None:
    per_day: dict[tuple[int, str], dict[int, float]] = {}
    for (day, _, key), n in v.serve.items():
        per_day.setdefault((day, key), {})[n] = 1.0
    for (day, key), row in per_day.items():
        usual = sum(g for (d, _, k), g in diary.items() if d == day and k == key)
        most = max(MAX_SERVINGS_PER_DAY, round(usual / foods[key].serving.grams))
        p.row(row, -np.inf, most, f"max servings of one food a day ({MAX_SERVINGS_PER_DAY})")
    meals: dict[tuple[int, str], dict[int, float]] = {}
    for (day, meal, _), n in v.serve.items():
        meals.setdefault((day, meal), {})[n] = 1.0
    for (day, meal), row in meals.items():
        if any(d == day and m == meal for d, m, _ in diary):
            p.row(row, 1.0, np.inf, "every diary meal keeps at least one food")
    if budget is None:
        return
    for (_, _, key), n in v.new.items():
        if budget[key] <= 0:
            p.row({n: 1.0}, -np.inf, 0.0, VARIETY)


def _nutrient(v: _Vars, foods: dict[str, MenuFood], day: int, per_100g: str) -> dict[int, float]:
    return {
        n: foods[k].per_serving(getattr(foods[k], per_100g))
        for (d, _, k), n in v.serve.items()
        if d == day
    }


def _b12(p: _Program, v: _Vars, foods: dict[str, MenuFood], goals: Goals) -> None:
    meals = sorted({(d, m) for d, m, _ in v.serve})
    for day, meal in meals:
        offered = {
            n: foods[k].per_serving(
                FOOD_B12_ABSORBED_FRACTION * foods[k].natural_ug_per_100g
                + CRYSTALLINE_LOW_DOSE_ABSORBED_FRACTION * foods[k].added_ug_per_100g
            )
            for (d, m, k), n in v.serve.items()
            if (d, m) == (day, meal)
        }
        low = p.var(0.0, IF_SATURATION_LOW_UG_PER_MEAL, False)
        high = p.var(0.0, IF_SATURATION_HIGH_UG_PER_MEAL, False)
        v.uptake[(day, meal)] = (low, high)
        for route in (low, high):
            p.row({route: 1.0, **{n: -a for n, a in offered.items()}}, -np.inf, 0.0, "uptake")
    assert goals.absorbed_b12_ug is not None
    for day in sorted({d for d, _, _ in v.serve}):
        total = {
            n: PASSIVE_DIFFUSION_FRACTION
            * foods[k].per_serving(foods[k].natural_ug_per_100g + foods[k].added_ug_per_100g)
            for (d, _, k), n in v.serve.items()
            if d == day
        }
        for (d, _), (low, high) in v.uptake.items():
            if d == day:
                total[low] = total[high] = 0.5
        p.row(total, goals.absorbed_b12_ug + MARGIN, np.inf, "absorbed B12")


def _daily_goals(p: _Program, v: _Vars, foods: dict[str, MenuFood], goals: Goals) -> None:
    if goals.absorbed_b12_ug is not None:
        _b12(p, v, foods, goals)
    for day in sorted({d for d, _, _ in v.serve}):
        if goals.fortified_ug is not None:
            row = _nutrient(v, foods, day, "added_ug_per_100g")
            p.row(row, goals.fortified_ug + MARGIN, np.inf, "fortified B12")
        for name, attr, rng in (
            ("protein", "protein_g_per_100g", goals.protein_g),
            ("energy", "energy_kcal_per_100g", goals.energy_kcal),
        ):
            if rng.low is None and rng.high is None:
                continue
            low = -np.inf if rng.low is None else rng.low + MARGIN
            high = np.inf if rng.high is None else rng.high - MARGIN
            p.row(_nutrient(v, foods, day, attr), low, high, name)


def _solve_day(
    slots: tuple[Slot, ...],
    foods: dict[str, MenuFood],
    day: int,
    diary: dict[Cell, float],
    goals: Goals,
    budget: dict[str, int] | None,
) -> tuple[dict[Cell, int], float, list[str]] | None:
    p = _Program()
    v = _food_vars(p, slots, foods, [day], diary)
    _per_day(p, v, foods, diary, budget)
    _daily_goals(p, v, foods, goals)
    matrix = csr_array(
        (
            [c for row in p.rows for c in row.values()],
            ([i for i, row in enumerate(p.rows) for _ in row], [j for row in p.rows for j in row]),
        ),
        shape=(len(p.rows), len(p.cost)),
    )
    result = milp(
        np.array(p.cost),
        integrality=np.array(p.integer),
        bounds=Bounds(np.array(p.lower), np.array(p.upper)),
        constraints=LinearConstraint(matrix, np.array(p.row_low), np.array(p.row_high)),
        options={"disp": False, "mip_rel_gap": MIP_GAP, "presolve": True},
    )
    if result.status != 0 or result.x is None:
        return None
    x = np.round(result.x, 9)
    servings = {at: round(x[n]) for at, n in v.serve.items() if round(x[n]) > 0}
    binding = _binding(p, matrix @ x)
    if any(x[low] >= IF_SATURATION_LOW_UG_PER_MEAL - 1e-6 for low, _ in v.uptake.values()):
        binding.append("per-meal absorption cap (intrinsic factor saturates at 1.5-2.5 µg)")
    return servings, float(result.fun), binding


def solve(
    slots: tuple[Slot, ...],
    foods: dict[str, MenuFood],
    days: int,
    usual: UsualEating,
    goals: Goals,
) -> Solution | None:
    """The closest menu that meets ``goals``, day by day, or None when a day cannot meet them.

    Days are solved in order; each day's new servings use up the food's variety allowance for
    the days after it (a deterministic rule that keeps each program small).
    """
    diary = diary_grams(usual, days)
    cap = -(-NEW_FOOD_DAYS_PER_WEEK * days // 7)
    keys = sorted({k for s in slots for k in s.foods})
    budget = dict.fromkeys(keys, cap) if goals.variety else None
    servings: dict[Cell, int] = {}
    objective = 0.0
    binding: dict[str, int] = {}
    for day in range(days):
        solved = _solve_day(slots, foods, day, diary, goals, budget)
        if solved is None:
            return None
        got, cost, bound = solved
        servings.update(got)
        objective += cost
        for name in bound:
            binding[name] = binding.get(name, 0) + 1
        if budget is not None:
            for key in {k for (_, meal, k) in got if (day, meal, k) not in diary}:
                budget[key] -= 1
    # Diary grams of foods that are no longer candidates (excluded) are moved too.
    kept = {(s.meal, k) for s in slots for k in s.foods}
    dropped = sum(g for (_, m, k), g in diary.items() if (m, k) not in kept)
    shown = tuple(f"{name} (binds on {count} of {days} days)" for name, count in binding.items())
    return Solution(servings, round(objective + dropped, 3), shown)


def _binding(p: _Program, activity: np.ndarray) -> list[str]:
    names: dict[str, None] = {}
    for name, value, low, high in zip(p.names, activity, p.row_low, p.row_high, strict=True):
        if name in ("diary", "uptake"):
            continue
        if abs(value - low) < 1e-4 or abs(value - high) < 1e-4:
            names.setdefault(name)
    return list(names)
