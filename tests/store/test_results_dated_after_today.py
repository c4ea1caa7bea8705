"""A stored result dated after today cannot have been taken yet (red team round 16, D3, vignettes
31 and 37; rule status.judgment.rules.results-after-assessment-date), on SQLite and PostgreSQL.

The store's assessment date is the visit date or the latest lab date up to today, whichever is
later: a lab dated after today (a date typo) never moves it on, so nothing reads that lab and the
judgment lists it as not read, as ``b12 assess`` does on the same file. Muscle measurements dated
after the assessment date are not read either, and the muscle result says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from b12.data.store import Store
from b12.data.store.schemas import MeasurementCreate
from b12.services import clock, measurements, records
from tests.fixtures.server import TEST_TODAY

# /tmp/red16/31-future-dated-lab.yaml (red team round 16): the 450 dated 2027-11-01 is a typo
# for 2026; the real current result is 210 pmol/L (NICE NG239: indeterminate, 180-350 ng/L).
VIGNETTE_31: dict[str, Any] = {
    "age": 60,
    "sex": "female",
    "diet": "omnivore",
    "symptoms": ["tiredness"],
    "labs": [
        {"analyte": "b12", "value": 210, "unit": "pmol/L", "date": "2026-11-01"},
        {"analyte": "b12", "value": 450, "unit": "pmol/L", "date": "2027-11-01"},
    ],
    "assessed_on": "2026-12-01",
}
NOT_READ = "cannot have been taken yet"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda settings=None: TEST_TODAY)  # 2026-12-05


def _judgment(store: Store, person_id: int) -> dict[str, Any]:
    judgment: dict[str, Any] = records.assess_stored(store, person_id).result["status"]["judgment"]
    return judgment


def test_a_lab_dated_after_today_never_moves_the_visit_date_nor_decides(store: Store) -> None:
    imported = records.import_person(store, "RT16-31", VIGNETTE_31)
    assert records.stored_person(store, imported.id).assessed_on == dt.date(2026, 12, 1)
    judgment = _judgment(store, imported.id)
    # NICE NG239: an indeterminate result with symptoms goes on to MMA; never "unlikely" from the
    # result that cannot have been taken yet.
    assert judgment["level"] == "indeterminate"
    assert "unlikely" not in judgment["headline"]
    assert "mma" in [t["test"] for t in judgment["next_tests"]]
    used = {(r["printed"], r["date"]): (r["used"], r["why"]) for r in judgment["results"]}
    assert used[("210 pmol/L", "2026-11-01")][0] is True
    later_used, why = used[("450 pmol/L", "2027-11-01")]
    assert later_used is False and NOT_READ in why
    advice = " ".join(a["message"] for a in judgment["advice"])
    assert "2027-11-01" in advice and "check the dates" in advice
    assert "as of 2027" not in advice  # the assessment never moves to the typo's date


def test_the_stored_judgment_is_the_files(store: Store) -> None:
    """The store reads the vignette as `b12 assess` does (one judgment for every interface)."""
    from b12.services.assess import assess_person
    from b12.services.inputs import parse_input

    imported = records.import_person(store, "RT16-31-FILE", VIGNETTE_31)
    stored = _judgment(store, imported.id)
    person = parse_input(VIGNETTE_31, as_of=TEST_TODAY).person
    direct = assess_person(person).status.judgment
    assert (stored["level"], stored["urgency"], stored["headline"]) == (
        direct.level.value,
        direct.urgency.value,
        direct.headline,
    )


def _muscle(store: Store, person_id: int) -> dict[str, Any]:
    muscle: dict[str, Any] = records.assess_stored(store, person_id).result["muscle"]
    return muscle


def test_muscle_measured_after_the_assessment_date_is_not_read(store: Store) -> None:
    data = {**VIGNETTE_31, "muscle": {"grip_strength_kg": 10, "measured_on": "2027-11-01"}}
    imported = records.import_person(store, "RT16-31-MUSCLE", data)
    muscle = _muscle(store, imported.id)
    assert muscle["stage"] == "insufficient_data"
    assert muscle["low_strength"] is None  # the weak grip of 2027 is not read
    (later,) = [f for f in muscle["findings"] if f["code"] == "muscle_measured_later"]
    assert "not read" in later["message"] and "check the dates" in later["message"]
    assert later["rules"] == ["status.judgment.rules.results-after-assessment-date"]
    plan = records.assess_stored(store, imported.id).result["plan"]
    assert "muscle.check_dates" in [i["id"] for i in plan["items"]]


def test_a_later_measurement_never_stands_in_for_one_taken_by_then(store: Store) -> None:
    imported = records.import_person(store, "RT16-31-GRIP", VIGNETTE_31)
    grip = {"kind": "grip_strength", "unit": "kg"}
    measurements.add_measurements(
        store,
        imported.id,
        [
            MeasurementCreate.model_validate({**grip, "value": 30, "date": "2026-11-01"}),
            MeasurementCreate.model_validate({**grip, "value": 10, "date": "2027-11-01"}),
        ],
    )
    muscle = records.stored_person(store, imported.id).muscle
    assert muscle is not None
    assert (muscle.grip_strength_kg, muscle.measured_on) == (30, dt.date(2026, 11, 1))
    assert _muscle(store, imported.id)["low_strength"] is False  # 30 kg: not low (EWGSOP2 < 16)
