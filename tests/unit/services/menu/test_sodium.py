"""The sodium rule on the example persons' weeks, the food table and the JSON (issue 19)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from b12.core.diet.food import Portion
from b12.data.foods import load_index
from b12.data.foods.menu_table import macros_by_ndb
from b12.data.person_file import load_person
from b12.services.assess import assess_person
from b12.services.intake import person_diary
from b12.services.menu import Menu, plan_menu
from b12.services.menu.candidates import eating_rules, suggestible_sodium
from b12.services.menu.document import menu_document
from b12.services.menu.foods import MenuFood, food_pool, menu_food, salty_serving
from b12.services.menu.model import diary_grams
from b12.services.menu.pattern import default_day
from b12.services.menu.result import Line
from b12.services.menu.targets import Activity, menu_targets
from b12.services.menu.verify import verify
from tests.foods_support import sr28_foods

EXAMPLES = Path(__file__).resolve().parents[4] / "examples"
PERSONS = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".json"))


def _week(name: str) -> Menu:
    person = load_person(EXAMPLES / name)
    diary = person_diary(person, EXAMPLES / name) if person.diary is not None else None
    return plan_menu(person, days=7, diary=diary)


def test_every_menu_food_has_a_sodium_value() -> None:
    # SR28 gives nutrient 307 for every bundled food and staple; an imported store's food gets it
    # by NDB number like protein and energy.
    macros = macros_by_ndb()
    assert len(macros) > 1000
    assert all(m.sodium_mg_per_100g is not None for m in macros.values())
    assert macros["83110"].sodium_mg_per_100g == 4450  # salted mackerel, SR28 as published


def test_the_edge_is_read_on_the_menu_serving() -> None:
    # 460 mg a serving: 4450 mg per 100 g is high from 10.34 g (460 / 44.5).
    assert not salty_serving(10.3, 4450.0)
    assert salty_serving(10.34, 4450.0)
    assert not salty_serving(100.0, None)  # not known: not "salty", but never suggested new


def test_unknown_sodium_is_never_suggested_new() -> None:
    plain = MenuFood("k", "k", "g", 0, 0, 10, 100, Portion(100, "g", 100), frozenset())
    assert not suggestible_sodium(plain)
    known = MenuFood("k", "k", "g", 0, 0, 10, 100, Portion(100, "g", 100), frozenset(), 300, 120)
    assert suggestible_sodium(known)


def test_a_salty_food_has_no_daily_amount_of_its_own() -> None:
    foods = food_pool(load_index(None)).foods
    salty = [f for f in foods.values() if f.salty]
    assert salty and all(f.max_g_day == 0.0 and not suggestible_sodium(f) for f in salty)


@pytest.mark.parametrize("name", PERSONS)
def test_every_example_week_is_verified_without_a_salty_new_food(name: str) -> None:
    menu = _week(name)
    assert menu.feasible, menu.unmet
    assert all(c.passed for c in menu.checks)
    sodium = [c for c in menu.checks if c.name.endswith("no salty new food")]
    assert len(sodium) == 7 and all("the day's sodium" in c.detail for c in sodium)


def test_the_same_week_gives_the_same_bytes() -> None:
    first, second = (
        json.dumps(menu_document(_week("severe-sarcopenia-ewgsop2.yaml")), ensure_ascii=False)
        for _ in range(2)
    )
    assert first == second
    assert "Fish, mackerel, salted" not in first


MACKEREL = "ndb:83110"


def _checks_with(servings: int, mackerel_in_diary: bool) -> dict[str, bool]:
    """The re-check of the older adult's planned day 1 (from the default day) with ``servings``
    of salted mackerel (80 g each) added to dinner by hand; ``mackerel_in_diary``: as if the
    diary had 80 g of it at dinner that day."""
    person = load_person(EXAMPLES / "older-adult-probable-sarcopenia-low-b12.yaml")
    menu = plan_menu(person, days=1)
    pool = food_pool(load_index(None))
    rules = eating_rules(person.diet.value if person.diet else None, ())
    diary = diary_grams(default_day(pool, rules), 1)
    if mackerel_in_diary:
        diary[(0, "dinner", MACKEREL)] = 80.0
    food = pool.foods[MACKEREL]
    grams = food.serving.grams * servings
    line = Line(MACKEREL, food.name, servings, "80 g", grams, 0, 0, 0, 0, not mackerel_in_diary)
    targets = menu_targets(person, assess_person(person), Activity.SEDENTARY, None)
    day = menu.days[0]
    meals = tuple(
        replace(m, lines=(*m.lines, line)) if m.name == "dinner" else m for m in day.meals
    )
    checks = verify((replace(day, meals=meals),), targets, pool.foods, rules, True, diary, 1)
    return {c.name: c.passed for c in checks}


def test_the_re_check_fails_a_salty_new_food() -> None:
    checks = _checks_with(1, mackerel_in_diary=False)
    assert not checks["day 1: no salty new food"]


def test_the_re_check_keeps_a_salty_diary_food_at_the_diary_amount() -> None:
    kept = _checks_with(1, mackerel_in_diary=True)
    assert kept["day 1: no salty new food"] and kept["day 1: daily maximum per food"]
    raised = _checks_with(2, mackerel_in_diary=True)  # 160 g where the diary has 80 g
    assert raised["day 1: no salty new food"] and not raised["day 1: daily maximum per food"]


def test_an_imported_sr28_food_gets_its_sodium_by_ndb_number() -> None:
    # A store imported from the SR28 files: its foods are looked up in menu_nutrients.csv by NDB
    # number, as for protein and energy (salted mackerel, 4450 mg per 100 g as SR28 publishes).
    (mackerel,) = [f for f in sr28_foods() if f.ndb == "83110"]
    planned = menu_food(mackerel)
    assert planned is not None and planned.sodium_mg_per_100g == 4450
    assert planned.salty and not suggestible_sodium(planned)
