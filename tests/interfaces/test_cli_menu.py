"""`b12 menu`: JSON, the same bytes twice, the teaching --help, exit codes and short errors."""

from __future__ import annotations

import io
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
    # Whole servings rarely meet a target exactly: here nothing binds (72 g protein for 70 g).
    assert doc["shopping_list"] and isinstance(doc["binding_constraints"], list)
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


def test_terminal_menu_is_one_row_per_food_at_80_columns() -> None:
    """One row per food, its numbers on its first line; a long name wraps below, never cut."""
    from rich.console import Console

    from b12.cli.menu import show
    from b12.cli.menu_table import WIDTH, short_name, ug_range
    from b12.data.person_file import load_person
    from b12.services.intake import person_diary
    from b12.services.menu import plan_menu

    path = EXAMPLES / "low-b12-despite-diary-intake.yaml"  # a diary, new foods, an empty meal
    person = load_person(path)
    menu = plan_menu(person, days=2, diary=person_diary(person, path))
    console = Console(width=WIDTH, file=io.StringIO(), record=True)
    show(menu, console)
    lines = console.export_text().splitlines()
    assert max(len(x) for x in lines) <= WIDTH
    for day in menu.days:
        start = lines.index(next(x for x in lines if x.strip() == f"Day {day.number}"))
        # The table ends at its caption.
        end = next(i for i, x in enumerate(lines) if i > start and "new to the diary" in x)
        table = lines[start:end]
        for meal in day.meals:
            for food in meal.lines:
                # One line per food: its name's start, its portion and its grams side by side.
                # A food may be at two meals of a day (B12 at two meals): one line at each.
                times = sum(f.key == food.key for m in day.meals for f in m.lines)
                row = [x for x in table if short_name(food.name)[:15] in x]
                assert len(row) == times, (food.name, table)
                assert any(
                    f" {food.grams:.0f} " in x
                    and x.lstrip().startswith("+" if food.new else short_name(food.name)[:15])
                    for x in row
                )
            b12 = meal.absorbed
            total = [x for x in table if f"{meal.name} total" in x]
            assert len(total) == 1
            assert ug_range(b12.low_ug, b12.high_ug) in total[0]
            assert f"{meal.protein_g:.1f}" in total[0] and f"{meal.energy_kcal:.0f}" in total[0]
