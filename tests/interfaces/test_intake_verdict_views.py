"""One intake verdict in every view (red-team C3-C5): `b12 intake` (table and --json), `b12 assess`
(brief, verbose, --json) and the HTML report give the same words for the same person file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from b12.cli.main import main
from b12.reports.json_report import assessment_document
from b12.reports.report import build_report, render_html
from b12.services.assess import assess_input

LABS = [{"analyte": "b12", "value": 400, "unit": "pmol/L", "date": "2026-11-02"}]
PERSONS = {
    # C3: eaten below the RDA, absorbed above its equivalent (fortified cereal)
    "fortified": {"age": 40, "diary": {"entries": [
        {"date": "2026-11-01", "meal": "breakfast", "amount": "39 g",
         "food": "Cereals ready-to-eat, GENERAL MILLS, Rice CHEX"}]}},
    # C3: 500 µg once a week: 71 µg/day taken, 1.0 µg/day absorbed
    "weekly": {"age": 40, "diet": "vegan", "diary": {
        "entries": [{"date": "2026-11-01", "meal": "lunch", "amount": "100 g",
                     "food": "Tofu, raw, firm, prepared with calcium sulfate"}],
        "supplements": [{"supplement": "B12 500", "ug_per_dose": 500, "doses_per_week": 1}]}},
    # C4: food-bound only, 70 and on omeprazole
    "ppi": {"age": 70, "medications": [{"name": "omeprazole", "start_date": "2020-01-01"}],
            "diary": {"entries": [{"date": "2026-11-01", "meal": "dinner", "food": "ndb:15157",
                                   "amount": "200 g"}]}},
    # C5: an unmatched row
    "water": {"age": 80, "diary": {"entries": [{"date": "2026-11-01", "meal": "breakfast",
                                                "food": "water", "amount": "250 ml"}]}},
}  # fmt: skip


def _flat(text: str) -> str:
    """Terminal text without box borders and line breaks, one space between words."""
    return " ".join(re.sub(r"[│╭╮╰╯─•]", " ", text).split())


@pytest.fixture(params=sorted(PERSONS))
def person(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / f"{request.param}.yaml"
    doc: dict[str, Any] = {"sex": "female", "labs": LABS, **PERSONS[request.param]}
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def test_every_view_gives_the_same_verdict(
    person: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["intake", "--person", str(person), "--json"]) == 0
    verdict = json.loads(capsys.readouterr().out)["verdict"]
    assert main(["assess", str(person), "--json"]) == 0
    compared = json.loads(capsys.readouterr().out)["intake_vs_target"]
    assert (compared["level"], compared["verdict"]) == (verdict["level"], verdict["text"])
    line = f"B12 from the food record: {verdict['text']}"
    assert main(["intake", "--person", str(person)]) == 0
    assert line in _flat(capsys.readouterr().out)
    for verbose in ([], ["--verbose"]):
        assert main(["assess", str(person), *verbose]) == 0
        assert line in _flat(capsys.readouterr().out)
    document = assessment_document(assess_input(person).assessment)
    page = render_html(build_report(document, subject="test"))
    assert line in " ".join(page.split())


def test_the_views_of_a_ppi_user_over_50_never_say_meets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ppi.yaml"
    path.write_text(yaml.safe_dump({"sex": "female", "labs": LABS, **PERSONS["ppi"]}), "utf-8")
    assert main(["intake", "--person", str(path)]) == 0
    shown = _flat(capsys.readouterr().out)
    assert "meets the" not in shown
    assert "over 50 and on omeprazole (proton pump inhibitor): most B12 should come from" in shown


@pytest.mark.parametrize(
    ("supplement", "words"),
    [
        ({"ug_per_dose": 1e12, "doses_per_day": 1}, "1e+12 µg is outside b12's data-quality"),
        ({"ug_per_dose": "1 mg", "doses_per_day": 1}, "give the µg per dose as a number"),
    ],
)
def test_an_implausible_dose_is_a_short_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], supplement: dict[str, Any], words: str
) -> None:
    path = tmp_path / "x.yaml"
    diary = {"supplements": [{"supplement": "x", **supplement}]}
    path.write_text(yaml.safe_dump({"age": 70, "sex": "male", "diary": diary}), "utf-8")
    for command in (["intake", "--person", str(path)], ["assess", str(path)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "x.yaml: diary: supplements[0].ug_per_dose:" in err and words in err
        assert "Traceback" not in err
