"""Every band spec on the per-person core, DuckDB and Spark: the same values from one declaration."""

from __future__ import annotations

from typing import Any

import pytest
from tests.spec.bands import (
    spec_cb12,
    spec_diet,
    spec_epidemiology,
    spec_judgment,
    spec_kidney_blood,
    spec_made_up,
    spec_markers,
    spec_muscle,
    spec_nice_ng239,
    spec_screening,
    spec_survey,
)
from tests.spec.bands.harness import Spec, on_core, on_engine

SPECS: list[Spec] = [
    *spec_nice_ng239.SPECS,
    *spec_epidemiology.SPECS,
    *spec_cb12.SPECS,
    *spec_survey.SPECS,
    *spec_kidney_blood.SPECS,
    *spec_markers.SPECS,
    *spec_judgment.SPECS,
    *spec_screening.SPECS,
    *spec_made_up.SPECS,
    *spec_muscle.SPECS,
    *spec_diet.SPECS,
]


@pytest.fixture(
    scope="module", params=["core", "duckdb", pytest.param("spark", marks=pytest.mark.spark)]
)
def runner(request: pytest.FixtureRequest) -> Any:
    """A function spec -> values, on the per-person core or on one cohort engine."""
    if request.param == "core":
        return on_core
    from b12.data.cohort.engine import connect

    if request.param == "spark":
        request.getfixturevalue("spark")
    engine = connect(request.param)
    return lambda spec: on_engine(spec, engine)


@pytest.mark.parametrize("spec", SPECS, ids=[spec.name for spec in SPECS])
def test_spec(spec: Spec, runner: Any) -> None:
    assert runner(spec) == spec.expected
