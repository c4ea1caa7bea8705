"""Bands.band finds a band by bisection (for speed): it must agree with the plain reading of the
declaration, the first edge the value is below (or on, when that edge's closed side or the asked
side says so), for every band set b12 declares, in every unit its edges can be asked in."""

from __future__ import annotations

import gc
import importlib
import math
import pkgutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

import b12.core
from b12.core.bands import Band, Bands, Closed
from b12.units import REGISTRY

for _module in pkgutil.walk_packages(b12.core.__path__, "b12.core."):
    importlib.import_module(_module.name)


def _declared() -> list[tuple[Bands, str]]:
    found = []
    for bands in (o for o in gc.get_objects() if isinstance(o, Bands)):
        units = {bands.unit, *(u for e in bands.edges for u in e.values)}
        if bands.analyte is not None:
            units |= {f.unit for f in REGISTRY[bands.analyte].units}
        found += [(bands, unit) for unit in sorted(units)]
    return found


DECLARED = _declared()


def reference(bands: Bands, value: float, unit: str, lower_side: bool | None) -> Band:
    """The declaration read edge by edge, lowest first."""
    for band, edge in zip(bands.bands, bands.edges, strict=False):
        limit = edge.in_unit(bands.analyte, unit)
        on_edge_below = edge.closed is Closed.BELOW if lower_side is None else lower_side
        if value < limit or (value == limit and on_edge_below):
            return band
    return bands.bands[-1]


def test_many_band_sets_are_checked() -> None:
    assert len({id(b) for b, _ in DECLARED}) >= 20


@pytest.mark.parametrize("lower_side", [None, True, False])
def test_every_edge_and_its_neighbours(lower_side: bool | None) -> None:
    for bands, unit in DECLARED:
        for edge in bands.edges:
            limit = edge.in_unit(bands.analyte, unit)
            for value in (
                math.nextafter(limit, -math.inf),
                limit,
                math.nextafter(limit, math.inf),
                0.0,
                -1.0,
                math.inf,
                -math.inf,
                math.nan,
            ):
                got = bands.band(value, unit, lower_side)
                assert got == reference(bands, value, unit, lower_side), (bands.rule, unit, value)


@given(
    st.sampled_from(DECLARED),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([None, True, False]),
)
def test_any_value(pair: tuple[Bands, str], value: float, lower_side: bool | None) -> None:
    bands, unit = pair
    assert bands.band(value, unit, lower_side) == reference(bands, value, unit, lower_side)
