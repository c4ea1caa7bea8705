"""Grouped survey estimates: per-PSU sums in the engine, variance on the driver.

One pass over the rows computes, for every (group, stratum, PSU) and every target, the domain count
``n``, the count with the outcome, ``Σw·d`` and ``Σw·d·y`` (``d`` = in the ``--where`` filter and
the target not missing). Rows outside the domain stay in the design through the separate list of
the design's PSUs, so domain estimates use the full design.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import ibis
import ibis.expr.types as ir

from b12.core.sex import Sex
from b12.data.cohort.engine import CohortEngine

# Re-exported: the driver part's names, used with the engine part's.
from b12.data.cohort.psu_estimates import (
    _N,
    _ROWS,
    _W,
    _W2,
    PSU,
    STRATUM,
    WEIGHT,
    Cell,
    Estimand,
    TargetKind,
    collapse_states,
    estimates_from_sums,
    with_design,
)
from b12.stats.survey import SingletonPsu

__all__ = [
    "PSU",
    "STRATUM",
    "WEIGHT",
    "Cell",
    "Estimand",
    "KeptRows",
    "RowLayout",
    "SumsQuery",
    "Target",
    "TargetKind",
    "collapse_states",
    "estimates_from_sums",
    "grouped_estimates",
    "kept_rows",
    "packed_states",
    "row_columns",
    "sums_over",
    "sums_query",
]

# The columns of one row per person, by name, as expressions over the classified table.
Columns = dict[str, ir.Value]
# A grouping column computed as an integer code, with the labels the codes stand for.
GroupCodes = Mapping[str, tuple[ir.IntegerValue, Sequence[str]]]


@dataclass(frozen=True)
class Target(Estimand):
    """A proportion (0/1 indicator) or a mean of a numeric column, by name, with its expression."""

    expr: ir.NumericValue


# Up to this many proportions become grouping keys (see sums_query): each has three states
# (true, false, missing), so a group's PSU splits into at most 3**6 = 729 cells (fewer in
# practice: readings of the same marker are correlated). Measured on DuckDB at 10^7 rows by
# age band x sex: 3 proportions 2.9 CPU s state-keyed vs 3.8 filtered, 6: 3.3 vs 5.6.
MAX_STATE_KEYS = 6


def state_keyed(targets: Sequence[Target]) -> bool:
    """Whether :func:`sums_query` groups by the proportions' values (few proportions)."""
    proportions = sum(t.kind is TargetKind.PROPORTION and not t.empty for t in targets)
    return 0 < proportions <= MAX_STATE_KEYS


@dataclass(frozen=True)
class RowLayout:
    """What :func:`row_columns` puts in each row, so that :func:`sums_over` can add up any table
    with those columns (the fresh rows, or a cohort cache entry holding them)."""

    keys: tuple[str, ...]  # grouping columns: the groups, the design's, the proportions' states
    values: tuple[tuple[int, TargetKind], ...]  # filtered targets: index, kind (column _v{i})
    domain: bool  # the --where domain is a column (_in)
    srs: bool
    keyed: bool
    packed: tuple[str, ...] = ()  # state keys held as one code (_st): packed_states


@dataclass(frozen=True)
class SumsQuery:
    """The engine part of a grouped estimate, and how the driver reads its result."""

    source: ir.Table  # the classified table the rows are selected from
    columns: Columns  # the rows' columns (row_columns): one row per person, what the sums add up
    layout: RowLayout
    keyed: bool  # state-keyed form (collapse_states turns it into the filtered one)
    labels: dict[str, tuple[str, ...]]  # grouping columns grouped by integer code

    @cached_property
    def rows(self) -> ir.Table:
        """One row per person: the values the sums add up."""
        return self.source.select(**self.columns)

    @cached_property
    def expr(self) -> ir.Table:
        """The per-PSU sums: :func:`sums_over` the rows (built when first asked for: rows kept
        in the cache are added up there instead, about 3 ms of building saved)."""
        return sums_over(self.rows, self.layout)


def sums_query(
    t: ir.Table,
    targets: Sequence[Target],
    domain: ir.BooleanValue | None,
    by: Sequence[str],
    *,
    srs: bool,
    codes: GroupCodes | None = None,
    states: bool | None = None,
    positive_weights: bool = False,
) -> SumsQuery:
    """The engine part: one aggregation over all rows, per group (and stratum and PSU), with
    the form chosen and the codes' labels kept for the driver.

    Two equivalent forms; :func:`collapse_states` turns the first into the second.

    - ``states`` (default for 1 to ``MAX_STATE_KEYS`` proportions): the proportions' values
      (true, false or missing; missing outside the domain) are grouping keys, and each cell
      needs only ``count(w)`` and ``sum(w)`` whatever the number of proportions, instead of four
      filtered aggregates per proportion: about a quarter less CPU on DuckDB. With many
      independent proportions the cells could multiply towards one per row, so beyond
      ``MAX_STATE_KEYS`` the filtered form is used. ``states=True``/``False`` forces a form.
    - filtered: ``SUM(w) FILTER (WHERE ...)`` aggregates per target, the form a hand-written
      query would use.

    Means always use filtered aggregates (in either form). ``codes``: grouping columns that the
    engine may group by an integer code instead of its text (see
    :func:`b12.data.cohort.rules.group_codes`). With ``srs`` a ``_rows`` count of all rows comes
    along, so no second pass counts the table. ``positive_weights``: the source says every
    weight is present and above zero (Parquet statistics), so none is set to null.

    The query is built in two steps, :func:`row_columns` (the classification: one row per person
    with only what the sums read) and :func:`sums_over` (the aggregation), so that the rows can
    be kept and a later analysis only adds them up (docs/cohort.md, "Cache").
    """
    codes = {k: v for k, v in (codes or {}).items() if k in by}
    keyed = state_keyed(targets) if states is None else states
    columns, layout = row_columns(
        t, targets, None if domain is None else domain.fill_null(False), by, srs=srs,
        keyed=keyed, codes=codes, positive_weights=positive_weights,
    )  # fmt: skip
    labels = {k: tuple(labels) for k, (_, labels) in codes.items()}
    return SumsQuery(t, columns, layout, keyed, labels)


_WT, _IN = "_wt", "_in"  # the row's weight and its --where domain (underscored: no clash)


def row_columns(
    t: ir.Table,
    targets: Sequence[Target],
    inside: ir.BooleanValue | None,
    by: Sequence[str],
    *,
    srs: bool,
    keyed: bool,
    codes: GroupCodes,
    positive_weights: bool,
) -> tuple[Columns, RowLayout]:
    """One row per person with the grouping keys (integer codes where ``codes`` has them), the
    proportions' states (``keyed``) or the targets' values, the domain and the weight;
    ``inside``: in the ``--where`` domain (None: everyone)."""
    # A zero weight (NHANES interview-only persons, unreliable dietary recalls under WTDRD1) is
    # outside the analytic sample: as null it adds to no sum and no count, in one NULLIF per row,
    # left out when the source's own statistics show every weight present and above zero.
    weight = t[WEIGHT].cast("float64")
    if not positive_weights:
        weight = weight.nullif(0.0)
    columns: dict[str, ir.Value] = {k: codes[k][0] if k in codes else t[k] for k in by}
    if not srs:
        columns.update({k: t[k] for k in with_design(by)[len(by) :]})  # --by stratum is valid
    values: list[tuple[int, TargetKind]] = []
    added: dict[str, ir.Value] = {}  # the targets' values: summed, never grouping keys
    for i, target in enumerate(targets):
        if target.empty:
            continue  # nothing to add up (the driver reads zeros)
        y = target.expr
        if keyed and target.kind is TargetKind.PROPORTION:
            columns[f"_y{i}"] = (
                y if inside is None else ibis.ifelse(inside, y, ibis.null("boolean"))
            )
            continue
        added[f"_v{i}"] = y if target.kind is TargetKind.PROPORTION else y.cast("float64")
        values.append((i, target.kind))
    keys = tuple(columns)
    columns.update(added)
    columns[_WT] = weight
    domain = inside is not None and bool(values)
    if domain:
        columns[_IN] = inside
    layout = RowLayout(keys, tuple(values), domain, srs, keyed)
    return columns, layout


_ST = "_st"  # the proportions' states as one code: sum of 3**j * (0 false, 1 true, 2 missing)


def packed_states(columns: Columns, layout: RowLayout) -> tuple[Columns, RowLayout]:
    """The proportions' states (``_y{i}``, true, false or missing) as one 16-bit code (at most
    3**MAX_STATE_KEYS = 729 values), which :func:`sums_over` groups by and decodes on the few
    cells: for rows that are kept and added up again, one integer key instead of one per
    proportion. 10^6 rows by age band, sex and design with three states: 33 ms of DuckDB CPU
    instead of 47 (docs/cohort-benchmarks.md, "A CSV cohort's cache")."""
    states = tuple(k for k in layout.keys if k.startswith("_y"))
    if len(states) < 2:
        return columns, layout
    digits = [columns[k].cast("int8").fill_null(2) * 3**j for j, k in enumerate(states)]
    code = sum(digits[1:], digits[0]).cast("int16")
    others = {name: value for name, value in columns.items() if name not in states}
    keys = (*(k for k in layout.keys if k not in states), _ST)
    return {**others, _ST: code}, replace(layout, keys=keys, packed=states)


# Text grouping columns whose values b12 knows in full, coded in kept rows: a mapped ``sex`` holds
# b12's words for it (docs/cohort.md, "Commands"; another value stops the coding, below).
KNOWN_TEXT = {"sex": tuple(sex.value for sex in Sex)}


def _narrowed(columns: Columns, layout: RowLayout) -> tuple[Columns, dict[str, tuple[str, ...]]]:
    """The columns that can be kept narrower without changing a value, narrowed, and the labels
    of the text columns it codes: integer columns wider than 16 bits (stratum, PSU) cast to 16 bits,
    and a ``KNOWN_TEXT`` grouping key as the index of its value (int8). Every cast is checked:
    a number beyond 16 bits, or a text value b12 does not know (``'M'``), stops the query with
    a conversion error (the text is prefixed with ``~`` so that it never reads as a number),
    and the rows are then kept as they are. A first analysis of 10^6 rows of the benchmark's
    CSV: the entry 16 MB instead of 24 (35 before the design was narrowed), about 5 % less CPU,
    and its sums half the CPU (docs/cohort-benchmarks.md, "A CSV cohort's cache")."""
    narrow: Columns = {}
    for name, value in columns.items():
        kind = value.type()
        if kind.is_integer() and kind.nbytes > 2:
            narrow[name] = value.cast("int16")
    labels: dict[str, tuple[str, ...]] = {}
    for name, values in KNOWN_TEXT.items():
        if name in layout.keys and columns[name].type().is_string():
            text = columns[name]
            known = [(text == value, ibis.literal(i, "int8")) for i, value in enumerate(values)]
            narrow[name] = ibis.cases(*known, else_=(ibis.literal("~") + text).cast("int8"))
            labels[name] = values
    return narrow, labels


@dataclass(frozen=True)
class KeptRows:
    """What a cache entry keeps of a query's rows (:func:`kept_rows`): each a select from the
    classified table, built when asked for (the packed rows only when a narrowing cast fails)."""

    source: ir.Table
    packed: Columns
    narrowed: Columns  # the packed columns that a checked cast narrows
    layout: RowLayout
    labels: dict[str, tuple[str, ...]]  # the text columns ``narrow`` codes

    @property
    def rows(self) -> ir.Table:
        """The states packed."""
        return self.source.select(**self.packed)

    @property
    def narrow(self) -> ir.Table:
        """The same, narrowed by checked casts (a value that does not fit stops its query)."""
        return self.source.select(**{**self.packed, **self.narrowed})


def kept_rows(query: SumsQuery) -> KeptRows:
    """The query's rows as a cache entry keeps them: the states packed (:func:`packed_states`), and
    narrowed (:func:`_narrowed`), each one select from the classified table (a select over the
    rows' own select costs Ibis about 4 ms more to compile on the benchmark's query)."""
    packed, layout = packed_states(query.columns, query.layout)
    narrowed, labels = _narrowed(packed, layout)
    return KeptRows(query.source, packed, narrowed, layout, labels)


def _unpacked(sums: ir.Table, states: Sequence[str]) -> ir.Table:
    """The per-PSU sums with each packed state as its own column again."""
    digit = {k: (sums[_ST] // 3**j) % 3 for j, k in enumerate(states)}
    none = ibis.null("boolean")
    decoded = {k: ibis.cases((d == 1, True), (d == 0, False), else_=none) for k, d in digit.items()}
    return sums.mutate(**decoded).drop(_ST)


def sums_over(rows: ir.Table, layout: RowLayout) -> ir.Table:
    """The per-PSU sums of :func:`sums_query` over a table with the columns of
    :func:`row_columns`."""
    weight = rows[_WT]
    inside = rows[_IN] if layout.domain else None
    metrics: dict[str, ir.Value] = {}
    if layout.srs:
        metrics[_ROWS] = rows.count()
    if layout.keyed:
        metrics[_N] = weight.count()
        metrics[_W] = weight.sum()
        if layout.srs:
            metrics[_W2] = (weight * weight).sum()

    def within(condition: ir.BooleanValue) -> ir.BooleanValue:
        return condition if inside is None else inside & condition

    for i, kind in layout.values:
        y = rows[f"_v{i}"]
        present = within(y.notnull())
        if kind is TargetKind.PROPORTION:
            positive = within(y)
            metrics[f"s1_{i}"] = weight.sum(where=positive)
        else:
            positive = within(y != 0)
            metrics[f"s1_{i}"] = (weight * y).sum(where=present)
        metrics[f"n_{i}"] = weight.count(where=present)
        metrics[f"e_{i}"] = weight.count(where=positive)
        metrics[f"s0_{i}"] = weight.sum(where=present)
        if layout.srs:
            w2 = weight * weight
            yf = y.cast("float64")
            metrics[f"q0_{i}"] = w2.sum(where=present)
            metrics[f"q1_{i}"] = (w2 * yf).sum(where=present)
            metrics[f"q2_{i}"] = (w2 * yf * yf).sum(where=present)
    if not metrics:  # only state keys, or only empty targets: the cells still need a count
        metrics[_N] = weight.count()
    keys = list(layout.keys)
    sums = rows.group_by(keys).aggregate(**metrics) if keys else rows.aggregate(**metrics)
    return _unpacked(sums, layout.packed) if layout.packed else sums


def grouped_estimates(
    engine: CohortEngine,
    t: ir.Table,
    targets: Sequence[Target],
    domain: ir.BooleanValue | None,
    by: Sequence[str],
    *,
    srs: bool,
    singleton: SingletonPsu = SingletonPsu.ERROR,
    codes: GroupCodes | None = None,
    states: bool | None = None,
) -> list[Cell]:
    """Estimates for every target in every group (groups in band order, else sorted; nulls
    last): :func:`sums_query` in the engine, then
    :func:`b12.data.cohort.psu_estimates.estimates_from_sums` on the driver."""
    if not targets:
        return []
    query = sums_query(t, targets, domain, by, srs=srs, codes=codes, states=states)
    return estimates_from_sums(
        engine.execute_sums(query.expr),
        targets,
        by,
        srs=srs,
        singleton=singleton,
        labels=query.labels,
        keyed=query.keyed,
    )
