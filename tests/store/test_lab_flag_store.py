"""Issue 16: the flag a lab prints beside a result (H, L, HH, LL, A) is kept by the records store on
SQLite and PostgreSQL, round-trips through import and export, is never read by the rules, and
revision 0007 leaves existing results without a flag."""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

from b12.core.person import Person
from b12.data.store import Store, upgrade
from b12.data.store.migrate import alembic_config, current_revision
from b12.data.store.schemas import LabCreate
from b12.errors import InputError
from b12.reports.json_report import assessment_document
from b12.services import records
from b12.services.assess import assess_person

LABS: list[dict[str, Any]] = [
    {"analyte": "b12", "value": 118, "unit": "pmol/L", "date": "2026-10-01", "flag": "L"},
    {"analyte": "mma", "value": 0.9, "unit": "umol/L", "date": "2026-10-01", "flag": "HH"},
    {"analyte": "folate", "value": 12, "unit": "nmol/L", "date": "2026-10-01"},
]
PERSON: dict[str, Any] = {"age": 72, "sex": "male", "labs": LABS}


def test_flags_round_trip_through_import_and_export(store: Store) -> None:
    imported = records.import_person(store, "FLAG-1", PERSON)
    stored = {lab.analyte.value: lab.flag for lab in records.list_labs(store, imported.id)}
    assert stored == {"b12": "L", "mma": "HH", "folate": None}
    person = records.stored_person(store, imported.id)  # what the person-file export writes
    assert {lab.analyte.value: lab.flag for lab in person.lab_results} == stored


def test_the_rules_do_not_read_the_flag(store: Store) -> None:
    """The same values with opposite flags (or none) give the same judgment."""
    unflagged = [{k: v for k, v in lab.items() if k != "flag"} for lab in LABS]
    contrary = [{**lab, "flag": "H"} for lab in unflagged]
    documents = [
        assessment_document(assess_person(Person.model_validate({**PERSON, "labs": labs})))
        for labs in (LABS, unflagged, contrary)
    ]
    assert documents[0] == documents[1] == documents[2]


def test_a_correction_sets_and_clears_the_flag(store: Store) -> None:
    imported = records.import_person(store, "FLAG-2", PERSON)
    b12 = records.list_labs(store, imported.id)[0]
    changed = {**LABS[0], "flag": "LL"}
    assert records.update_lab(store, imported.id, b12.id, LabCreate(**changed)).flag == "LL"
    cleared = {k: v for k, v in LABS[0].items() if k != "flag"}
    assert records.update_lab(store, imported.id, b12.id, LabCreate(**cleared)).flag is None


@pytest.mark.parametrize("flag", ["high", "h", "N", "", "HHH"])
def test_an_unknown_flag_is_refused_naming_the_field_and_the_choices(
    store: Store, flag: str
) -> None:
    with pytest.raises(InputError) as refused:
        records.import_person(store, "FLAG-3", {**PERSON, "labs": [{**LABS[0], "flag": flag}]})
    message = str(refused.value)
    assert "labs[0].flag" in message or refused.value.field == "labs[0].flag", message
    assert all(choice in message for choice in ("'H'", "'L'", "'HH'", "'LL'", "'A'")), message


def test_upgrade_from_0006_leaves_existing_results_without_a_flag(store: Store) -> None:
    imported = records.import_person(store, "FLAG-OLD", {**PERSON, "labs": LABS[2:]})
    command.downgrade(alembic_config(store), "0006_clinical_history")
    upgrade(store)
    assert current_revision(store) == "0007_lab_flag"
    assert [lab.flag for lab in records.list_labs(store, imported.id)] == [None]


def test_downgrade_is_refused_while_a_flag_is_stored(store: Store) -> None:
    records.import_person(store, "FLAG-4", PERSON)
    with pytest.raises(RuntimeError, match="flags the older schema cannot hold"):
        command.downgrade(alembic_config(store), "0006_clinical_history")
    with store.engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM lab_results WHERE flag IS NOT NULL"))
        assert count.scalar_one() == 2
