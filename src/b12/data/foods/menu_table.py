"""The menu planner's food table: the bundled B12 foods plus plant staples, with protein and energy.

``menu_staples.csv`` / ``menu_staple_portions.csv`` (breads, grains, legumes, nuts, fruit and
vegetables, in the bundled table's layout) and ``menu_nutrients.csv`` (protein, SR28 nutrient 203,
g per 100 g; energy, 208, kcal per 100 g; sodium, 307, mg per 100 g, for every bundled food and
staple) are generated from the official SR28 files by ``scripts/build_menu_table.py``; a test
rebuilds them and compares. Foods of an imported store get protein, energy and sodium from the same
file by NDB number; a food without protein and energy cannot be planned with and is left out (the
menu says how many); a food without a sodium value (an empty cell) is planned but never suggested
new (:mod:`b12.services.menu.candidates`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from b12.core.diet.food import Food
from b12.data.foods.bundled import parse_table

STAPLES_FILE = "menu_staples.csv"
STAPLE_PORTIONS_FILE = "menu_staple_portions.csv"
NUTRIENTS_FILE = "menu_nutrients.csv"


@dataclass(frozen=True)
class Macros:
    """Protein (g), energy (kcal) and sodium (mg; None when SR28 has none) per 100 g edible
    portion (USDA SR28)."""

    protein_g_per_100g: float
    energy_kcal_per_100g: float
    sodium_mg_per_100g: float | None = None


def _text(name: str) -> str:
    return resources.files("b12.data.foods").joinpath(name).read_text(encoding="utf-8")


@cache
def staple_foods() -> tuple[Food, ...]:
    """Plant staples the bundled B12 table leaves out."""
    return tuple(parse_table(_text(STAPLES_FILE), _text(STAPLE_PORTIONS_FILE)))


@cache
def macros_by_ndb() -> dict[str, Macros]:
    """Protein, energy and sodium per 100 g, keyed by SR28 NDB number."""
    return {
        row["ndb"]: Macros(
            float(row["protein_g_per_100g"]),
            float(row["energy_kcal_per_100g"]),
            float(row["sodium_mg_per_100g"]) if row["sodium_mg_per_100g"] else None,
        )
        for row in csv.DictReader(io.StringIO(_text(NUTRIENTS_FILE)))
    }
