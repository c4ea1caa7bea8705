"""Property tests: unit round trips, and a higher B12 never reads worse, all else equal."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from b12.core.status.cb12 import CATEGORY_ORDER, combined_indicator, four_marker_cb12
from b12.core.status.nice_ng239 import NiceReading, read_active_b12, read_total_b12
from b12.units import REGISTRY, Analyte, from_canonical, to_canonical

NICE_ORDER = (
    NiceReading.DEFICIENCY_LIKELY,
    NiceReading.INDETERMINATE,
    NiceReading.DEFICIENCY_UNLIKELY,
)


@st.composite
def value_and_unit(draw: st.DrawFn) -> tuple[Analyte, float, str]:
    analyte = draw(st.sampled_from(list(Analyte)))
    info = REGISTRY[analyte]
    canonical = draw(st.floats(info.plausible_low, info.plausible_high))
    unit = draw(st.sampled_from([u.unit for u in info.units]))
    return analyte, canonical, unit


@given(value_and_unit())
def test_unit_round_trip(case: tuple[Analyte, float, str]) -> None:
    analyte, canonical, unit = case
    shown = from_canonical(analyte, canonical, unit)
    assert abs(to_canonical(analyte, shown, unit) - canonical) <= 1e-9 * canonical


b12s = st.floats(5, 50_000)
holotcs = st.floats(1, 5_000)
mmas = st.floats(0.01, 100)
hcys = st.floats(1, 500)
ages = st.floats(16, 110)


@given(b12s, b12s, holotcs, mmas, hcys, ages)
def test_higher_b12_never_gives_a_worse_cb12_category(
    b12_a: float, b12_b: float, holotc: float, mma: float, hcy: float, age: float
) -> None:
    low, high = sorted((b12_a, b12_b))
    values = {Analyte.HOLOTC: holotc, Analyte.MMA: mma, Analyte.HCY: hcy}
    worse = combined_indicator({**values, Analyte.B12: low}, age)
    better = combined_indicator({**values, Analyte.B12: high}, age)
    assert worse.category is not None and better.category is not None
    assert CATEGORY_ORDER.index(better.category) >= CATEGORY_ORDER.index(worse.category)


@given(b12s, holotcs, mmas, mmas, hcys, ages)
def test_higher_mma_never_gives_a_higher_cb12(
    b12: float, holotc: float, mma_a: float, mma_b: float, hcy: float, age: float
) -> None:
    low, high = sorted((mma_a, mma_b))
    assert four_marker_cb12(b12, holotc, high, hcy, age) <= four_marker_cb12(
        b12, holotc, low, hcy, age
    )


@given(b12s, b12s)
def test_higher_total_b12_never_gives_a_worse_nice_reading(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert NICE_ORDER.index(read_total_b12(high)) >= NICE_ORDER.index(read_total_b12(low))


@given(holotcs, holotcs)
def test_higher_active_b12_never_gives_a_worse_nice_reading(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert NICE_ORDER.index(read_active_b12(high)) >= NICE_ORDER.index(read_active_b12(low))
