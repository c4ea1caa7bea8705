"""Diary entries and symptoms in the records store, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import select, text

from b12.data.store import Store, upgrade
from b12.data.store.migrate import alembic_config
from b12.data.store.models import DiaryEntryRow
from b12.data.store.schemas import DiaryEntryCreate, PersonCreate, PersonUpdate
from b12.errors import InputError, NotFoundError
from b12.services import diary, records

PERSON = PersonCreate(label="D-1", age=70, sex="female", symptoms=["fatigue"])
SALMON = "ndb:15085"


def entry(
    food: str = SALMON, amount: float = 100, day: int = 1, unit: str = "g"
) -> DiaryEntryCreate:
    return DiaryEntryCreate(date=dt.date(2026, 3, day), food=food, amount=amount, unit=unit)


def test_diary_round_trip_resolves_foods_and_deletes(store: Store) -> None:
    person = records.create_person(store, PERSON)
    by_name = entry("Fish, salmon, sockeye, raw", 0.5, day=2, unit="fillet")
    diary.add_diary_entries(store, person.id, [by_name, entry()])
    stored = diary.list_diary_entries(store, person.id)
    assert [(e.date.day, e.food_key, e.unit) for e in stored] == [
        (1, SALMON, "g"),
        (2, SALMON, "fillet"),
    ]
    assert stored[0].food_name == "Fish, salmon, sockeye, raw"
    diary.delete_diary_entry(store, person.id, stored[0].id)
    assert len(diary.list_diary_entries(store, person.id)) == 1
    with pytest.raises(NotFoundError):
        diary.delete_diary_entry(store, person.id, stored[0].id)


def test_a_diary_is_written_all_or_nothing(store: Store) -> None:
    person = records.create_person(store, PERSON)
    with pytest.raises(InputError, match="no food clearly matches") as caught:
        diary.add_diary_entries(store, person.id, [entry(), entry("milk")])
    assert caught.value.field == "[1].food"
    with pytest.raises(InputError):
        diary.add_diary_entries(store, person.id, [entry(unit="bucket")])
    assert diary.list_diary_entries(store, person.id) == []


def test_the_stored_diary_gives_the_assessment_its_intake(store: Store) -> None:
    person = records.create_person(store, PERSON)
    diary.add_diary_entries(store, person.id, [entry(day=1), entry(amount=200, day=2)])
    days, reference = diary.daily_intake(records.stored_person(store, person.id))
    assert [round(total, 2) for _, total in days] == [4.69, 9.38]
    assert reference.rda_ug_per_day == 2.4
    stored = records.assess_stored(store, person.id)
    assert stored.result["intake"]["ug_per_day"] == pytest.approx((4.69 + 9.38) / 2, abs=0.01)
    assert stored.input["symptoms"] == ["fatigue"]
    records.delete_person(store, person.id)
    with store.reading() as session:
        assert session.scalars(select(DiaryEntryRow)).all() == []


def test_symptoms_are_stored_and_updated(store: Store) -> None:
    person = records.create_person(store, PERSON)
    assert records.get_person(store, person.id).symptoms == ["fatigue"]
    changed = records.update_person(store, person.id, PersonUpdate(symptoms=["sore tongue"]))
    assert changed.symptoms == ["sore tongue"]


def test_migration_0002_keeps_existing_persons_with_no_symptoms(store: Store) -> None:
    command.downgrade(alembic_config(store), "0001")
    with store.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO persons (label, age, sex, pregnant, breastfeeding, conditions, "
                "medications, created_at, updated_at) VALUES ('OLD', 60, 'male', false, false, "
                "'[]', '[]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    upgrade(store)
    (old,) = records.list_persons(store, "OLD")
    assert old.symptoms == []
