"""Food composition: official USDA loaders, the SQLite food store, the bundled table and search.

Public entry points: :func:`import_sr28`, :func:`import_fdc`, :func:`load_index`,
:func:`~b12.data.foods.download.download` and :func:`~b12.data.foods.store.default_store_path`.
"""

from __future__ import annotations

from pathlib import Path

from b12.core.diet.food import Food, Match, Portion
from b12.data.foods.bundled import bundled_foods
from b12.data.foods.fdc import read_fdc
from b12.data.foods.search import FoodIndex
from b12.data.foods.sr28 import Progress, read_sr28
from b12.data.foods.store import (
    ImportSummary,
    default_store_path,
    imports,
    load_foods,
    replace_source,
)

__all__ = [
    "Food",
    "FoodIndex",
    "ImportSummary",
    "Match",
    "Portion",
    "default_store_path",
    "import_fdc",
    "import_sr28",
    "imports",
    "load_index",
]


def import_sr28(directory: Path, store: Path, progress: Progress | None = None) -> ImportSummary:
    """Read an SR28 ASCII folder completely, then replace the store's SR28 foods at once."""
    foods = read_sr28(directory, progress)
    return replace_source(store, "usda-sr28", str(directory), foods)


def import_fdc(location: Path, store: Path, progress: Progress | None = None) -> ImportSummary:
    """Read an FDC CSV folder or zip completely, then replace the store's FDC foods."""
    foods = read_fdc(location, progress)
    return replace_source(store, "fdc", str(location), foods)


def load_index(store: Path | None) -> FoodIndex:
    """A search index over the store's foods, or over the bundled table when the store is empty."""
    foods = load_foods(store) if store is not None else []
    return FoodIndex(foods or bundled_foods())
