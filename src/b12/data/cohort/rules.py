"""The per-person rules of :mod:`b12.core` as cohort columns: which declaration fills which column.

No cut-off is written here: every band set is the core's declaration, compiled by
:mod:`b12.data.cohort.compile`, and the cB12 equation is the core's own function. The same
expressions run on DuckDB and on PySpark; property tests and the spec files (``tests/spec``) prove
these columns equal the per-person functions, missing markers included.

Input columns: ``age`` (years), ``b12`` and ``holotc`` (pmol/L), ``mma`` and ``hcy`` (µmol/L), in
canonical units; ``units`` names the unit a column was mapped from, whose stated edges then apply
(:mod:`b12.data.cohort.compile`). A missing marker gives a null result; cB12 is computed only
when all four markers are present (Fedosov 2015 four-marker equation; the 3- and 2-marker
equations are not in b12's rule data, and dropping a term would shift the scale), so NHANES, which
never measured holoTC, has a null cB12 for everyone.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from b12.core.bands import Bands, Declaration
from b12.core.status import cb12 as core_cb12
from b12.core.status import epidemiology as epi
from b12.core.status import nice_ng239 as nice
from b12.core.survey import standards
from b12.data.cohort.cb12_shortcut import NOTHING_KNOWN, Known, cb12_in_band
from b12.data.cohort.compile import IBIS, ColumnUnits, band_cases, band_in, member

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
    """Fedosov's four-marker cB12 (:func:`b12.core.status.cb12.four_marker_formula`).

    Null unless all four markers are present and positive (the logarithm needs them): a missing
    marker or age makes a comparison null, and IF sends null to the null branch.
    """
    b12, holotc, mma, hcy = (t[c] for c in ("b12", "holotc", "mma", "hcy"))
    value = core_cb12.four_marker_formula(b12, holotc, mma, hcy, t.age, IBIS)
    result: ir.FloatingValue = ibis.ifelse(cb12_markers(t), value, ibis.null("float64"))
    return result


def cb12_markers(t: ir.Table) -> ir.BooleanValue:
    """The rows cB12 is computed for: all four markers present and positive (the logarithm needs
    them); null where one is missing."""
    present: ir.BooleanValue = (t.b12 > 0) & (t.holotc > 0) & (t.mma > 0) & (t.hcy > 0)
    return present


def adults_only(t: ir.Table, value: ir.Value) -> ir.Value:
    """``value``, null on a row known to be under 16: NICE NG239 (and its bands) covers people over
    16, so a child's result is not read, as in the per-person judgment. A row without an age is
    read (an extract may not map one)."""
    child = band_in(nice.AGE_SCOPE_BANDS, nice.UNDER_16, t, "age")
    return ibis.ifelse(child, ibis.null(value.type()), value)


@dataclass(frozen=True)
class Categorical:
    """A column holding the band of ``column`` under ``bands``: text, or an int8 code to group by
    (``ng239``: not read for a row known to be under 16)."""

    bands: Bands
    column: str
    ng239: bool = False

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels, in code order."""
        return tuple(str(label) for label in self.bands.labels)

    def text(self, t: ir.Table, units: ColumnUnits | None = None) -> ir.StringValue:
        """The label column."""
        result: ir.StringValue = self._scoped(t, band_cases(self.bands, t, self.column, units))
        return result

    def code(self, t: ir.Table, units: ColumnUnits | None = None) -> ir.IntegerValue:
        """The label's index in ``labels`` (int8), for grouping."""
        cases = band_cases(self.bands, t, self.column, units, code=True)
        result: ir.IntegerValue = self._scoped(t, cases)
        return result

    def _scoped(self, t: ir.Table, value: ir.Value) -> ir.Value:
        return adults_only(t, value) if self.ng239 else value


# In the order of the classified table's columns.
CATEGORICAL: dict[str, Categorical] = {
    "cb12_category": Categorical(core_cb12.CATEGORY_BANDS, "cb12"),
    "b12_band": Categorical(epi.SERUM_B12_BANDS, "b12"),
    "nice_b12": Categorical(nice.TOTAL_B12_BANDS, "b12", ng239=True),
    "nice_active_b12": Categorical(nice.ACTIVE_B12_BANDS, "holotc", ng239=True),
    "age_band": Categorical(standards.AGE_BANDS, "age"),
}


@dataclass(frozen=True)
class Indicator:
    """A named 0/1 outcome: ``column`` lies in band ``label`` of ``declaration`` (null if missing)."""

    name: str
    description: str
    rules: tuple[str, ...]
    declaration: Declaration
    column: str
    label: str
    ng239: bool = False  # NICE NG239's bands: not read for a row known to be under 16

    def build(
        self,
        t: ir.Table,
        units: ColumnUnits | None = None,
        *,
        short_cut: bool = True,
        known: Known = NOTHING_KNOWN,
    ) -> ir.BooleanValue:
        """The indicator over ``t`` (numbers compared directly: cheaper than the label column).

        A cB12 band with ``short_cut`` is decided from the markers' ratio where it can be, the
        formula computed only for the rows near the band (:mod:`b12.data.cohort.cb12_shortcut`;
        the same values; ``known``: what the source's statistics prove, fewer per-row tests);
        without it, ``t``'s ``cb12`` column is compared (cheaper when the query computes that
        column anyway).
        """
        if self.column == "cb12" and short_cut and isinstance(self.declaration, Bands):
            cb12, present = cb12_expr(t), cb12_markers(t)
            inside = cb12_in_band(self.declaration, self.label, t, cb12, present, units, known)
        else:
            inside = member(self.declaration, self.label, t, self.column, units)
        result: ir.BooleanValue = adults_only(t, inside) if self.ng239 else inside
        return result


def indicators_for(
    prefix: str,
    what: str,
    bands: Declaration,
    column: str,
    labels: Sequence[str],
    rules: tuple[str, ...] | None = None,
    *,
    ng239: bool = False,
) -> list[Indicator]:
    """One indicator per label, named ``{prefix}_{label}`` (just ``prefix`` for one label)."""
    wording = {str(band.label): band.wording for band in _bands_of(bands).bands}
    return [
        Indicator(
            prefix if len(labels) == 1 else f"{prefix}_{label}",
            f"{what}: {wording[label]}",
            (bands.rule,) if rules is None else rules,
            bands,
            column,
            label,
            ng239,
        )
        for label in labels
    ]


def _bands_of(declaration: Declaration) -> Bands:
    return declaration if isinstance(declaration, Bands) else declaration.strata[0].bands


def _flag(name: str, what: str, bands: Bands, column: str) -> Indicator:
    return indicators_for(name, what, bands, column, [epi.ELEVATED])[0]


# The flag columns of the classified table are indicators too.
FLAGS: dict[str, Indicator] = {
    ind.name: ind
    for ind in (
        _flag("mma_elevated", "MMA", epi.MMA_BANDS, "mma"),
        _flag("hcy_elevated", "homocysteine", epi.HCY_BANDS, "hcy"),
        _flag("hcy_elevated_cdc", "homocysteine (CDC)", epi.HCY_CDC_BANDS, "hcy"),
    )
}


def classify(
    t: ir.Table, only: Collection[str] | None = None, units: ColumnUnits | None = None
) -> ir.Table:
    """Add the per-person classifications as columns.

    ``only``: add just the classification columns named there (and ``cb12``, which the cB12
    indicators read). The engines skip unused columns anyway, but Ibis compiles every column of
    the expression: all of them cost about 25 ms per query. ``units``: the unit each input column
    was mapped from, when not canonical.
    """
    t = t.mutate(cb12=cb12_expr(t))
    columns = {
        name: CATEGORICAL[name].text(t, units)
        if name in CATEGORICAL
        else FLAGS[name].build(t, units)
        for name in CLASSIFIED_COLUMNS
        if name != "cb12" and (only is None or name in only)
    }
    return t.mutate(**columns) if columns else t


def group_codes(
    classified: ir.Table, names: Sequence[str], units: ColumnUnits | None = None
) -> dict[str, tuple[ir.IntegerValue, tuple[str, ...]]]:
    """Integer codes and their labels for those of ``names`` that are categorical readings."""
    return {
        name: (CATEGORICAL[name].code(classified, units), CATEGORICAL[name].labels)
        for name in names
        if name in CATEGORICAL
    }


_NICE_READINGS = [reading.value for reading in nice.NiceReading]


def standard_indicators() -> list[Indicator]:
    """The standard indicators, named as in the issue (b12_deficient, cb12_low, ...)."""
    cb12_bands = core_cb12.CATEGORY_BANDS
    return [
        *indicators_for("b12", "serum B12", epi.SERUM_B12_BANDS, "b12", ["deficient", "marginal"]),
        *FLAGS.values(),
        *indicators_for(
            "cb12",
            "cB12 (4 markers)",
            cb12_bands,
            "cb12",
            [str(label) for label in reversed(cb12_bands.labels)],
            (core_cb12.RULE_4CB12, core_cb12.RULE_CATEGORIES),
        ),
        *indicators_for(
            "nice_b12",
            "NICE NG239 total B12",
            nice.TOTAL_B12_BANDS,
            "b12",
            _NICE_READINGS,
            (nice.RULE_TOTAL, nice.RULE_AGE_SCOPE),
            ng239=True,
        ),
        *indicators_for(
            "nice_active_b12",
            "NICE NG239 active B12 (holoTC)",
            nice.ACTIVE_B12_BANDS,
            "holotc",
            _NICE_READINGS,
            (nice.RULE_ACTIVE, nice.RULE_AGE_SCOPE),
            ng239=True,
        ),
    ]


GROUPING_RULES = {"age_band": standards.RULE_AGE_BANDS}
