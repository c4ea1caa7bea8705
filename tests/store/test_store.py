"""The records store on SQLite and PostgreSQL: migrations, CRUD, transactions, reproducibility."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from b12 import __version__
from b12.data.store import Store, default_database_url, upgrade
from b12.data.store.migrate import alembic_config, current_revision, head_revision
from b12.data.store.models import Base, LabRow, MeasurementRow, PersonRow, UserRow
from b12.data.store.schemas import LabCreate, MeasurementCreate, PersonCreate, PersonUpdate
from b12.errors import InputError, NotFoundError
from b12.services import measurements, records, users
from b12.units import Analyte

PERSON = PersonCreate(label="P-0042", age=74, sex="female", medications=[{"name": "metformin"}])
MARCH = dt.date(2026, 3, 1)


def lab(analyte: str, value: float, unit: str, date: dt.date = MARCH) -> LabCreate:
    return LabCreate(analyte=analyte, value=value, unit=unit, date=date)


def test_migrations_create_every_table_and_are_idempotent(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert {"persons", "lab_results", "antibody_results", "measurements", "assessments"} <= tables
    assert {"users", "web_sessions", "audit_events"} <= tables
    assert current_revision(store) == head_revision(store) == "0007_lab_flag"
    upgrade(store)  # a second upgrade changes nothing
    assert current_revision(store) == "0007_lab_flag"


def test_the_migrations_match_the_models(store: Store) -> None:
    """A change to the models without a migration fails here (write one with Alembic)."""
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_base_and_back(store: Store) -> None:
    command.downgrade(alembic_config(store), "base")
    assert "persons" not in inspect(store.engine).get_table_names()
    upgrade(store)
    assert "persons" in inspect(store.engine).get_table_names()


def test_a_downgrade_that_copies_a_table_keeps_the_rows_that_point_at_it(store: Store) -> None:
    """SQLite drops a column by copying the table; the old copy's drop once cascaded to all labs."""
    person = records.create_person(store, PERSON)
    records.add_labs(store, person.id, [lab("b12", 250, "pg/mL")])
    command.downgrade(alembic_config(store), "0001")  # drops persons.symptoms
    upgrade(store)
    assert len(records.list_labs(store, person.id)) == 1
    records.delete_person(store, person.id)  # and foreign keys are enforced again afterwards
    with store.reading() as session:
        assert session.scalars(select(LabRow)).all() == []


def test_person_round_trip_search_update_and_delete(store: Store) -> None:
    created = records.create_person(store, PERSON)
    records.create_person(store, PersonCreate(label="Q-100%", age=30, sex="male"))
    assert records.get_person(store, created.id).medications[0].name == "metformin"
    assert [p.label for p in records.list_persons(store, "p-00")] == ["P-0042"]
    assert [p.label for p in records.list_persons(store, "%")] == ["Q-100%"]
    assert len(records.list_persons(store)) == 2
    updated = records.update_person(store, created.id, PersonUpdate(age=75, diet="vegan"))
    assert (updated.age, updated.diet, updated.label) == (75, "vegan", "P-0042")
    records.delete_person(store, created.id)
    with pytest.raises(NotFoundError):
        records.get_person(store, created.id)


def test_an_update_that_breaks_the_person_is_refused_and_rolled_back(store: Store) -> None:
    person = records.create_person(store, PersonCreate(label="M", age=40, sex="male"))
    with pytest.raises(InputError, match="pregnant"):
        records.update_person(store, person.id, PersonUpdate(pregnant=True))
    assert records.get_person(store, person.id).pregnant is False


def test_labs_keep_the_printed_value_and_unit_beside_the_canonical_value(store: Store) -> None:
    person = records.create_person(store, PERSON)
    later = dt.date(2026, 9, 1)
    records.add_labs(store, person.id, [lab("b12", 300, "pmol/L", later)])
    records.add_labs(store, person.id, [lab("b12", 250, "pg/mL"), lab("mma", 410, "nmol/L")])
    stored = records.list_labs(store, person.id)
    assert [(x.analyte, x.date) for x in stored] == [("b12", MARCH), ("mma", MARCH), ("b12", later)]
    b12 = stored[0]
    assert (b12.value, b12.unit, b12.canonical_unit) == (250, "pg/mL", "pmol/L")
    assert b12.canonical_value == pytest.approx(250 * 0.738)
    assert stored[1].canonical_value == pytest.approx(0.41)
    records.delete_lab(store, person.id, stored[1].id)
    assert len(records.list_labs(store, person.id)) == 2
    with pytest.raises(NotFoundError):
        records.delete_lab(store, person.id + 1, stored[0].id)


def test_a_panel_is_written_all_or_nothing(store: Store) -> None:
    person = records.create_person(store, PERSON)
    bad = LabCreate.model_construct(analyte=Analyte.MMA, value=250, unit="furlongs", date=MARCH)
    with pytest.raises(ValueError, match="unknown unit"):
        records.add_labs(store, person.id, [lab("b12", 250, "pg/mL"), bad])
    assert records.list_labs(store, person.id) == []
    with pytest.raises(NotFoundError):
        records.add_labs(store, person.id + 99, [lab("b12", 250, "pg/mL")])


def test_measurements_round_trip(store: Store) -> None:
    person = records.create_person(store, PERSON)
    grip = MeasurementCreate(
        kind="grip_strength", value=17.5, unit="kg", date=MARCH, data={"hand": "right"}
    )
    gait = MeasurementCreate(kind="gait_speed", value=0.7, unit="m/s", date=dt.date(2026, 1, 1))
    measurements.add_measurements(store, person.id, [grip, gait])
    stored = measurements.list_measurements(store, person.id)
    assert [(m.kind, m.value, m.data) for m in stored] == [
        ("gait_speed", 0.7, {}),
        ("grip_strength", 17.5, {"hand": "right"}),
    ]
    measurements.delete_measurement(store, person.id, stored[0].id)
    assert len(measurements.list_measurements(store, person.id)) == 1
    with pytest.raises(NotFoundError):
        measurements.delete_measurement(store, person.id, stored[0].id)
    with pytest.raises(NotFoundError):
        measurements.add_measurements(store, person.id + 99, [grip])


def test_deleting_a_person_deletes_their_records(store: Store) -> None:
    person = records.create_person(store, PERSON)
    records.add_labs(store, person.id, [lab("b12", 250, "pg/mL")])
    grip = MeasurementCreate(kind="grip_strength", value=17.5, unit="kg", date=MARCH)
    measurements.add_measurements(store, person.id, [grip])
    records.assess_stored(store, person.id)
    records.delete_person(store, person.id)
    with store.reading() as session:
        assert session.scalars(select(LabRow)).all() == []
        assert session.scalars(select(MeasurementRow)).all() == []


def test_an_assessment_keeps_what_produced_it_and_can_be_reproduced(store: Store) -> None:
    person = records.create_person(store, PERSON)
    records.add_labs(store, person.id, [lab("b12", 250, "pg/mL"), lab("holotc", 40, "pmol/L")])
    first = records.assess_stored(store, person.id)
    assert first.b12_version == __version__
    assert first.rule_ids == first.result["status"]["rules"] and first.rule_ids
    assert first.input["labs"][0]["unit"] == "pg/mL"
    assert records.reproduce(first) == first.result
    assert records.assess_and_keep(store, person.id) == (first, False)  # nothing changed
    records.add_labs(store, person.id, [lab("mma", 0.5, "µmol/L")])
    second, created = records.assess_and_keep(store, person.id)
    assert created
    assert [a.id for a in records.list_assessments(store, person.id)] == [second.id, first.id]
    assert records.get_assessment(store, person.id, first.id) == first
    with pytest.raises(NotFoundError):
        records.get_assessment(store, person.id, 10_000)


def test_a_save_keeps_an_assessment_only_when_the_conclusion_changes(store: Store) -> None:
    person = records.create_person(store, PERSON)

    def save(value: float, day: int) -> bool:
        records.add_labs(store, person.id, [lab("b12", value, "pmol/L", dt.date(2026, 3, day))])
        return records.assess_and_keep(store, person.id, same_conclusion_is_enough=True)[1]

    assert save(400, 1)  # the first assessment is kept
    assert not save(420, 2)  # still above 258 pmol/L (NG239): the same conclusion, not kept
    assert (
        records.current_result(store, person.id)
        != records.list_assessments(store, person.id)[0].result
    )  # the page shows the current records' result, 420 pmol/L
    assert save(100, 3)  # below 133 pmol/L: deficiency likely, a new conclusion, kept
    assert len(records.list_assessments(store, person.id)) == 2
    assert records.assess_and_keep(store, person.id)[1] is False  # nothing changed since


def test_users_store_only_a_salted_hash_of_their_token(store: Store) -> None:
    assert users.user_count(store) == 0
    token = users.create_user(store, "dietitian-1")
    principal = users.authenticate(store, token)
    assert principal is not None and principal.name == "dietitian-1"
    assert principal.role is users.Role.CLINICIAN  # the default role
    assert users.authenticate(store, token[:-2] + "xx") is None
    assert users.authenticate(store, "b12_999_" + token.split("_", 2)[2]) is None
    assert users.authenticate(store, "nonsense") is None
    with store.reading() as session:
        row = session.scalars(select(UserRow)).one()
        assert token.split("_", 2)[2] not in (row.token_hash, row.token_salt)
    with pytest.raises(InputError, match="already exists"):
        users.create_user(store, "dietitian-1")
    with pytest.raises(InputError):
        users.create_user(store, "no spaces please")
    with pytest.raises(InputError, match="local admin"):
        users.create_user(store, "local-admin")
    assert users.user_count(store) == 1 and users.user_names(store) == ["dietitian-1"]
    users.delete_user(store, "dietitian-1")
    assert users.authenticate(store, token) is None  # the token is revoked at once
    with pytest.raises(NotFoundError):
        users.delete_user(store, "dietitian-1")


CRASH = """
import os, sys
from b12.data.store import Store
from b12.data.store import repository as repo
from b12.data.store.schemas import PersonCreate
store = Store(sys.argv[1])
with store.transaction() as session:
    repo.add_person(session, PersonCreate(label="committed", age=50, sex="male"))
session = store._sessions()
repo.add_person(session, PersonCreate(label="in-flight", age=50, sex="male"))
session.flush()
os._exit(1)  # the process dies mid-transaction
"""


def test_a_crash_mid_write_loses_nothing_committed(store: Store) -> None:
    result = subprocess.run([sys.executable, "-c", CRASH, store.url], check=False, timeout=60)
    assert result.returncode == 1
    with store.reading() as session:
        assert session.scalars(select(PersonRow.label)).all() == ["committed"]


def test_default_database_is_a_sqlite_file_in_the_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_database_url() == f"sqlite:///{tmp_path / 'b12' / 'b12.sqlite3'}"


@pytest.mark.parametrize("url", ["nonsense", "mysql://x@y/z"])
def test_unsupported_database_urls_are_input_errors(url: str) -> None:
    with pytest.raises(InputError, match="database_url"):
        Store(url)
