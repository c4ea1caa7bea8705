"""Muscle results and plan items with nothing of the person in them are built once and shared (for
speed): they are frozen, equal to what a fresh build gives, and the medicine readers give the same
answers whether a person lists medicines or not."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from b12.core.muscle.assess import assess_muscle
from b12.core.muscle.model import Builder, Criteria, Stage
from b12.core.person import Person
from b12.core.plan.intake import fortified_medicines
from b12.core.plan.prophylaxis import restart_sentence, stopped_when
from b12.core.plan.taken import b12_injections, oral_b12_taken
from b12.core.sex import Sex
from b12.services.assess import assess_person

DAY = dt.date(2026, 6, 1)


def _person(**fields: object) -> Person:
    return Person.model_validate(
        {
            "age": 70,
            "sex": "female",
            "assessed_on": DAY.isoformat(),
            "labs": [
                {"analyte": "b12", "value": 150, "unit": "pmol/L", "date": "2026-05-01"},
                {"analyte": "hcy", "value": 30, "unit": "umol/L", "date": "2026-05-01"},
            ],
            **fields,
        }
    )


def test_people_without_muscle_measurements_share_one_frozen_result() -> None:
    first = assess_muscle(None, Sex.FEMALE, Criteria.EWGSOP2, 70.0)
    second = assess_muscle(None, Sex.MALE, Criteria.EWGSOP2, 40.0)
    assert first is second
    fresh = Builder(Criteria.EWGSOP2)
    fresh.need("sarc_f", "grip_strength_kg")
    built = fresh.result(Stage.INSUFFICIENT_DATA, "no muscle measurements", None, (None,) * 3)
    assert first == built
    with pytest.raises(ValidationError):
        first.label = "changed"  # type: ignore[misc]
    assert assess_muscle(None, Sex.FEMALE, Criteria.FNIH, 70.0).criteria is Criteria.FNIH


def test_plan_items_are_frozen_so_the_fixed_ones_can_be_shared() -> None:
    # The fixed items (the reviews, the re-checks) are module constants shared by every plan; an
    # item with anything of the person in it (a date, a medicine name) is built per plan, never
    # kept in a cache across people.
    plan = assess_person(_person()).plan
    assert plan is not None
    for i in plan.items:
        with pytest.raises(ValidationError):
            i.text = "changed"  # type: ignore[misc]


def test_the_medicine_readers_agree_with_and_without_medicines() -> None:
    none = _person()
    assert oral_b12_taken(none, DAY) == []
    assert b12_injections(none, DAY) == []
    assert fortified_medicines(none, DAY) == ()
    assert stopped_when(none, DAY) is None
    assert restart_sentence(none, DAY) == ""
    taking = _person(
        medications=[
            {"name": "cyanocobalamin", "dose": "1 mg daily", "route": "oral"},
            {"name": "omeprazole", "dose": "20 mg daily"},
        ]
    )
    assert [m.name for m in oral_b12_taken(taking, DAY)] == ["cyanocobalamin"]
    assert b12_injections(taking, DAY) == []
    assert fortified_medicines(taking, DAY) == ("omeprazole (proton pump inhibitor)",)
    stopped = _person(
        surgery=[{"procedure": "total_gastrectomy", "date": "2015-03-01"}],
        medications=[
            {
                "name": "hydroxocobalamin",
                "route": "intramuscular",
                "start_date": "2020-01-01",
                "stop_date": "2025-01-01",
            }
        ],
    )
    assert stopped_when(stopped, DAY) == "on 2025-01-01"
    assert restart_sentence(stopped, DAY).startswith(
        "B12 treatment stopped on 2025-01-01: ask your doctor to restart it."
    )
