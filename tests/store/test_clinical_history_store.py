"""Issue 15: the person file's clinical history (surgery, dialysis, symptom course, condition
dates, gestational age, ethnicity, vegetarian diets, the date of muscle measurements) is kept by
the records store, on SQLite and PostgreSQL, and revision 0006 upgrades existing records."""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

from b12.core.person import Person
from b12.data.store import Store, upgrade
from b12.data.store.migrate import alembic_config, current_revision
from b12.data.store.schemas import PersonUpdate
from b12.errors import InputError
from b12.reports.json_report import assessment_document
from b12.services import measurements, records
from b12.services.assess import assess_person

HISTORY: dict[str, Any] = {
    "age": 70,
    "sex": "female",
    "diet": "lacto_ovo_vegetarian",
    "pregnant": False,
    "conditions": ["Roux-en-Y gastric bypass", "CKD stage 4", "Fabry disease"],
    "symptoms": ["memory problems", "tingling in both feet"],
    "surgery": [{"procedure": "roux_en_y_gastric_bypass", "date": "2018-09-12"}],
    "dialysis": {"modality": "peritoneal", "since": "2024-01-02"},
    "symptom_course": [
        {"symptom": "memory problems", "course": "long_standing"},
        {"symptom": "tingling in both feet", "course": "resolved", "resolved_on": "2025-05-01"},
    ],
    "condition_dates": [{"condition": "CKD stage 4", "onset": "2020-05-01"}],
    "ethnicity": "black",
    "muscle": {"grip_strength_kg": 14, "measured_on": "2026-09-01"},
    "labs": [
        {"analyte": "b12", "value": 300, "unit": "pmol/L", "date": "2026-10-01"},
        {"analyte": "ferritin", "value": 8, "unit": "ug/L", "date": "2026-10-01"},
        {"analyte": "tsh", "value": 2.1, "unit": "mIU/L", "date": "2026-10-01"},
    ],
}


def test_the_history_round_trips_and_assesses_as_the_file_does(store: Store) -> None:
    imported = records.import_person(store, "H-1", HISTORY)
    stored = records.assess_stored(store, imported.id)
    assert stored.result == assessment_document(assess_person(Person.model_validate(HISTORY)))
    person = records.get_person(store, imported.id)
    assert person.surgery[0].procedure == "roux_en_y_gastric_bypass"
    assert person.dialysis is not None and person.ethnicity == "black"
    (grip,) = measurements.list_measurements(store, imported.id)
    assert grip.date.isoformat() == "2026-09-01"  # the muscle block's own date


def test_upgrade_from_0005_keeps_persons_and_adds_empty_history(store: Store) -> None:
    command.downgrade(alembic_config(store), "0005")
    with store.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO persons (label, age, sex, pregnant, breastfeeding, diet, conditions, "
                "symptoms, medications, created_at, updated_at) VALUES ('OLD-6', 60, 'male', "
                "false, false, 'vegan', '[\"total gastrectomy\"]', '[]', '[]', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    upgrade(store)
    assert current_revision(store) == "0007_lab_flag"
    (old,) = records.list_persons(store, "OLD-6")
    assert (old.surgery, old.symptom_course, old.dialysis, old.ethnicity) == ([], [], None, None)
    assert records.assess_stored(store, old.id).result["plan"] is not None


def test_downgrade_is_refused_while_history_the_old_schema_cannot_hold_is_stored(
    store: Store,
) -> None:
    records.import_person(
        store, "H-2", {"age": 60, "sex": "male", "dialysis": {"modality": "haemodialysis"}}
    )
    with pytest.raises(RuntimeError, match="export them first"):
        command.downgrade(alembic_config(store), "0005")


def test_the_history_can_be_edited_and_cleared(store: Store) -> None:
    person = records.import_person(
        store, "H-3", {"age": 60, "sex": "male", "symptoms": ["fatigue"]}
    )
    changes = PersonUpdate(
        surgery=[{"procedure": "sleeve_gastrectomy"}],
        symptom_course=[{"symptom": "fatigue", "course": "persisting"}],
        ethnicity="white",
    )
    edited = records.update_person(store, person.id, changes)
    assert edited.surgery[0].procedure == "sleeve_gastrectomy" and edited.ethnicity == "white"
    cleared = records.update_person(store, person.id, PersonUpdate(ethnicity=None))
    assert cleared.ethnicity is None and cleared.surgery
    with pytest.raises(InputError):
        records.update_person(
            store, person.id, PersonUpdate(symptom_course=[{"symptom": "cough", "course": "new"}])
        )
