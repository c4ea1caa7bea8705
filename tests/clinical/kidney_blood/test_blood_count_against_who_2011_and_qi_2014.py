"""Anaemia (WHO 2011 haemoglobin thresholds) and macrocytosis (Qi et al. J Nutr 2014).

WHO/NMH/NHD/MNM/11.1 Table 1 (as reproduced in PLoS One 2020;15(9):e0238323, Table 4): no anaemia
at haemoglobin >= 13 g/dL in men and >= 12 g/dL in non-pregnant women aged 15 and over, >= 11 g/dL
in pregnancy. Qi 2014 abstract: "hemoglobin <130 g/L for men, <120 g/L for women", "mean cell
volume >100 fL". Boundary tests at each cut-off: value - eps, value, value + eps.
"""

from __future__ import annotations

import pytest

from b12.core.kidney_blood.blood_count import anaemia, macrocytosis
from b12.core.sex import Sex

EPS = 1e-9


@pytest.mark.parametrize(
    ("sex", "pregnant", "cut"),
    [(Sex.MALE, False, 130.0), (Sex.FEMALE, False, 120.0), (Sex.FEMALE, True, 110.0)],
)
def test_anaemia_boundaries_against_who_2011(sex: Sex, pregnant: bool, cut: float) -> None:
    assert anaemia(cut - EPS, sex, 40, pregnant) is True
    assert anaemia(cut, sex, 40, pregnant) is False  # "13 & above" is not anaemic
    assert anaemia(cut + EPS, sex, 40, pregnant) is False


def test_anaemia_thresholds_from_15_years_only() -> None:
    assert anaemia(100.0, Sex.MALE, 15, False) is True
    assert anaemia(100.0, Sex.MALE, 15 - EPS, False) is None  # children: other thresholds


def test_pregnancy_flag_is_ignored_for_men() -> None:
    assert anaemia(125.0, Sex.MALE, 40, True) is True


def test_macrocytosis_boundary_against_qi_2014() -> None:
    assert macrocytosis(100.0 - EPS) is False
    assert macrocytosis(100.0) is False
    assert macrocytosis(100.0 + EPS) is True
