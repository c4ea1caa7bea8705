"""--where / --indicator expressions: what compiles, what is refused."""

from __future__ import annotations

import ibis
import pandas as pd
import pytest

from b12.data.cohort.expressions import compile_expression, parse_indicator
from b12.errors import InputError

FRAME = pd.DataFrame(
    {
        "age": [19.0, 45.0, 70.0, None],
        "sex": ["male", "female", "female", None],
        "b12": [100.0, 200.0, None, 300.0],
    }
)


def evaluate(text: str) -> list[object]:
    table = ibis.memtable(FRAME)
    con = ibis.duckdb.connect()
    result = con.execute(table.select(v=compile_expression(text, table, field="--where")))["v"]
    return [None if pd.isna(v) else bool(v) for v in result]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("age >= 60", [False, False, True, None]),
        ("20 <= age < 60", [False, True, False, None]),
        ("sex == 'female' and age > 50", [False, False, True, None]),
        ("not (b12 < 150) or age < 20", [True, True, None, True]),
        ("isnull(b12)", [False, False, True, False]),
        ("b12 / 2 + 10 > 100", [False, True, None, True]),
    ],
)
def test_expressions(text: str, expected: list[object]) -> None:
    assert evaluate(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("height > 2", "unknown column 'height'"),
        ("__import__('os').system('x')", "not allowed"),
        ("age.real > 1", "Attribute is not allowed"),
        ("age in (1, 2)", "only < <= > >= == != comparisons"),
        ("age >=", "cannot parse"),
    ],
)
def test_refused(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        evaluate(text)


def test_parse_indicator() -> None:
    assert parse_indicator("low=b12 < 200") == ("low", "b12 < 200")
    assert parse_indicator("eq = sex == 'male'") == ("eq", "sex == 'male'")
    with pytest.raises(InputError, match="NAME=EXPRESSION"):
        parse_indicator("b12 <= 200")
