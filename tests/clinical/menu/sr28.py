"""The real SR28 values the hand checks use: read from ../shared/data/usda-sr28, never typed.

Nutrient numbers (SR28 NUTR_DEF): 203 protein (g), 208 energy (kcal), 418 vitamin B12 (µg),
578 vitamin B12 added (µg); all per 100 g edible portion. Food groups from FOOD_DES.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import py7zr

from b12.data.foods.sr28 import read_table

PROTEIN, ENERGY, B12, B12_ADDED = "203", "208", "418", "578"


@dataclass(frozen=True)
class Sr28Food:
    """One SR28 food: its group code and nutrients per 100 g (absent: not in NUT_DATA)."""

    group: str
    name: str
    per_100g: dict[str, float]

    def amount(self, nutrient: str, grams: float) -> float:
        """The nutrient in ``grams`` of the food: value per 100 g × grams / 100."""
        return self.per_100g.get(nutrient, 0.0) * grams / 100


@cache
def sr28(folder: Path) -> dict[str, Sr28Food]:
    """Every SR28 food by NDB number with the four nutrients above."""
    wanted = {PROTEIN, ENERGY, B12, B12_ADDED}
    values: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        with py7zr.SevenZipFile(folder / "NUT_DATA.7z") as archive:
            archive.extract(path=tmp, targets=["NUT_DATA.txt"])
        for r in read_table(Path(tmp) / "NUT_DATA.txt", "NUT_DATA"):
            if r[1] in wanted:
                values.setdefault(str(r[0]), {})[str(r[1])] = float(str(r[2]))
    return {
        str(r[0]): Sr28Food(str(r[1]), str(r[2]), values.get(str(r[0]), {}))
        for r in read_table(folder / "FOOD_DES.txt", "FOOD_DES")
    }
