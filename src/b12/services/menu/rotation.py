"""The week's variety rule as a rotation, and the day types it leaves to plan.

The rule (a planning choice, stated in docs/menu.md): the menu days fall into
:data:`ROTATION_CLASSES` classes by position (day d, counted from 1, is in class d mod 3: days
1, 4, 7 / 2, 5 / 3, 6 of a week), and a food new to the diary is served in at most one class, at
most one serving a day. So a new food comes back on a fixed rhythm, on at most 3 days of 7. A
one-day menu has no variety rule.

Days in the same class that follow the same diary day (menu day d follows diary day d mod n; without
a diary every day follows the default day) have the same constraints, so they get the same plan: the
program has one set of variables per *day type*, weighted by its number of days. Without a diary a
week is 3 day types weighted 3, 2, 2 instead of 7 interchangeable days. This is exact for the rule:
any menu that meets it can serve every day of a type the cheapest of that type's days, which moves
no more grams and adds no new food.
"""

from __future__ import annotations

from dataclasses import dataclass

ROTATION_CLASSES = 3


@dataclass(frozen=True)
class DayType:
    """Menu days (0-based) planned alike: one rotation class, one diary day."""

    days: tuple[int, ...]
    rotation_class: int
    diary_day: int

    @property
    def weight(self) -> int:
        return len(self.days)


def rotation_class(day: int) -> int:
    """The rotation class of 0-based menu day ``day`` (1-based days 1, 4, 7 share class 0)."""
    return day % ROTATION_CLASSES


def day_types(days: int, diary_days: int) -> tuple[DayType, ...]:
    """The day types of a ``days``-day menu after a diary of ``diary_days`` days, in day order."""
    grouped: dict[tuple[int, int], list[int]] = {}
    for day in range(days):
        key = (rotation_class(day), day % diary_days if diary_days else 0)
        grouped.setdefault(key, []).append(day)
    return tuple(
        DayType(tuple(ds), c, j) for (c, j), ds in sorted(grouped.items(), key=lambda i: i[1][0])
    )
