"""Issue 17 item 7: `b12 assess` in the terminal is brief by default, in plain words, and never hides
an evidence level.

Every example is rendered on a wide console (one line per item) and checked: each plan item, the
judgment and each key number that rests on a `secondary` or `unverified` rule carries that word;
no internal name (snake_case field or enum names, evidence.md pointers) reaches the reader, in the
brief view or the full one; the rules table appears only with --verbose/--rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console

from b12.cli.main import main
from b12.core.assessment import Assessment
from b12.reports.plain_words import plain, weakest_evidence
from b12.reports.terminal import assessment_report
from b12.services.assess import assess_file
from tests.conftest import PERSON_EXAMPLES as EXAMPLES
from tests.conftest import REPO

INTERNAL = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b|evidence\.md|51 plus")


def _render(assessment: Assessment, *, verbose: bool) -> str:
    console = Console(width=2000, color_system=None)
    with console.capture() as captured:
        console.print(assessment_report(assessment, verbose=verbose))
    return captured.get()


def _line_with(text: str, *parts: str) -> str:
    found = [line for line in text.splitlines() if all(part in line for part in parts)]
    assert len(found) == 1, (parts, found)
    return found[0]


def _marked(line: str, rule_ids: tuple[str, ...]) -> None:
    level = weakest_evidence(rule_ids)
    for word in ("secondary", "unverified"):
        assert (f"({word})" in line) == (word == level), (line, rule_ids)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_brief_view_marks_every_item_resting_on_weaker_evidence(example: Path) -> None:
    assessment = assess_file(example)
    brief = _render(assessment, verbose=False)
    judgment = assessment.status.judgment
    _marked(_line_with(brief, judgment.headline), judgment.rules)
    for reason in judgment.urgency_reasons:
        _marked(_line_with(brief, reason.message), reason.rules)
    for reading in assessment.status.readings:
        shown = reading.printed or f"{reading.value:.3g} {reading.unit}"
        line = _line_with(brief, f"{plain(reading.analyte.value)} {shown}", f"({reading.scheme})")
        _marked(line, (reading.rule,))
    if assessment.plan is not None:
        for number, item in enumerate(assessment.plan.items, start=1):
            line = _line_with(brief, f"{number}. {item.category.value}: {item.text}")
            _marked(line, item.rules)
    assert f"Urgency: {judgment.urgency.value}" in brief
    assert "not a diagnosis" in brief and "Rules and sources" not in brief


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_no_internal_names_reach_the_reader(example: Path) -> None:
    assessment = assess_file(example)
    for verbose in (False, True):
        shown = _render(assessment, verbose=verbose)
        assert INTERNAL.findall(shown) == [], (verbose, INTERNAL.findall(shown))


def test_verbose_and_rules_show_the_full_report(capsys: pytest.CaptureFixture[str]) -> None:
    example = str(REPO / "examples" / "metformin-74y-borderline.json")
    assert main(["assess", example]) == 0
    brief = capsys.readouterr().out
    for flag in ("--verbose", "--rules", "-v"):
        assert main(["assess", example, flag]) == 0
        full = capsys.readouterr().out
        assert "Rules and sources" in full and "Marker readings" in full
        assert len(full.splitlines()) > 2 * len(brief.splitlines())
