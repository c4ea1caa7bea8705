"""Results below the lower limit of detection classify like any value below the LLOD.

NHANES stores LLOD/√2 for such results (rule ``nhanes.llod-fill``). Because every cut-off the
standard indicators use on serum B12 and MMA lies above the LLOD, the fill value and any true value
between 0 and the LLOD fall in the same category, on the per-person core and in the engine.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from b12.core.status import epidemiology, nice_ng239
from b12.core.status.epidemiology import mma_elevated, serum_b12_band
from b12.core.status.nice_ng239 import read_total_b12
from b12.core.survey import detection_limits
from b12.data.cohort.engine import CohortEngine, connect
from b12.data.cohort.rules import classify, standard_indicators
from b12.units import Analyte, find_unit

B12_LLOD_PMOL_L = (
    detection_limits.B12_LLOD_PG_ML_2013_2014 * find_unit(Analyte.B12, "pg/mL").to_canonical
)
MMA_LLOD = detection_limits.MMA_LLOD_UMOL_L_2013_2014
B12_CUTS = (
    epidemiology.SERUM_B12_DEFICIENT_BELOW_PMOL_L,
    epidemiology.SERUM_B12_MARGINAL_UPTO_PMOL_L,
    nice_ng239.TOTAL_B12_DEFICIENCY_BELOW_PMOL_L,
    nice_ng239.TOTAL_B12_UNLIKELY_ABOVE_PMOL_L,
)


def test_every_cut_off_lies_above_the_llod() -> None:
    assert all(detection_limits.cut_off_readable(cut, B12_LLOD_PMOL_L) for cut in B12_CUTS)
    assert detection_limits.cut_off_readable(epidemiology.MMA_ELEVATED_ABOVE_UMOL_L, MMA_LLOD)
    assert detection_limits.below_llod_fill(30.0) == pytest.approx(21.2132, abs=1e-4)


@given(fraction=st.floats(1e-6, 1.0, exclude_max=True))
def test_per_person_core_reads_any_value_below_the_llod_like_the_fill(fraction: float) -> None:
    b12 = fraction * B12_LLOD_PMOL_L
    fill = detection_limits.below_llod_fill(B12_LLOD_PMOL_L)
    assert serum_b12_band(b12) == serum_b12_band(fill) == "deficient"
    assert read_total_b12(b12) is read_total_b12(fill)
    mma = fraction * MMA_LLOD
    assert mma_elevated(mma) is mma_elevated(detection_limits.below_llod_fill(MMA_LLOD)) is False


@pytest.fixture(scope="module")
def engine() -> CohortEngine:
    return connect("duckdb")


def indicators(engine: CohortEngine, b12: float, mma: float) -> dict[str, Any]:
    frame = pd.DataFrame(
        {"age": [60.0], "b12": [b12], "holotc": [None], "mma": [mma], "hcy": [None]},
        dtype="float64",
    )
    t = classify(engine.table_from_pandas(frame))
    row = engine.execute(t.mutate(**{i.name: i.build(t) for i in standard_indicators()}))
    return {k: (None if pd.isna(v) else v) for k, v in row.iloc[0].items()}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fraction=st.floats(1e-6, 1.0, exclude_max=True))
def test_engine_indicators_read_any_value_below_the_llod_like_the_fill(
    engine: CohortEngine, fraction: float
) -> None:
    fill = indicators(
        engine,
        detection_limits.below_llod_fill(B12_LLOD_PMOL_L),
        detection_limits.below_llod_fill(MMA_LLOD),
    )
    other = indicators(engine, fraction * B12_LLOD_PMOL_L, fraction * MMA_LLOD)
    names = ("b12_deficient", "b12_marginal", "mma_elevated", "b12_band", "nice_b12")
    assert {k: other[k] for k in names} == {k: fill[k] for k in names}
    assert fill["b12_deficient"] and not fill["mma_elevated"]
