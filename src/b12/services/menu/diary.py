"""The person's own eating, as the menu sees it: foods and grams per diary day and meal."""

from __future__ import annotations

from dataclasses import dataclass

from b12.core.diet.food import Portion
from b12.data.diary import Diary
from b12.data.foods import FoodIndex
from b12.data.foods.portions import grams_of
from b12.services.menu.foods import FoodPool, menu_food

DEFAULT_MEALS = ("breakfast", "lunch", "dinner")
UNNAMED_MEAL = "meal"


@dataclass(frozen=True)
class Eaten:
    """Grams of one food at one meal of one diary day."""

    day: int  # index of the diary day, in date order
    meal: str
    key: str
    grams: float


@dataclass(frozen=True)
class UsualEating:
    """The diary as the planner uses it."""

    meals: tuple[str, ...]
    days: int  # number of diary days (0: no diary)
    eaten: tuple[Eaten, ...]
    servings: dict[str, Portion]  # a diary food's serving: the amount first eaten
    energy_kcal_per_day: float | None
    notes: tuple[str, ...]


WHOLE_DAY_MEALS = 3  # b12's reading of a whole day of eating: breakfast, lunch and dinner


def _whole_days(eaten: tuple[Eaten, ...], days: int) -> bool:
    """Whether every diary day records at least :data:`WHOLE_DAY_MEALS` meals."""
    meals: dict[int, set[str]] = {}
    for item in eaten:
        meals.setdefault(item.day, set()).add(item.meal)
    return len(meals) == days and all(len(m) >= WHOLE_DAY_MEALS for m in meals.values())


def usual_eating(diary: Diary, index: FoodIndex, pool: FoodPool) -> UsualEating:
    """Resolve diary food rows to plannable foods; say which rows the menu cannot use.

    Without a diary the planner starts from the default day (:mod:`b12.services.menu.pattern`).
    """
    dates = sorted({r.day for r in diary.rows if r.day is not None and not r.supplement})
    skipped = 0
    meals: dict[str, None] = {}
    totals: dict[tuple[int, str, str], float] = {}
    for row in diary.rows:
        if row.supplement or row.day is None:
            continue
        food = index.resolve(row.food) if row.amount is not None else None
        planned = menu_food(food) if food is not None else None
        if food is None or planned is None or planned.key not in pool.foods:
            skipped += 1
            continue
        assert row.amount is not None and row.unit is not None
        grams = grams_of(food, row.amount, row.unit, f"{row.where}.amount")
        meal = row.meal or UNNAMED_MEAL
        meals.setdefault(meal)
        slot = (dates.index(row.day), meal, planned.key)
        totals[slot] = totals.get(slot, 0.0) + grams
    eaten = tuple(Eaten(d, m, k, g) for (d, m, k), g in sorted(totals.items()))
    servings: dict[str, Portion] = {}
    for item in eaten:
        # A trace amount (under 0.05 g) is no serving: the food keeps its own household portion.
        if (grams := round(item.grams, 1)) > 0:
            servings.setdefault(item.key, Portion(grams, "g", grams))
    notes = []
    if skipped:
        notes.append(
            f"{skipped} diary row(s) could not be planned with (food not found, no gram amount, "
            "or no protein and energy values) and are left out of the comparison"
        )
    energy = None
    if eaten and dates and _whole_days(eaten, len(dates)) and not skipped:
        kcal = sum(pool.foods[e.key].energy_kcal_per_100g * e.grams / 100 for e in eaten)
        energy = kcal / len(dates)
    elif eaten:
        # One logged dinner is not a day's energy (red team: a 172 kcal target): the diary's
        # energy stands in for an estimate only when it records whole days, every row counted.
        notes.append(
            f"the diary's energy is not used as a target: it needs at least {WHOLE_DAY_MEALS} "
            "meals on every day and every row counted"
        )
    return UsualEating(
        tuple(meals) or DEFAULT_MEALS, len(dates), eaten, servings, energy, tuple(notes)
    )
