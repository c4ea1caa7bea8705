"""Food composition records: B12 per 100 g edible portion and household portions in grams.

Plain value types (no I/O). Both official layouts (USDA SR28 ASCII, nutrients 418 and 578 in µg per
100 g; FoodData Central CSV, nutrients 1178 and 1246) are read into these records by
:mod:`b12.data.foods`; the store, the bundled table, the search index and the reports share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Portion:
    """A household measure: ``amount`` ``unit`` weighs ``grams`` (USDA WEIGHT / food_portion)."""

    amount: float
    unit: str
    grams: float

    @property
    def label(self) -> str:
        """'1 cup', '0.5 fillet'."""
        return f"{self.amount:g} {self.unit}"


@dataclass(frozen=True)
class Food:
    """One food with its vitamin B12 content per 100 g (µg); None where the source has no value."""

    source: str  # "usda-sr28", "fdc" or "bundled"
    food_id: str  # the source's key: NDB number for SR28, fdc_id for FDC
    name: str
    group: str = ""
    ndb: str | None = None
    fdc_id: int | None = None
    b12_ug_per_100g: float | None = None  # total vitamin B12 (SR28 nutrient 418, FDC 1178)
    b12_added_ug_per_100g: float | None = None  # added B12 (SR28 578, FDC 1246)
    portions: tuple[Portion, ...] = field(default=())

    @property
    def key(self) -> str:
        """A stable display id: 'ndb:01077' or 'fdc:171265'."""
        if self.ndb is not None:
            return f"ndb:{self.ndb}"
        return f"fdc:{self.fdc_id}" if self.fdc_id is not None else f"{self.source}:{self.food_id}"


@dataclass(frozen=True)
class Match:
    """A search hit: the food and its score (0-100+, higher is better)."""

    food: Food
    score: float
