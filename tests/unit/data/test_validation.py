"""Input errors name every problem: field, value, what is allowed (docs/person-file.md, "Errors").

A newborn's person file with two muscle values out of range said "(and 1 more problem)" without
naming it (red team round 7); now each problem is named, up to ten, then counted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from b12.core.person import Person
from b12.data.validation import MAX_PROBLEMS_LISTED, validate
from b12.errors import InputError
from tests.fixtures.server import b12

# Below even a premature newborn's limits (0.2 m, 0.3 kg): both are unit or typing errors.
TOO_SMALL = """\
age: 0.05
sex: male
muscle: {weight_kg: 0.2, height_m: 0.1}
labs: [{analyte: b12, value: 60, unit: pmol/L, date: 2026-11-02}]
"""


def test_the_command_line_names_every_problem(tmp_path: Path) -> None:
    person = tmp_path / "too-small.yaml"
    person.write_text(TOO_SMALL, encoding="utf-8")
    result = b12("assess", str(person))
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line and "more problem" not in line
    assert line.startswith("error: muscle.height_m: Input should be greater than or equal to 0.2")
    assert "got 0.1" in line
    assert "; muscle.weight_kg: Input should be greater than or equal to 0.3, got 0.2" in line


def bad_labs(count: int) -> dict[str, object]:
    labs = [{"analyte": "b12", "value": -n, "unit": "pmol/L"} for n in range(1, count + 1)]
    return {"age": 300, "sex": "other", "shoe": 44, "labs": labs}


def test_ten_problems_are_named_then_the_rest_counted() -> None:
    with pytest.raises(InputError) as caught:
        validate(Person, bad_labs(10))
    message = str(caught.value)
    assert message.startswith("age: Input should be less than or equal to 125, got 300; ")
    assert "; sex: Input should be 'female' or 'male', got 'other'; " in message
    for n in range(1, MAX_PROBLEMS_LISTED - 1):  # age, sex, 8 labs: the first ten problems
        assert f"; labs[{n - 1}]: b12 value -{n} pmol/L must be a positive number" in message
    assert f"labs[{MAX_PROBLEMS_LISTED - 2}]" not in message
    assert message.endswith("; and 3 more problems")  # labs[8], labs[9] and the unknown 'shoe'
    assert caught.value.field == "age"


def test_two_problems_name_both_and_count_none() -> None:
    with pytest.raises(InputError) as caught:
        validate(Person, {"age": 40, "sex": "male", "labs": [{"analyte": "b12"}]}, context="x.yaml")
    message = str(caught.value)
    assert message.startswith("x.yaml: labs[0].value: Field required; labs[0].unit: Field required")
    assert "more problem" not in message
