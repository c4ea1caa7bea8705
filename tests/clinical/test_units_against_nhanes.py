"""Unit factors checked against the real NHANES 2013-2014 files, which print both units per person."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from b12.units import Analyte, to_canonical


def ratios(path: Path, conventional: str, si: str) -> pd.Series:
    frame = pd.read_sas(path, format="xport").dropna(subset=[conventional, si])
    return frame[si] / frame[conventional]


def test_b12_pg_per_ml_factor_against_nhanes_vitb12_h(shared_data: Path) -> None:
    # VITB12_H codebook: LBDB12SI (pmol/L) = LBDB12 (pg/mL) × 0.738; rounding spreads the ratio.
    r = ratios(shared_data / "nhanes/2013-2014/VITB12_H.XPT", "LBDB12", "LBDB12SI")
    assert len(r) == 5447
    assert r.median() == pytest.approx(to_canonical(Analyte.B12, 1000, "pg/mL") / 1000, abs=1e-6)


def test_creatinine_mg_per_dl_factor_against_nhanes_biopro_h(shared_data: Path) -> None:
    r = ratios(shared_data / "nhanes/2013-2014/BIOPRO_H.XPT", "LBXSCR", "LBDSCRSI")
    assert r.median() == pytest.approx(to_canonical(Analyte.CREATININE, 1, "mg/dL"), abs=1e-6)
