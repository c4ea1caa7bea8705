"""Re-check a finished menu with b12's own intake code, independently of the solver.

B12: the menu's lines become diary rows (:class:`b12.core.diet.intake.FoodIntake`), summarised by
:func:`b12.core.diet.intake.summarise` with the person's absorption, and each day is compared with
the reference by :func:`b12.core.plan.intake.intake_level` exactly as the plan compares a measured
intake (absorbed midpoint). Protein, energy, added B12, servings and exclusions are recomputed from
the food table; for the whole menu, the rotation (a new food on one class of days, once a day) and
breakfast cereals at breakfast are read back from the lines. Sodium: no food new to the diary is
high in sodium or of unknown sodium (:func:`b12.services.menu.candidates.suggestible_sodium`), and
the day's sodium from the food table is stated (information: the menu is not a low-sodium diet);
a salty diary food's own amount is held by the daily maximum check. A menu that fails any check is
never shown (the service raises).
"""

from __future__ import annotations

import datetime as dt

from b12.core.diet.absorption import (
    CRYSTALLINE_LOW_DOSE_ABSORBED_FRACTION,
    FOOD_B12_ABSORBED_FRACTION,
)
from b12.core.diet.intake import FoodIntake, summarise
from b12.core.diet.sodium import SODIUM_HIGH_PER_SERVING_MG
from b12.core.plan.intake import IntakeEstimate, IntakeLevel, intake_level
from b12.services.menu.candidates import Rules, cereal_meal, suggestible_sodium
from b12.services.menu.foods import MenuFood
from b12.services.menu.model import Cell, day_limit, meal_limit
from b12.services.menu.result import Check, Day
from b12.services.menu.rotation import rotation_classes
from b12.services.menu.sweetened import is_breakfast_cereal
from b12.services.menu.targets import Range, Targets

EPOCH = dt.date(2000, 1, 3)  # any Monday: the intake code needs dates, the menu has day numbers
TOLERANCE = 1e-6


def _b12(days: tuple[Day, ...], targets: Targets, intrinsic_factor: bool) -> list[Check]:
    rows = [
        FoodIntake(
            EPOCH + dt.timedelta(d.number - 1), m.name, x.name, x.grams, x.natural_ug, x.added_ug
        )
        for d in days
        for m in d.meals
        for x in m.lines
    ]
    dates = [EPOCH + dt.timedelta(d.number - 1) for d in days]
    summary = summarise(rows, [], targets.reference, intrinsic_factor=intrinsic_factor, days=dates)
    checks = []
    for day in summary.days:
        mid = (day.absorbed.low_ug + day.absorbed.high_ug) / 2
        level = intake_level(
            IntakeEstimate(ug_per_day=day.total_ug, absorbed_ug_per_day=mid), targets.reference
        )
        number = (day.day - EPOCH).days + 1
        checks.append(
            Check(
                f"day {number}: absorbed B12",
                level is IntakeLevel.MEETS_RDA,
                f"{mid:.2f} µg absorbed ({level.value}, b12 intake code)",
            )
        )
    return checks


def _range(name: str, value: float, rng: Range, unit: str) -> Check:
    ok = (rng.low is None or value >= rng.low - TOLERANCE) and (
        rng.high is None or value <= rng.high + TOLERANCE
    )
    bounds = f"{'-' if rng.low is None else f'{rng.low:g}'} to {'-' if rng.high is None else f'{rng.high:g}'}"
    return Check(name, ok, f"{value:.1f} {unit} (target {bounds})")


def _day_checks(
    day: Day,
    targets: Targets,
    foods: dict[str, MenuFood],
    rules: Rules,
    diary: dict[Cell, float],
    known: frozenset[str],
) -> list[Check]:
    lines = [x for m in day.meals for x in m.lines]
    checks = [
        _range(
            f"day {day.number}: protein", sum(x.protein_g for x in lines), targets.protein_g, "g"
        ),
        _range(
            f"day {day.number}: energy",
            sum(x.energy_kcal for x in lines),
            targets.energy_kcal,
            "kcal",
        ),
    ]
    if targets.fortified_ug is not None:
        added = sum(x.added_ug for x in lines)
        checks.append(
            _range(f"day {day.number}: added B12", added, Range(targets.fortified_ug, None), "µg")
        )
    # The planner's own limit: 3 servings within a plate, or what the diary has at that meal.
    crowded = sorted(
        {
            x.name
            for m in day.meals
            for x in m.lines
            if x.servings > meal_limit(foods[x.key], diary.get((day.number - 1, m.name, x.key)))
        }
    )
    checks.append(
        Check(
            f"day {day.number}: servings per meal",
            not crowded,
            "; ".join(crowded) or "within limits",
        )
    )
    checks.append(_daily_most(day, foods, diary))
    checks.append(_sodium(day, foods, known))
    refused = sorted({x.name for x in lines if not rules.allows(foods[x.key])})
    checks.append(
        Check(
            f"day {day.number}: diet pattern and exclusions",
            not refused,
            "; ".join(refused) or f"every food fits {rules.diet} and the exclusions",
        )
    )
    return checks


def _sodium(day: Day, foods: dict[str, MenuFood], known: frozenset[str]) -> Check:
    """No food new to the diary high in sodium or of unknown sodium; the day's sodium stated.

    New means not in the diary on any day (``known``): a diary food may move between the meals
    where the diary has it (a line's own ``new`` says "not at this meal"), never be increased
    (the daily maximum check)."""
    lines = [x for m in day.meals for x in m.lines]
    salty = sorted(
        {x.name for x in lines if x.key not in known and not suggestible_sodium(foods[x.key])}
    )
    per_100g = [foods[x.key].sodium_mg_per_100g for x in lines]
    mg = sum(x.grams * s / 100 for x, s in zip(lines, per_100g, strict=True) if s is not None)
    unknown = sum(1 for s in per_100g if s is None)
    total = f"the day's sodium {mg:,.0f} mg" + (
        f" ({unknown} food(s) not known)" if unknown else ""
    )
    limit = f"{SODIUM_HIGH_PER_SERVING_MG:g} mg"
    return Check(
        f"day {day.number}: no salty new food",
        not salty,
        "; ".join(salty) or f"no new food with {limit} sodium or more a serving; {total}",
    )


def _daily_most(day: Day, foods: dict[str, MenuFood], diary: dict[Cell, float]) -> Check:
    """No food above its cited daily maximum (amounts.py), or 3 servings without one, unless the
    diary has more that day."""
    served: dict[str, int] = {}
    for m in day.meals:
        for x in m.lines:
            served[x.key] = served.get(x.key, 0) + x.servings
    usual: dict[str, float] = {}
    for (d, _, k), g in diary.items():
        if d == day.number - 1:
            usual[k] = usual.get(k, 0.0) + g
    over = sorted(
        foods[k].name for k, n in served.items() if n > day_limit(foods[k], usual.get(k, 0.0))
    )
    return Check(
        f"day {day.number}: daily maximum per food",
        not over,
        "; ".join(over) or "every food within its daily maximum or the diary's amount",
    )


def _rotation(days: tuple[Day, ...], diary: dict[Cell, float], diary_days: int) -> Check:
    known = {k for _, _, k in diary}
    classes = rotation_classes(len(days), diary_days)
    served: dict[str, list[int]] = {}
    for day in days:
        for meal in day.meals:
            for x in meal.lines:
                if x.key not in known:
                    served.setdefault(x.key, []).extend([day.number - 1] * x.servings)
    broken = sorted(
        k
        for k, on in served.items()
        if len(on) != len(set(on)) or len({classes[d] for d in on}) > 1
    )
    return Check("variety: rotation", not broken, "; ".join(broken) or "each new food on one class")


def _cereals(
    days: tuple[Day, ...], foods: dict[str, MenuFood], eaten: frozenset[tuple[str, str]]
) -> Check:
    misplaced = sorted(
        f"day {day.number} {meal.name}: {x.name}"
        for day in days
        for meal in day.meals
        for x in meal.lines
        if is_breakfast_cereal(foods[x.key])
        and not cereal_meal(meal.name)
        and (meal.name, x.key) not in eaten
    )
    return Check(
        "breakfast cereals at breakfast", not misplaced, "; ".join(misplaced) or "none elsewhere"
    )


def _meal_checks(day: Day, targets: Targets) -> list[Check]:
    """Each main meal's energy within its band, and B12 at enough meals (b12.core.diet.meals),
    recomputed from the day's lines."""
    checks = []
    bands = dict(targets.meal_energy_kcal)
    if bands:
        off = [
            f"{m.name} {m.energy_kcal:.0f} kcal"
            for m in day.meals
            if m.name in bands and not _range("", m.energy_kcal, bands[m.name], "kcal").passed
        ]
        checks.append(
            Check(
                f"day {day.number}: energy per main meal",
                not off,
                "; ".join(off) or "every main meal within its share of the day",
            )
        )
    if targets.b12_meal_ug is not None:
        with_b12 = [
            m.name
            for m in day.meals
            if sum(
                FOOD_B12_ABSORBED_FRACTION * x.natural_ug
                + CRYSTALLINE_LOW_DOSE_ABSORBED_FRACTION * x.added_ug
                for x in m.lines
            )
            >= targets.b12_meal_ug - TOLERANCE
        ]
        checks.append(
            Check(
                f"day {day.number}: B12 at {targets.b12_meals} meals",
                len(with_b12) >= targets.b12_meals,
                ", ".join(with_b12) or "none",
            )
        )
    return checks


def verify(
    days: tuple[Day, ...],
    targets: Targets,
    foods: dict[str, MenuFood],
    rules: Rules,
    intrinsic_factor: bool,
    diary: dict[Cell, float],
    diary_days: int,
    eaten: frozenset[tuple[str, str]] | None = None,
) -> tuple[Check, ...]:
    """Every check of every day; B12 only when the menu has a B12 target (``diary_days``: the
    diary's length, which sets the rotation's classes; ``eaten``: every (meal, food key) of the
    whole diary, default those of ``diary``).

    A diary's cereal stays a candidate at the meal where it was eaten on any diary day, also a day
    past the menu's length (day 10 of a 14-day diary), so the cereal check reads the whole diary.
    """
    checks = _b12(days, targets, intrinsic_factor) if targets.absorbed_b12_ug is not None else []
    if eaten is None:
        eaten = frozenset((m, k) for _, m, k in diary)
    known = frozenset(k for _, k in eaten)  # the diary's foods, on any of its days
    for day in days:
        checks += _day_checks(day, targets, foods, rules, diary, known)
        checks += _meal_checks(day, targets)
    checks.append(_cereals(days, foods, eaten))
    if len(days) > 1:  # a one-day menu has no variety rule
        checks.append(_rotation(days, diary, diary_days))
    return tuple(checks)
