"""Anaemia (WHO 2011 haemoglobin thresholds) and macrocytosis (Qi et al. J Nutr 2014).

WHO/NMH/NHD/MNM/11.1 Table 1 (as reproduced in PLoS One 2020;15(9):e0238323, Table 4): no anaemia
at haemoglobin >= 13 g/dL in men and >= 12 g/dL in non-pregnant women aged 15 and over, >= 11 g/dL
in pregnancy; children 6-59 months >= 11, 5-11 years >= 11.5, 12-14 years >= 12 g/dL. Qi 2014
abstract: "hemoglobin <130 g/L for men, <120 g/L for women", "mean cell
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


@pytest.mark.parametrize(
    ("age", "cut"),
    [(0.5, 110.0), (4.99, 110.0), (5.0, 115.0), (11.99, 115.0), (12.0, 120.0), (14.99, 120.0)],
)
def test_children_s_thresholds_against_who_2011(age: float, cut: float) -> None:
    # "Children 6-59 months 11 & above", "5-11 years 11.5 & above", "12-14 years 12 & above" g/dL.
    for sex in Sex:
        assert anaemia(cut - EPS, sex, age, False) is True
        assert anaemia(cut, sex, age, False) is False


def test_the_adult_thresholds_start_at_15_and_none_under_6_months() -> None:
    assert anaemia(125.0, Sex.MALE, 15, False) is True  # men: < 130
    assert anaemia(125.0, Sex.MALE, 15 - EPS, False) is False  # 12-14 years: < 120
    assert anaemia(80.0, Sex.MALE, 0.5 - EPS, False) is None  # WHO states no threshold


def test_pregnancy_flag_is_ignored_for_men() -> None:
    assert anaemia(125.0, Sex.MALE, 40, True) is True


def test_macrocytosis_boundary_against_qi_2014() -> None:
    assert macrocytosis(100.0 - EPS) is False
    assert macrocytosis(100.0) is False
    assert macrocytosis(100.0 + EPS) is True
