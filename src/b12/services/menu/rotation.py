"""The week's variety rule as a rotation, and the day types it leaves to plan.

The rule (a planning choice, stated in docs/menu.md): the menu days fall into at most
:data:`ROTATION_CLASSES` classes, and a food new to the diary is served in at most one class, at
most one serving a day. So a new food comes back on a fixed rhythm, on at most 3 days of 7. The
classes follow the diary where they can: the days that follow one diary day are dealt in turn into
classes of at most 3 days (after a two-day diary: days 1, 5 / 3, 7 / 2, 4, 6), so a new food
always meets the same day of the diary; when that would need more than 3 classes (a diary of 4 days
or more), by position: day d, counted from 1, is in class d mod 3 (days 1, 4, 7 / 2, 5 / 3, 6), as
also without a diary or after a one- or three-day one. A one-day menu has no variety rule.

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
MAX_DAYS_PER_CLASS = 3  # a new food on at most 3 days of a week


@dataclass(frozen=True)
class DayType:
    """Menu days (0-based) planned alike: one rotation class, one diary day."""

    days: tuple[int, ...]
    rotation_class: int
    diary_day: int

    @property
    def weight(self) -> int:
        return len(self.days)


def rotation_classes(days: int, diary_days: int) -> tuple[int, ...]:
    """The rotation class of each 0-based day of a ``days``-day menu after a ``diary_days``-day
    diary (0: none)."""
    by_diary_day: dict[int, list[int]] = {}
    for day in range(days):
        by_diary_day.setdefault(day % diary_days if diary_days else 0, []).append(day)
    dealt: dict[int, int] = {}
    first = 0
    for group in by_diary_day.values():
        parts = -(-len(group) // MAX_DAYS_PER_CLASS)
        dealt |= {day: first + i % parts for i, day in enumerate(group)}
        first += parts
    if first <= ROTATION_CLASSES:
        return tuple(dealt[day] for day in range(days))
    return tuple(day % ROTATION_CLASSES for day in range(days))


def day_types(days: int, diary_days: int) -> tuple[DayType, ...]:
    """The day types of a ``days``-day menu after a diary of ``diary_days`` days, in day order."""
    grouped: dict[tuple[int, int], list[int]] = {}
    classes = rotation_classes(days, diary_days)
    for day in range(days):
        key = (classes[day], day % diary_days if diary_days else 0)
        grouped.setdefault(key, []).append(day)
    return tuple(
        DayType(tuple(ds), c, j) for (c, j), ds in sorted(grouped.items(), key=lambda i: i[1][0])
    )
