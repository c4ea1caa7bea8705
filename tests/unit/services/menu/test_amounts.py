"""Realistic servings and daily maxima (issue 19), against the DGA equivalents and FSIS's RACC.

Hand-checked: DGA 2020-2025 Table A3-1 at 2,000 kcal gives dairy 3 cup-eq and protein foods 5½
oz-eq a day; DGA Figure 1-1 counts 1½ oz of cheddar as 1 cup-eq and 1 oz of meat as 1 oz-eq; MyPlate
counts 1 cup of milk as 1 cup-eq. So cheddar and grated parmesan: at most 3 × 1.5 × 28.35 =
127.6 g a day, served as 1 oz (28.35 g, the largest own portion within 1½ oz; parmesan's 100 g cup
is not); beef liver: at most 5.5 × 28.35 = 155.9 g a day, served as its 81 g slice (within FSIS's
85 g); 2 % milk: 3 cups of 244 g = 732 g a day. Grated parmesan's 1 oz (511 mg sodium, SR28)
and queso seco's 43 g (777 mg) are high in sodium (FDA: 460 mg or more a serving): the planner
gives them none beyond the diary's own (b12.core.diet.sodium), whatever the DGA allows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from b12.core.diet.food import Portion
from b12.core.person import Person
from b12.data.foods import load_index
from b12.data.person_file import load_person
from b12.services.intake import person_diary
from b12.services.menu import plan_menu
from b12.services.menu.amounts import reference_serving
from b12.services.menu.candidates import FAMILIAR_ONLY
from b12.services.menu.foods import MenuFood, food_pool
from b12.services.menu.model import day_limit
from b12.services.menu.result import Menu
from tests.property.test_menu_properties import persons

EXAMPLES = Path(__file__).resolve().parents[4] / "examples"


@pytest.fixture(scope="module")
def pool() -> dict[str, MenuFood]:
    return food_pool(load_index(None)).foods


def _named(pool: dict[str, MenuFood], name: str) -> MenuFood:
    (food,) = [f for f in pool.values() if f.name == name]
    return food


@pytest.mark.parametrize(
    ("name", "serving", "grams", "most"),
    [
        ("Cheese, parmesan, grated", "1 oz", 28.35, 127.6),
        ("Cheese, cheddar", "1 oz", 28.35, 127.6),
        ("Beef, variety meats and by-products, liver, cooked, pan-fried", "1 slice", 81.0, 155.9),
        (
            "Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D",
            "1 cup",
            244.0,
            732.0,
        ),
        ("Cheese, dry white, queso seco", "43 g", 43.0, 127.6),  # its only portion: a 97 g cup
    ],
)
def test_serving_and_daily_maximum_by_hand(
    pool: dict[str, MenuFood], name: str, serving: str, grams: float, most: float
) -> None:
    food = _named(pool, name)
    assert (food.serving.label, food.serving.grams) == (serving, grams)
    assert food.max_g_day == (0.0 if food.salty else most)
    assert food.salty == (name in {"Cheese, parmesan, grated", "Cheese, dry white, queso seco"})
    # In whole servings: cheddar 4 a day (113.4 g), liver 1, milk 3; parmesan none beyond a diary.
    assert day_limit(food) * food.serving.grams <= most


def test_a_serving_is_never_above_its_reference() -> None:
    cup, tbsp = Portion(1, "cup", 100.0), Portion(1, "tbsp", 5.0)
    assert reference_serving((cup, tbsp), 1.5 * 28.35) == tbsp
    assert reference_serving((cup,), 1.5 * 28.35) == Portion(43.0, "g", 43.0)


def test_the_diary_keeps_its_own_amount(pool: dict[str, MenuFood]) -> None:
    cheddar = _named(pool, "Cheese, cheddar")
    assert day_limit(cheddar) == 4
    assert day_limit(cheddar, usual_g=6 * 28.35) == 6  # the person already eats 170 g a day


def _over(menu: Menu, foods: dict[str, MenuFood]) -> list[tuple[int, str, float]]:
    """Foods above their cited daily maximum on a day when the diary does not have them there
    (a diary food's own amount is checked by the menu's own check, which reads the diary)."""
    over = []
    for day in menu.days:
        grams: dict[str, float] = {}
        in_diary: set[str] = set()
        for meal in day.meals:
            for x in meal.lines:
                grams[x.key] = grams.get(x.key, 0.0) + x.grams
                if not x.new:
                    in_diary.add(x.key)
        for key, g in grams.items():
            most = foods[key].max_g_day
            if key in in_diary:
                continue
            if most is None or g > most + 1e-6:
                over.append((day.number, foods[key].name, g))
    return over


def _checked(menu: Menu) -> None:
    daily = [c for c in menu.checks if c.name.endswith("daily maximum per food")]
    assert len(daily) == len(menu.days) and all(c.passed for c in daily)


@pytest.mark.parametrize(
    "name", sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".json"))
)
def test_no_food_above_its_daily_maximum_in_any_example_week(
    pool: dict[str, MenuFood], name: str
) -> None:
    person = load_person(EXAMPLES / name)
    diary = person_diary(person, EXAMPLES / name) if person.diary is not None else None
    menu = plan_menu(person, days=7, diary=diary)
    if not menu.feasible:
        return
    assert all(c.passed for c in menu.checks)
    _checked(menu)
    assert _over(menu, pool) == []
    for day in menu.days:
        for meal in day.meals:
            for x in meal.lines:
                if x.new:
                    assert not pool[x.key].tags & set(FAMILIAR_ONLY) - {"meat_analogue"}, x.name
                    assert pool[x.key].max_g_day is not None, x.name


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(person=persons)
def test_generated_one_day_menus_keep_every_food_within_its_maximum(person: Person) -> None:
    # One day: no rotation, so new foods may take up to their daily limit in servings.
    foods = food_pool(load_index(None)).foods
    menu = plan_menu(person, days=1)
    if not menu.feasible:
        return
    _checked(menu)
    assert _over(menu, foods) == []
    diet = person.diet.value if person.diet else "omnivore"
    for x in (x for d in menu.days for m in d.meals for x in m.lines if x.new):
        odd = foods[x.key].tags & set(FAMILIAR_ONLY)
        assert not odd or (odd == {"meat_analogue"} and diet != "omnivore"), (x.name, diet)
