"""FHIR in: valid bundles, unknown codes (reported), wrong units, missing birthDate, malformed input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from b12.cli.main import main
from b12.codes import B12_SYSTEM, CodeTable
from b12.errors import InputError, UnitError
from b12.fhir.reader import read_bundle
from b12.services.assess import assess_input
from b12.units import Analyte
from tests.fhir.bundles import (
    FHIR_EXAMPLES,
    bundle,
    example,
    medication_request,
    observation,
    patient,
)


def test_metformin_example_reads_every_lab_by_loinc_code() -> None:
    imported = read_bundle(example("metformin-74y-borderline.bundle.json"))
    person = imported.person
    assert imported.as_of == dt.date(2026, 11, 2)  # the latest lab date
    assert int(person.age) == 74 and person.sex == "male"
    values = person.latest_values()
    assert values[Analyte.B12] == pytest.approx(265 * 0.738)  # ng/L -> pmol/L
    assert values[Analyte.MMA] == pytest.approx(0.42)
    assert values[Analyte.FOLATE] == pytest.approx(8.1 * 2.266)
    assert values[Analyte.CREATININE] == pytest.approx(0.95 * 88.4)
    assert [m.name for m in person.medications] == ["metformin"]
    assert person.medications[0].start_date == dt.date(2020, 3, 1)
    assert person.conditions == ["type 2 diabetes"]
    lab = person.latest(Analyte.B12)
    assert lab is not None and lab.reference_range is not None and lab.reference_range.low == 180


def test_unverified_codes_are_used_and_flagged() -> None:
    notes = read_bundle(example("metformin-74y-borderline.bundle.json")).notes
    flagged = {n.resource: n for n in notes if n.kind == "unverified_code"}
    assert "Observation/mma" in flagged  # LOINC 13964-2 is [P] in evidence.md §7
    assert all(n.kind == "unverified_code" for n in notes)


def test_unknown_codes_are_reported_not_dropped() -> None:
    imported = read_bundle(example("unknown-codes.bundle.json"))
    unmapped = {n.resource: n for n in imported.notes if n.kind == "unmapped"}
    assert set(unmapped) == {
        "Observation/glucose",
        "Observation/uncoded",
        "MedicationRequest/metformin-tablet",
        "Condition/hypertension",
        "Encounter/visit",
    }
    assert unmapped["Observation/glucose"].code == "http://loinc.org|2345-7"
    person = imported.person
    assert {lab.analyte for lab in person.labs} == {Analyte.B12, Analyte.HOLOTC}
    # a coded medicine matches by ATC; a condition with text only falls back to its text
    assert [m.name for m in person.medications] == ["omeprazole"]
    assert person.conditions == ["coeliac disease"]


def test_display_text_is_never_matched_when_a_code_is_present() -> None:
    obs = observation("x", "2345-7", 150, "pmol/L")
    obs["code"]["coding"][0]["display"] = "Cobalamin (Vitamin B12) [Moles/volume] in Serum"
    obs["code"]["text"] = "Vitamin B12"
    imported = read_bundle(bundle(patient(), obs))
    assert imported.person.labs == []
    assert imported.notes[0].kind == "unmapped"


def test_local_code_mapping_adds_a_site_code() -> None:
    obs = observation("h", "LOCAL-HTC", 45, "pmol/L")
    obs["code"]["coding"][0]["system"] = "urn:example:lab"
    table = CodeTable(local_labs={("urn:example:lab", "LOCAL-HTC"): Analyte.HOLOTC})
    person = read_bundle(bundle(patient(), obs), codes=table).person
    assert [lab.analyte for lab in person.labs] == [Analyte.HOLOTC]


def test_b12_code_system_reads_holotc() -> None:
    obs = observation("h", "holotc", 45, "pmol/L")
    obs["code"]["coding"][0]["system"] = B12_SYSTEM
    assert read_bundle(bundle(patient(), obs)).person.labs[0].analyte is Analyte.HOLOTC


def test_age_is_taken_at_the_assessment_date() -> None:
    data = bundle(
        patient(birth="1950-01-01"), observation("b", "14685-2", 300, "pmol/L", "2020-01-01")
    )
    assert read_bundle(data).person.age == pytest.approx(70.0, abs=0.01)
    assert read_bundle(data, as_of=dt.date(2025, 1, 1)).person.age == pytest.approx(75.0, abs=0.01)


def test_wrong_unit_names_the_resource_and_field() -> None:
    data = bundle(patient(), observation("b12-kg", "2132-9", 300, "kg"))
    with pytest.raises(UnitError, match=r"Observation/b12-kg\.valueQuantity: unknown unit 'kg'"):
        read_bundle(data)


def test_implausible_value_suggests_the_unit_mix_up() -> None:
    data = bundle(patient(), observation("b", "14685-2", 60000, "pmol/L"))
    with pytest.raises(UnitError, match=r"Observation/b\.valueQuantity: .*implausible"):
        read_bundle(data)


def test_missing_birth_date_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"Patient/p1\.birthDate: missing"):
        read_bundle(bundle(patient(birth=None)))


def test_unknown_gender_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"Patient/p1\.gender"):
        read_bundle(bundle(patient(gender="unknown")))


def test_no_patient_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no Patient"):
        read_bundle(bundle(observation("b", "14685-2", 300, "pmol/L")))


def test_not_a_bundle_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"resourceType: expected a FHIR Bundle, got 'Patient'"):
        read_bundle(patient())


def test_invalid_fhir_names_the_resource() -> None:
    obs = observation("b", "14685-2", 300, "pmol/L")
    del obs["status"]
    with pytest.raises(InputError, match=r"Observation/b\.status: invalid FHIR"):
        read_bundle(bundle(patient(), obs))


def test_entered_in_error_results_and_the_comparator_ad_are_skipped_and_reported() -> None:
    wrong = observation("w", "14685-2", 300, "pmol/L") | {"status": "entered-in-error"}
    total = observation("c", "14685-2", 50, "pmol/L")
    total["valueQuantity"]["comparator"] = "ad"  # "sufficient to achieve this total": not a result
    cancelled = medication_request("m", "6809", "2020-01-01", status="cancelled")
    imported = read_bundle(bundle(patient(), wrong, total, cancelled))
    assert {(n.resource, n.kind) for n in imported.notes} == {
        ("Observation/w", "skipped"),
        ("Observation/c", "skipped"),
        ("MedicationRequest/m", "skipped"),
    }
    assert imported.person.labs == []


def test_medication_reference_resolves_to_a_bundled_medication() -> None:
    med = {
        "resourceType": "Medication",
        "id": "met",
        "code": {"coding": [{"system": "http://www.whocc.no/atc", "code": "A10BA02"}]},
    }
    request = medication_request("r", "0", "2019-01-01")
    del request["medicationCodeableConcept"]
    request["medicationReference"] = {"reference": "Medication/met"}
    person = read_bundle(bundle(patient(), med, request)).person
    assert [m.name for m in person.medications] == ["metformin"]


def test_assess_detects_a_fhir_bundle(tmp_path: Path) -> None:
    assessed = assess_input(FHIR_EXAMPLES / "metformin-74y-borderline.bundle.json")
    assert assessed.input.format == "fhir" and assessed.input.subject == "Patient/example-74y"
    path = tmp_path / "bad.json"
    path.write_text('{"resourceType": "Bundle", "entry": [', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.json: not valid JSON"):
        assess_input(path)
    path.write_text(json.dumps(bundle(patient(birth=None))), encoding="utf-8")
    with pytest.raises(InputError, match="birthDate"):
        assess_input(path)


def test_cli_local_codes_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    obs = observation("h", "HOLOTC", 45, "pmol/L")
    obs["code"]["coding"][0]["system"] = "urn:example:lab-catalogue"
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle(patient(), obs)), encoding="utf-8")
    assert main(["assess", str(path), "--json"]) == 0
    unused = json.loads(capsys.readouterr().out)["fhir_import"]["unused"]
    assert [n["resource"] for n in unused] == ["Observation/h"]
    local = str(FHIR_EXAMPLES / "local-codes.yaml")
    assert main(["assess", str(path), "--json", "--local-codes", local]) == 0
    assert json.loads(capsys.readouterr().out)["fhir_import"]["unused"] == []
    bad = tmp_path / "codes.yaml"
    bad.write_text("labs: [{system: s, code: c, analyte: vitamin-z}]", encoding="utf-8")
    assert main(["assess", str(path), "--local-codes", str(bad)]) == 2
    assert "codes.yaml: labs[0].analyte" in capsys.readouterr().err


def test_resources_of_another_patient_are_skipped_and_reported() -> None:
    other = observation("o", "14685-2", 300, "pmol/L", pid="someone-else")
    own = observation("m", "14685-2", 250, "pmol/L")
    own["subject"]["reference"] = "https://ehr.example.org/fhir/Patient/p1"  # absolute reference
    imported = read_bundle(bundle(patient(), other, own))
    assert [lab.value for lab in imported.person.labs] == [250]
    assert [(n.resource, n.kind) for n in imported.notes] == [("Observation/o", "skipped")]


def test_an_entry_without_resource_does_not_shift_the_others() -> None:
    data = bundle(patient(), observation("b", "14685-2", 300, "pmol/L"))
    data["entry"].insert(0, {"fullUrl": "urn:uuid:0d4e7a4c-2f7b-4d0e-9a53-6d3a4c1b2e10"})
    assert read_bundle(data).person.labs[0].value == 300


def pregnancy(status: str = "active") -> dict[str, object]:
    return {
        "resourceType": "Condition",
        "id": "preg",
        "clinicalStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": status,
                }
            ]
        },
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "77386006"}]},
        "subject": {"reference": "Patient/p1"},
    }


def test_an_active_pregnancy_condition_sets_pregnant() -> None:
    woman = patient(gender="female", birth="1995-01-01")
    obs = observation("b", "14685-2", 150, "pmol/L")
    assert read_bundle(bundle(woman, obs, pregnancy())).person.pregnant
    ended = read_bundle(bundle(woman, obs, pregnancy("resolved")))
    assert not ended.person.pregnant and ended.notes[0].kind == "skipped"
    with pytest.raises(InputError, match="pregnancy"):
        read_bundle(bundle(patient(), obs, pregnancy()))


def test_the_same_person_as_fhir_and_as_a_person_file_reads_the_same() -> None:
    from_fhir = assess_input(FHIR_EXAMPLES / "metformin-74y-borderline.bundle.json").assessment
    native = assess_input(FHIR_EXAMPLES.parent / "metformin-74y-borderline.json").assessment
    fhir_judgment, native_judgment = from_fhir.status.judgment, native.status.judgment
    for field in ("level", "confidence", "urgency", "response", "headline"):
        assert getattr(fhir_judgment, field) == getattr(native_judgment, field)
    assert [(e.code, e.direction) for e in fhir_judgment.evidence] == [
        (e.code, e.direction) for e in native_judgment.evidence
    ]
    # the Bundle also carries the lab's reference range, which adds one reading
    assert set(native.status.readings) < set(from_fhir.status.readings)
    assert fhir_judgment.next_tests == native_judgment.next_tests
    assert [c.code for c in from_fhir.status.caveats] == [c.code for c in native.status.caveats]
