"""The menu's mixed-integer programs, solved to optimality with HiGHS (highspy, 1 thread).

Programs plan *day types* (:mod:`b12.services.menu.rotation`): days that share a rotation class
and follow the same diary day get the same plan, one set of variables weighted by their number of
days. A menu of 2 days or more is one program per rotation class, joined by
:mod:`b12.services.menu.search` (a new food in at most one class); a one-day menu, or one without
the variety rule, is one program. Variables, for each day type t, meal m and candidate food c:

* ``n[t,m,c]`` whole servings (integer, 0 to :func:`meal_limit`);
* ``over[t,m,c]``, ``under[t,m,c]`` grams above and below the diary's amount (diary foods only);
* ``low[t,m]``, ``high[t,m]`` B12 taken up by the intrinsic-factor route at that meal;
* ``used[c,k]`` (0/1) for each food the diary does not have and the class k (one per food when
  there is no variety rule): with the rotation ``sum over m of n[t,m,c] ≤ used[c,k]``, one serving
  a day on the class's days only. A class program of one day type (every class of a week without
  a diary or after a one-day one) has no ``used``: there that sum is 0 or 1 and equals ``used``,
  so the penalty sits on the servings themselves (the same optima and LP relaxation, fewer
  columns and rows; FNIH's week 189 -> 161 HiGHS nodes).

Absorption per meal (:mod:`b12.core.diet.absorption`) is ``min(offered, cap) + 1 % of the dose``,
concave in the servings, so "absorbed ≥ target" becomes linear: ``low ≤ offered``, ``low ≤ 1.5``,
``high ≤ offered``, ``high ≤ 2.5`` and, per day, the sum over meals of ``(low + high) / 2`` plus the
passive 1 % at least the target (the midpoint of the model's range, as the plan uses it).

Objective: grams moved away from the diary (every gram added, removed or changed, per meal) plus
:data:`NEW_FOOD_PENALTY_G` once per new food, plus a tie-break of at most 0.001 g a serving that
prefers foods earlier in key order (the reported objective leaves it out). That tie-break cannot
tell one food at lunch from the same food at dinner, so each program's optimum is then *placed*
(:func:`_placed`): with each food's servings a day fixed, a second, tiny solve (presolve leaves
only the served foods) takes the meals by the rank of (food key, meal of the day), the day's
last meal first. So equal menus are chosen by a stated rule, not by HiGHS's path; the placement runs once
per chosen class plan, after the search. HiGHS runs on one thread without a time limit and with a
zero relative gap (:mod:`b12.services.menu.highs`); nothing depends on timing, so the same input
gives the same menu. Why the rotation and not round 6's "3 servings a week" (whose relaxation
spread a food over 7 interchangeable days: 18-20 s for two examples): docs/menu.md, "Speed"."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from b12.core.diet.absorption import (
    CRYSTALLINE_LOW_DOSE_ABSORBED_FRACTION,
    FOOD_B12_ABSORBED_FRACTION,
    IF_SATURATION_HIGH_UG_PER_MEAL,
    IF_SATURATION_LOW_UG_PER_MEAL,
    PASSIVE_DIFFUSION_FRACTION,
)
from b12.errors import InputError
from b12.services.menu.binding import binding_rows, settle_uptake
from b12.services.menu.candidates import NEW_FOOD_PENALTY_G, Slot
from b12.services.menu.diary import UsualEating
from b12.services.menu.foods import MenuFood
from b12.services.menu.highs import MAX_NODES, Program, run_highs
from b12.services.menu.rotation import ROTATION_CLASSES, DayType, day_types
from b12.services.menu.search import NodeLimitError, disjoint_search
from b12.services.menu.targets import Range

Cell = tuple[int, str, str]  # (menu day, or day type inside a program; meal; food key)

MAX_SERVINGS_PER_MEAL = 3
# Of one food a day when it has no cited daily maximum (b12.services.menu.amounts: such a food is a
# diary food, never new), unless the diary already has more.
MAX_SERVINGS_PER_DAY = 3
# No more of one food at one meal than a plate holds (a planning choice, stated in docs/menu.md):
# one serving is always allowed, more only while the grams stay within this amount.
MAX_FOOD_G_PER_MEAL = 300.0
VARIETY = (
    "variety: a food new to the diary in one rotation (days 1, 4, 7 / 2, 5 / 3, 6), once a day"
)
TIE_BREAK_G = 1e-3
# The rotation search stops once its class programs used this many branch-and-bound nodes in all
# (ten programs at HiGHS's node limit; a count, so the same input stops at the same place). The
# examples use under 100; a fuzzed 124 kg person with no food diary used 20,000 in about 10 s.
MAX_SEARCH_WORK = 10 * MAX_NODES
# Targets are met with this margin so that rounding never turns a met target into a missed one.
MARGIN = 1e-6


@dataclass(frozen=True)
class Goals:
    """The daily constraints the program enforces (None: not enforced)."""

    absorbed_b12_ug: float | None
    fortified_ug: float | None
    protein_g: Range
    energy_kcal: Range
    variety: bool = True
    # Per meal name: kcal (floor, ceiling) of a main meal (b12.core.diet.meals).
    meal_energy_kcal: tuple[tuple[str, Range], ...] = ()
    # A meal offering the intrinsic-factor route at least this much is a "B12 meal"; at least
    # ``b12_meals`` of them a day (None: no spread rule).
    b12_meal_ug: float | None = None
    b12_meals: int = 0


@dataclass(frozen=True)
class Solution:
    """Servings per (day, meal, food key), the objective's parts and which constraints bind."""

    servings: dict[Cell, int]
    objective_g: float  # grams moved + penalty × new foods (tie-break left out)
    binding: tuple[str, ...]
    grams_moved: float = 0.0
    new_foods: tuple[str, ...] = ()  # keys of foods the diary does not have, sorted
    mip_gap: float = 0.0  # HiGHS's final relative gap (0: proven optimal)
    nodes: int = 0  # branch-and-bound nodes HiGHS explored (a count, the same for the same input)


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


def meal_limit(food: MenuFood, usual_g: float | None = None) -> int:
    """Most servings of ``food`` at one meal: 3, within a plate, or what the diary has there."""
    grams = food.serving.grams
    plate = int(MAX_FOOD_G_PER_MEAL // grams) if grams > 0 else MAX_SERVINGS_PER_MEAL
    most = max(1, min(MAX_SERVINGS_PER_MEAL, plate))
    return max(most, round(usual_g / grams)) if usual_g else most


def day_limit(food: MenuFood, usual_g: float = 0.0) -> int:
    """Most servings of ``food`` a day: within its cited daily maximum (:mod:`amounts
    <b12.services.menu.amounts>`), else 3; never fewer than the diary has that day."""
    grams = food.serving.grams
    if grams <= 0:
        return MAX_SERVINGS_PER_DAY
    cited = food.max_g_day
    most = MAX_SERVINGS_PER_DAY if cited is None else int(cited / grams + 1e-9)
    return max(most, round(usual_g / grams))


@dataclass
class _Vars:
    types: tuple[DayType, ...]
    serve: dict[Cell, int] = field(default_factory=dict)  # cells by (day type, meal, food)
    limit: dict[Cell, int] = field(default_factory=dict)
    moved: list[tuple[int, int]] = field(default_factory=list)  # (day type, over/under variable)
    # 0/1 per new food and rotation class (None: no variety rule, one variable per food).
    used: dict[tuple[str, int | None], int] = field(default_factory=dict)
    # New foods of a one-day-type class program, priced on their servings (no 0/1): the columns.
    once: dict[str, list[int]] = field(default_factory=dict)
    uptake: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)
    offered: dict[tuple[int, str], dict[int, float]] = field(default_factory=dict)


def _food_vars(
    p: Program,
    slots: tuple[Slot, ...],
    foods: dict[str, MenuFood],
    v: _Vars,
    diary: dict[Cell, float],
    rotation: bool,
    placing: bool,
) -> None:
    keys = sorted({k for s in slots for k in s.foods})
    # The search's tie-break ranks foods by key; the placement (_placed) ranks (key, meal).
    rank = {k: i for i, k in enumerate(keys)}
    order = (
        placement_order(slots)
        if placing
        else {(k, s.meal): rank[k] for s in slots for k in s.foods}
    )
    # Per serving at most TIE_BREAK_G: above HiGHS's absolute gap (1e-6), so ties really resolve.
    tie = TIE_BREAK_G / max(1, len(order if placing else keys))
    known = {k for _, _, k in diary}
    # Under the rotation a new food is served at most once on the class's days, so in a program of
    # one day type its servings that day sum to its 0/1 "used": the penalty goes on the servings
    # and the 0/1 variable and its row are left out. The same optima and the same LP relaxation
    # (the 0/1 variable would equal that sum there too), with 70 fewer columns and rows for K = 40.
    direct = rotation and len(v.types) == 1
    for t, kind in enumerate(v.types):
        # A day type stands for kind.weight days: its grams and servings count that often.
        w = float(kind.weight)
        for slot in slots:
            for key in slot.foods:
                grams = foods[key].serving.grams
                at = (t, slot.meal, key)
                usual = diary.get((kind.days[0], slot.meal, key))
                # A serving at a meal where the diary has none costs its grams; a diary food's
                # changes cost the grams moved, through over/under.
                cost = grams if usual is None else 0.0
                v.limit[at] = meal_limit(foods[key], usual)
                once = direct and key not in known
                penalty = NEW_FOOD_PENALTY_G if once else 0.0
                tie_g = tie * (1 + order[(key, slot.meal)])
                n = p.var(w * (cost + tie_g) + penalty, v.limit[at], True)
                v.serve[at] = n
                if once:
                    v.once.setdefault(key, []).append(n)
                if usual is not None:
                    over, under = p.var(w, np.inf, False), p.var(w, np.inf, False)
                    v.moved += [(t, over), (t, under)]
                    p.row({n: grams, over: -1.0, under: 1.0}, usual, usual, "diary", t)
    classes = sorted({kind.rotation_class for kind in v.types}) if rotation else [None]
    for key in keys:
        if key not in known and not direct:
            for c in classes:
                v.used[(key, c)] = p.var(NEW_FOOD_PENALTY_G, 1.0, True)


def placement_order(slots: tuple[Slot, ...]) -> dict[tuple[str, str], int]:
    """The placement tie-break's rank of each (food key, meal): by key, then the day's meals
    from the last (the order of ``slots``, the diary's meal order). Latest first, a planning
    choice: the foods that tie are mostly 85 g servings of fish or meat, a main meal's food; a
    food allowed at one meal only (a breakfast cereal) is not moved by it."""
    last = len(slots) - 1
    cells = sorted({(k, last - i) for i, s in enumerate(slots) for k in s.foods})
    return {(k, slots[last - j].meal): r for r, (k, j) in enumerate(cells)}


def _per_day(
    p: Program,
    v: _Vars,
    foods: dict[str, MenuFood],
    diary: dict[Cell, float],
    rotation: bool,
) -> None:
    new = {k for k, _ in v.used} | set(v.once)
    cells: dict[tuple[int, str], list[Cell]] = {}
    for at in v.serve:
        cells.setdefault((at[0], at[2]), []).append(at)
    for (t, key), ats in cells.items():
        kind = v.types[t]
        first = kind.days[0]
        usual = sum(g for (d, _, k), g in diary.items() if d == first and k == key)
        most = day_limit(foods[key], usual)
        row = {v.serve[at]: 1.0 for at in ats}
        if key not in new:  # a diary food
            p.row(row, -np.inf, most, "max servings of one food a day", t)
        elif key in v.once:  # the rotation's one serving a day, without a 0/1 variable
            p.row(row, -np.inf, 1.0, "link", t)
        elif rotation:
            # The rotation: one serving a day at most, only on the days of the food's class.
            p.row({**row, v.used[(key, kind.rotation_class)]: -1.0}, -np.inf, 0.0, "link", t)
        else:
            used = v.used[(key, None)]
            # Servings only when the food is used: its per-day and per-meal limits are the big-M.
            p.row({**row, used: -float(most)}, -np.inf, 0.0, "link", t)
            for at in ats:
                p.row({v.serve[at]: 1.0, used: -float(v.limit[at])}, -np.inf, 0.0, "link", t)
    meals: dict[tuple[int, str], dict[int, float]] = {}
    for (t, meal, _), n in v.serve.items():
        meals.setdefault((t, meal), {})[n] = 1.0
    for (t, meal), row in meals.items():
        if any(d == v.types[t].days[0] and m == meal for d, m, _ in diary):
            p.row(row, 1.0, np.inf, "every diary meal keeps at least one food", t)


def _nutrient(v: _Vars, foods: dict[str, MenuFood], day: int, per_100g: str) -> dict[int, float]:
    return {
        n: foods[k].per_serving(getattr(foods[k], per_100g))
        for (d, _, k), n in v.serve.items()
        if d == day
    }


def _b12(p: Program, v: _Vars, foods: dict[str, MenuFood], goals: Goals) -> None:
    # Grouped once: one pass over the cells, not one per meal (many-meal diaries).
    by_meal: dict[tuple[int, str], dict[int, float]] = {}
    for (d, m, k), n in v.serve.items():
        by_meal.setdefault((d, m), {})[n] = foods[k].per_serving(
            FOOD_B12_ABSORBED_FRACTION * foods[k].natural_ug_per_100g
            + CRYSTALLINE_LOW_DOSE_ABSORBED_FRACTION * foods[k].added_ug_per_100g
        )
    for (day, meal), offered in sorted(by_meal.items()):
        low = p.var(0.0, IF_SATURATION_LOW_UG_PER_MEAL, False)
        high = p.var(0.0, IF_SATURATION_HIGH_UG_PER_MEAL, False)
        v.uptake[(day, meal)] = (low, high)
        v.offered[(day, meal)] = offered
        for route in (low, high):
            p.row({route: 1.0, **{n: -a for n, a in offered.items()}}, -np.inf, 0.0, "uptake", day)
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
        p.row(total, goals.absorbed_b12_ug + MARGIN, np.inf, "absorbed B12", day)


def _meal_energy(p: Program, v: _Vars, foods: dict[str, MenuFood], goals: Goals) -> None:
    """Each main meal's energy within its band (a usable day: no 4 kcal dinner)."""
    bands = dict(goals.meal_energy_kcal)
    rows: dict[tuple[int, str], dict[int, float]] = {}
    for (t, meal, key), n in v.serve.items():
        if meal in bands:
            rows.setdefault((t, meal), {})[n] = foods[key].per_serving(
                foods[key].energy_kcal_per_100g
            )
    for (t, meal), row in sorted(rows.items()):
        band = bands[meal]
        low = -np.inf if band.low is None else band.low
        high = np.inf if band.high is None else band.high
        p.row(row, low, high, "energy per main meal", t)


def _b12_meals(p: Program, v: _Vars, goals: Goals) -> None:
    """At least ``goals.b12_meals`` meals a day each offering ``goals.b12_meal_ug`` or more to the
    intrinsic-factor route: one 0/1 variable per (day type, meal), on only when the meal's servings
    offer that much."""
    assert goals.b12_meal_ug is not None
    by_day: dict[int, dict[int, float]] = {}
    for (t, _), offered in sorted(v.offered.items()):
        on = p.var(0.0, 1.0, True)
        row = {n: a for n, a in offered.items() if a > 0}
        p.row({**row, on: -goals.b12_meal_ug}, 0.0, np.inf, "B12 meal", t)
        by_day.setdefault(t, {})[on] = 1.0
    for t, row in sorted(by_day.items()):
        p.row(row, min(goals.b12_meals, len(row)), np.inf, "B12 at two meals a day", t)


def _daily_goals(p: Program, v: _Vars, foods: dict[str, MenuFood], goals: Goals) -> None:
    if goals.absorbed_b12_ug is not None:
        _b12(p, v, foods, goals)
        if goals.b12_meal_ug is not None and goals.b12_meals > 1:
            _b12_meals(p, v, goals)
    if goals.meal_energy_kcal:
        _meal_energy(p, v, foods, goals)
    for day in sorted({d for d, _, _ in v.serve}):
        if goals.fortified_ug is not None:
            row = _nutrient(v, foods, day, "added_ug_per_100g")
            p.row(row, goals.fortified_ug + MARGIN, np.inf, "fortified B12", day)
        for name, attr, rng in (
            ("protein", "protein_g_per_100g", goals.protein_g),
            ("energy", "energy_kcal_per_100g", goals.energy_kcal),
        ):
            if rng.low is None and rng.high is None:
                continue
            low = -np.inf if rng.low is None else rng.low + MARGIN
            high = np.inf if rng.high is None else rng.high - MARGIN
            p.row(_nutrient(v, foods, day, attr), low, high, name, day)


def _program(
    slots: tuple[Slot, ...],
    foods: dict[str, MenuFood],
    types: tuple[DayType, ...],
    diary: dict[Cell, float],
    goals: Goals,
    rotation: bool,
    placing: bool = False,
) -> tuple[Program, _Vars]:
    p = Program()
    v = _Vars(types)
    _food_vars(p, slots, foods, v, diary, rotation, placing)
    _per_day(p, v, foods, diary, rotation)
    _daily_goals(p, v, foods, goals)
    return p, v


@dataclass(frozen=True)
class _Plan:
    """One solved program (a rotation class, or the whole menu), by position of its day types."""

    cost: float  # the program's objective, tie-break included
    bound: float  # HiGHS's proven lower bound on it
    new: frozenset[str]
    servings: dict[Cell, int]  # (position of the day type in the program, meal, food key)
    moved_g: float  # grams moved from the diary's foods, counted over the type's days
    binding: tuple[tuple[str, int | None], ...]  # in row order: the same order every run
    cap: bool  # some meal reaches the per-meal absorption cap
    nodes: int


def _plan(
    p: Program, v: _Vars, forbidden: frozenset[str] = frozenset(), presolve: bool | None = None
) -> _Plan | None:
    for (key, _), n in v.used.items():
        if key in forbidden:
            p.upper[n] = 0.0
    for key, columns in v.once.items():
        if key in forbidden:
            for n in columns:
                p.upper[n] = 0.0
    matrix = p.matrix()
    result = run_highs(
        p.cost,
        p.upper,
        p.integer,
        matrix,
        p.row_low,
        p.row_high,
        presolve=len(v.types) > 1 if presolve is None else presolve,
    )
    if result.status == "infeasible":
        return None
    if result.x is None:
        # The node limit came before any menu: that is not a proof that none exists.
        raise _no_menu_within_limit()
    # Otherwise optimal, or the node limit with the best menu found and its proven gap.
    x = np.round(result.x, 9)
    settle_uptake(v.uptake, v.offered, x)
    return _Plan(
        result.objective,
        result.bound,
        frozenset(k for (k, _), n in v.used.items() if x[n] > 0.5)
        | frozenset(k for k, columns in v.once.items() if any(x[n] > 0.5 for n in columns)),
        {at: round(x[n]) for at, n in v.serve.items() if round(x[n]) > 0},
        float(sum(v.types[t].weight * x[i] for t, i in v.moved)),
        binding_rows(p, matrix @ x),
        any(x[low] >= IF_SATURATION_LOW_UG_PER_MEAL - 1e-6 for low, _ in v.uptake.values()),
        result.nodes,
    )


def _placed(p: Program, v: _Vars, plan: _Plan, forbidden: frozenset[str]) -> _Plan:
    """``plan``'s servings of each food each day, at the meals the placement tie-break prefers.

    ``p`` and ``v`` are the plan's program built with ``placing``: the same rows, the tie-break
    by (food key, meal). Each food's servings a day are fixed to the plan's, so the chosen foods
    stay the same and the grams moved cannot rise (they stay equal when the plan is optimal)."""
    served: dict[tuple[int, str], int] = {}
    for (t, _, key), n in plan.servings.items():
        served[(t, key)] = served.get((t, key), 0) + n
    cells: dict[tuple[int, str], dict[int, float]] = {}
    for (t, _, key), n in v.serve.items():
        cells.setdefault((t, key), {})[n] = 1.0
    for (t, key), row in cells.items():
        count = served.get((t, key), 0)
        p.row(row, count, count, "link", t)  # bookkeeping: never reported as binding
    try:
        # Presolve on: with every unserved food fixed at 0 it leaves a tiny program.
        placed = _plan(p, v, forbidden, presolve=True)
    except SearchLimitError:  # no placement within the node limit: keep the one found
        return plan
    if placed is None:  # cannot happen (the plan itself is one), kept as found
        return plan
    return replace(placed, cost=plan.cost, bound=plan.bound, nodes=plan.nodes + placed.nodes)


class SearchLimitError(InputError):
    """No menu found within the solver's deterministic node limit: not a proof that none exists
    (the planner answers with a menu that says so, never a partial one)."""


def _no_menu_within_limit() -> SearchLimitError:
    # Not a server fault: the request asks more than the deterministic limit allows.
    return SearchLimitError(
        f"no menu found within the solver's limit of {MAX_NODES} branch-and-bound nodes "
        "(this does not mean none exists): ask for fewer days",
        field="days",
    )


def solve(
    slots: tuple[Slot, ...],
    foods: dict[str, MenuFood],
    days: int,
    usual: UsualEating,
    goals: Goals,
) -> Solution | None:
    """The closest menu of ``days`` days that meets ``goals``, or None if none does.

    With the rotation (2 days or more) each rotation class is a program of its own, joined by
    :func:`b12.services.menu.search.disjoint_search`; otherwise the menu is one program.
    """
    diary = diary_grams(usual, days)
    types = day_types(days, usual.days)
    if goals.variety and days > 1:
        classes = [
            tuple(t for t in types if t.rotation_class == k) for k in range(ROTATION_CLASSES)
        ]
        classes = [c for c in classes if c]

        def plan_class(k: int, forbidden: frozenset[str]) -> _Plan | None:
            p, v = _program(slots, foods, classes[k], diary, goals, True)
            return _plan(p, v, forbidden)

        def place_class(k: int, plan: _Plan, forbidden: frozenset[str]) -> _Plan:
            p, v = _program(slots, foods, classes[k], diary, goals, True, placing=True)
            return _placed(p, v, plan, forbidden)

        kinds = [tuple((t.weight, t.diary_day) for t in c) for c in classes]
        try:
            found = disjoint_search(kinds, plan_class, MAX_NODES, MAX_SEARCH_WORK)
        except NodeLimitError:
            raise _no_menu_within_limit() from None
        if found is None:
            return None
        plans = [place_class(k, plan, found.forbidden[k]) for k, plan in enumerate(found.plans)]
        parts = list(zip(classes, plans, strict=True))
        gap, nodes = found.gap, found.nodes + sum(p.nodes for p in plans)
        rotated = any(found.forbidden)
    else:
        one = _plan(*_program(slots, foods, types, diary, goals, False))
        if one is None:
            return None
        p, v = _program(slots, foods, types, diary, goals, False, placing=True)
        one = _placed(p, v, one, frozenset())
        parts = [(types, one)]
        gap = 0.0 if one.cost <= 0 else round(max(0.0, (one.cost - one.bound) / one.cost), 9)
        nodes, rotated = one.nodes, False
    return _solution(parts, slots, foods, diary, days, gap, nodes, rotated)


def _solution(
    parts: list[tuple[tuple[DayType, ...], _Plan]],
    slots: tuple[Slot, ...],
    foods: dict[str, MenuFood],
    diary: dict[Cell, float],
    days: int,
    gap: float,
    nodes: int,
    rotated: bool,
) -> Solution:
    # Every day of a day type gets that type's plan.
    servings = {
        (day, meal, key): n
        for types, plan in parts
        for (t, meal, key), n in plan.servings.items()
        for day in types[t].days
    }
    new = tuple(sorted(set().union(*(plan.new for _, plan in parts))))
    # Diary grams of foods that are no longer candidates (excluded) are moved too.
    kept = {(s.meal, k) for s in slots for k in s.foods}
    moved = sum(g for (_, m, k), g in diary.items() if (m, k) not in kept)
    moved += sum(plan.moved_g for _, plan in parts)
    moved += sum(foods[at[2]].serving.grams * n for at, n in servings.items() if at not in diary)
    on: dict[str, set[int]] = {}
    for types, plan in parts:
        for name, t in plan.binding:
            on.setdefault(name, set()).update(types[t].days if t is not None else ())
    binding = [f"{name} (binds on {len(ds)} of {days} days)" for name, ds in on.items()]
    if rotated:  # two classes wanted the same new food: the rotation kept it to one
        binding.append(VARIETY)
    if any(plan.cap for _, plan in parts):
        binding.append("per-meal absorption cap (intrinsic factor saturates at 1.5-2.5 µg)")
    return Solution(
        servings,
        round(moved + NEW_FOOD_PENALTY_G * len(new), 3),
        tuple(binding),
        round(moved, 3),
        new,
        gap,
        nodes,
    )
