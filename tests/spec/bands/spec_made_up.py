"""Declarations that exist only here: the compiler needs no code per band set.

``WIDGETS``: three labels with mixed closed sides in a made-up unit. ``TOY_B12``: a made-up B12
band set whose first edge is stated in both units (with values that do not convert into each
other, so the test sees which one is used) and whose second edge is stated in pmol/L only
(converted for a pg/mL column). ``TOY_BY_SEX``: a made-up stratified declaration.
"""

from __future__ import annotations

from tests.spec.bands.harness import Spec

from b12.core.bands import (
    Band,
    Bands,
    Closed,
    Edge,
    Is,
    Stratified,
    Stratum,
    Within,
    stated,
    stated_in,
)
from b12.units import Analyte

WIDGETS = Bands(
    None,
    (
        Band("few", "10 widgets or fewer"),
        Band("some", "more than 10 and less than 20 widgets"),
        Band("many", "20 widgets or more"),
    ),
    (
        Edge(stated_in("widgets", 10.0), Closed.BELOW),
        Edge(stated_in("widgets", 20.0), Closed.ABOVE),
    ),
    "spec.widgets",
)
TOY_B12 = Bands(
    Analyte.B12,
    (
        Band("lo", "below 200 pg/mL (100 pmol/L)"),
        Band("mid", "up to 300 pmol/L"),
        Band("hi", "above"),
    ),
    (
        Edge(stated(pg_mL=200.0, pmol_L=100.0), Closed.ABOVE),
        Edge(stated(pmol_L=300.0), Closed.BELOW),
    ),
    "spec.toy-b12",
)
_ADULT = Bands(
    None,
    (Band("young", "under 18"), Band("adult", "18 and over")),
    (Edge(stated_in("years", 18.0), Closed.ABOVE),),
    "spec.toy-adult",
)


def _over(value: float) -> Bands:
    return Bands(
        None,
        (Band("no", f"up to {value}"), Band("yes", f"over {value}")),
        (Edge(stated_in("widgets", value), Closed.BELOW),),
        "spec.toy-by-sex",
    )


TOY_BY_SEX = Stratified(
    scope=(Within("age", _ADULT, "adult"),),
    strata=(Stratum((Is("sex", "female"),), _over(5.0)), Stratum((Is("sex", "male"),), _over(7.0))),
    rule="spec.toy-by-sex",
)

SPECS = [
    Spec(
        "made-up widgets: labels",
        WIDGETS,
        ("widgets", "expected"),
        (
            (9.9, "few"),
            (10.0, "few"),
            (10.1, "some"),
            (19.9, "some"),
            (20.0, "many"),
            (20.1, "many"),
            (None, None),
        ),
    ),
    Spec(
        "made-up widgets: membership of the middle band",
        WIDGETS,
        ("widgets", "expected"),
        ((10.0, False), (10.1, True), (19.9, True), (20.0, False), (None, None)),
        label="some",
    ),
    Spec(
        "made-up B12 bands in pmol/L",
        TOY_B12,
        ("b12", "expected"),
        ((99.9, "lo"), (100.0, "mid"), (300.0, "mid"), (300.1, "hi")),
        "pmol/L",
    ),
    Spec(
        "made-up B12 bands in pg/mL: stated edge, then a converted one",
        TOY_B12,
        # 200 pg/mL is stated; 300 pmol/L is 300 / 0.738 = 406.5 pg/mL.
        ("b12", "expected"),
        ((199.9, "lo"), (200.0, "mid"), (406.5, "mid"), (406.6, "hi")),
        "pg/mL",
    ),
    Spec(
        "made-up stratified declaration",
        TOY_BY_SEX,
        ("widgets", "sex", "age", "expected"),
        (
            (5.0, "female", 30.0, False),
            (5.1, "female", 30.0, True),
            (7.0, "male", 30.0, False),
            (7.1, "male", 30.0, True),
            (9.0, "male", 17.9, None),
            (9.0, None, 30.0, None),
        ),
        label="yes",
    ),
]
