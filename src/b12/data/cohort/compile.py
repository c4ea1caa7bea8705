"""The band declarations of :mod:`b12.core` compiled to Ibis expressions, for every engine.

One compiler for every declaration (:class:`b12.core.bands.Bands`, :class:`~b12.core.bands.Stratified`):
a band set becomes a CASE over the column, a band a comparison with its edges, a condition on a
person an equality or a band test. There is no code per band set, so a declaration evaluates the
same on the per-person core, DuckDB and Spark (``tests/spec``).

Columns hold canonical values. A column mapped from another unit (``--map SERUM_B12=b12:pg/mL``)
was multiplied by that unit's factor (:mod:`b12.units`); its edges are then the ones the source
states in the mapped unit, multiplied by the same factor, so a value printed exactly at a stated
edge lands exactly on it: 350 pg/mL is NG239's "350 ng/L" (indeterminate), not 258.3 pmol/L against
the 258 pmol/L edge, as in the per-person core, which compares in the unit the lab printed. A null
value gives a null result. Formulas (cB12, CKD-EPI 2021) are the core's own functions, called with
:data:`IBIS` for the operations that differ between floats and columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import reduce
from operator import and_
from typing import Any

import ibis
import ibis.expr.types as ir

from b12.core.arithmetic import Arithmetic
from b12.core.bands import Bands, Closed, Condition, Declaration, Edge, Is, Stratified
from b12.units import Analyte, find_unit

# Column name -> the unit it was mapped from (its values now canonical); absent: canonical.
ColumnUnits = Mapping[str, str]


class _Ibis:
    """:class:`b12.core.arithmetic.Arithmetic` for Ibis columns."""

    def log10(self, x: Any) -> Any:
        return x.log10()

    def least(self, x: Any, y: float) -> Any:
        return ibis.least(x, y)

    def greatest(self, x: Any, y: float) -> Any:
        return ibis.greatest(x, y)

    def power(self, base: float, exponent: Any) -> Any:
        return ibis.literal(base) ** exponent

    def where(self, condition: Any, if_true: float, if_false: float) -> Any:
        return ibis.ifelse(condition, if_true, if_false)


IBIS: Arithmetic = _Ibis()


def mapped_from(column: str, value: ir.Value, unit: str | None) -> ir.NumericValue:
    """A mapped column's values in canonical units: the one conversion every engine path uses."""
    number: ir.NumericValue = value.cast("float64")
    factor = 1.0 if unit is None else find_unit(Analyte(column), unit).to_canonical
    # A factor of 1 is left out: no per-row multiplication for data already canonical.
    return number if factor == 1.0 else number * factor


def _unit(bands: Bands, column: str, units: ColumnUnits | None) -> str:
    unit = (units or {}).get(column)
    return bands.unit if unit is None else bands.display_unit(unit)


def _limit(bands: Bands, edge: Edge, unit: str) -> float:
    """The edge for a column mapped from ``unit``: as stated in ``unit``, times that unit's factor
    (the same multiplication :func:`mapped_from` applies to the column's values)."""
    stated = edge.in_unit(bands.analyte, unit)
    if bands.analyte is None or unit == bands.unit:
        return stated
    return stated * find_unit(bands.analyte, unit).to_canonical


def _below_edge(value: ir.NumericValue, bands: Bands, edge: Edge, unit: str) -> ir.BooleanValue:
    """``value`` falls in a band below ``edge`` (the edge itself when closed below)."""
    limit = _limit(bands, edge, unit)
    return value <= limit if edge.closed is Closed.BELOW else value < limit


def _above_edge(value: ir.NumericValue, bands: Bands, edge: Edge, unit: str) -> ir.BooleanValue:
    """``value`` falls in a band above ``edge`` (the edge itself when closed above)."""
    limit = _limit(bands, edge, unit)
    return value > limit if edge.closed is Closed.BELOW else value >= limit


def band_in(
    bands: Bands, label: str, t: ir.Table, column: str, units: ColumnUnits | None = None
) -> ir.BooleanValue:
    """Whether ``column`` lies in band ``label`` of ``bands`` (null where the column is null)."""
    return value_in(bands, label, t[column], column, units)


def band_limits(
    bands: Bands, label: str, column: str, units: ColumnUnits | None = None
) -> tuple[float | None, float | None]:
    """The lower and upper edge of band ``label`` as ``column`` is compared with them (None: no
    such edge); whether an edge belongs to the band is left to :func:`band_in`."""
    unit = _unit(bands, column, units)
    lower, upper = bands.limits(label)
    return (
        None if lower is None else _limit(bands, lower, unit),
        None if upper is None else _limit(bands, upper, unit),
    )


def value_in(
    bands: Bands,
    label: str,
    value: ir.NumericValue,
    column: str,
    units: ColumnUnits | None = None,
) -> ir.BooleanValue:
    """Whether ``value``, an expression for ``column``, lies in band ``label`` (null where null)."""
    unit = _unit(bands, column, units)
    lower, upper = bands.limits(label)
    parts = []
    if lower is not None:
        parts.append(_above_edge(value, bands, lower, unit))
    if upper is not None:
        parts.append(_below_edge(value, bands, upper, unit))
    if not parts:  # a single band holds every value
        return ibis.ifelse(value.isnull(), ibis.null("boolean"), True)
    result: ir.BooleanValue = reduce(and_, parts)
    return result


def band_cases(
    bands: Bands,
    t: ir.Table,
    column: str,
    units: ColumnUnits | None = None,
    *,
    code: bool = False,
) -> ir.Value:
    """The band of ``column``: its label (text), or with ``code`` its index in ``labels`` (int8).

    The engines group by the code, cheaper to compute and to hash than text; the driver turns
    codes back into labels. Null where the column is null.
    """
    unit = _unit(bands, column, units)
    value: ir.NumericValue = t[column]

    def out(i: int) -> ir.Value:
        return ibis.literal(i, "int8") if code else ibis.literal(str(bands.labels[i]))

    # From the top band down (the first true branch wins): the order b12's hand-written CASEs
    # had, so that the engines' plans, and the last bits of their sums, stay as they were.
    top_down = reversed(list(enumerate(bands.edges, start=1)))
    return ibis.cases(
        (value.isnull(), ibis.null("int8" if code else "string")),
        *[(_above_edge(value, bands, edge, unit), out(i)) for i, edge in top_down],
        else_=out(0),
    )


def condition(c: Condition, t: ir.Table) -> ir.BooleanValue:
    """A condition on a person's other fields (canonical units); null where a field is null."""
    if isinstance(c, Is):
        literal = ibis.literal(c.value if isinstance(c.value, bool) else str(c.value))
        result: ir.BooleanValue = t[c.field] == literal
        return result
    return band_in(c.bands, c.label, t, c.field)


def _all(conditions: tuple[Condition, ...], t: ir.Table) -> ir.BooleanValue | None:
    parts = [condition(c, t) for c in conditions]
    return reduce(and_, parts) if parts else None


def stratified_in(
    decl: Stratified, label: str, t: ir.Table, column: str, units: ColumnUnits | None = None
) -> ir.BooleanValue:
    """Whether ``column`` lies in band ``label`` of the stratum that applies to each row.

    Null out of scope, where no stratum applies, or where the column is null. A condition on a
    null field is not met (CASE passes over it), as a missing field is in the per-person core.
    """
    branches = []
    for stratum in decl.strata:
        member = band_in(stratum.bands, label, t, column, units)
        when = _all(stratum.when, t)
        branches.append((ibis.literal(True) if when is None else when, member))
    result: ir.BooleanValue = ibis.cases(*branches, else_=ibis.null("boolean"))
    scope = _all(decl.scope, t)
    if scope is None:
        return result
    scoped: ir.BooleanValue = ibis.ifelse(scope, result, ibis.null("boolean"))
    return scoped


def member(
    decl: Declaration, label: str, t: ir.Table, column: str, units: ColumnUnits | None = None
) -> ir.BooleanValue:
    """Whether ``column`` lies in band ``label`` of any declaration (plain or stratified)."""
    if isinstance(decl, Stratified):
        return stratified_in(decl, label, t, column, units)
    return band_in(decl, label, t, column, units)
