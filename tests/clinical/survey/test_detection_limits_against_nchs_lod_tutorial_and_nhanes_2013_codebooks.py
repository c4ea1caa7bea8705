"""NHANES lower limits of detection (:mod:`b12.core.survey.detection_limits`) against their sources.

- CDC/NCHS NHANES tutorial "Key Concepts About Limit of Detection Issues and Variables"
  (``b12.core.sources.NCHS_LOD_TUTORIAL``): "results below the limit of detection are replaced with
  the detection limit divided by the square root of two, and a second variable with the suffix LC
  says whether the result is at or below the limit of detection".
- NHANES 2013-2014 codebooks, evidence.md §9.1 ([V]): VITB12_H "LLOD 30 pg/mL"; MMA_H "LLOD 22.1
  nmol/L. Values below LLOD are imputed as LLOD/√2."

Units: B12 pg/mL (as the codebook states it); MMA µmol/L (22.1 nmol/L = 0.0221 µmol/L).
"""

from __future__ import annotations

import math

import pytest

from b12.core import rules
from b12.core.survey import detection_limits as dl
from b12.units import Analyte, to_canonical

EPS = 1e-9


def test_llod_fill_rule_divides_by_the_square_root_of_two() -> None:
    rule = rules.get("nhanes.llod-fill")
    assert rule.module == "b12.core.survey.detection_limits"
    assert dict(rule.parameters) == {"BELOW_LLOD_FILL_DIVISOR": pytest.approx(math.sqrt(2))}


def test_2013_2014_llods_are_the_codebook_values() -> None:
    rule = rules.get("nhanes.llod.2013-2014")
    assert rule.module == "b12.core.survey.detection_limits"
    assert dict(rule.parameters) == {
        "B12_LLOD_PG_ML_2013_2014": 30.0,  # VITB12_H: 30 pg/mL
        "MMA_LLOD_UMOL_L_2013_2014": pytest.approx(0.0221),  # MMA_H: 22.1 nmol/L
    }
    # The MMA limit is the codebook's 22.1 nmol/L, converted once at the boundary.
    codebook = to_canonical(Analyte.MMA, 22.1, "nmol/L")
    assert codebook == pytest.approx(dl.MMA_LLOD_UMOL_L_2013_2014)


@pytest.mark.parametrize(
    ("llod", "fill"),
    [
        (30.0, 30.0 / math.sqrt(2)),  # serum B12, pg/mL: 21.21 pg/mL
        (0.0221, 0.0221 / math.sqrt(2)),  # MMA, µmol/L: 15.6 nmol/L
    ],
)
def test_below_llod_fill_is_llod_over_root_two(llod: float, fill: float) -> None:
    assert dl.below_llod_fill(llod) == pytest.approx(fill)
    assert dl.below_llod_fill(llod) < llod


@pytest.mark.parametrize(
    ("cut_off", "readable"),
    [(30.0 - EPS, False), (30.0, False), (30.0 + EPS, True)],
)
def test_cut_off_is_readable_only_above_the_b12_llod(cut_off: float, readable: bool) -> None:
    # A cut-off at or below the LLOD cannot be read from data filled with LLOD/√2.
    assert dl.cut_off_readable(cut_off, dl.B12_LLOD_PG_ML_2013_2014) is readable


@pytest.mark.parametrize(
    ("cut_off", "readable"),
    [(0.0221 - EPS, False), (0.0221, False), (0.0221 + EPS, True)],
)
def test_cut_off_is_readable_only_above_the_mma_llod(cut_off: float, readable: bool) -> None:
    assert dl.cut_off_readable(cut_off, dl.MMA_LLOD_UMOL_L_2013_2014) is readable
