"""The per-person rules of :mod:`b12.core`, as engine-neutral Ibis expressions.

Every cut-off and constant is imported from the core module that registers it; none is retyped.
The same expression runs on DuckDB and on PySpark. Property tests prove these columns equal the
per-person functions (``four_marker_cb12``, ``categorize``, ``read_total_b12``, ``read_active_b12``,
``serum_b12_band``, ``mma_elevated``, ``hcy_elevated``) on random rows, missing markers included.

Canonical input columns (units as in :mod:`b12.units`): ``age`` (years), ``b12`` and ``holotc``
(pmol/L), ``mma`` and ``hcy`` (µmol/L). A missing marker gives a null result; cB12 is computed only
when all four markers are present (Fedosov 2015 four-marker equation; the 3- and 2-marker equations
are not in b12's rule data, and dropping a term would shift the scale), so NHANES, which never
measured holoTC, has a null cB12 for everyone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from b12.core import cb12 as core_cb12
from b12.core import epidemiology as epi
from b12.core import nice_ng239 as nice
from b12.core.cb12 import CATEGORY_ORDER, Cb12Category
from b12.core.survey_standards import AGE_BAND_LABELS, AGE_BAND_LOWER_EDGES_YEARS, RULE_AGE_BANDS

MARKER_COLUMNS = ("b12", "holotc", "mma", "hcy")
CLASSIFIED_COLUMNS = (
    "cb12",
    "cb12_category",
    "b12_band",
    "nice_b12",
    "nice_active_b12",
    "mma_elevated",
    "hcy_elevated",
    "hcy_elevated_cdc",
    "age_band",
)


def _positive(value: ir.FloatingValue) -> ir.BooleanValue:
    return value.notnull() & (value > 0)


def cb12_expr(t: ir.Table) -> ir.FloatingValue:
    """4cB12 = log10((holoTC·B12)/(MMA·Hcy)) − 3.79/(1+(age/230)^2.6); null unless all present."""
    present = _positive(t.b12) & _positive(t.holotc) & _positive(t.mma) & _positive(t.hcy)
    present = present & t.age.notnull()
    ratio = (t.holotc * t.b12) / (t.mma * t.hcy)
    age_factor = core_cb12.AGE_FACTOR_NUMERATOR / (
        1.0 + (t.age / core_cb12.AGE_FACTOR_SCALE_YEARS) ** core_cb12.AGE_FACTOR_EXPONENT
    )
    return ibis.ifelse(present, ratio.log10() - age_factor, ibis.null("float64"))


def cb12_category_expr(value: ir.FloatingValue) -> ir.StringValue:
    """Category per ``b12.core.cb12.categorize`` (a boundary value takes the worse category)."""
    return ibis.cases(
        (value.isnull(), ibis.null("string")),
        (value > core_cb12.ELEVATED_ABOVE, Cb12Category.ELEVATED.value),
        (value > core_cb12.ADEQUATE_ABOVE, Cb12Category.ADEQUATE.value),
        (value > core_cb12.LOW_ABOVE, Cb12Category.LOW.value),
        (value > core_cb12.POSSIBLY_DEFICIENT_ABOVE, Cb12Category.POSSIBLY_DEFICIENT.value),
        else_=Cb12Category.PROBABLY_DEFICIENT.value,
    )


def _three_way(value: ir.FloatingValue, below: float, above: float) -> ir.StringValue:
    return ibis.cases(
        (value.isnull(), ibis.null("string")),
        (value < below, nice.NiceReading.DEFICIENCY_LIKELY.value),
        (value > above, nice.NiceReading.DEFICIENCY_UNLIKELY.value),
        else_=nice.NiceReading.INDETERMINATE.value,
    )


def b12_band_expr(value: ir.FloatingValue) -> ir.StringValue:
    """Allen 2009 band per ``b12.core.epidemiology.serum_b12_band``."""
    return ibis.cases(
        (value.isnull(), ibis.null("string")),
        (value < epi.SERUM_B12_DEFICIENT_BELOW_PMOL_L, "deficient"),
        (value <= epi.SERUM_B12_MARGINAL_UPTO_PMOL_L, "marginal"),
        else_="adequate",
    )


def age_band_expr(age: ir.FloatingValue) -> ir.StringValue:
    """Documented age bands (``b12.core.survey_standards``)."""
    branches = [(age.isnull(), ibis.null("string"))]
    pairs = list(zip(AGE_BAND_LOWER_EDGES_YEARS, AGE_BAND_LABELS, strict=True))
    for edge, label in reversed(pairs[1:]):
        branches.append((age >= edge, ibis.literal(label)))
    return ibis.cases(*branches, else_=AGE_BAND_LABELS[0])


def classify(t: ir.Table) -> ir.Table:
    """Add the per-person classifications as columns (canonical input columns required)."""
    value = cb12_expr(t)
    return t.mutate(cb12=value).mutate(
        cb12_category=cb12_category_expr(ibis._.cb12),
        b12_band=b12_band_expr(t.b12),
        nice_b12=_three_way(
            t.b12, nice.TOTAL_B12_DEFICIENCY_BELOW_PMOL_L, nice.TOTAL_B12_UNLIKELY_ABOVE_PMOL_L
        ),
        nice_active_b12=_three_way(
            t.holotc, nice.ACTIVE_B12_DEFICIENCY_BELOW_PMOL_L, nice.ACTIVE_B12_UNLIKELY_ABOVE_PMOL_L
        ),
        mma_elevated=t.mma > epi.MMA_ELEVATED_ABOVE_UMOL_L,
        hcy_elevated=t.hcy > epi.HCY_ELEVATED_ABOVE_UMOL_L,
        hcy_elevated_cdc=t.hcy > epi.HCY_ELEVATED_CDC_ABOVE_UMOL_L,
        age_band=age_band_expr(t.age),
    )


@dataclass(frozen=True)
class Indicator:
    """A named 0/1 outcome over a classified table (null where its inputs are missing)."""

    name: str
    description: str
    rules: tuple[str, ...]
    build: Callable[[ir.Table], ir.BooleanValue]


def _equals(column: str, value: str) -> Callable[[ir.Table], ir.BooleanValue]:
    return lambda t: t[column] == value


def _flag(column: str) -> Callable[[ir.Table], ir.BooleanValue]:
    return lambda t: t[column]


def standard_indicators() -> list[Indicator]:
    """The standard indicators, named as in the issue (b12_deficient, cb12_low, ...)."""
    out = [
        Indicator(
            "b12_deficient",
            "serum B12 < 148 pmol/L",
            (epi.RULE_SERUM_B12_BANDS,),
            _equals("b12_band", "deficient"),
        ),
        Indicator(
            "b12_marginal",
            "serum B12 148-221 pmol/L inclusive",
            (epi.RULE_SERUM_B12_BANDS,),
            _equals("b12_band", "marginal"),
        ),
        Indicator(
            "mma_elevated", "MMA > 0.271 µmol/L", (epi.RULE_MMA_ELEVATED,), _flag("mma_elevated")
        ),
        Indicator(
            "hcy_elevated",
            "homocysteine > 15 µmol/L",
            (epi.RULE_HCY_ELEVATED,),
            _flag("hcy_elevated"),
        ),
        Indicator(
            "hcy_elevated_cdc",
            "homocysteine > 13 µmol/L (CDC)",
            (epi.RULE_HCY_ELEVATED_CDC,),
            _flag("hcy_elevated_cdc"),
        ),
    ]
    for category in reversed(CATEGORY_ORDER):
        out.append(
            Indicator(
                f"cb12_{category.value}",
                f"cB12 category {category.value} (4 markers)",
                (core_cb12.RULE_4CB12, core_cb12.RULE_CATEGORIES),
                _equals("cb12_category", category.value),
            )
        )
    for reading in nice.NiceReading:
        out.append(
            Indicator(
                f"nice_b12_{reading.value}",
                f"NICE NG239 total B12: {reading.value}",
                (nice.RULE_TOTAL,),
                _equals("nice_b12", reading.value),
            )
        )
    for reading in nice.NiceReading:
        out.append(
            Indicator(
                f"nice_active_b12_{reading.value}",
                f"NICE NG239 active B12 (holoTC): {reading.value}",
                (nice.RULE_ACTIVE,),
                _equals("nice_active_b12", reading.value),
            )
        )
    return out


GROUPING_RULES = {"age_band": RULE_AGE_BANDS}
