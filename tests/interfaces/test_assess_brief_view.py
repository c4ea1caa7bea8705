"""Issue 17 item 7: `b12 assess` in the terminal is brief by default, in plain words, and never hides
an evidence level.

Every example is rendered on a wide console (one line per item) and checked: each plan item, the
judgment and each key number that rests on a `secondary` or `unverified` rule carries that word;
no internal name (snake_case field or enum names, evidence.md pointers) reaches the reader, in the
brief view or the full one; the rules table appears only with --verbose/--rules.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from b12.cli.main import main
from b12.core.assessment import Assessment
from b12.reports.plain_words import plain, weakest_evidence
from b12.reports.terminal import assessment_report
from b12.services.assess import assess_file, assess_input
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
    assessed = assess_input(example)
    for verbose in (False, True):
        shown = _render(assessed.assessment, verbose=verbose)
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


DIARY_EXAMPLE = REPO / "examples" / "low-b12-despite-diary-intake.yaml"


def test_the_food_record_against_its_targets_says_what_the_json_says(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["assess", str(DIARY_EXAMPLE), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    eaten = document["intake"]  # the plan's own estimate
    assert any("provides enough B12" in item["text"] for item in document["plan"]["items"])
    assessed = assess_input(DIARY_EXAMPLE)
    compared = assessed.assessment.intake_vs_target
    assert compared is not None
    # one computation: the terminal lines below and the JSON read the same field
    assert document["intake_vs_target"] == compared.model_dump(mode="json")
    assert (compared.eaten_ug_per_day, compared.absorbed_ug_per_day) == (
        eaten["ug_per_day"],
        eaten["absorbed_ug_per_day"],
    )
    assert compared.level.value == "meets_rda"  # as the plan's "provides enough B12" says
    assert compared.absorbed_target_ug_per_day == compared.reference.rda_ug_per_day * 0.5
    target = compared.protein_target
    assert target is not None
    for verbose in (False, True):
        shown = _render(assessed.assessment, verbose=verbose)
        b12 = _line_with(shown, "B12 from the food record")
        # the one verdict of b12.core.diet.verdict, word for word as `b12 intake` gives it
        assert f"B12 from the food record: {compared.verdict}" in b12
        assert (
            f"{eaten['ug_per_day']:.1f} µg/day eaten (at or above the 2.4 µg RDA), "
            f"{eaten['absorbed_ug_per_day']:.2f} µg/day absorbed (at or above 1.20 µg, the "
            "absorbed equivalent of the RDA): meets the recommended amount (RDA)"
        ) in b12
        _marked(b12, ("requirements.iom-1998", "absorption.food-50-percent"))
        protein = _line_with(shown, "Protein from the food record")
        assert f"{compared.protein_g_per_day:.0f} g/day" in protein
        assert f"{target.low_g_kg_day:g}-{target.high_g_kg_day:g} g per kg" in protein
        assert "no weight recorded" in protein  # the example has no weight: no grams invented
        _marked(protein, target.rules)


def _diary_person(tmp_path: Path, old: str, new: str) -> Path:
    """The diary example with one line changed, its diary read from examples/."""
    person = DIARY_EXAMPLE.read_text(encoding="utf-8").replace(old, new)
    person = person.replace("diaries/", f"{REPO / 'examples' / 'diaries'}/")
    path = tmp_path / "person.yaml"
    path.write_text(person, encoding="utf-8")
    return path


def test_the_protein_target_in_grams_when_the_weight_is_known(tmp_path: Path) -> None:
    assessed = assess_input(
        _diary_person(tmp_path, "diet: vegan", "diet: vegan\nmuscle: {weight_kg: 60}")
    )
    compared = assessed.assessment.intake_vs_target
    assert compared is not None and compared.protein_target is not None
    line = _line_with(_render(assessed.assessment, verbose=False), "Protein")
    assert "1-1.2 g per kg of body weight a day = 60-72 g/day: below the target" in line
    assert any(
        "(about 60-72 g a day, counted on your weight of 60 kg)" in i.text
        for i in assessed.assessment.plan.items
    )


def test_no_protein_target_where_the_plan_gives_no_protein_advice(tmp_path: Path) -> None:
    assessed = assess_input(_diary_person(tmp_path, "age: 68", "age: 30"))  # under PROT-AGE's 65
    assert assessed.assessment.plan is not None
    assert all(i.category.value != "protein" for i in assessed.assessment.plan.items)
    line = _line_with(_render(assessed.assessment, verbose=False), "Protein")
    assert "Protein from the food record: 9 g/day (the plan sets no protein target)" in line


def test_without_a_diary_there_is_no_food_record_line(capsys: pytest.CaptureFixture[str]) -> None:
    example = REPO / "examples" / "metformin-74y-borderline.json"
    assessed = assess_input(example)
    assert assessed.assessment.intake_vs_target is None
    for verbose in (False, True):
        assert "food record" not in _render(assessed.assessment, verbose=verbose)
    assert main(["assess", str(example), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["intake"] is None and document["intake_vs_target"] is None
