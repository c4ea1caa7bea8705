"""--where / --indicator expressions: what compiles, what is refused."""

from __future__ import annotations

import ibis
import pandas as pd
import pytest

from b12.data.cohort.expressions import compile_expression, expression_names, parse_indicator
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


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("age >= 60 and sex == 'female'", {"age", "sex"}),
        ("sex == 'b12_deficient or egfr'", {"sex"}),  # words inside a string name nothing
        ('note == "diet_b12_ug"', {"note"}),
        ("isnull(mma) or notnull(hcy)", {"mma", "hcy"}),  # function names are not columns
        ("notnull(isnull)", {"isnull"}),  # ...but a column may be called so
        ("age.real > 1", {"age"}),  # of a.b only a (the compiler refuses it anyway)
        ("b12 < 1e3 and mma > 2E-1", {"b12", "mma"}),  # not the e of 1e3
        ("20 <= age < 60", {"age"}),
        ("True and not hcy_elevated", {"hcy_elevated"}),
        ("cb12/2 + -x_1 > 0", {"cb12", "x_1"}),
        ("1 < 2", set()),
    ],
)
def test_expression_names_come_from_the_parse_tree(text: str, names: set[str]) -> None:
    assert expression_names(text, field="--where") == names


def test_expression_names_of_text_that_does_not_parse() -> None:
    with pytest.raises(InputError, match="cannot parse") as error:
        expression_names("age >= 60 and (", field="--where")
    assert error.value.field == "--where"
