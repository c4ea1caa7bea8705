"""`b12 menu`: JSON, the same bytes twice, the teaching --help, exit codes and short errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from b12.cli.main import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
B12 = Path(sys.executable).parent / "b12"


def test_json_menu_with_explanations_verification_and_shopping_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(EXAMPLES / "older-adult-probable-sarcopenia-low-b12.yaml")
    assert main(["menu", path, "--days", "2", "--json"]) == 0
    first = capsys.readouterr().out
    assert main(["menu", path, "--days", "2", "--json"]) == 0
    assert capsys.readouterr().out == first  # byte-identical
    doc = json.loads(first)
    assert doc["feasible"] is True
    assert len(doc["days"]) == 2
    meal = doc["days"][0]["meals"][0]
    assert {"absorbed_b12_ug", "protein_g", "energy_kcal", "protein_per_meal_soft_target"} <= set(
        meal
    )
    assert meal["protein_per_meal_soft_target"]["evidence"] == "unverified"
    assert all(c["passed"] for c in doc["verification"])
    assert doc["shopping_list"] and doc["binding_constraints"]
    assert doc["candidates"]["per_slot_limit"] == 40


def test_terminal_menu_shows_fixed_lines_and_label_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["menu", str(EXAMPLES / "post-bariatric-low-b12.yaml"), "--days", "1"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "Fixed (from the plan, not planned here)" in text
    assert "clinician's decision" in text
    assert "Check the label" in text


def test_no_menu_exits_1_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person = tmp_path / "vegan.yaml"
    person.write_text("age: 30\nsex: female\ndiet: vegan\n", encoding="utf-8")
    args = ["menu", str(person), "--days", "1"]
    for word in ("soy", "tree_nut", "rice milk", "coconut milk", "fortified", "acai", "cran"):
        args += ["--exclude", word]
    assert main(args) == 1
    text = " ".join(capsys.readouterr().out.split())
    assert "No menu meets every target" in text
    assert "no food allowed" in text


def test_bad_days_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "vegan-low-holotc.yaml")
    assert main(["menu", path, "--days", "0"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_empty_exclusion_is_a_short_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["menu", str(EXAMPLES / "vegan-low-holotc.yaml"), "--exclude", " "]) == 2
    err = capsys.readouterr().err
    assert "exclude" in err and "Traceback" not in err


@pytest.mark.skipif(not B12.exists(), reason="console script not installed in this environment")
def test_help_teaches_and_the_real_command_runs() -> None:
    done = subprocess.run(
        [str(B12), "menu", "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0
    assert "fixed lines" in done.stdout and "--exclude" in done.stdout
