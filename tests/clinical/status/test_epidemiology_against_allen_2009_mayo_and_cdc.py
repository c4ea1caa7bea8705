"""Epidemiological bands (evidence.md §2.5 and §9.1; DECISIONS.md "Guideline reading of single
markers"): serum B12 < 148 pmol/L deficient and 148-221 pmol/L marginal (Allen 2009: "plasma
vitamin B-12 < 148 pmol/L", "148-221 pmol/L"); MMA > 0.271 µmol/L elevated (Mayo Clinic Laboratories
reference interval "73-271" nmol/L); homocysteine > 15 µmol/L elevated, CDC epidemiology > 13 µmol/L
(Mineva 2020: "tHcy > 13 μmol/L").

The marker cut-offs of :mod:`b12.core.status.markers` are tested in
``test_markers_against_valente_practical_neurology_harrington_and_who_2012.py``.
"""

from __future__ import annotations

import pytest

from b12.core.status import epidemiology

EPS = 1e-9


@pytest.mark.parametrize(
    ("value", "band"),
    [(148 - EPS, "deficient"), (148, "marginal"), (221, "marginal"), (221 + EPS, "adequate")],
)
def test_serum_b12_bands_against_allen_2009(value: float, band: str) -> None:
    assert epidemiology.serum_b12_band(value) == band


@pytest.mark.parametrize(
    ("value", "high"), [(0.271 - EPS, False), (0.271, False), (0.271 + EPS, True)]
)
def test_mma_elevated_above_271_nmol_per_l_mayo(value: float, high: bool) -> None:
    assert epidemiology.mma_elevated(value) is high


@pytest.mark.parametrize(
    ("value", "clinical", "cdc"),
    [(13, False, False), (13 + EPS, False, True), (15, False, True), (15 + EPS, True, True)],
)
def test_homocysteine_clinical_15_and_cdc_13(value: float, clinical: bool, cdc: bool) -> None:
    assert epidemiology.hcy_elevated(value) is clinical
    assert epidemiology.hcy_elevated(value, cdc=True) is cdc
