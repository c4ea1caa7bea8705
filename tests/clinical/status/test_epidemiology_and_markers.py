"""Epidemiological bands (Allen 2009; Mayo MMA; CDC homocysteine) and other marker cut-offs."""

from __future__ import annotations

import pytest

from b12.core.status import epidemiology, markers

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


@pytest.mark.parametrize(
    ("value", "reading"),
    [
        (20 - EPS, "deficiency"),
        (20, "indeterminate"),
        (30, "indeterminate"),
        (30 + EPS, "no_deficiency"),
    ],
)
def test_holotc_against_valente(value: float, reading: str) -> None:
    assert markers.holotc_valente(value) == reading


@pytest.mark.parametrize(("value", "low"), [(10 - EPS, True), (10, False)])
def test_folate_low_below_10_nmol_per_l_who_2012(value: float, low: bool) -> None:
    assert markers.folate_low(value) is low
