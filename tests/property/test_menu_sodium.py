"""No food new to the diary is high in sodium, over generated persons, patterns and diaries.

Generated two-day diaries mix the table's salty foods (a serving with 20 % of the sodium Daily
Value, 460 mg, or more) with any other food, at any meal. The menu is one day (the first diary
day; a food of either diary day is a candidate at its meals, so a diary food may move between
them): two-day menus of such diaries took 84 s of CPU for 13 examples. In every feasible menu a
food the diary does not have has a known sodium under 460 mg a serving, and a salty diary food is
not raised above the diary's grams that day (up to the whole servings every diary food is rounded
to: half a serving).
"""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from b12.core.diet.sodium import SODIUM_HIGH_PER_SERVING_MG
from b12.core.person import Person
from b12.data.diary import parse_diary_data
from b12.data.foods import load_index
from b12.services.menu import plan_menu
from b12.services.menu.foods import food_pool
from tests.property.test_menu_properties import persons

FOODS = food_pool(load_index(None)).foods
SALTY = sorted(k for k, f in FOODS.items() if f.salty)
ANY = sorted(FOODS)
MEALS = ("breakfast", "lunch", "dinner")
DATES = ("2026-11-02", "2026-11-03")

rows = st.lists(
    st.tuples(
        st.sampled_from((0, 1)),
        st.sampled_from(MEALS),
        st.one_of(st.sampled_from(SALTY), st.sampled_from(ANY)),
        st.integers(20, 200),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(person=persons, eaten=rows)
def test_no_salty_new_food_and_no_salty_diary_food_raised(
    person: Person, eaten: list[tuple[int, str, str, int]]
) -> None:
    entries = [
        {"date": DATES[day], "meal": meal, "food": key, "amount": f"{grams} g"}
        for day, meal, key, grams in eaten
    ]
    menu = plan_menu(person, days=1, diary=parse_diary_data({"entries": entries}, "generated"))
    event(f"feasible: {menu.feasible}")
    if not menu.feasible:
        assert menu.unmet and not menu.days
        return
    assert all(c.passed for c in menu.checks)
    # The diary's days in date order; a diary with one date repeats it.
    dates = sorted({day for day, _, _, _ in eaten})
    usual: dict[tuple[int, str], float] = {}
    for day, _, key, grams in eaten:
        at = (dates.index(day), key)
        usual[at] = usual.get(at, 0.0) + grams
    for day in menu.days:
        served: dict[str, tuple[float, float]] = {}  # key -> (grams, one serving's grams)
        for meal in day.meals:
            for x in meal.lines:
                food, serving_g = FOODS[x.key], x.grams / x.servings
                if all(k != x.key for _, k in usual):
                    assert food.sodium_mg_per_100g is not None, x.name
                    mg = food.sodium_mg_per_100g * serving_g / 100
                    assert mg < SODIUM_HIGH_PER_SERVING_MG, (x.name, mg)
                grams = served.get(x.key, (0.0, serving_g))[0] + x.grams
                served[x.key] = (grams, serving_g)
        for key, (grams, serving_g) in served.items():
            if FOODS[key].salty:
                event("a salty diary food served")
                most = usual.get(((day.number - 1) % len(dates), key), 0.0) + serving_g / 2
                assert grams <= most + 1e-6, (FOODS[key].name, grams, most)
