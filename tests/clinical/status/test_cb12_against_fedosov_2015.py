"""cB12 against Fedosov 2015 and the Nutristasis 2015 categories.

No published worked example could be retrieved (evidence.md §1.6); the vectors below were computed by
hand from the published formula, log10((holoTC·B12)/(MMA·Hcy)) − 3.79/(1+(age/230)^2.6), and are
listed in evidence.md §1.6 [C]. The age-factor table is evidence.md §1.3 [C].
"""

from __future__ import annotations

import math

import pytest

from b12.core.status.cb12 import (
    MARKERS,
    VARIANTS,
    Cb12Category,
    age_factor,
    categorize,
    combined_indicator,
    four_marker_cb12,
)
from b12.units import Analyte

HAND_COMPUTED = [
    # B12 pmol/L, holoTC pmol/L, MMA µmol/L, Hcy µmol/L, age, cB12, category
    (300, 60, 0.20, 10, 60, 0.276, Cb12Category.ADEQUATE),
    (350, 70, 0.17, 9, 40, 0.454, Cb12Category.ADEQUATE),
    (600, 120, 0.12, 7, 30, 1.162, Cb12Category.ADEQUATE),
    (150, 25, 0.45, 15, 75, -0.850, Cb12Category.LOW),
    (100, 15, 1.0, 25, 70, -1.847, Cb12Category.POSSIBLY_DEFICIENT),
    (80, 10, 2.5, 40, 80, -2.658, Cb12Category.PROBABLY_DEFICIENT),
]


@pytest.mark.parametrize(
    ("b12", "holotc", "mma", "hcy", "age", "expected", "category"), HAND_COMPUTED
)
def test_cb12_against_fedosov_2015_formula_hand_computed_vectors(
    b12: float,
    holotc: float,
    mma: float,
    hcy: float,
    age: float,
    expected: float,
    category: Cb12Category,
) -> None:
    value = four_marker_cb12(b12, holotc, mma, hcy, age)
    assert value == pytest.approx(expected, abs=0.001)
    assert categorize(value) is category


def test_cb12_worked_by_hand_step_by_step() -> None:
    # 350·70/(0.17·9) = 24500/1.53 = 16013.07; log10 = 4.20447; age factor at 40 = 3.7503
    lr = math.log10(350 * 70 / (0.17 * 9))
    assert lr == pytest.approx(4.20447, abs=1e-5)
    assert four_marker_cb12(350, 70, 0.17, 9, 40) == pytest.approx(lr - 3.7503, abs=1e-4)


@pytest.mark.parametrize(
    ("age", "factor"),
    [
        (20, 3.7834),
        (30, 3.7711),
        (40, 3.7503),
        (50, 3.7196),
        (60, 3.6782),
        (65, 3.6533),
        (70, 3.6255),
        (75, 3.5949),
        (80, 3.5614),
        (90, 3.4860),
    ],
)
def test_age_factor_against_evidence_table_1_3(age: float, factor: float) -> None:
    assert age_factor(age) == pytest.approx(factor, abs=5e-5)


EPS = 1e-9


@pytest.mark.parametrize(
    ("cut", "above", "at_or_below"),
    [
        (1.5, Cb12Category.ELEVATED, Cb12Category.ADEQUATE),
        (-0.5, Cb12Category.ADEQUATE, Cb12Category.LOW),
        (-1.5, Cb12Category.LOW, Cb12Category.POSSIBLY_DEFICIENT),
        (-2.5, Cb12Category.POSSIBLY_DEFICIENT, Cb12Category.PROBABLY_DEFICIENT),
    ],
)
def test_category_boundaries_viapath_2015_boundary_takes_worse(
    cut: float, above: Cb12Category, at_or_below: Cb12Category
) -> None:
    assert categorize(cut + EPS) is above
    assert categorize(cut) is at_or_below
    assert categorize(cut - EPS) is at_or_below


def _all_four() -> dict[Analyte, float]:
    return {Analyte.B12: 300, Analyte.HOLOTC: 60, Analyte.MMA: 0.2, Analyte.HCY: 10}


def test_combined_indicator_with_four_markers_names_variant_and_rules() -> None:
    result = combined_indicator(_all_four(), 60)
    assert result.cb12 == pytest.approx(0.276, abs=0.001)
    assert result.variant == "4cB12(b12,holotc,mma,hcy)"
    assert result.markers_missing == ()
    assert result.rules == ("cb12.fedosov2015.4marker", "cb12.categories.2015")


@pytest.mark.parametrize("missing", MARKERS)
def test_missing_marker_gives_no_cb12_and_names_the_marker(missing: Analyte) -> None:
    values = {k: v for k, v in _all_four().items() if k is not missing}
    result = combined_indicator(values, 60)
    assert result.cb12 is None and result.category is None and result.variant is None
    assert result.markers_missing == (missing.value,)
    assert result.reason is not None and missing.value in result.reason
    assert "not yet in b12's rule data" in result.reason
    assert result.rules == ("cb12.fedosov2015.missing-markers",)


def test_no_markers_at_all_says_all_four_are_missing() -> None:
    result = combined_indicator({}, 50)
    assert result.cb12 is None
    assert result.markers_missing == ("b12", "holotc", "mma", "hcy")


def test_missing_marker_equations_are_data_keyed_by_marker_set() -> None:
    # 1 four-marker, 4 three-marker and 6 two-marker sets; only the four-marker equation exists.
    assert len(VARIANTS) == 11
    available = [v for v in VARIANTS.values() if v.formula is not None]
    assert [v.name for v in available] == ["4cB12(b12,holotc,mma,hcy)"]
