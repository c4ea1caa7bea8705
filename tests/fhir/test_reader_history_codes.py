"""Issue 15, round 2: operations and dialysis from coded Procedures (and text), the weeks of pregnancy
from an Observation, ferritin and TSH through a site's local code mapping."""

from __future__ import annotations

import datetime as dt
from typing import Any

from b12.core.history import DialysisModality, Procedure
from b12.core.plan import prophylaxis
from b12.fhir.reader import read_bundle
from b12.services.inputs import load_code_table
from b12.units import Analyte
from tests.fhir.bundles import FHIR_EXAMPLES, LOINC, SNOMED, bundle, observation, patient

B12 = observation("o1", "14685-2", 450, "pmol/L")


def procedure(
    pid: str, code: dict[str, Any], performed: str | None, **extra: Any
) -> dict[str, Any]:
    res = {
        "resourceType": "Procedure",
        "id": pid,
        "status": "completed",
        "subject": {"reference": "Patient/p1"},
        "code": code,
        **extra,
    }
    if performed is not None:
        res["performedDateTime"] = performed
    return res


def sct(code: str) -> dict[str, Any]:
    return {"coding": [{"system": SNOMED, "code": code}]}


def test_coded_operations_become_surgery_with_their_date() -> None:
    imported = read_bundle(
        bundle(
            patient(),
            procedure("g", sct("26452005"), "2019-03-01"),
            procedure("s", sct("432102001"), None, performedPeriod={"start": "2021-06-02"}),
            B12,
        )
    )
    person = imported.person
    assert [(s.procedure, s.date) for s in person.surgery] == [
        (Procedure.TOTAL_GASTRECTOMY, dt.date(2019, 3, 1)),
        (Procedure.SLEEVE_GASTRECTOMY, dt.date(2021, 6, 2)),
    ]
    assert person.conditions == []  # read as surgery, not as an unmapped condition code
    assert prophylaxis.lifelong_cause(person) == "total gastrectomy"
    # the sleeve code is from one source: used, and flagged
    flagged = [(n.resource, n.kind) for n in imported.notes]
    assert flagged == [("Procedure/s", "unverified_code")]


def test_text_names_the_operation_and_its_extent() -> None:
    person = read_bundle(
        bundle(
            patient(),
            procedure("b", {"text": "Laparoscopic Roux-en-Y gastric bypass"}, "2018-01-10"),
            procedure("i", {"text": "Total ileal resection"}, "2015-05-05"),
            procedure("x", {"text": "Gastrectomy"}, "2014-02-02"),  # extent not written
            B12,
        )
    ).person
    assert {(s.procedure, s.extent, s.date) for s in person.surgery} == {
        (Procedure.ROUX_EN_Y_GASTRIC_BYPASS, None, dt.date(2018, 1, 10)),
        (Procedure.ILEAL_RESECTION, "total", dt.date(2015, 5, 5)),
    }
    # the text stays a condition as before, so its date is also a condition date
    assert "Gastrectomy" in person.conditions
    assert {d.condition for d in person.condition_dates} >= {"Gastrectomy"}


def test_an_unknown_code_is_reported_and_its_text_not_guessed() -> None:
    coded = procedure(
        "u",
        {"coding": [{"system": "urn:example:opcs", "code": "G28"}], "text": "Sleeve gastrectomy"},
        "2020-01-01",
    )
    imported = read_bundle(bundle(patient(), coded, B12))
    assert imported.person.surgery == []
    assert [(n.resource, n.kind) for n in imported.notes] == [("Procedure/u", "unmapped")]


def test_haemodialysis_sessions_start_at_the_first() -> None:
    person = read_bundle(
        bundle(
            patient(),
            procedure("d2", sct("302497006"), "2024-03-04"),
            procedure("d1", sct("302497006"), "2023-11-20"),
            B12,
        )
    ).person
    assert person.dialysis is not None
    assert (person.dialysis.modality, person.dialysis.since) == (
        DialysisModality.HAEMODIALYSIS,
        dt.date(2023, 11, 20),
    )
    assert person.conditions == []


def test_dialysis_from_condition_text_unless_it_has_ended() -> None:
    esrd = {
        "resourceType": "Condition",
        "id": "k",
        "subject": {"reference": "Patient/p1"},
        "code": {"text": "End-stage renal disease on peritoneal dialysis"},
        "onsetDateTime": "2022-02-01",
    }
    person = read_bundle(bundle(patient(), esrd, B12)).person
    assert person.dialysis is not None
    assert (person.dialysis.modality, person.dialysis.since) == (
        DialysisModality.PERITONEAL,
        dt.date(2022, 2, 1),
    )
    esrd["clinicalStatus"] = {
        "coding": [
            {
                "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                "code": "resolved",
            }
        ]
    }
    assert read_bundle(bundle(patient(), esrd, B12)).person.dialysis is None


def test_two_modalities_are_reported_not_chosen() -> None:
    imported = read_bundle(
        bundle(
            patient(),
            procedure("h", sct("302497006"), "2023-01-01"),
            procedure("p", sct("71192002"), "2024-01-01"),
            B12,
        )
    )
    assert imported.person.dialysis is None
    assert any("both haemodialysis and peritoneal" in n.detail for n in imported.notes)


def _pregnant_woman() -> list[dict[str, Any]]:
    pregnancy = {
        "resourceType": "Condition",
        "id": "preg",
        "subject": {"reference": "Patient/p1"},
        "code": sct("77386006"),
    }
    return [patient(gender="female", birth="1995-04-01"), pregnancy]


def test_gestational_age_in_weeks_or_days_latest_wins() -> None:
    early = observation("ga1", "11884-4", 70, "d", date="2026-08-01")
    later = observation("ga2", "11884-4", 22.5, "wk", date="2026-10-01")
    imported = read_bundle(bundle(*_pregnant_woman(), later, early, B12))
    assert imported.person.pregnant
    assert imported.person.gestational_age_weeks == 22.5
    assert {n.kind for n in imported.notes} == {"unverified_code"}  # not in evidence.md §7
    only_early = read_bundle(bundle(*_pregnant_woman(), early, B12)).person
    assert only_early.gestational_age_weeks == 10.0


def test_gestational_age_without_pregnancy_or_in_months_is_not_used() -> None:
    weeks = observation("ga", "11884-4", 20, "wk")
    imported = read_bundle(bundle(patient(gender="female", birth="1995-04-01"), weeks, B12))
    assert imported.person.gestational_age_weeks is None
    assert ("Observation/ga", "skipped") in {(n.resource, n.kind) for n in imported.notes}
    months = observation("gm", "11884-4", 5, "mo")
    imported = read_bundle(bundle(*_pregnant_woman(), months, B12))
    assert imported.person.gestational_age_weeks is None
    assert ("Observation/gm", "unmapped") in {(n.resource, n.kind) for n in imported.notes}


def test_ferritin_and_tsh_are_read_through_the_local_mapping() -> None:
    ferritin = observation("f", "2276-4", 12, "ug/L")
    tsh = observation("t", "3016-3", 6.1, "mIU/L")
    plain = read_bundle(bundle(patient(), ferritin, tsh, B12))
    assert {n.resource for n in plain.notes} == {"Observation/f", "Observation/t"}  # not in §7
    table = load_code_table(FHIR_EXAMPLES / "local-codes.yaml")
    assert table.local_labs[(LOINC, "2276-4")] is Analyte.FERRITIN
    mapped = read_bundle(bundle(patient(), ferritin, tsh, B12), codes=table)
    assert {(lab.analyte, lab.value) for lab in mapped.person.lab_results} >= {
        (Analyte.FERRITIN, 12),
        (Analyte.TSH, 6.1),
    }


def test_a_planned_operation_is_not_read_as_done() -> None:
    planned = procedure("p", sct("26452005"), None, status="preparation")
    imported = read_bundle(bundle(patient(), planned, B12))
    assert imported.person.surgery == []
    assert [(n.resource, n.detail) for n in imported.notes] == [
        ("Procedure/p", "status preparation")
    ]


def test_an_ended_condition_without_a_date_is_reported() -> None:
    resolved = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                            "code": "resolved"}]}  # fmt: skip
    gastritis = {
        "resourceType": "Condition",
        "id": "g",
        "subject": {"reference": "Patient/p1"},
        "code": {"text": "H. pylori gastritis"},
        "clinicalStatus": resolved,
    }
    imported = read_bundle(bundle(patient(), gastritis, B12))
    assert imported.person.conditions == ["H. pylori gastritis"]
    assert [(n.resource, n.kind) for n in imported.notes] == [("Condition/g", "unmapped")]
    gastritis["abatementPeriod"] = {"start": "2020-02-01"}
    imported = read_bundle(bundle(patient(), gastritis, B12))
    assert imported.notes == ()
    assert imported.person.condition_dates[0].resolved_on == dt.date(2020, 2, 1)
