"""Every interface shows the same judgment (issue 12): for each example in examples/, the JSON of
`b12 assess --json`, the FHIR Bundle and the CDS Hooks status card agree with `assess_person` on
level and urgency, and the card's indicator is CARD_INDICATOR[urgency]."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from b12.cds_hooks.cards import status_card
from b12.cli.main import main
from b12.core.status.judgment import CARD_INDICATOR, Level, Urgency
from b12.fhir.writer import assessment_bundle, read_assessment_bundle
from b12.services.assess import assess_input, assess_person
from b12.services.ehr import RecordReview
from b12.units import Analyte
from tests.conftest import EXAMPLES, PERSON_EXAMPLES

FHIR_EXAMPLES = sorted((EXAMPLES / "fhir").glob("*.bundle.json"))
ALL = [*PERSON_EXAMPLES, *FHIR_EXAMPLES]


def _review(path: Path) -> RecordReview:
    loaded = assess_input(path)
    person = loaded.input.person
    b12 = [lab for lab in person.lab_results if lab.analyte in (Analyte.B12, Analyte.HOLOTC)]
    return RecordReview(
        person=person,
        assessment=loaded.assessment,
        notes=(),
        as_of=dt.date(2026, 12, 1),
        risk_medicines=(),
        risk_conditions=(),
        last_b12_test=None,
        b12_results=len(b12),
    )


@pytest.mark.parametrize("example", ALL, ids=lambda p: p.name)
def test_json_fhir_and_cds_agree_with_assess_person(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded = assess_input(example)
    # The person file's food diary is part of the input (its B12 supplement is B12 taken), so the
    # judgment every interface must show is the one assessed with it.
    judgment = loaded.assessment.status.judgment
    assert judgment.level == assess_person(loaded.input.person).status.judgment.level
    expected = (judgment.level.value, judgment.urgency.value)

    assert main(["assess", str(example), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["status"]["judgment"]
    assert (shown["level"], shown["urgency"]) == expected
    assert (shown["headline"], shown["confidence"]) == (judgment.headline, judgment.confidence)

    summary = read_assessment_bundle(assessment_bundle(loaded.assessment))
    assert (summary.level, summary.urgency) == expected
    assert summary.risk_level == judgment.level.value
    assert summary.confidence == judgment.confidence.value

    review = _review(example)
    card = status_card(review, "p1", None)
    if card is None:  # only when there is nothing to say beyond "test" (the screening card's job)
        assert judgment.level is Level.CANNOT_JUDGE and judgment.urgency is Urgency.ROUTINE
        assert review.b12_results == 0
        return
    assert card.indicator == CARD_INDICATOR[judgment.urgency]
    assert card.summary == f"B12: {judgment.headline}"[:139] or card.summary.endswith("…")
    assert card.summary.startswith(f"B12: {judgment.headline}"[:100])
    assert len(card.summary) < 140
    ordered = [s.label for s in card.suggestions or []]
    assert len(ordered) == len(judgment.next_tests)
