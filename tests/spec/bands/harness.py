"""Spec files for band declarations, in the style of ehrQL's ``tests/spec``.

A spec is a declaration (or the cohort column that reads it), input rows and the values expected
for them. :func:`on_core` evaluates it with the per-person core, :func:`on_engine` with the cohort
engines through the one compiler (:mod:`b12.data.cohort.compile`) and the cohort modules; the test
in ``test_band_specs.py`` runs every spec on the core, DuckDB and Spark.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from b12.core.bands import Bands, Declaration, Stratified
from b12.data.cohort.compile import band_cases, mapped_from, member
from b12.data.cohort.engine import CohortEngine
from b12.data.cohort.kidney_blood import INDICATORS, with_kidney_blood
from b12.data.cohort.rules import CLASSIFIED_COLUMNS, classify, standard_indicators

# Per-person function: (value, unit, the row's other fields) -> expected value.
PerPerson = Callable[[float, str, dict[str, Any]], Any]


@dataclass(frozen=True)
class Spec:
    """Input rows -> expected values for one declaration.

    ``columns`` names the row's fields: the value first (compared in ``unit``, canonical when
    None), then any fields a stratified declaration reads, then ``expected``. With ``label`` the
    expected value says whether the value lies in that band, else it is the band's label.
    ``output`` names the cohort column that reads the declaration (classified column or
    indicator); without it the engines evaluate the declaration compiled directly. ``person`` is
    the per-person function of that output (else the core evaluates the declaration itself).
    """

    name: str
    declaration: Declaration
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    unit: str | None = None
    label: str | None = None
    output: str | None = None
    person: PerPerson | None = None

    @property
    def value_column(self) -> str:
        return self.columns[0]

    @property
    def expected(self) -> list[Any]:
        return [row[-1] for row in self.rows]

    def inputs(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns[:-1], row[:-1], strict=True)) for row in self.rows]


def of_value(function: Callable[[float], Any]) -> PerPerson:
    """The per-person function of a column that reads the value alone: a missing value gives None."""

    def person(value: float | None, _unit: str, _fields: dict[str, Any]) -> Any:
        return None if value is None else function(value)

    return person


def steps(
    first: Any, *edges: tuple[float, Any], below: float = 0.01
) -> tuple[tuple[Any, ...], ...]:
    """Rows just below and at each edge of bands closed at their lower end, then a missing value.

    ``first`` is the label below the first edge; each ``(edge, label)`` names the band that starts
    at ``edge``.
    """
    rows: list[tuple[Any, ...]] = []
    previous = first
    for edge, label in edges:
        rows += [(round(edge - below, 10), previous), (edge, label)]
        previous = label
    return (*rows, (None, None))


def _unit(spec: Spec) -> str:
    if spec.unit is not None:
        return spec.unit
    bands = spec.declaration
    return bands.unit if isinstance(bands, Bands) else bands.strata[0].bands.unit


def on_core(spec: Spec) -> list[Any]:
    """The per-person core's value for every row."""
    out = []
    for fields in spec.inputs():
        value = fields[spec.value_column]
        if spec.person is not None:
            out.append(spec.person(value, _unit(spec), fields))
            continue
        if value is None:
            out.append(None)
            continue
        decl = spec.declaration
        if isinstance(decl, Stratified):
            label = decl.label_of(value, fields)
        else:
            label = decl.label_of(value, _unit(spec))
        out.append(label if spec.label is None or label is None else label == spec.label)
    return out


# Every input column of the cohort modules, null unless a spec sets it.
_COHORT_COLUMNS = {
    **dict.fromkeys(
        ("age", "b12", "holotc", "mma", "hcy", "creatinine", "egfr", "hemoglobin", "mcv"),
        "float64",
    ),
    "sex": "string",
    "pregnant": "boolean",
}


def _frame(spec: Spec) -> pd.DataFrame:
    rows = spec.inputs()
    names = spec.columns[:-1] if spec.output is None else tuple(_COHORT_COLUMNS)
    frame = pd.DataFrame({name: [row.get(name) for row in rows] for name in names})
    for name in names:
        frame[name] = frame[name].astype(_COHORT_COLUMNS.get(name, "float64"))
    frame.insert(0, "row_id", range(len(rows)))
    return frame


def _cohort_column(t: ir.Table, output: str, units: dict[str, str] | None) -> ir.Table:
    """``t`` with ``result``: ``output`` as ``b12 cohort`` computes it (column or indicator)."""
    classified = with_kidney_blood(classify(t, {output}, units), {output})
    indicators = {ind.name: ind for ind in (*standard_indicators(), *INDICATORS)}
    if output in indicators:
        return classified.mutate(result=indicators[output].build(classified, units))
    assert output in (*CLASSIFIED_COLUMNS, "egfr_band"), output
    return classified.mutate(result=classified[output])


def engine_results(spec: Spec, engine: CohortEngine) -> ir.Table:
    """``row_id`` and ``result``: the spec's rows as the engine computes them, not yet run."""
    t = engine.table_from_pandas(_frame(spec))
    units = None if spec.unit is None else {spec.value_column: spec.unit}
    if units:  # as `b12 cohort run --map COLUMN=NAME:UNIT` reads it: converted once, on the way in
        column = spec.value_column
        t = t.mutate(**{column: mapped_from(column, t[column], spec.unit)})
    decl = spec.declaration
    if spec.output is not None:
        t = _cohort_column(t, spec.output, units)
    elif spec.label is not None:
        t = t.mutate(result=member(decl, spec.label, t, spec.value_column, units))
    else:
        assert isinstance(decl, Bands), "a stratified declaration is read one band at a time"
        t = t.mutate(result=band_cases(decl, t, spec.value_column, units))
    return t.select("row_id", "result")


def on_engine(spec: Spec, engine: CohortEngine) -> list[Any]:
    """The engine's value for every row (one query)."""
    got = engine.execute(engine_results(spec, engine).order_by("row_id"))
    return [_clean(v) for v in got["result"]]


def on_engine_at_once(specs: Sequence[Spec], engine: CohortEngine) -> dict[str, list[Any]]:
    """Every spec's values, in one query per result type rather than one per spec.

    Each query on a remote cluster costs a round of scheduling; the specs' results are stacked
    with UNION ALL (which needs one type, hence one query per type) and split again by spec.
    """
    by_type: dict[str, list[ir.Table]] = {}
    for i, spec in enumerate(specs):
        t = engine_results(spec, engine).mutate(spec=ibis.literal(i, type="int64"))
        by_type.setdefault(str(t.schema()["result"]), []).append(t)
    values: dict[str, list[Any]] = {spec.name: [] for spec in specs}
    for tables in by_type.values():
        got = engine.execute(ibis.union(*tables).order_by(["spec", "row_id"]))
        for i, value in zip(got["spec"], got["result"], strict=True):
            values[specs[i].name].append(_clean(value))
    return values


def _clean(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


__all__ = ["Spec", "of_value", "on_core", "on_engine", "on_engine_at_once", "steps"]
