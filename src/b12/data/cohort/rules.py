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

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from b12.core.status import cb12 as core_cb12
from b12.core.status import epidemiology as epi
from b12.core.status import nice_ng239 as nice
from b12.core.status.cb12 import CATEGORY_ORDER, Cb12Category
from b12.core.survey.standards import AGE_BAND_LABELS, AGE_BAND_LOWER_EDGES_YEARS, RULE_AGE_BANDS

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


def cb12_expr(t: ir.Table) -> ir.FloatingValue:
    """4cB12 = log10((holoTC·B12)/(MMA·Hcy)) − 3.79/(1+(age/230)^2.6); null unless all present.

    A missing marker or age makes a comparison null, and CASE sends null to the null branch, so
    no separate IS NOT NULL test is needed.
    """
    present = (t.b12 > 0) & (t.holotc > 0) & (t.mma > 0) & (t.hcy > 0)
    ratio = (t.holotc * t.b12) / (t.mma * t.hcy)
    age_factor = core_cb12.AGE_FACTOR_NUMERATOR / (
        1.0 + (t.age / core_cb12.AGE_FACTOR_SCALE_YEARS) ** core_cb12.AGE_FACTOR_EXPONENT
    )
    return ibis.ifelse(present, ratio.log10() - age_factor, ibis.null("float64"))


Branches = list[tuple[ir.BooleanValue, str]]


@dataclass(frozen=True)
class Categorical:
    """A categorical reading: ordered branches (the first true one wins), null for null input.

    Written once, it gives two columns: the text label that people and ``--where`` expressions
    see, and an integer code (the label's position in ``labels``) that the engines group by,
    cheaper to compute and to hash than text; the driver turns codes back into labels.
    """

    labels: tuple[str, ...]
    spec: Callable[[ir.Table], tuple[ir.Value, Branches, str]]  # (input, branches, else label)

    def _cases(self, t: ir.Table, *, code: bool) -> ir.Value:
        value, branches, otherwise = self.spec(t)

        def out(label: str) -> ir.Value:
            return ibis.literal(self.labels.index(label), "int8") if code else ibis.literal(label)

        return ibis.cases(
            (value.isnull(), ibis.null("int8" if code else "string")),
            *[(condition, out(label)) for condition, label in branches],
            else_=out(otherwise),
        )

    def text(self, t: ir.Table) -> ir.StringValue:
        """The label column."""
        result: ir.StringValue = self._cases(t, code=False)
        return result

    def code(self, t: ir.Table) -> ir.IntegerValue:
        """The label's index in ``labels`` (int8), for grouping."""
        result: ir.IntegerValue = self._cases(t, code=True)
        return result


def _cb12_category(t: ir.Table) -> tuple[ir.Value, Branches, str]:
    """Category per ``b12.core.status.cb12.categorize`` (a boundary value takes the worse category)."""
    value = t.cb12
    return (
        value,
        [
            (value > core_cb12.ELEVATED_ABOVE, Cb12Category.ELEVATED.value),
            (value > core_cb12.ADEQUATE_ABOVE, Cb12Category.ADEQUATE.value),
            (value > core_cb12.LOW_ABOVE, Cb12Category.LOW.value),
            (value > core_cb12.POSSIBLY_DEFICIENT_ABOVE, Cb12Category.POSSIBLY_DEFICIENT.value),
        ],
        Cb12Category.PROBABLY_DEFICIENT.value,
    )


def _three_way(column: str, below: float, above: float) -> Categorical:
    def spec(t: ir.Table) -> tuple[ir.Value, Branches, str]:
        value = t[column]
        return (
            value,
            [
                (value < below, nice.NiceReading.DEFICIENCY_LIKELY.value),
                (value > above, nice.NiceReading.DEFICIENCY_UNLIKELY.value),
            ],
            nice.NiceReading.INDETERMINATE.value,
        )

    return Categorical(tuple(r.value for r in nice.NiceReading), spec)


def _b12_band(t: ir.Table) -> tuple[ir.Value, Branches, str]:
    """Allen 2009 band per ``b12.core.status.epidemiology.serum_b12_band``."""
    return (
        t.b12,
        [
            (t.b12 < epi.SERUM_B12_DEFICIENT_BELOW_PMOL_L, "deficient"),
            (t.b12 <= epi.SERUM_B12_MARGINAL_UPTO_PMOL_L, "marginal"),
        ],
        "adequate",
    )


def _age_band(t: ir.Table) -> tuple[ir.Value, Branches, str]:
    """Documented age bands (``b12.core.survey.standards``)."""
    pairs = list(zip(AGE_BAND_LOWER_EDGES_YEARS, AGE_BAND_LABELS, strict=True))
    branches = [(t.age >= edge, label) for edge, label in reversed(pairs[1:])]
    return t.age, branches, AGE_BAND_LABELS[0]


# In the order of the classified table's columns.
CATEGORICAL: dict[str, Categorical] = {
    "cb12_category": Categorical(tuple(c.value for c in CATEGORY_ORDER), _cb12_category),
    "b12_band": Categorical(("deficient", "marginal", "adequate"), _b12_band),
    "nice_b12": _three_way(
        "b12", nice.TOTAL_B12_DEFICIENCY_BELOW_PMOL_L, nice.TOTAL_B12_UNLIKELY_ABOVE_PMOL_L
    ),
    "nice_active_b12": _three_way(
        "holotc", nice.ACTIVE_B12_DEFICIENCY_BELOW_PMOL_L, nice.ACTIVE_B12_UNLIKELY_ABOVE_PMOL_L
    ),
    "age_band": Categorical(AGE_BAND_LABELS, _age_band),
}


def classify(t: ir.Table, only: Collection[str] | None = None) -> ir.Table:
    """Add the per-person classifications as columns (canonical input columns required).

    ``only``: add just the classification columns named there (and ``cb12``, which the cB12
    indicators read). The engines skip unused columns anyway, but Ibis compiles every column of
    the expression: all of them cost about 25 ms per query.
    """
    t = t.mutate(cb12=cb12_expr(t))
    flags: dict[str, Callable[[], ir.BooleanValue]] = {
        "mma_elevated": lambda: t.mma > epi.MMA_ELEVATED_ABOVE_UMOL_L,
        "hcy_elevated": lambda: t.hcy > epi.HCY_ELEVATED_ABOVE_UMOL_L,
        "hcy_elevated_cdc": lambda: t.hcy > epi.HCY_ELEVATED_CDC_ABOVE_UMOL_L,
    }
    columns = {
        name: CATEGORICAL[name].text(t) if name in CATEGORICAL else flags[name]()
        for name in CLASSIFIED_COLUMNS
        if name != "cb12" and (only is None or name in only)
    }
    return t.mutate(**columns) if columns else t


def group_codes(
    classified: ir.Table, names: Sequence[str]
) -> dict[str, tuple[ir.IntegerValue, tuple[str, ...]]]:
    """Integer codes and their labels for those of ``names`` that are categorical readings."""
    return {
        name: (CATEGORICAL[name].code(classified), CATEGORICAL[name].labels)
        for name in names
        if name in CATEGORICAL
    }


@dataclass(frozen=True)
class Indicator:
    """A named 0/1 outcome over a classified table (null where its inputs are missing)."""

    name: str
    description: str
    rules: tuple[str, ...]
    build: Callable[[ir.Table], ir.BooleanValue]


def _interval(
    column: str,
    above: float | None = None,
    upto: float | None = None,
    *,
    from_: float | None = None,
    below: float | None = None,
) -> Callable[[ir.Table], ir.BooleanValue]:
    """``above < x <= upto`` / ``from_ <= x < below`` on a numeric column (null stays null).

    Indicators compare numbers directly rather than the category strings of :func:`classify`:
    the same cut-offs, but cheaper for the engines. Property tests check both against the core.
    """

    def build(t: ir.Table) -> ir.BooleanValue:
        x = t[column]
        parts = []
        if above is not None:
            parts.append(x > above)
        if from_ is not None:
            parts.append(x >= from_)
        if upto is not None:
            parts.append(x <= upto)
        if below is not None:
            parts.append(x < below)
        result = parts[0]
        for part in parts[1:]:
            result = result & part
        return result

    return build


def _cb12_interval(category: Cb12Category) -> Callable[[ir.Table], ir.BooleanValue]:
    # Worst first; a boundary value takes the worse category, as in core.cb12.categorize.
    cuts = (
        core_cb12.POSSIBLY_DEFICIENT_ABOVE,
        core_cb12.LOW_ABOVE,
        core_cb12.ADEQUATE_ABOVE,
        core_cb12.ELEVATED_ABOVE,
    )
    i = CATEGORY_ORDER.index(category)
    above = cuts[i - 1] if i > 0 else None
    upto = cuts[i] if i < len(cuts) else None
    return _interval("cb12", above, upto)


def _three_way_intervals(
    column: str, below: float, above: float
) -> dict[nice.NiceReading, Callable[[ir.Table], ir.BooleanValue]]:
    return {
        nice.NiceReading.DEFICIENCY_LIKELY: _interval(column, below=below),
        nice.NiceReading.INDETERMINATE: _interval(column, None, above, from_=below),
        nice.NiceReading.DEFICIENCY_UNLIKELY: _interval(column, above),
    }


def standard_indicators() -> list[Indicator]:
    """The standard indicators, named as in the issue (b12_deficient, cb12_low, ...)."""
    out = [
        Indicator(
            "b12_deficient",
            "serum B12 < 148 pmol/L",
            (epi.RULE_SERUM_B12_BANDS,),
            _interval("b12", below=epi.SERUM_B12_DEFICIENT_BELOW_PMOL_L),
        ),
        Indicator(
            "b12_marginal",
            "serum B12 148-221 pmol/L inclusive",
            (epi.RULE_SERUM_B12_BANDS,),
            _interval(
                "b12",
                None,
                epi.SERUM_B12_MARGINAL_UPTO_PMOL_L,
                from_=epi.SERUM_B12_DEFICIENT_BELOW_PMOL_L,
            ),
        ),
        Indicator(
            "mma_elevated",
            "MMA > 0.271 µmol/L",
            (epi.RULE_MMA_ELEVATED,),
            _interval("mma", epi.MMA_ELEVATED_ABOVE_UMOL_L),
        ),
        Indicator(
            "hcy_elevated",
            "homocysteine > 15 µmol/L",
            (epi.RULE_HCY_ELEVATED,),
            _interval("hcy", epi.HCY_ELEVATED_ABOVE_UMOL_L),
        ),
        Indicator(
            "hcy_elevated_cdc",
            "homocysteine > 13 µmol/L (CDC)",
            (epi.RULE_HCY_ELEVATED_CDC,),
            _interval("hcy", epi.HCY_ELEVATED_CDC_ABOVE_UMOL_L),
        ),
    ]
    for category in reversed(CATEGORY_ORDER):
        out.append(
            Indicator(
                f"cb12_{category.value}",
                f"cB12 category {category.value} (4 markers)",
                (core_cb12.RULE_4CB12, core_cb12.RULE_CATEGORIES),
                _cb12_interval(category),
            )
        )
    schemes = (
        (
            "nice_b12",
            "total B12",
            nice.RULE_TOTAL,
            _three_way_intervals(
                "b12", nice.TOTAL_B12_DEFICIENCY_BELOW_PMOL_L, nice.TOTAL_B12_UNLIKELY_ABOVE_PMOL_L
            ),
        ),
        (
            "nice_active_b12",
            "active B12 (holoTC)",
            nice.RULE_ACTIVE,
            _three_way_intervals(
                "holotc",
                nice.ACTIVE_B12_DEFICIENCY_BELOW_PMOL_L,
                nice.ACTIVE_B12_UNLIKELY_ABOVE_PMOL_L,
            ),
        ),
    )
    for prefix, label, rule, builders in schemes:
        for reading in nice.NiceReading:
            out.append(
                Indicator(
                    f"{prefix}_{reading.value}",
                    f"NICE NG239 {label}: {reading.value}",
                    (rule,),
                    builders[reading],
                )
            )
    return out


GROUPING_RULES = {"age_band": RULE_AGE_BANDS}
