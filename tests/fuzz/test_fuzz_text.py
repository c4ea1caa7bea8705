"""Short user text: quantities and units, cohort expressions and column maps."""

from __future__ import annotations

import contextlib

import ibis
from hypothesis import given
from hypothesis import strategies as st

from b12.data.cohort.expressions import compile_condition, parse_indicator
from b12.data.cohort.mapping import DESIGN_COLUMNS, OTHER_COLUMNS, parse_mapping
from b12.data.cohort.rules import classify
from b12.errors import B12Error
from b12.units import Analyte, parse_quantity, to_canonical
from tests.fuzz.conftest import CHEAP, fuzz_settings
from tests.fuzz.strategies import NASTY_TEXT, TALLY

COLUMNS = {
    "age": "float64",
    "sex": "string",
    "b12": "float64",
    "holotc": "float64",
    "mma": "float64",
    "hcy": "float64",
    "folate": "float64",
    "egfr": "float64",
    "pregnant": "boolean",
    "weight": "float64",
    "stratum": "int64",
    "psu": "int64",
}
TABLE = classify(ibis.table(COLUMNS, name="cohort"))
WORDS = [*TABLE.columns, "and", "or", "not", "isnull", "notnull", "True", "False", "None"]
TOKENS = [
    *WORDS,
    *"()<>=!+-*/%.,'\"[]{}:@~^&|",
    "==",
    "<=",
    ">=",
    "!=",
    "**",
    "//",
    "1",
    "0.5",
    "'female'",
    "1e999",
    "lambda",
    "x",
    "if",
    "else",
    "  ",
]
NAMES = [a.value for a in Analyte] + list(DESIGN_COLUMNS) + list(OTHER_COLUMNS)
UNITS = ["pg/mL", "pmol/L", "ng/L", "nmol/L", "µmol/L", "umol/L", "mg/dL", "g/L", "%", ""]


def _expression() -> st.SearchStrategy[str]:
    tokens = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).map(" ".join)
    return st.one_of(tokens, st.text(max_size=40))


@fuzz_settings(CHEAP)
@given(st.one_of(st.text(max_size=30), st.sampled_from(NASTY_TEXT)), st.sampled_from(list(Analyte)))
def test_fuzz_quantity(text: str, analyte: Analyte) -> None:
    TALLY["quantity"] += 1
    try:
        value, unit = parse_quantity(text)
        to_canonical(analyte, value, unit)
    except B12Error:
        pass


@fuzz_settings(CHEAP)
@given(_expression())
def test_fuzz_cohort_where(text: str) -> None:
    TALLY["cohort_where"] += 1
    with contextlib.suppress(B12Error):
        compile_condition(text, TABLE, field="--where")


@fuzz_settings(CHEAP)
@given(
    st.one_of(
        st.tuples(
            st.sampled_from(["x", "low_b12", "", "1a", "a b"]),
            st.sampled_from(["=", "==", "<=", "= ="]),
            _expression(),
        ).map("".join),
        st.text(max_size=40),
    )
)
def test_fuzz_cohort_indicator(spec: str) -> None:
    TALLY["cohort_indicator"] += 1
    try:
        _name, text = parse_indicator(spec)
        compile_condition(text, TABLE, field="--indicator")
    except B12Error:
        pass


@fuzz_settings(CHEAP)
@given(
    st.lists(
        st.one_of(
            st.tuples(
                st.text(max_size=8) | st.sampled_from(["LBXB12", "", "="]),
                st.sampled_from(["=", "", "=="]),
                st.sampled_from(NAMES) | st.text(max_size=8),
                st.sampled_from([":", "", "::"]),
                st.sampled_from(UNITS) | st.text(max_size=8),
            ).map("".join),
            st.text(max_size=30),
        ),
        max_size=4,
    )
)
def test_fuzz_cohort_column_map(specs: list[str]) -> None:
    TALLY["cohort_column_map"] += 1
    with contextlib.suppress(B12Error):
        parse_mapping(specs)
