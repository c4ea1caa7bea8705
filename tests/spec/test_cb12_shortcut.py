"""cB12 band flags decided from the markers' ratio (:mod:`b12.data.cohort.cb12_shortcut`) equal the
flags compared on the full formula's column, on every engine: rows placed exactly at and within
1e-12 of each short cut's bound (with and without its margin), at age 0 and large ages, and rows
that must not take a short cut (missing, zero or negative markers; missing, negative or infinite
age)."""

from __future__ import annotations

import math
from itertools import product
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from b12.core.bands import Bands
from b12.core.status import cb12 as core_cb12
from b12.data.cohort.cb12_shortcut import MARGIN_LOG10, NOTHING_KNOWN, Known, outside_bounds
from b12.data.cohort.compile import band_limits
from b12.data.cohort.engine import CohortEngine
from b12.data.cohort.rules import Indicator, classify, standard_indicators

CB12_FLAGS: list[Indicator] = [ind for ind in standard_indicators() if ind.column == "cb12"]
A_MAX = core_cb12.age_factor(0.0)
AGES = (0.0, 1e-9, 45.0, 150.0, 1e6, 1e300, math.inf, -1.0, -1e-9, None)
NEAR = (1.0, 1.0 - 1e-12, 1.0 + 1e-12)


def _ratios() -> list[float]:
    """Every bound of every cB12 flag, with and without the margin, and 1e-12 either side."""
    bounds: set[float] = set()
    for ind in CB12_FLAGS:
        assert isinstance(ind.declaration, Bands)
        lower, upper = band_limits(ind.declaration, ind.label, "cb12")
        above, below = outside_bounds(ind.declaration, ind.label)
        if upper is not None:
            assert above is not None
            bounds |= {10.0 ** (upper + A_MAX), 10.0**upper, above}
        if lower is not None:
            assert below is not None
            bounds |= {10.0**lower, 10.0 ** (lower + A_MAX), below}
    return sorted(b * f for b, f in product(bounds, NEAR))


def _row(ratio: float, age: float | None) -> dict[str, Any]:
    # holoTC carries the ratio; B12 = MMA = Hcy = 1, so that R = holoTC exactly.
    return {"age": age, "b12": 1.0, "holotc": ratio, "mma": 1.0, "hcy": 1.0}


BOUNDARY_ROWS = [_row(r, age) for r, age in product(_ratios(), AGES)]
NOT_SKIPPED = [
    {"age": 0.0, "b12": 0.0, "holotc": 1e-6, "mma": 1.0, "hcy": 1.0},  # zero marker: null
    {"age": 0.0, "b12": -1.0, "holotc": -1e-6, "mma": 1.0, "hcy": 1.0},  # negatives: null
    {"age": 40.0, "b12": 1.0, "holotc": 1e9, "mma": -1.0, "hcy": -1.0},
    {"age": 40.0, "b12": None, "holotc": 1e9, "mma": 1.0, "hcy": 1.0},  # missing: null
    {"age": 40.0, "b12": 1.0, "holotc": 1e-9, "mma": 1.0, "hcy": None},
    {"age": None, "b12": 1.0, "holotc": 1e-9, "mma": 1.0, "hcy": 1.0},  # no age: null
    {"age": None, "b12": 1.0, "holotc": 1e9, "mma": 1.0, "hcy": 1.0},
]
NAN = math.nan
# NaN and infinite values, and ratios that overflow or underflow (log10(0) is null on Spark). A
# denominator that underflows to zero is left out: Spark's ANSI mode stops the formula itself.
ODD = [
    _row(r, age) | extra
    for r, age, extra in product(
        (1e-9, 1.0, 1e9),
        (NAN, 0.0, 40.0),
        (
            {},
            {"b12": NAN},
            {"mma": NAN},
            {"b12": math.inf},
            {"b12": math.inf, "mma": math.inf},
            {"b12": 1e-200, "holotc": 1e-200},
            {"b12": 1e200, "holotc": 1e200},
        ),
    )
]


def flags(
    engine: CohortEngine, rows: list[dict[str, Any]], known: Known = NOTHING_KNOWN
) -> pd.DataFrame:
    """Each cB12 flag twice per row: with the short cut and compared on the formula's column.
    Through Arrow, so that a NaN stays NaN (pandas would make it null)."""
    names = ["age", "b12", "holotc", "mma", "hcy"]
    arrow = pa.table(
        {
            "row_id": pa.array(range(len(rows)), pa.int64()),
            **{n: pa.array([row[n] for row in rows], pa.float64()) for n in names},
        }
    )
    t = classify(engine.table_from_arrow(arrow), only=set())
    columns = {}
    for ind in CB12_FLAGS:
        columns[f"{ind.name}__short"] = ind.build(t, known=known)
        columns[f"{ind.name}__full"] = ind.build(t, short_cut=False)
    return engine.execute(t.select("row_id", **columns).order_by("row_id"))


def _value(value: Any) -> bool | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return bool(value)


def assert_same(
    engine: CohortEngine, rows: list[dict[str, Any]], known: Known = NOTHING_KNOWN
) -> pd.DataFrame:
    got = flags(engine, rows, known)
    assert len(got) == len(rows)
    for ind in CB12_FLAGS:
        short = [_value(v) for v in got[f"{ind.name}__short"]]
        full = [_value(v) for v in got[f"{ind.name}__full"]]
        wrong = [
            (rows[i], s, f) for i, (s, f) in enumerate(zip(short, full, strict=True)) if s != f
        ]
        assert not wrong, (ind.name, wrong[:3])
    return got


def test_flags_at_the_short_cut_bounds_equal_the_formula(engine: CohortEngine) -> None:
    got = assert_same(engine, BOUNDARY_ROWS + NOT_SKIPPED + ODD)
    # The rows exercise both answers and null.
    values = {_value(v) for ind in CB12_FLAGS for v in got[f"{ind.name}__short"]}
    assert values == {True, False, None}


def _fits(row: dict[str, Any]) -> bool:
    """Whether a row is one the facts of :data:`KNOWN` allow (a NaN escapes the statistics)."""
    age, markers = row["age"], [row[m] for m in ("b12", "holotc", "mma", "hcy")]
    age_ok = age is not None and (math.isnan(age) or age >= 0)
    return age_ok and all(m is None or math.isnan(m) or m > 0 for m in markers)


KNOWN = Known(markers_positive=True, ages_known=True)


def test_flags_with_known_facts_equal_the_formula(engine: CohortEngine) -> None:
    # Rows the source's statistics allow: no per-row test of markers or age.
    rows = [row for row in BOUNDARY_ROWS + NOT_SKIPPED + ODD if _fits(row)]
    assert any(math.isnan(row["age"]) for row in rows)
    assert_same(engine, rows, KNOWN)


def test_rows_with_an_unusable_marker_or_age_give_null(engine: CohortEngine) -> None:
    got = flags(engine, NOT_SKIPPED)
    for ind in CB12_FLAGS:
        assert [_value(v) for v in got[f"{ind.name}__short"]] == [None] * len(NOT_SKIPPED)


def test_margin_is_far_above_rounding() -> None:
    # The margin decides only which rows take the exact branch; it must dwarf float rounding.
    assert 1e-6 < MARGIN_LOG10 < 0.1


def test_pow_and_log_only_in_the_exact_branch(duckdb_engine: CohortEngine) -> None:
    frame = pd.DataFrame([_row(1.0, 40.0)], dtype="float64")
    t = classify(duckdb_engine.table_from_pandas(frame), only=set())
    low = next(ind for ind in CB12_FLAGS if ind.name == "cb12_low")
    sql = ibis.to_sql(t.select(flag=low.build(t)), dialect="duckdb")
    skip, _, exact = " ".join(str(sql).upper().split()).partition("THEN FALSE ELSE")
    assert exact and "POW" in exact and "LOG" in exact
    assert "POW" not in skip and "LOG" not in skip


RATIO = st.one_of(
    st.floats(1e-12, 1e12),
    st.sampled_from(_ratios()),
    st.floats(1e-300, 1e300),
)
ROW = st.builds(
    lambda r, age: _row(r, age),
    RATIO,
    st.one_of(st.none(), st.floats(-10, 200), st.sampled_from(AGES[:-1])),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(ROW, min_size=1, max_size=60))
def test_short_cut_equals_formula_on_random_rows_duckdb(
    duckdb_engine: CohortEngine, rows: list[dict[str, Any]]
) -> None:
    assert_same(duckdb_engine, rows)
    if fitting := [row for row in rows if _fits(row)]:
        assert_same(duckdb_engine, fitting, KNOWN)


@pytest.mark.parametrize("ind", CB12_FLAGS, ids=lambda ind: ind.name)
def test_bounds_lie_beyond_the_band_by_the_margin(ind: Indicator) -> None:
    assert isinstance(ind.declaration, Bands)
    lower, upper = band_limits(ind.declaration, ind.label, "cb12")
    above, below = outside_bounds(ind.declaration, ind.label)
    if upper is not None:
        assert above is not None
        assert math.log10(above) - A_MAX == pytest.approx(upper + MARGIN_LOG10, abs=1e-12)
    if lower is not None:
        assert below is not None
        assert math.log10(below) == pytest.approx(lower - MARGIN_LOG10, abs=1e-12)


def test_an_age_scoped_cb12_flag_keeps_its_scope(duckdb_engine: CohortEngine) -> None:
    # A cB12 indicator scoped to NICE NG239's ages (none is today) stays null for a child, with
    # the short cut as without it.
    scoped = Indicator("x", "x", (), core_cb12.CATEGORY_BANDS, "cb12", "low", ng239=True)
    rows = [_row(1e9, 10.0), _row(1e-9, 10.0), _row(1e9, 40.0)]
    arrow = pa.table({n: pa.array([r[n] for r in rows], pa.float64()) for n in rows[0]})
    t = classify(duckdb_engine.table_from_arrow(arrow), only=set())
    got = duckdb_engine.execute(t.select(s=scoped.build(t), f=scoped.build(t, short_cut=False)))
    assert [_value(v) for v in got["s"]] == [None, None, False]
    assert [_value(v) for v in got["f"]] == [None, None, False]
