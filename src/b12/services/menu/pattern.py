"""The default meal pattern: what the planner starts from when the person gives no diary.

Without a diary the objective "grams moved" is only "grams added", which rewards the densest foods
(a cup of egg yolk for protein). So b12 starts from a plainly stated, ordinary day instead and
plans the fewest changes to it, exactly as it does with a diary:

* breakfast: a grain (oats), a milk (cow's milk; fortified soy or almond drink when dairy is
  ruled out) and a fruit;
* lunch: bread, a protein food (egg, cheese or chickpeas), a vegetable and a fruit;
* dinner: a protein food (fish, tofu or lentils), a starch (rice or potato) and a vegetable.

This is a planning choice, not a cited dietary guideline: one food from each of the usual food
groups of the tag table per meal (grains, dairy or a fortified drink, fruit, vegetables, a protein
food). Each role lists foods in order of preference; the first one the diet pattern and the
exclusions allow (and the food table holds) is used, else the role is left out. Amounts are the
food's own household portion from its portion table closest to the stated typical amount (a cup of
milk, one medium banana, two slices of bread), in whole portions. The default day is never used as
an energy estimate: without weight, height and diary the energy constraint stays off.
"""

from __future__ import annotations

from dataclasses import dataclass

from b12.core.diet.food import Food, Portion
from b12.services.menu.candidates import Rules
from b12.services.menu.diary import DEFAULT_MEALS, Eaten, UsualEating
from b12.services.menu.foods import FoodPool


@dataclass(frozen=True)
class Role:
    """One place on the default plate: foods by preference (NDB numbers) and a typical amount."""

    meal: str
    role: str
    ndbs: tuple[str, ...]
    grams: float


DEFAULT_DAY = (
    Role("breakfast", "grain", ("08120", "20137"), 40),  # oats, dry; quinoa
    Role("breakfast", "milk", ("01079", "16139", "14091"), 244),  # 2 % milk; soy; almond drink
    Role("breakfast", "fruit", ("09040", "09003", "09200"), 118),  # banana; apple; orange
    Role("lunch", "bread", ("18075", "18069", "20137"), 64),  # whole-wheat; white; quinoa
    Role("lunch", "protein food", ("01129", "01009", "16057", "16015"), 100),  # egg; cheese; ...
    Role("lunch", "vegetable", ("11529", "11124"), 123),  # tomato; carrot
    Role("lunch", "fruit", ("09003", "09200", "09040"), 182),  # apple; orange; banana
    Role("dinner", "protein food", ("15016", "16126", "16070"), 85),  # cod; tofu; lentils
    Role("dinner", "starch", ("20045", "11365", "20121"), 158),  # rice; potato; pasta
    Role("dinner", "vegetable", ("11091", "11124", "11313"), 78),  # broccoli; carrot; peas
)
PATTERN_NOTE = (
    "no diary: the menu starts from b12's default day (breakfast: oats, milk, fruit; lunch: "
    "bread, a protein food, a vegetable, fruit; dinner: a protein food, a starch, a vegetable) "
    "and lists the fewest changes to it; give your diary for a menu close to what you eat"
)


def _portion(food: Food, grams: float) -> Portion:
    """The whole number of one of the food's own portions that comes closest to ``grams``."""
    if not food.portions:
        return Portion(grams, "g", grams)

    def miss(p: Portion) -> tuple[float, float, str]:
        return (abs(max(1, round(grams / p.grams)) * p.grams - grams), p.grams, p.unit)

    best = min(food.portions, key=miss)
    count = max(1, round(grams / best.grams))
    return Portion(best.amount * count, best.unit, round(best.grams * count, 1))


def default_day(pool: FoodPool, rules: Rules) -> UsualEating:
    """The default day as a one-day diary for ``rules`` (pattern and exclusions)."""
    eaten: list[Eaten] = []
    servings: dict[str, Portion] = {}
    for role in DEFAULT_DAY:
        for ndb in role.ndbs:
            key = f"ndb:{ndb}"
            food = pool.foods.get(key)
            if food is None or not rules.allows(food) or key in servings:
                continue
            portion = _portion(pool.raw[key], role.grams)
            servings[key] = portion
            eaten.append(Eaten(0, role.meal, key, portion.grams))
            break
    return UsualEating(
        DEFAULT_MEALS, 1 if eaten else 0, tuple(eaten), servings, None, (PATTERN_NOTE,)
    )
