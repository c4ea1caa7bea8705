"""The whole-week checks of verify.py: the rotation and breakfast cereals, read back from the
lines of a real menu, and each one failing on a menu changed by hand."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from b12.data.foods import load_index
from b12.data.person_file import load_person
from b12.services.assess import assess_person
from b12.services.menu import plan_menu
from b12.services.menu.candidates import eating_rules
from b12.services.menu.foods import food_pool
from b12.services.menu.model import diary_grams
from b12.services.menu.pattern import default_day
from b12.services.menu.result import Day, Line, Menu
from b12.services.menu.targets import Activity, menu_targets
from b12.services.menu.verify import verify

EXAMPLE = Path(__file__).parents[4] / "examples" / "older-adult-probable-sarcopenia-low-b12.yaml"


@pytest.fixture(scope="module")
def week() -> Menu:
    return plan_menu(load_person(EXAMPLE), days=7)


def _checks(days: tuple[Day, ...]) -> dict[str, bool]:
    person = load_person(EXAMPLE)
    pool = food_pool(load_index(None))
    rules = eating_rules(person.diet.value if person.diet else None, ())
    usual = default_day(pool, rules)
    targets = menu_targets(person, assess_person(person), Activity.SEDENTARY, None)
    checks = verify(
        days, targets, pool.foods, rules, True, diary_grams(usual, len(days)), usual.days
    )
    return {c.name: c.passed for c in checks}


def test_the_planned_week_passes_both(week: Menu) -> None:
    checks = _checks(week.days)
    assert checks["variety: rotation"] and checks["breakfast cereals at breakfast"]


def test_day_2_serving_day_1s_new_cereal_breaks_the_rotation(week: Menu) -> None:
    first = next(x for m in week.days[0].meals for x in m.lines if x.new)
    day2 = week.days[1]
    meals = tuple(
        replace(m, lines=tuple(first if x.new else x for x in m.lines)) for m in day2.meals
    )
    changed = (week.days[0], replace(day2, meals=meals), *week.days[2:])
    assert not _checks(changed)["variety: rotation"]


def _new_cereal(line: Line) -> bool:
    return line.new and line.name.startswith("Cereal")


def test_a_new_cereal_moved_to_lunch_is_caught() -> None:
    # The metformin example's week gets new fortified cereals at breakfast (the older adult's
    # meets its fortified share with a meat analogue since round 9).
    week = plan_menu(load_person(EXAMPLE.with_name("metformin-74y-borderline.json")), days=7)
    day = next(d for d in week.days if any(_new_cereal(x) for x in d.meals[0].lines))
    breakfast, lunch, *rest = day.meals
    cereal = next(x for x in breakfast.lines if _new_cereal(x))
    moved = (
        replace(breakfast, lines=tuple(x for x in breakfast.lines if x is not cereal)),
        replace(lunch, lines=(*lunch.lines, cereal)),
        *rest,
    )
    changed = tuple(replace(d, meals=moved) if d is day else d for d in week.days)
    assert not _checks(changed)["breakfast cereals at breakfast"]
