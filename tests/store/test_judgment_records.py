"""The person file of the clinical judgment in the store, on SQLite and PostgreSQL (issue 12, item 3).

Censored results, specimen ids, antibody results and medicines with route and stop date survive an
import, and the stored assessment equals `b12 assess` on the same file; migration 0004 keeps older
records and refuses a downgrade that would make a censored result read as an exact number.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from alembic import command
from sqlalchemy import inspect, text

from b12.core.person import AntibodyResult, LabResult, Route
from b12.data.person_file import load_person
from b12.data.store import Store, upgrade
from b12.data.store.migrate import alembic_config, current_revision
from b12.data.store.schemas import AntibodyCreate, LabCreate, PersonCreate
from b12.errors import InputError
from b12.reports.json_report import assessment_document
from b12.services import records
from b12.services.assess import assess_file

REVISION = "0007_lab_flag"  # the head; 0004_judgment_person_file is tested by going down to 0003

PERSON_FILE: dict[str, Any] = {
    "age": 67,
    "sex": "female",
    "conditions": ["autoimmune thyroiditis"],
    "symptoms": ["fatigue", "pins and needles in both feet"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg",
            "route": "intramuscular",
            "start_date": "2025-01-10",
            "stop_date": "2025-06-30",
        },
        {
            "name": "metformin",
            "dose": "1 g twice daily",
            "route": "oral",
            "start_date": "2019-03-01",
        },
        {"name": "omeprazole"},
    ],
    "labs": [
        {
            "analyte": "b12",
            "value": 160,
            "unit": "pmol/L",
            "date": "2024-11-02",
            "specimen_id": "A1",
        },
        {"analyte": "b12", "value": ">1476", "unit": "pmol/L", "date": "2025-03-01"},
        {
            "analyte": "b12",
            "value": 210,
            "unit": "pmol/L",
            "date": "2026-10-01",
            "specimen_id": "S9",
        },
        {
            "analyte": "mma",
            "value": 0.52,
            "unit": "umol/L",
            "date": "2026-10-01",
            "specimen_id": "S9",
            "reference_range": {"high": 0.4},
        },
        {"analyte": "folate", "value": "<2", "unit": "ng/mL", "date": "2026-10-01"},
        {
            "analyte": "intrinsic_factor_antibody",
            "value": "positive",
            "date": "2026-10-01",
            "specimen_id": "S9",
        },
        {"analyte": "parietal_cell_antibody", "value": "Equivocal", "date": "2026-10-03"},
    ],
    "assessed_on": "2026-10-20",
}


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "person.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_person_file_with_every_new_field_assesses_as_b12_assess_does(
    store: Store, tmp_path: Path
) -> None:
    imported = records.import_person(store, "JUDG-1", PERSON_FILE)
    stored = records.assess_stored(store, imported.id)
    assert stored.result == assessment_document(assess_file(write(tmp_path, PERSON_FILE)))
    assert records.reproduce(stored) == stored.result


def test_every_new_field_round_trips_exactly(store: Store, tmp_path: Path) -> None:
    person = load_person(write(tmp_path, PERSON_FILE))
    imported = records.import_person(store, "JUDG-2", PERSON_FILE)
    again = records.stored_person(store, imported.id)
    assert again.medications == person.medications
    assert again.medications[0].route is Route.INTRAMUSCULAR
    assert again.medications[0].stop_date == dt.date(2025, 6, 30)
    assert again.lab_results == person.lab_results  # both oldest first
    assert again.antibody_results == person.antibody_results
    censored = [lab.printed for lab in again.lab_results if lab.comparator]
    assert censored == [">1476 pmol/L", "<2 ng/mL"]
    assert {lab.specimen_id for lab in again.labs} == {"A1", "S9", None}


def test_labs_and_antibodies_are_listed_with_their_new_fields(store: Store) -> None:
    imported = records.import_person(store, "JUDG-3", PERSON_FILE)
    labs = records.list_labs(store, imported.id)
    high = next(lab for lab in labs if lab.comparator == ">")
    assert (high.value, high.unit, high.canonical_value, high.specimen_id) == (
        1476,
        "pmol/L",
        1476,
        None,
    )
    assert [lab.specimen_id for lab in labs if lab.analyte.value == "mma"] == ["S9"]
    antibodies = records.list_antibodies(store, imported.id)
    assert [(a.analyte.value, a.value, a.specimen_id) for a in antibodies] == [
        ("intrinsic_factor_antibody", "positive", "S9"),
        ("parietal_cell_antibody", "equivocal", None),
    ]
    records.delete_antibody(store, imported.id, antibodies[0].id)
    assert len(records.list_antibodies(store, imported.id)) == 1
    with pytest.raises(LookupError):
        records.delete_antibody(store, imported.id, antibodies[0].id)


def test_results_added_later_keep_comparator_and_specimen(store: Store) -> None:
    person = records.create_person(store, PersonCreate(label="JUDG-4", age=50, sex="male"))
    day = dt.date(2026, 5, 1)
    panel = [
        LabCreate(analyte="b12", value="<45", unit="pmol/L", date=day, specimen_id="X-7"),
        LabCreate(analyte="hcy", value=31, unit="umol/L", date=day, specimen_id="X-7"),
    ]
    records.add_labs(store, person.id, panel)
    result = AntibodyCreate(analyte="parietal_cell_antibody", value="negative", date=day)
    records.add_antibodies(store, person.id, [result])
    labs = records.stored_person(store, person.id).labs
    assert labs == [
        LabResult(
            analyte="b12", value=45, comparator="<", unit="pmol/L", date=day, specimen_id="X-7"
        ),
        LabResult(analyte="hcy", value=31, unit="umol/L", date=day, specimen_id="X-7"),
        AntibodyResult(analyte="parietal_cell_antibody", value="negative", date=day),
    ]


@pytest.mark.parametrize(
    ("index", "lab", "field", "message"),
    [
        (5, {"analyte": "intrinsic_factor_antibody", "value": "weak"}, "value", "positive"),
        (5, {"analyte": "intrinsic_factor_antibody", "value": "positive"}, "date", "sample date"),
        (0, {"analyte": "b12", "value": "about 300", "unit": "pmol/L"}, "value", "number"),
        (0, {"analyte": "b12", "value": ">300", "comparator": "<", "unit": "pmol/L"}, "", "once"),
    ],
)
def test_what_cannot_be_stored_is_refused_naming_the_field(
    store: Store, index: int, lab: dict[str, Any], field: str, message: str
) -> None:
    labs = [dict(item) for item in PERSON_FILE["labs"]]
    labs[index] = {**lab, **({"date": "2026-10-01"} if field != "date" else {})}
    with pytest.raises(InputError, match=message) as caught:
        records.import_person(store, "REFUSED", {**PERSON_FILE, "labs": labs})
    assert caught.value.field is not None and caught.value.field.startswith(f"labs[{index}]")
    assert caught.value.field.endswith(field)
    assert records.list_persons(store, "REFUSED") == []


def test_a_stop_date_before_the_start_is_refused(store: Store) -> None:
    medications = [
        {"name": "cyanocobalamin", "start_date": "2026-01-02", "stop_date": "2025-01-01"}
    ]
    with pytest.raises(InputError, match="before start_date") as caught:
        records.import_person(store, "REFUSED", {**PERSON_FILE, "medications": medications})
    assert caught.value.field is not None and caught.value.field.startswith("medications[0]")


OLD_ROWS = """
INSERT INTO persons (id, label, age, sex, pregnant, breastfeeding, conditions, symptoms,
  medications, created_at, updated_at)
VALUES (1, 'OLD-3', 70, 'female', false, false, '[]', '[]',
  '[{"name": "hydroxocobalamin", "start_date": "2022-05-01"}]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
INSERT INTO lab_results (person_id, analyte, date, value, unit, canonical_value, canonical_unit,
  created_at) VALUES (1, 'b12', '2026-10-20', 200, 'pmol/L', 200, 'pmol/L', CURRENT_TIMESTAMP)
"""


def test_upgrade_from_0003_keeps_records_and_downgrade_is_safe(store: Store) -> None:
    config = alembic_config(store)
    command.downgrade(config, "0003")
    assert "antibody_results" not in inspect(store.engine).get_table_names()
    with store.engine.begin() as connection:
        for statement in OLD_ROWS.split(";"):
            connection.execute(text(statement))
        if store.engine.dialect.name == "postgresql":  # ids were given: move the sequence on
            connection.execute(text("SELECT setval('persons_id_seq', 1)"))
    upgrade(store)
    assert current_revision(store) == REVISION
    (old,) = records.list_persons(store, "OLD-3")
    (lab,) = records.list_labs(store, old.id)
    assert (lab.comparator, lab.specimen_id) == (None, None)
    (medicine,) = records.stored_person(store, old.id).medications
    assert (medicine.route, medicine.stop_date) == (None, None)  # unknown route, still taken
    assert records.assess_stored(store, old.id).result["status"]
    # A censored result cannot go back to a schema without comparators.
    high = LabCreate(analyte="b12", value=">1476", unit="pmol/L", date=dt.date(2026, 11, 1))
    (censored,) = records.add_labs(store, old.id, [high])
    records.add_antibodies(
        store,
        old.id,
        [AntibodyCreate(analyte="intrinsic_factor_antibody", value="negative", date=lab.date)],
    )
    with pytest.raises(RuntimeError, match="censored"):
        command.downgrade(config, "0003")
    assert current_revision(store) == REVISION  # rolled back, nothing lost
    assert len(records.list_antibodies(store, old.id)) == 1
    records.delete_lab(store, old.id, censored.id)
    command.downgrade(config, "0003")
    upgrade(store)
    assert [x.value for x in records.list_labs(store, old.id)] == [200]  # no child row lost
    assert records.list_antibodies(store, old.id) == []


def test_a_fhir_bundle_with_censored_values_specimens_antibodies_and_routes_round_trips(
    store: Store,
) -> None:
    from b12.fhir.reader import read_bundle
    from tests.fhir.test_reader_person_file import the_bundle

    person = read_bundle(the_bundle()).person
    imported = records.import_person(store, "FHIR-JUDG", the_bundle())
    assert imported.format == "fhir" and any(n.resource == "Specimen/s1" for n in imported.unused)
    again = records.stored_person(store, imported.id)
    assert again.lab_results == person.lab_results
    assert again.antibody_results == person.antibody_results
    assert again.medications == person.medications
