"""Turn a diary amount ("150 g", "1 cup", "2 large") into grams of a food.

Mass units convert by definition (avoirdupois ounce 28.349523125 g, pound 453.59237 g); household
measures use the food's own USDA portions (SR28 WEIGHT.txt or FDC food_portion.csv): grams per
unit = portion grams / portion amount. Millilitres use a "fl oz" portion where the food has one
(1 US fl oz = 29.5735295625 mL).
"""

from __future__ import annotations

import re

from b12.core.diet.food import Food, Portion
from b12.errors import InputError

MASS_UNITS_G = {
    "g": 1.0,
    "gram": 1.0,
    "grams": 1.0,
    "kg": 1000.0,
    "mg": 0.001,
    "oz": 28.349523125,
    "ounce": 28.349523125,
    "ounces": 28.349523125,
    "lb": 453.59237,
    "pound": 453.59237,
}
VOLUME_UNITS_ML = {"ml": 1.0, "millilitre": 1.0, "milliliter": 1.0, "l": 1000.0, "dl": 100.0}
FL_OZ_ML = 29.5735295625
# USDA writes both spellings.
UNIT_ALIASES = {
    "tbsp": "tablespoon",
    "tablespoon": "tbsp",
    "tsp": "teaspoon",
    "teaspoon": "tsp",
    "pc": "piece",
    "serving": "serving",
}


def _key(unit: str) -> str:
    text = re.sub(r"\s+", " ", unit.strip().lower().rstrip("."))
    return re.sub(r"(?<=[a-z])s$", "", text) if text not in ("fl oz",) else text


def find_portion(food: Food, unit: str) -> Portion | None:
    """The food's portion named ``unit``: exact, then singular/plural, then a prefix ('cup')."""
    names = {_key(unit)}
    names |= {UNIT_ALIASES[n] for n in names if n in UNIT_ALIASES}
    for portion in food.portions:
        if _key(portion.unit) in names:
            return portion
    starts = tuple(n + end for n in names for end in (" ", ",", "("))
    for portion in food.portions:
        if _key(portion.unit).startswith(starts):
            return portion
    return None


def grams_of(food: Food, amount: float, unit: str, where: str) -> float:
    """Grams eaten for ``amount`` ``unit`` of ``food``; InputError naming ``where`` if unknown."""
    key = _key(unit)
    for candidate in (unit.strip().lower(), key):
        if candidate in MASS_UNITS_G:
            return amount * MASS_UNITS_G[candidate]
    if key in VOLUME_UNITS_ML:
        fl_oz = find_portion(food, "fl oz")
        if fl_oz is not None:
            return amount * VOLUME_UNITS_ML[key] / FL_OZ_ML * fl_oz.grams / fl_oz.amount
    portion = find_portion(food, unit)
    if portion is None:
        known = ", ".join(p.label for p in food.portions[:8]) or "none; use g"
        raise InputError(
            f"unit {unit!r} is not a portion of {food.name!r} (known: {known}, or g/kg/oz/lb)",
            field=where,
        )
    return amount * portion.grams / portion.amount
