"""The sodium rule on the example persons' weeks, the food table and the JSON (issue 19)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from b12.core.diet.food import Portion
from b12.data.foods import load_index
from b12.data.foods.menu_table import macros_by_ndb
from b12.data.person_file import load_person
from b12.services.intake import person_diary
from b12.services.menu import Menu, plan_menu
from b12.services.menu.candidates import suggestible_sodium
from b12.services.menu.document import menu_document
from b12.services.menu.foods import MenuFood, food_pool, salty_serving

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
