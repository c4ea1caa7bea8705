"""The menu planner over generated persons, diet patterns and exclusions.

Never a food the pattern or an exclusion rules out (allergen tags included); a feasible menu
passes every independent check; an infeasible one names what cannot be met.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from b12.core.person import Diet, Person
from b12.data.foods import load_index
from b12.data.foods.menu_table import staple_foods
from b12.data.foods.tags import ALLERGENS, food_tags
from b12.services.menu import plan_menu
from b12.services.menu.candidates import FORBIDDEN_BY_DIET

persons = st.builds(
    lambda age, sex, diet, weight: Person.model_validate(
        {
            "age": age,
            "sex": sex,
            "diet": diet,
            **({"muscle": {"weight_kg": weight, "height_m": 1.7}} if weight else {}),
        }
    ),
    st.integers(19, 90),
    st.sampled_from(["female", "male"]),
    st.sampled_from([d.value for d in Diet]),
    st.one_of(st.none(), st.integers(45, 110)),
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(person=persons, excluded=st.sets(st.sampled_from(ALLERGENS), max_size=3))
def test_no_forbidden_or_excluded_food_ever_appears(person: Person, excluded: set[str]) -> None:
    menu = plan_menu(person, days=1, exclude=sorted(excluded))
    forbidden = set(FORBIDDEN_BY_DIET[person.diet.value if person.diet else "omnivore"])
    forbidden |= excluded
    if excluded:
        forbidden.add("composite")
    if not menu.feasible:
        assert menu.unmet and not menu.days
        return
    assert all(c.passed for c in menu.checks)
    by_key = {f.key: f for f in (*load_index(None).foods, *staple_foods())}
    for day in menu.days:
        for meal in day.meals:
            for line in meal.lines:
                tags = food_tags(by_key[line.key])
                assert not tags & forbidden, (line.name, tags & forbidden)
    assert {i.key for i in menu.shopping} == {
        x.key for d in menu.days for m in d.meals for x in m.lines
    }
