"""Issue 15: Condition.onset/abatement and Procedure.performed become the person's condition dates;
an operation named by a Procedure's text is read as that operation."""

from __future__ import annotations

import datetime as dt

from b12.core.plan import prophylaxis
from b12.fhir.reader import read_bundle
from tests.fhir.bundles import bundle, observation, patient


def test_condition_and_procedure_dates_are_kept() -> None:
    ckd = {
        "resourceType": "Condition",
        "id": "c1",
        "subject": {"reference": "Patient/p1"},
        "code": {"text": "CKD stage 4"},
        "onsetDateTime": "2020-05-01",
    }
    surgery = {
        "resourceType": "Procedure",
        "id": "pr1",
        "status": "completed",
        "subject": {"reference": "Patient/p1"},
        "code": {"text": "Total gastrectomy"},
        "performedDateTime": "2019-03-01",
    }
    person = read_bundle(
        bundle(patient(), ckd, surgery, observation("o1", "14685-2", 450, "pmol/L"))
    ).person
    dates = {d.condition: d.onset for d in person.condition_dates}
    assert dates == {"CKD stage 4": dt.date(2020, 5, 1), "Total gastrectomy": dt.date(2019, 3, 1)}
    assert prophylaxis.lifelong_cause(person) == "total gastrectomy"


def test_an_abated_condition_keeps_its_end_date() -> None:
    resolved = {
        "resourceType": "Condition",
        "id": "c2",
        "subject": {"reference": "Patient/p1"},
        "code": {"text": "HIV infection"},
        "onsetDateTime": "2010-01-01",
        "abatementDateTime": "2011-01-01",
    }
    person = read_bundle(bundle(patient(), resolved)).person
    (dates,) = person.condition_dates
    assert (dates.onset, dates.resolved_on) == (dt.date(2010, 1, 1), dt.date(2011, 1, 1))
