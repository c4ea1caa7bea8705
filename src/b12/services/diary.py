"""Use cases of a person's food diary in the records store, and the intake it gives.

An entry's food is resolved in the food index when it is recorded (the food store if imported,
else the bundled table), so the store only holds foods b12 can count; the amount is checked
against the food's portions at the same time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from b12.core.diet.intake import IntakeResult
from b12.core.diet.requirements import ReferenceIntake, reference_intake
from b12.core.person import Person
from b12.data.diary import parse_diary_data
from b12.data.foods import load_index
from b12.data.foods.portions import grams_of
from b12.data.store import Store
from b12.data.store import repository as repo
from b12.data.store.schemas import (
    DiaryEntryCreate,
    DiaryEntryPublic,
    DiarySupplementCreate,
    DiarySupplementPublic,
)
from b12.data.validation import validate
from b12.errors import InputError, shown
from b12.services.foods import existing_store
from b12.services.intake import intake_for_person, plausible_grams
from b12.units import plain_number

SUGGESTIONS = 3


def resolve_entries(
    items: Sequence[DiaryEntryCreate], field: str = ""
) -> list[tuple[DiaryEntryCreate, str, str]]:
    """Each entry with the id and name of its food; an unclear food or unknown unit is refused."""
    index = load_index(existing_store(None))
    resolved = []
    for number, item in enumerate(items):
        where = f"{field}[{number}]." if field or len(items) > 1 else ""
        food = index.resolve(item.food)
        if food is None:
            hits = ", ".join(
                f"{h.food.key} ({h.food.name})" for h in index.search(item.food, SUGGESTIONS)
            )
            raise InputError(
                f"no food clearly matches {shown(item.food)}; choose one from the food search"
                + (f", e.g. {hits}" if hits else ""),
                field=f"{where}food",
            )
        grams = grams_of(food, item.amount, item.unit, f"{where}unit")
        plausible_grams(food, item.amount, item.unit, grams, f"{where}amount")
        resolved.append((item, food.key, food.name))
    return resolved


def add_diary_entries(
    store: Store, person_id: int, items: Sequence[DiaryEntryCreate]
) -> list[DiaryEntryPublic]:
    """Record diary entries (all or none); each food must resolve in the food index."""
    resolved = resolve_entries(items)
    with store.transaction() as session:
        rows = [
            repo.add_diary_entry(session, person_id, item, key, name)
            for item, key, name in resolved
        ]
        return [DiaryEntryPublic.model_validate(row) for row in rows]


def from_person_diary(data: Any) -> tuple[list[DiaryEntryCreate], list[DiarySupplementCreate]]:
    """The rows of a person file's inline diary as entries and supplements to store.

    A diary file path is refused (an upload carries one file; inline the entries).
    """
    if isinstance(data, str):
        raise InputError(
            "a diary file path cannot be imported; put the entries inline", field="diary"
        )
    entries, supplements = [], []
    for row in parse_diary_data(data, "diary").rows:
        fields: dict[str, Any] = {"date": row.day, "meal": row.meal or None}
        if row.supplement:
            per = (
                {"doses_per_week": row.doses_per_week}
                if row.doses_per_week is not None
                else {"doses_per_day": row.doses_per_day}
            )
            fields |= {"supplement": row.food, "ug_per_dose": row.b12_ug, **per}
            supplements.append(validate(DiarySupplementCreate, fields, context=row.where))
        else:
            fields |= {"food": row.food, "amount": row.amount, "unit": row.unit}
            entries.append(validate(DiaryEntryCreate, fields, context=row.where))
    return entries, supplements


def add_supplements(
    store: Store, person_id: int, items: Sequence[DiarySupplementCreate]
) -> list[DiarySupplementPublic]:
    """Record supplements of the diary (all or none)."""
    with store.transaction() as session:
        rows = [repo.add_diary_supplement(session, person_id, item) for item in items]
        return [DiarySupplementPublic.model_validate(row) for row in rows]


def list_supplements(store: Store, person_id: int) -> list[DiarySupplementPublic]:
    """A person's diary supplements, in the order recorded."""
    with store.reading() as session:
        rows = repo.list_diary_supplements(session, person_id)
        return [DiarySupplementPublic.model_validate(row) for row in rows]


def get_supplement(store: Store, person_id: int, supplement_id: int) -> DiarySupplementPublic:
    """One diary supplement."""
    with store.reading() as session:
        row = repo.get_diary_supplement(session, person_id, supplement_id)
        return DiarySupplementPublic.model_validate(row)


def delete_supplement(store: Store, person_id: int, supplement_id: int) -> None:
    """Delete one diary supplement."""
    with store.transaction() as session:
        repo.delete_diary_supplement(session, person_id, supplement_id)


def list_diary_entries(store: Store, person_id: int) -> list[DiaryEntryPublic]:
    """A person's diary entries, oldest first."""
    with store.reading() as session:
        rows = repo.list_diary_entries(session, person_id)
        return [DiaryEntryPublic.model_validate(row) for row in rows]


def get_diary_entry(store: Store, person_id: int, entry_id: int) -> DiaryEntryPublic:
    """One diary entry."""
    with store.reading() as session:
        return DiaryEntryPublic.model_validate(repo.get_diary_entry(session, person_id, entry_id))


def delete_diary_entry(store: Store, person_id: int, entry_id: int) -> None:
    """Delete one diary entry."""
    with store.transaction() as session:
        repo.delete_diary_entry(session, person_id, entry_id)


def diary_data(
    entries: Sequence[DiaryEntryPublic], supplements: Sequence[DiarySupplementPublic] = ()
) -> list[dict[str, Any]] | None:
    """Stored entries and supplements as an inline diary of a person file (None: neither)."""
    if not entries and not supplements:
        return None
    foods = [
        {
            "date": e.date.isoformat(),
            "meal": e.meal or "",
            "food": e.food_key,
            "amount": f"{plain_number(e.amount)} {e.unit}",
        }
        for e in entries
    ]
    rows = [
        s.model_dump(mode="json", exclude={"id", "person_id"}, exclude_none=True)
        for s in supplements
    ]
    return foods + rows  # a supplement row is told apart by its `supplement` field


def person_intake(person: Person) -> IntakeResult | None:
    """Daily intake from the person's inline diary against their reference (None: no diary)."""
    if person.diary is None or isinstance(person.diary, str):
        return None
    diary = parse_diary_data(person.diary, "diary")
    if not diary.rows:
        return None
    return intake_for_person(person, diary, existing_store(None))


def daily_intake(person: Person) -> tuple[list[tuple[dt.date, float]], ReferenceIntake]:
    """Total B12 per diary day (µg) and the person's reference intake (for the intake chart)."""
    result = person_intake(person)
    if result is None:
        stage = {"pregnant": person.pregnant, "lactating": person.breastfeeding}
        return [], reference_intake(person.age, **stage)
    # A usual day of undated supplements has no date to chart.
    days = [(day.day, day.total_ug) for day in result.summary.days if not day.usual]
    return days, result.summary.reference
