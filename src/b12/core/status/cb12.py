"""Combined indicator of vitamin B12 status (cB12, the "Fedosov score").

Source
------
Fedosov SN, Brito A, Miller JW, Green R, Allen LH. Combined indicator of vitamin B12 status:
modification for missing biomarkers and folate status and recommendations for revised cut-points.
Clin Chem Lab Med 2015;53(8):1215-1225.

Four markers::

    4cB12 = log10((holoTC × B12) / (MMA × Hcy)) − 3.79 / (1 + (age / 230) ** 2.6)

Input units: B12 and holoTC in pmol/L, MMA and homocysteine in µmol/L, age in years. The structure is
verified from the 2015 abstract; the age-factor constants are recalled by two reviewers and give the
published scale (evidence ``secondary``, DECISIONS.md). Categories are the Nutristasis Unit's 2015
revised cut-points; a value exactly on a boundary takes the lower (worse) category, as CDC analyses use
"≤ −0.5" for low or worse.

Three- and two-marker variants replace each missing marker by a fitted prediction from the others and
age. Their equations are kept as data in :data:`VARIANTS`, keyed by the set of markers present; none is
transcribed yet, so cB12 is computed only from all four and b12 says which markers are missing. Never
drop a term instead: that shifts the scale by about 1.5-2 units. No folate correction is applied (its
function is not in the knowledge base); low folate is reported as a caveat instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations
from typing import Any

from pydantic import BaseModel, ConfigDict

from b12.core.arithmetic import FLOATS, Arithmetic
from b12.core.bands import Band, Bands, Closed, Edge, stated_in
from b12.core.rules import Evidence, register
from b12.core.sources import FEDOSOV_2015, MINEVA_2019, VIAPATH_CB12
from b12.units import ANALYTE, Analyte

MARKERS: tuple[Analyte, ...] = (ANALYTE.B12, ANALYTE.HOLOTC, ANALYTE.MMA, ANALYTE.HCY)

AGE_FACTOR_NUMERATOR = 3.79  # Fedosov 2015, age factor (recalled; secondary)
AGE_FACTOR_SCALE_YEARS = 230.0  # Fedosov 2015, age factor
AGE_FACTOR_EXPONENT = 2.6  # Fedosov 2015, age factor

ELEVATED_ABOVE = 1.5  # Viapath/Nutristasis 2015 cut-points
ADEQUATE_ABOVE = -0.5
LOW_ABOVE = -1.5
POSSIBLY_DEFICIENT_ABOVE = -2.5

RULE_4CB12 = register(
    "cb12.fedosov2015.4marker",
    "cB12 = log10((holoTC·B12)/(MMA·Hcy)) − 3.79/(1+(age/230)^2.6); B12, holoTC pmol/L; "
    "MMA, Hcy µmol/L",
    FEDOSOV_2015,
    Evidence.SECONDARY,
    {
        "AGE_FACTOR_NUMERATOR": AGE_FACTOR_NUMERATOR,
        "AGE_FACTOR_SCALE_YEARS": AGE_FACTOR_SCALE_YEARS,
        "AGE_FACTOR_EXPONENT": AGE_FACTOR_EXPONENT,
    },
    note="Structure verified from the 2015 abstract; age-factor constants recalled, to be confirmed "
    "against the paper's table.",
)
RULE_CATEGORIES = register(
    "cb12.categories.2015",
    "cB12 > 1.5 elevated; −0.5..1.5 adequate; −1.5..−0.5 low; −2.5..−1.5 possibly deficient; "
    "< −2.5 probably deficient; a boundary value takes the worse category",
    VIAPATH_CB12,
    Evidence.VERIFIED,
    {
        "ELEVATED_ABOVE": ELEVATED_ABOVE,
        "ADEQUATE_ABOVE": ADEQUATE_ABOVE,
        "LOW_ABOVE": LOW_ABOVE,
        "POSSIBLY_DEFICIENT_ABOVE": POSSIBLY_DEFICIENT_ABOVE,
    },
    note="Boundary inclusivity is not stated by the source; CDC (Mineva 2019) uses ≤ −0.5.",
)
RULE_MISSING_MARKERS = register(
    "cb12.fedosov2015.missing-markers",
    "3- and 2-marker cB12 predict each missing marker from the others and age; equations not yet "
    "transcribed, so b12 needs all four markers",
    FEDOSOV_2015,
    Evidence.VERIFIED,
    note="Method verified from the abstract; the fitted constants are not in the knowledge base.",
)
RULE_3CB12_REFERENCE = register(
    "cb12.mineva2019.reference-interval",
    "3cB12 (B12, MMA, Hcy) reference interval in US adults: −0.538 to 1.60",
    MINEVA_2019,
    Evidence.VERIFIED,
    {"low": -0.538, "high": 1.60},
)


class Cb12Category(StrEnum):
    """Nutristasis Unit 2015 categories of cB12."""

    ELEVATED = "elevated"
    ADEQUATE = "adequate"
    LOW = "low"
    POSSIBLY_DEFICIENT = "possibly_deficient"
    PROBABLY_DEFICIENT = "probably_deficient"


_CATEGORY = {category.value: category for category in Cb12Category}  # see nice_ng239._READING


# Worst first, so that a smaller index means a worse status.
CATEGORY_ORDER: tuple[Cb12Category, ...] = (
    Cb12Category.PROBABLY_DEFICIENT,
    Cb12Category.POSSIBLY_DEFICIENT,
    Cb12Category.LOW,
    Cb12Category.ADEQUATE,
    Cb12Category.ELEVATED,
)

SCORE = "cB12"  # the unit the cut-points are stated in: the dimensionless score itself


def _upto(value: float) -> Edge:
    # "A boundary value takes the worse category": each cut-point belongs to the band below it.
    return Edge(stated_in(SCORE, value), Closed.BELOW)


CATEGORY_BANDS = Bands(
    None,
    (
        Band(Cb12Category.PROBABLY_DEFICIENT, "< −2.5 probably deficient"),
        Band(Cb12Category.POSSIBLY_DEFICIENT, "−2.5..−1.5 possibly deficient"),
        Band(Cb12Category.LOW, "−1.5..−0.5 low"),
        Band(Cb12Category.ADEQUATE, "−0.5..1.5 adequate"),
        Band(Cb12Category.ELEVATED, "> 1.5 elevated"),
    ),
    (
        _upto(POSSIBLY_DEFICIENT_ABOVE),
        _upto(LOW_ABOVE),
        _upto(ADEQUATE_ABOVE),
        _upto(ELEVATED_ABOVE),
    ),
    RULE_CATEGORIES,
)


@dataclass(frozen=True)
class Variant:
    """An equation for one set of markers present; ``formula`` None means not yet transcribed."""

    name: str
    markers: frozenset[Analyte]
    rule: str
    formula: Callable[[Mapping[Analyte, float], float], float] | None


def age_factor(age_years: Any) -> Any:
    """Fedosov's age correction, 3.79 / (1 + (age/230)^2.6), of a float or a column.

    References
    ----------
    Fedosov SN et al. Clin Chem Lab Med 2015;53(8):1215-1225.
    """
    return AGE_FACTOR_NUMERATOR / (
        1.0 + (age_years / AGE_FACTOR_SCALE_YEARS) ** AGE_FACTOR_EXPONENT
    )


def four_marker_formula(
    b12_pmol_l: Any,
    holotc_pmol_l: Any,
    mma_umol_l: Any,
    hcy_umol_l: Any,
    age_years: Any,
    ops: Arithmetic = FLOATS,
) -> Any:
    """4cB12 = log10((holoTC·B12)/(MMA·Hcy)) − 3.79/(1+(age/230)^2.6), over floats or columns.

    The one copy of the equation: the per-person core calls it with floats, the cohort engines
    with column expressions and their ``ops`` (:mod:`b12.core.arithmetic`).

    References
    ----------
    Fedosov SN et al. Clin Chem Lab Med 2015;53(8):1215-1225.
    """
    ratio = (holotc_pmol_l * b12_pmol_l) / (mma_umol_l * hcy_umol_l)
    return ops.log10(ratio) - age_factor(age_years)


def four_marker_cb12(
    b12_pmol_l: float, holotc_pmol_l: float, mma_umol_l: float, hcy_umol_l: float, age_years: float
) -> float:
    """4cB12 from canonical values.

    References
    ----------
    Fedosov SN et al. Clin Chem Lab Med 2015;53(8):1215-1225.
    """
    value: float = four_marker_formula(b12_pmol_l, holotc_pmol_l, mma_umol_l, hcy_umol_l, age_years)
    return value


def _four(values: Mapping[Analyte, float], age: float) -> float:
    return four_marker_cb12(
        values[ANALYTE.B12], values[ANALYTE.HOLOTC], values[ANALYTE.MMA], values[ANALYTE.HCY], age
    )


def _variant_name(markers: frozenset[Analyte]) -> str:
    return f"{len(markers)}cB12(" + ",".join(m.value for m in MARKERS if m in markers) + ")"


def _build_variants() -> dict[frozenset[Analyte], Variant]:
    table: dict[frozenset[Analyte], Variant] = {}
    for size in (4, 3, 2):
        for combo in combinations(MARKERS, size):
            markers = frozenset(combo)
            formula = _four if size == 4 else None  # Fedosov 2015 tables not yet transcribed
            rule = RULE_4CB12 if size == 4 else RULE_MISSING_MARKERS
            table[markers] = Variant(_variant_name(markers), markers, rule, formula)
    return table


VARIANTS: Mapping[frozenset[Analyte], Variant] = _build_variants()


def categorize(cb12: float) -> Cb12Category:
    """Category of a cB12 value; a value exactly on a cut-point takes the worse category."""
    return _CATEGORY[CATEGORY_BANDS.label_canonical(cb12)]


class Cb12Result(BaseModel):
    """cB12, its category and the markers it used, or the reason it could not be computed."""

    model_config = ConfigDict(frozen=True)
    cb12: float | None
    category: Cb12Category | None
    variant: str | None
    markers_used: tuple[str, ...]
    markers_missing: tuple[str, ...]
    reason: str | None
    rules: tuple[str, ...]


def combined_indicator(values: Mapping[Analyte, float], age_years: float) -> Cb12Result:
    """cB12 from whichever of the four markers are present (canonical units).

    Uses the equation for exactly the markers present; if that equation is not available it returns
    ``cb12=None`` with a reason naming the missing markers.

    References
    ----------
    Fedosov SN et al. Clin Chem Lab Med 2015;53(8):1215-1225 (formula, variants).
    Viapath / Nutristasis Unit, 2015 revised cut-points (categories).
    """
    present = frozenset(m for m in MARKERS if m in values)
    used = tuple(m.value for m in MARKERS if m in present)
    missing = tuple(m.value for m in MARKERS if m not in present)
    variant = VARIANTS.get(present)
    if variant is None or variant.formula is None:
        reason = (
            f"cB12 needs all four markers (b12, holotc, mma, hcy); missing: {', '.join(missing)}"
        )
        if variant is not None:
            reason += (
                f". The {variant.name} equation of Fedosov 2015 is not yet in b12's rule data,"
                " and dropping a marker would shift the scale"
            )
        rules = (RULE_MISSING_MARKERS,)
        return Cb12Result(
            cb12=None,
            category=None,
            variant=None,
            markers_used=used,
            markers_missing=missing,
            reason=reason,
            rules=rules,
        )
    value = variant.formula(values, age_years)
    return Cb12Result(
        cb12=value,
        category=categorize(value),
        variant=variant.name,
        markers_used=used,
        markers_missing=missing,
        reason=None,
        rules=(variant.rule, RULE_CATEGORIES),
    )
