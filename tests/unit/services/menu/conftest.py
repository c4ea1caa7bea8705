"""Small hand-made food tables for the menu planner's tests."""

from __future__ import annotations

from b12.core.diet.food import Portion
from b12.services.menu.candidates import Slot
from b12.services.menu.diary import Eaten, UsualEating
from b12.services.menu.foods import MenuFood
from b12.services.menu.model import Goals
from b12.services.menu.targets import Range

OFF = Range(None, None)


def food(
    key: str,
    *,
    natural: float = 0.0,
    added: float = 0.0,
    protein: float = 0.0,
    energy: float = 0.0,
    tags: frozenset[str] = frozenset(),
) -> MenuFood:
    """A food whose one serving is 100 g, so per-100 g amounts are per serving."""
    return MenuFood(key, key, "test", natural, added, protein, energy, Portion(100, "g", 100), tags)


def usual(meals: tuple[str, ...], eaten: tuple[Eaten, ...] = (), days: int = 1) -> UsualEating:
    """A diary of ``days`` days with ``eaten`` rows."""
    return UsualEating(meals, days if eaten else 0, eaten, {}, None, ())


def slots(meals: tuple[str, ...], keys: tuple[str, ...]) -> tuple[Slot, ...]:
    """Every food a candidate at every meal."""
    return tuple(Slot(m, keys, dict.fromkeys(keys, "test")) for m in meals)


def goals(b12: float | None = None, protein: Range = OFF, energy: Range = OFF) -> Goals:
    """Daily goals without the fortified share."""
    return Goals(b12, None, protein, energy)
