"""A realistic serving and a daily maximum per food, from the U.S. food-group equivalents.

Each food is read into one food group of the Dietary Guidelines for Americans (DGA) by its SR28
food group and words of its name (:data:`RULES`, first match wins), with the amount that counts as
one cup- or ounce-equivalent of that group:

* **Daily maximum**: no food above what the DGA's Healthy U.S.-Style Dietary Pattern gives its
  whole food group in a day at 2,000 kcal (:data:`GROUP_PER_DAY_AT_2000_KCAL`): one food may fill
  its group, never more (3 cup-eq of dairy is 3 cups of milk or 4.5 oz, 127.6 g, of cheddar).
* **Serving**: the largest of the food's own household portions that is at most the reference
  portion of its rule (85 g of cooked meat, 1.5 oz of natural cheese, 1 cup of milk, ½ cup of
  cooked rice or beans); when every portion is larger, the reference amount itself in whole grams
  (queso seco, whose only portion is a 97 g cup: 43 g). So a serving is never more than the
  reference (grated parmesan: 1 oz, not the 100 g cup).

A food that no rule reads (sweets, fats, drinks other than milk and soy milk, mixed dishes,
cottage cheese, meat analogue spreads) has no cited amount: it keeps the planner's older serving
(:func:`b12.services.menu.foods.serving_of`) and 3 servings a day when the diary has it, and it is
never suggested as a new food.

References
----------
U.S. Department of Agriculture and U.S. Department of Health and Human Services. Dietary
Guidelines for Americans, 2020-2025, 9th ed., December 2020, Appendix 3, Table A3-1 (Healthy
U.S.-Style Dietary Pattern; at 2,000 kcal: vegetables 2½ cup-eq, fruits 2 cup-eq, grains 6 oz-eq,
dairy 3 cup-eq, protein foods 5½ oz-eq a day); the same amounts in the 2015-2020 edition's
Appendix 3 and on the National Institute on Aging's "USDA Food Patterns" page (nia.nih.gov).
Evidence level: guideline (secondary reproductions read, not the PDF).

DGA 2015-2020, Figure 1-1 "Cup- and Ounce-Equivalents" (health.gov): ½ cup cooked brown rice = 1
oz-eq grains; 1½ oz cheddar = 1 cup-eq dairy; 1 large egg = 1 oz-eq; 2 tbsp peanut butter = 2
oz-eq; 1 oz walnuts = 2 oz-eq; ½ cup black beans = 2 oz-eq; 4 oz pork = 4 oz-eq; ½ cup strawberries
= ½ cup-eq fruit; ¼ cup raisins = ½ cup-eq; 1 cup spinach = ½ cup-eq vegetables; ½ cup green beans
= ½ cup-eq. USDA ChooseMyPlate "What counts as a cup in the Dairy Group" and "... an ounce
equivalent in the Protein Foods Group" (archived): 1 cup milk, yogurt or fortified soy milk; 1½ oz
natural cheese; 2 oz processed cheese; ¼ cup cooked beans or tofu; 1 tbsp peanut butter; ½ oz nuts;
1 oz tempeh; grains: 1 slice of bread, 1 cup ready-to-eat cereal, ½ cup cooked rice, pasta or
cereal, 1 oz dry grain.

9 CFR 381.412(b), Table 2 (USDA FSIS reference amounts customarily consumed, the poultry
counterpart of FDA's 21 CFR 101.12): entrees without sauce and poultry cuts 85 g cooked; luncheon
products and sausages 55 g; bacon 15 g. Used as the reference portion of meat, poultry and fish,
and of sausages and luncheon meats.

Readings stated here, not in the sources: meat analogues are counted by weight as meat (MyPlate
counts 1 oz tempeh as 1 oz-eq); a raw meat counts by its raw weight; a food's grams per cup are its
first cup portion in the food table's order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from b12.core.diet.food import Food, Portion

OZ_G = 28.35  # grams in an avoirdupois ounce


class Group(StrEnum):
    """The DGA food groups that have a daily amount."""

    VEGETABLES = "vegetables"
    FRUITS = "fruits"
    GRAINS = "grains"
    DAIRY = "dairy"
    PROTEIN = "protein foods"


# DGA 2020-2025, Table A3-1, Healthy U.S.-Style Dietary Pattern at 2,000 kcal, per day
# (cup-equivalents for vegetables, fruits and dairy; ounce-equivalents for grains and protein).
GROUP_PER_DAY_AT_2000_KCAL = {
    Group.VEGETABLES: 2.5,
    Group.FRUITS: 2.0,
    Group.GRAINS: 6.0,
    Group.DAIRY: 3.0,
    Group.PROTEIN: 5.5,
}


@dataclass(frozen=True)
class Rule:
    """Foods of ``sr28_groups`` whose name matches ``words`` (a regex; None: every name).

    One equivalent of ``group`` is ``per_eq`` grams, or ``per_eq`` cups when ``in_cups``; the
    reference serving is ``serving_eq`` equivalents.
    """

    sr28_groups: frozenset[str]
    words: str | None
    group: Group
    per_eq: float
    in_cups: bool
    serving_eq: float
    source: str

    def matches(self, food: Food) -> bool:
        """Whether this rule reads ``food``."""
        if food.group not in self.sr28_groups:
            return False
        return self.words is None or re.search(self.words, food.name, re.IGNORECASE) is not None


_MEATS = frozenset(
    {
        "Poultry Products",
        "Pork Products",
        "Beef Products",
        "Lamb, Veal, and Game Products",
        "Finfish and Shellfish Products",
    }
)
_DAIRY = frozenset({"Dairy and Egg Products"})
_LEGUMES = frozenset({"Legumes and Legume Products"})
_CEREALS = frozenset({"Breakfast Cereals"})
_GRAINS = frozenset({"Cereal Grains and Pasta"})
_NUTS = frozenset({"Nut and Seed Products"})
_FRUIT = frozenset({"Fruits and Fruit Juices"})
_VEG = frozenset({"Vegetables and Vegetable Products"})
_FIG = "DGA Figure 1-1"
_PLATE = "MyPlate equivalents"
_RACC = "9 CFR 381.412 Table 2"

RULES: tuple[Rule, ...] = (
    # Dairy and eggs. Powders, evaporated and condensed milks, cream, butter, whey, cottage and
    # ricotta cheese are not read (no rule: never new).
    Rule(_DAIRY, r"^egg,", Group.PROTEIN, 50.0, False, 1.0, f"{_FIG}: 1 large egg = 1 oz-eq"),
    Rule(
        _DAIRY,
        r"^(milk|buttermilk).*\b(dry|dried|powder|evaporated|condensed)\b"
        r"|\b(cottage|ricotta)\b|^cheese, cream|^cream\b",
        Group.DAIRY,
        0.0,
        False,
        0.0,
        "not read",
    ),
    Rule(
        _DAIRY,
        r"^cheese.*\b(process|american)|^cheese (food|spread)",
        Group.DAIRY,
        2 * OZ_G,
        False,
        1.0,
        f"{_PLATE}: 2 oz processed cheese = 1 cup-eq",
    ),
    Rule(
        _DAIRY,
        r"^cheese\b",
        Group.DAIRY,
        1.5 * OZ_G,
        False,
        1.0,
        f"{_FIG}: 1½ oz cheddar = 1 cup-eq",
    ),
    Rule(
        _DAIRY,
        r"^(milk|yogurt|kefir)\b|^buttermilk, fluid",
        Group.DAIRY,
        1.0,
        True,
        1.0,
        f"{_PLATE}: 1 cup milk or yogurt = 1 cup-eq",
    ),
    # Meat, poultry and fish: 1 oz = 1 oz-eq; the reference portion is FSIS's 85 g cooked.
    Rule(_MEATS, None, Group.PROTEIN, OZ_G, False, 85.0 / OZ_G, f"{_FIG}; {_RACC}: 85 g"),
    Rule(
        frozenset({"Sausages and Luncheon Meats"}),
        r"\bbacon\b",
        Group.PROTEIN,
        OZ_G,
        False,
        15.0 / OZ_G,
        f"{_RACC}: bacon 15 g",
    ),
    Rule(
        frozenset({"Sausages and Luncheon Meats"}),
        None,
        Group.PROTEIN,
        OZ_G,
        False,
        55.0 / OZ_G,
        f"{_RACC}: luncheon products and sausages 55 g",
    ),
    # Legumes: soy milk is dairy; tofu and cooked beans ¼ cup = 1 oz-eq, served as ½ cup.
    Rule(
        _LEGUMES,
        r"\bsoy ?milk\b|\bsoy beverage",
        Group.DAIRY,
        1.0,
        True,
        1.0,
        f"{_PLATE}: 1 cup fortified soy milk = 1 cup-eq",
    ),
    Rule(
        _LEGUMES,
        r"\bpeanut butter\b",
        Group.PROTEIN,
        1 / 16,
        True,
        2.0,
        f"{_FIG}: 2 tbsp peanut butter = 2 oz-eq",
    ),
    Rule(
        _LEGUMES,
        r"\b(meatless|vegetarian|veggie)\b",
        Group.PROTEIN,
        OZ_G,
        False,
        85.0 / OZ_G,
        "meat analogue counted by weight as meat (MyPlate: 1 oz tempeh = 1 oz-eq)",
    ),
    Rule(
        _LEGUMES,
        r"\btofu\b|\b(cooked|boiled|canned)\b",
        Group.PROTEIN,
        0.25,
        True,
        2.0,
        f"{_PLATE}: ¼ cup cooked beans or tofu = 1 oz-eq; {_FIG}: ½ cup beans",
    ),
    Rule(_LEGUMES, r"\bpeanuts\b", Group.PROTEIN, OZ_G / 2, False, 2.0, f"{_FIG}: 1 oz nuts"),
    # Nuts and seeds: nut butters 1 tbsp, nuts ½ oz = 1 oz-eq; served as 1 oz (or 2 tbsp).
    Rule(
        _NUTS,
        r"\bbutter\b|\btahini\b",
        Group.PROTEIN,
        1 / 16,
        True,
        2.0,
        f"{_PLATE}: 1 tbsp nut butter = 1 oz-eq",
    ),
    Rule(_NUTS, None, Group.PROTEIN, OZ_G / 2, False, 2.0, f"{_FIG}: 1 oz walnuts = 2 oz-eq"),
    # Grains: 1 cup ready-to-eat cereal, ½ cup cooked, 1 oz dry or 1 slice of bread = 1 oz-eq.
    Rule(
        _CEREALS,
        r"ready-to-eat",
        Group.GRAINS,
        1.0,
        True,
        1.0,
        f"{_PLATE}: 1 cup ready-to-eat cereal = 1 oz-eq",
    ),
    Rule(
        _CEREALS | _GRAINS,
        r"\b(cooked|prepared)\b",
        Group.GRAINS,
        0.5,
        True,
        1.0,
        f"{_FIG}: ½ cup cooked rice = 1 oz-eq",
    ),
    Rule(_CEREALS | _GRAINS, None, Group.GRAINS, OZ_G, False, 1.0, f"{_PLATE}: 1 oz dry grain"),
    Rule(
        frozenset({"Baked Products"}),
        r"^bread\b",
        Group.GRAINS,
        OZ_G,
        False,
        1.0,
        f"{_PLATE}: 1 slice (1 oz) bread = 1 oz-eq",
    ),
    # Fruit: 1 cup = 1 cup-eq (½ cup dried), served as ½ cup-eq.
    Rule(_FRUIT, r"\b(dried|raisins)\b", Group.FRUITS, 0.5, True, 0.5, f"{_FIG}: ¼ cup raisins"),
    Rule(_FRUIT, None, Group.FRUITS, 1.0, True, 0.5, f"{_FIG}: ½ cup strawberries = ½ cup-eq"),
    # Vegetables: 1 cup = 1 cup-eq (2 cups of raw leafy greens), served as ½ cup-eq.
    Rule(
        _VEG,
        r"\b(spinach|lettuce|kale|greens|arugula)\b.*\braw\b",
        Group.VEGETABLES,
        2.0,
        True,
        0.5,
        f"{_FIG}: 1 cup spinach = ½ cup-eq",
    ),
    Rule(_VEG, None, Group.VEGETABLES, 1.0, True, 0.5, f"{_FIG}: ½ cup green beans = ½ cup-eq"),
)


@dataclass(frozen=True)
class Amounts:
    """A food's food group, grams per equivalent, reference serving and daily maximum (grams)."""

    group: Group
    grams_per_eq: float
    serving: Portion
    max_g_day: float
    source: str


def grams_per_cup(food: Food) -> float | None:
    """The food's first cup portion in its table's order, per cup; None without one."""
    for p in food.portions:
        if p.unit.split()[0].rstrip(",") == "cup" and p.amount > 0:
            return p.grams / p.amount
    return None


def _rule(food: Food) -> Rule | None:
    for rule in RULES:
        if rule.matches(food):
            return rule if rule.per_eq > 0 else None
    return None


def reference_serving(portions: tuple[Portion, ...], grams: float) -> Portion:
    """The largest portion of at most ``grams``; when every portion is larger, ``grams`` itself
    (whole grams), so a serving is never above the reference."""
    ordered = sorted(portions, key=lambda p: (p.grams, p.unit, p.amount))
    fitting = [p for p in ordered if p.grams <= grams * (1 + 1e-9)]
    if fitting:
        return fitting[-1]
    weighed = float(round(grams))
    return Portion(weighed, "g", weighed)


def food_amounts(food: Food) -> Amounts | None:
    """The food's group, serving and daily maximum, or None when no rule reads it."""
    rule = _rule(food)
    if rule is None:
        return None
    per_eq = rule.per_eq
    if rule.in_cups:
        cup = grams_per_cup(food)
        if cup is None:
            return None
        per_eq *= cup
    serving = reference_serving(tuple(food.portions), rule.serving_eq * per_eq)
    most = GROUP_PER_DAY_AT_2000_KCAL[rule.group] * per_eq
    return Amounts(rule.group, per_eq, serving, most, rule.source)
