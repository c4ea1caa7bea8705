"""GFR categories G1-G5 (KDIGO 2012 CKD guideline, Kidney Int Suppl 2013;3:19-62, Table 5).

G1 >= 90, G2 60-89, G3a 45-59, G3b 30-44, G4 15-29, G5 < 15 mL/min/1.73 m². Boundary tests at
each lower edge: value - eps, value, value + eps.
"""

from __future__ import annotations

import pytest

from b12.core.kidney_blood.kdigo_gfr import gfr_category

EPS = 1e-9


@pytest.mark.parametrize(
    ("edge", "at", "below"),
    [
        (90.0, "G1", "G2"),
        (60.0, "G2", "G3a"),
        (45.0, "G3a", "G3b"),
        (30.0, "G3b", "G4"),
        (15.0, "G4", "G5"),
    ],
)
def test_category_edges_against_kdigo_2012_table_5(edge: float, at: str, below: str) -> None:
    assert gfr_category(edge - EPS) == below
    assert gfr_category(edge) == at
    assert gfr_category(edge + EPS) == at


def test_extremes() -> None:
    assert gfr_category(150.0) == "G1"
    assert gfr_category(0.0) == "G5"
