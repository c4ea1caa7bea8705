"""A marker reading the judgment does not take at its word says why, in every view.

- A result taken before B12 treatment began is the baseline, not the state on treatment (red team
  round 16, note on file 08: the key numbers showed "total B12 90 pmol/L (2026-08-01): deficiency
  likely" beside "the response looks good", without saying it predates the injections).
- A reading a caveat makes unreliable carries the caveat (red team round 16b, F10: "total B12 320
  pmol/L: deficiency unlikely" beside the headline "indeterminate" for a man with pernicious
  anaemia, whose intrinsic-factor antibodies can give falsely normal B12 results: DECISIONS.md,
  "suspected pernicious anaemia with a normal B12 (assay interference by intrinsic-factor
  antibodies)")."""

from __future__ import annotations

import copy
import io
from typing import Any

from rich.console import Console

from b12.core.person import Person
from b12.core.status.judgment import Level, Response
from b12.reports.json_report import assessment_document
from b12.reports.report import build_report, render_html
from b12.reports.terminal import full_report
from b12.reports.terminal_brief import brief_report
from b12.services.assess import assess_person

F08: dict[str, Any] = {
    "age": 66,
    "sex": "female",
    "diet": "omnivore",
    "symptoms": ["tiredness", "breathlessness"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg three times a week for 2 weeks then every 3 months",
            "route": "intramuscular",
            "start_date": "2026-08-05",
        }
    ],
    "labs": [
        {"analyte": "b12", "value": 90, "unit": "pmol/L", "date": "2026-08-01"},
        {"analyte": "hemoglobin", "value": 95, "unit": "g/L", "date": "2026-08-01"},
        {"analyte": "hemoglobin", "value": 128, "unit": "g/L", "date": "2026-10-15"},
        {"analyte": "mcv", "value": 92, "unit": "fL", "date": "2026-10-15"},
        {"analyte": "mma", "value": 0.22, "unit": "umol/L", "date": "2026-10-15"},
        {"analyte": "hcy", "value": 11, "unit": "umol/L", "date": "2026-10-15"},
    ],
    "assessed_on": "2026-10-20",
}


def _text(renderable: Any) -> str:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_a_reading_from_before_treatment_says_so_in_every_view() -> None:
    a = assess_person(Person.model_validate(F08))
    assert a.status.judgment.level is Level.ON_TREATMENT
    assert a.status.judgment.response is Response.IMPROVING
    b12 = next(r for r in a.status.readings if r.analyte.value == "b12")
    assert b12.before_treatment
    assert "total B12 90 pmol/L (2026-08-01, before treatment): deficiency likely" in _text(
        brief_report(a)
    )
    assert "deficiency likely (before treatment)" in _text(full_report(a))
    document = assessment_document(a)
    assert document["status"]["readings"][0]["before_treatment"] is True
    html = render_html(build_report(document, subject="test"))
    assert "90 pmol/L (2026-08-01, before treatment)" in html


def test_without_treatment_no_reading_is_marked() -> None:
    untreated = copy.deepcopy(F08)
    untreated["medications"] = []
    a = assess_person(Person.model_validate(untreated))
    assert a.status.readings
    assert not any(r.before_treatment for r in a.status.readings)
    assert "before treatment" not in _text(brief_report(a))
    assert "before treatment" not in _text(full_report(a))


N22: dict[str, Any] = {
    "age": 58,
    "sex": "male",
    "diet": "omnivore",
    "conditions": ["pernicious anaemia"],
    "medications": [
        {
            "name": "hydroxocobalamin",
            "dose": "1 mg every 3 months",
            "route": "intramuscular",
            "start_date": "2018-01-10",
            "stop_date": "2026-06-01",
        }
    ],
    "labs": [{"analyte": "b12", "value": 320, "unit": "pmol/L", "date": "2026-11-20"}],
    "assessed_on": "2026-11-25",
}


def test_a_reading_a_caveat_makes_unreliable_carries_it_in_every_view() -> None:
    a = assess_person(Person.model_validate(N22))
    assert a.status.judgment.level is Level.INDETERMINATE
    b12 = next(r for r in a.status.readings if r.analyte.value == "b12")
    assert b12.category == "deficiency_unlikely"
    assert b12.unreliable is not None and "falsely normal" in b12.unreliable
    brief = " ".join(_text(brief_report(a)).split())
    assert "deficiency unlikely (NICE NG239); not reliable here: Pernicious anaemia" in brief
    assert "not reliable here: see the caveats" in " ".join(_text(full_report(a)).split())
    document = assessment_document(a)
    assert "falsely normal" in document["status"]["readings"][0]["unreliable"]
    html = render_html(build_report(document, subject="test"))
    assert "deficiency unlikely (not reliable here: Pernicious anaemia" in html


def test_without_a_caveat_a_reading_is_not_marked_unreliable() -> None:
    plain = {**N22, "conditions": [], "medications": []}
    a = assess_person(Person.model_validate(plain))
    assert all(r.unreliable is None for r in a.status.readings)
    assert "not reliable here" not in _text(brief_report(a))


def test_the_clinicians_report_writes_red_team_17s_readings_in_words() -> None:
    # Red team round 17: the pernicious-anaemia caveat beside an indeterminate result (D4) and the
    # homocysteine reading's category (note on 13), as the clinician's HTML report prints them.
    from tests.clinical.status.judgment.test_red_team_round17_judge import F05, F13, assess

    for person, unwanted in (
        (F05, "normal result delay treatment"),
        (F13, "raised folate unknown or low"),
    ):
        html = render_html(build_report(assessment_document(assess(person)), subject="test"))
        assert unwanted not in html
    html = render_html(build_report(assessment_document(assess(F13)), subject="test"))
    assert "folate is low or not measured" in html
