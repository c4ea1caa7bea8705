"""The foods a menu is planned from: composition per serving, tags and the serving size.

Foods come from the food store when one is imported, else from the bundled table, plus the plant
staples of :mod:`b12.data.foods.menu_table`; protein, energy and sodium come from that module's
SR28 table.
Spirulina and other blue-green algae count 0 µg active B12, as the intake code counts them
(:func:`b12.core.diet.intake.is_pseudo_b12_source`).
"""

from __future__ import annotations

from dataclasses import dataclass

from b12.core.diet.food import Food, Portion
from b12.core.diet.intake import is_pseudo_b12_source
from b12.core.diet.sodium import high_in_sodium
from b12.data.foods import FoodIndex
from b12.data.foods.menu_table import macros_by_ndb, staple_foods
from b12.data.foods.tags import food_tags
from b12.services.menu.amounts import food_amounts

# A serving is the smallest household portion of at least this many grams (a slice of cheese,
# an egg, a cup of milk); smaller portions (a teaspoon) are not meal-sized. A planning choice.
MIN_SERVING_G = 25.0
DEFAULT_SERVING_G = 100.0


@dataclass(frozen=True)
class MenuFood:
    """One food as the planner sees it; amounts per 100 g and one serving."""

    key: str
    name: str
    group: str
    natural_ug_per_100g: float  # food-bound B12
    added_ug_per_100g: float  # crystalline B12 from fortification
    protein_g_per_100g: float
    energy_kcal_per_100g: float
    serving: Portion
    tags: frozenset[str]
    # Most grams a day (:mod:`b12.services.menu.amounts`); None: no cited amount, never new;
    # 0 for a serving high in sodium (:func:`salty_serving`): none beyond what the diary has that day.
    max_g_day: float | None = None
    sodium_mg_per_100g: float | None = None  # None: SR28 has no value (never suggested new)
    # High in sodium by the menu's serving (:func:`salty_serving`), decided once for the food: a
    # diary food keeps it when its serving becomes the diary's amount.
    salty: bool = False

    def per_serving(self, per_100g: float) -> float:
        """An amount per 100 g scaled to one serving."""
        return per_100g * self.serving.grams / 100


def salty_serving(serving_g: float, sodium_mg_per_100g: float | None) -> bool:
    """Whether a serving of ``serving_g`` is high in sodium (FDA: 20 % DV, 460 mg, or more;
    :mod:`b12.core.diet.sodium`); False when the sodium is not known."""
    if sodium_mg_per_100g is None:
        return False
    return high_in_sodium(sodium_mg_per_100g * serving_g / 100)


def serving_of(food: Food) -> Portion:
    """The food's reference portion (:mod:`b12.services.menu.amounts`); for a food no rule reads,
    its own meal-sized portion (see :data:`MIN_SERVING_G`), else 100 g."""
    amounts = food_amounts(food)
    if amounts is not None:
        return amounts.serving
    portions = sorted(food.portions, key=lambda p: (p.grams, p.unit))
    big = [p for p in portions if p.grams >= MIN_SERVING_G]
    if big:
        return big[0]
    if portions:
        return portions[-1]
    return Portion(DEFAULT_SERVING_G, "g", DEFAULT_SERVING_G)


def menu_food(food: Food, serving: Portion | None = None) -> MenuFood | None:
    """The planner's view of ``food``, or None without protein and energy values."""
    macros = macros_by_ndb().get(food.ndb or "")
    if macros is None:
        return None
    total = food.b12_ug_per_100g or 0.0
    added = min(total, food.b12_added_ug_per_100g or 0.0)
    if is_pseudo_b12_source(food.name):
        total = added = 0.0
    amounts = food_amounts(food)
    serving = serving or serving_of(food)
    most = None if amounts is None else round(amounts.max_g_day, 1)
    salty = salty_serving(serving.grams, macros.sodium_mg_per_100g)
    if salty:
        # Issue 19: a salty food is not suggested new, and a diary's own is not increased: its
        # daily limit is then the diary's own servings that day (model.day_limit).
        most = 0.0
    return MenuFood(
        key=food.key,
        name=food.name,
        group=food.group,
        natural_ug_per_100g=total - added,
        added_ug_per_100g=added,
        protein_g_per_100g=macros.protein_g_per_100g,
        energy_kcal_per_100g=macros.energy_kcal_per_100g,
        serving=serving,
        tags=food_tags(food),
        max_g_day=most,
        sodium_mg_per_100g=macros.sodium_mg_per_100g,
        salty=salty,
    )


@dataclass(frozen=True)
class FoodPool:
    """Every plannable food by key, and how many store foods had no protein or energy value."""

    foods: dict[str, MenuFood]
    raw: dict[str, Food]
    without_macros: int


def food_pool(index: FoodIndex) -> FoodPool:
    """The index's foods (store or bundled) plus the staples, keyed by food key."""
    foods: dict[str, MenuFood] = {}
    raw: dict[str, Food] = {}
    missing = 0
    for food in (*index.foods, *staple_foods()):
        planned = menu_food(food)
        if planned is None:
            missing += 1
            continue
        foods.setdefault(planned.key, planned)
        raw.setdefault(planned.key, food)
    return FoodPool(dict(sorted(foods.items())), raw, missing)
