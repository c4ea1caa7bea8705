"""Red team round 15, vignette 34: `b12 intake` for a 10-year-old.

The red team agreed with the numbers (IOM 1998, evidence.md 4.1: 9-13 y "EAR 1.5, RDA 1.8 ug/day";
docs/intake.md: "b12 has no EFSA value for 1-14 years") and flagged the wording: the reference
line said "child 9 13" and "EFSA AI not available µg/day" (a unit after a missing value). The
line now names the IOM group as "child 9-13 years" and says "EFSA: no value for this age in b12".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from b12.cli.main import main
from b12.core.diet.requirements import LifeStage, reference_intake

# /tmp/red15/34-intake-child-10.yaml and the diary of 33, as the red team wrote them.
PERSON = """\
age: 10
sex: male
diet: vegan
"""
DIARY = """\
supplement,ug_per_dose,doses_per_day
cyanocobalamin 10 ug,10,1
"""


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    person, diary = tmp_path / "34-intake-child-10.yaml", tmp_path / "diary.csv"
    person.write_text(PERSON, encoding="utf-8")
    diary.write_text(DIARY, encoding="utf-8")
    assert main(["intake", str(diary), "--person", str(person)]) == 0
    return _flat(capsys.readouterr().out)


def test_reference_line_names_the_iom_group_and_the_missing_efsa_value_in_words(
    output: str,
) -> None:
    assert "Reference (child 9-13 years): IOM RDA 1.8 µg/day, EAR 1.5" in output
    assert "EFSA: no value for this age in b12" in output
    assert "child 9 13" not in output
    assert "not available µg" not in output


def test_no_adult_or_efsa_number_is_stated_and_the_verdict_uses_the_same_rda(output: str) -> None:
    # The reference line and the verdict name one RDA (1.8), never the adult 2.4 or EFSA's 4.
    stated = {float(v) for v in re.findall(r"(\d+(?:\.\d+)?) µg RDA", output)}
    assert stated == {1.8}
    assert "EFSA AI" not in output
    assert "2.4 µg" not in output and "4 µg/day" not in output
    assert "meets the recommended amount (RDA)" in output  # 10 µg/day against the 1.8 µg RDA


@pytest.mark.parametrize("stage", list(LifeStage))
def test_every_life_stage_reads_as_words(stage: LifeStage) -> None:
    assert "_" not in stage.display
    assert not re.search(r"\d \d", stage.display)  # "9 13" is a range, written "9-13"


@pytest.mark.parametrize("age", [0.2, 0.8, 2, 6, 10, 12.5])
def test_no_efsa_value_only_where_requirements_say_none(
    age: float, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person, diary = tmp_path / "p.yaml", tmp_path / "diary.csv"
    person.write_text(f"age: {age}\nsex: female\n", encoding="utf-8")
    diary.write_text(DIARY, encoding="utf-8")
    assert main(["intake", str(diary), "--person", str(person)]) == 0
    out = _flat(capsys.readouterr().out)
    efsa = reference_intake(age).efsa_ai_ug_per_day
    if efsa is None:
        assert "EFSA: no value for this age in b12" in out and "EFSA AI" not in out
    else:
        assert f"EFSA AI {efsa:g} µg/day" in out
