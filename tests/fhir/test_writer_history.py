"""Issue 15: the person's operations, dialysis and condition dates go out as Procedure and Condition
resources, and read back (person -> Bundle -> person) into the same fields."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from b12.cli.main import main
from b12.core.history import ConditionDates, Dialysis, Surgery
from b12.core.person import LabResult, Person
from b12.fhir.history_out import history_resources
from b12.fhir.reader import read_bundle
from b12.fhir.writer import assessment_bundle
from b12.services.assess import assess_person
from b12.units import Analyte
from tests.fhir.bundles import bundle, patient

SUBJECT = {"reference": "Patient/p1"}


def _person(**history: Any) -> Person:
    return Person(
        age=74.0,
        sex="female",
        labs=[LabResult(analyte=Analyte.B12, value=180, unit="pmol/L", date=dt.date(2026, 11, 2))],
        **history,
    )


def _read_back(person: Person) -> Person:
    resources = history_resources(person, SUBJECT)
    born = patient(gender="female", birth="1952-06-15")
    return read_bundle(bundle(born, *resources), as_of=dt.date(2026, 11, 2)).person


def test_surgery_dialysis_and_condition_dates_round_trip() -> None:
    person = _person(
        surgery=[
            Surgery(procedure="total_gastrectomy", date=dt.date(2019, 3, 1)),
            Surgery(procedure="sleeve_gastrectomy", date=dt.date(2021, 6, 2)),
            Surgery(procedure="ileal_resection", extent="total"),
            Surgery(procedure="gastric_banding", date=dt.date(2010, 1, 5)),
        ],
        dialysis=Dialysis(modality="peritoneal", since=dt.date(2023, 11, 20)),
        conditions=["CKD stage 5", "HIV infection", "type 2 diabetes"],
        condition_dates=[
            ConditionDates(condition="CKD stage 5", onset=dt.date(2020, 5, 1)),
            ConditionDates(
                condition="HIV infection",
                onset=dt.date(2010, 1, 1),
                resolved_on=dt.date(2011, 1, 1),
            ),
        ],
    )
    back = _read_back(person)
    assert sorted(back.surgery, key=str) == sorted(person.surgery, key=str)
    assert back.dialysis == person.dialysis
    assert back.conditions == person.conditions
    assert back.condition_dates == person.condition_dates


def test_status_and_codes_written() -> None:
    person = _person(
        surgery=[Surgery(procedure="total_gastrectomy", date=dt.date(2019, 3, 1))],
        dialysis=Dialysis(modality="haemodialysis"),
        conditions=["HIV infection"],
        condition_dates=[
            ConditionDates(condition="HIV infection", resolved_on=dt.date(2011, 1, 1))
        ],
    )
    gastrectomy, dialysis, hiv = history_resources(person, SUBJECT)
    codes = {c["code"] for c in gastrectomy["code"]["coding"]}
    assert codes == {"26452005", "surgery-total_gastrectomy"}  # verified SNOMED CT, and b12's own
    assert gastrectomy["performedDateTime"] == "2019-03-01"
    assert (dialysis["status"], dialysis["code"]["coding"][0]["code"]) == (
        "in-progress",
        "302497006",
    )
    assert "performedPeriod" not in dialysis  # no start known
    assert hiv["clinicalStatus"]["coding"][0]["code"] == "resolved"
    assert hiv["abatementDateTime"] == "2011-01-01"
    sleeve = history_resources(_person(surgery=[Surgery(procedure="sleeve_gastrectomy")]), SUBJECT)
    # the sleeve's SNOMED CT code is unverified (one source): read, never written
    assert [c["code"] for c in sleeve[0]["code"]["coding"]] == ["surgery-sleeve_gastrectomy"]


def test_pregnancy_goes_out_active_and_reads_back() -> None:
    back = _read_back(_person(pregnant=True))
    assert back.pregnant


def test_assessment_bundle_carries_the_history_when_asked() -> None:
    person = _person(dialysis=Dialysis(modality="haemodialysis", since=dt.date(2024, 1, 1)))
    assessment = assess_person(person)
    kinds = [e["resource"]["resourceType"] for e in assessment_bundle(assessment)["entry"]]
    assert "Procedure" not in kinds
    with_history = assessment_bundle(assessment, person=person)["entry"]
    (proc,) = [e["resource"] for e in with_history if e["resource"]["resourceType"] == "Procedure"]
    assert proc["subject"]["reference"] == with_history[0]["fullUrl"]  # the anonymous Patient


def test_cli_fhir_out_writes_a_person_files_history(tmp_path: Path) -> None:
    person_file = tmp_path / "person.json"
    person_file.write_text(
        json.dumps(
            {
                "age": 52,
                "sex": "female",
                "surgery": [{"procedure": "roux_en_y_gastric_bypass", "date": "2018-04-01"}],
                "labs": [{"analyte": "b12", "value": 150, "unit": "pmol/L"}],
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    assert main(["assess", str(person_file), "--fhir-out", str(out)]) == 0
    entries = json.loads(out.read_text(encoding="utf-8"))["entry"]
    (proc,) = [e["resource"] for e in entries if e["resource"]["resourceType"] == "Procedure"]
    assert proc["code"]["text"] == "Roux-en-Y gastric bypass"
    assert proc["performedDateTime"] == "2018-04-01"


def test_cli_fhir_out_does_not_copy_a_bundles_own_history(tmp_path: Path) -> None:
    procedure = {
        "resourceType": "Procedure",
        "id": "g",
        "status": "completed",
        "subject": {"reference": "Patient/p1"},
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "26452005"}]},
        "performedDateTime": "2019-03-01",
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(bundle(patient(), procedure)), encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["assess", str(path), "--fhir-out", str(out)]) == 0
    kinds = {e["resource"]["resourceType"] for e in json.loads(out.read_text())["entry"]}
    assert "Procedure" not in kinds
