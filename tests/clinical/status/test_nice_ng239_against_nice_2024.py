"""NICE NG239 (2024) thresholds for total and active B12: boundaries at 133, 258, 25 and 70 pmol/L."""

from __future__ import annotations

import pytest

from b12.core.status.nice_ng239 import NiceReading, read_active_b12, read_total_b12

EPS = 1e-6
LIKELY, INDETERMINATE, UNLIKELY = (
    NiceReading.DEFICIENCY_LIKELY,
    NiceReading.INDETERMINATE,
    NiceReading.DEFICIENCY_UNLIKELY,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (133 - EPS, LIKELY),
        (133, INDETERMINATE),
        (133 + EPS, INDETERMINATE),
        (258 - EPS, INDETERMINATE),
        (258, INDETERMINATE),
        (258 + EPS, UNLIKELY),
    ],
)
def test_total_b12_against_nice_ng239_180_and_350_ng_per_l(
    value: float, expected: NiceReading
) -> None:
    assert read_total_b12(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (25 - EPS, LIKELY),
        (25, INDETERMINATE),
        (25 + EPS, INDETERMINATE),
        (70 - EPS, INDETERMINATE),
        (70, INDETERMINATE),
        (70 + EPS, UNLIKELY),
    ],
)
def test_active_b12_against_nice_ng239_25_and_70_pmol_per_l(
    value: float, expected: NiceReading
) -> None:
    assert read_active_b12(value) is expected


def test_ng_per_l_thresholds_match_pmol_per_l_thresholds_via_nhanes_factor() -> None:
    # NG239 prints 180 ng/L (133 pmol/L) and 350 ng/L (258 pmol/L); factor 0.738 (NHANES).
    assert round(180 * 0.738) == 133
    assert round(350 * 0.738) == 258
