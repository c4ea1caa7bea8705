"""CKD-EPI 2021 creatinine equation (Inker et al. NEJM 2021), as published by the NKF."""

from __future__ import annotations

import pytest

from b12.core.kidney_blood.ckd_epi_2021 import egfr
from b12.core.person import Sex


def test_ckd_epi_2021_worked_example_55_year_old_woman_creatinine_0_9_mg_dl() -> None:
    # Hand computation: Scr/κ = 0.9/0.7 = 1.2857; 1.2857^-1.2 = 0.7396; 0.9938^55 = 0.7108;
    # 142 × 0.7396 × 0.7108 × 1.012 = 75.5 mL/min/1.73 m² (published worked example: "about 76").
    assert egfr(0.9 * 88.4, 55, Sex.FEMALE) == pytest.approx(75.5, abs=0.2)


def test_ckd_epi_2021_man_below_the_knot_uses_alpha() -> None:
    # Scr 0.8 mg/dL, 40 y male: 142 × (0.8/0.9)^-0.302 × 0.9938^40 = 142 × 1.0362 × 0.7800 = 114.8
    assert egfr(0.8 * 88.4, 40, Sex.MALE) == pytest.approx(114.8, abs=0.3)


def test_higher_creatinine_gives_lower_egfr() -> None:
    assert egfr(200, 70, Sex.MALE) < egfr(100, 70, Sex.MALE)
