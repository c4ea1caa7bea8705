"""The classified table an analysis needs, and the targets it estimates on it."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import ibis.expr.types as ir

from b12.data.cohort import kidney_blood
from b12.data.cohort.cb12_shortcut import NOTHING_KNOWN, Known
from b12.data.cohort.compile import ColumnUnits
from b12.data.cohort.expressions import compile_condition, parse_indicator
from b12.data.cohort.pipeline import Target, TargetKind
from b12.data.cohort.rules import CLASSIFIED_COLUMNS, Indicator, classify, standard_indicators
from b12.errors import InputError
from b12.services.cohort.names import AnalysisNames, analysis_names
from b12.services.cohort.options import CohortOptions

# The classified columns that hold cB12's value (a query naming one computes it for every row).
CB12_VALUE_COLUMNS = frozenset({"cb12", "cb12_category"})

# Rule ids cited by each target, by target name.
TargetRules = dict[str, tuple[str, ...]]


def all_indicators() -> list[Indicator]:
    """Standard B12-status indicators, then kidney and blood-count ones (on request only)."""
    return [*standard_indicators(), *kidney_blood.INDICATORS]


def with_indicator_columns(
    classified: ir.Table, names: Collection[str], units: ColumnUnits | None = None
) -> ir.Table:
    """Standard indicators among ``names`` as columns, for --where/--indicator expressions.

    Only the ones named: every extra projection costs the engines a little.
    """
    extra = {
        ind.name: ind.build(classified, units)
        for ind in all_indicators()
        if ind.name in names and ind.name not in classified.columns
    }
    return classified.mutate(**extra) if extra else classified


def named_columns(t: ir.Table, names: AnalysisNames) -> frozenset[str] | None:
    """The names the estimates use, or None (everything) when one is unknown or unparsed.

    With None, classification adds every column, so that an error about the unknown name
    lists them all.
    """
    used = names.to_classify()
    known = {*t.columns, *CLASSIFIED_COLUMNS, *(ind.name for ind in all_indicators())}
    known |= kidney_blood.KIDNEY_NAMES | kidney_blood.BLOOD_NAMES
    return used if used is not None and used <= known else None


def classified_table(
    t: ir.Table, options: CohortOptions, names: AnalysisNames, units: ColumnUnits
) -> ir.Table:
    """``t`` with the classification, kidney/blood and indicator columns the analysis names
    (``units``: the unit each laboratory column was mapped from)."""
    only = None if options.regress else named_columns(t, names)
    with_kidney = kidney_blood.with_kidney_blood(classify(t, only, units), names.kidney_blood())
    return with_indicator_columns(with_kidney, names.in_expressions(), units)


def _indicator_target(
    spec: str,
    t: ir.Table,
    standard: dict[str, Indicator],
    units: ColumnUnits,
    absent: Collection[str],
    *,
    short_cut: bool = True,
    known: Known = NOTHING_KNOWN,
) -> tuple[Target, tuple[str, ...]]:
    """A standard indicator with its rules, or a NAME=EXPRESSION one (no rules); ``short_cut``:
    see :meth:`Indicator.build`."""
    if spec in standard:
        built = standard[spec].build(t, units, short_cut=short_cut, known=known)
        empty = bool(set(markers_of(standard[spec].column)) & set(absent))
        return Target(spec, TargetKind.PROPORTION, built, empty=empty), standard[spec].rules
    if "=" not in spec:
        raise InputError(
            f"unknown indicator {spec!r}; standard ones: {', '.join(standard)}; or give "
            "NAME=EXPRESSION",
            field="--indicator",
        )
    name, text = parse_indicator(spec)
    condition = compile_condition(text, t, field="--indicator")
    return Target(name, TargetKind.PROPORTION, condition), ()


def _mean_target(column: str, t: ir.Table, absent: Collection[str]) -> Target:
    if column not in t.columns:
        raise InputError(f"unknown column {column!r}", field="--mean")
    empty = bool(set(markers_of(column)) & set(absent))
    return Target(column, TargetKind.MEAN, t[column], empty=empty)


# The markers each classified column is computed from: an indicator of an unmapped marker would
# be an empty row (n = 0) in every group.
MARKERS_OF = {"cb12": ("b12", "holotc", "mma", "hcy")}


def markers_of(column: str) -> tuple[str, ...]:
    """The input columns a classified column is computed from (itself for an input column)."""
    return MARKERS_OF.get(column, (column,))


def default_indicators(markers: Collection[str] | None = None) -> list[str]:
    """The standard indicators shown by default; with ``markers`` (those a file maps), only the
    ones whose markers are all there."""
    return [
        ind.name
        for ind in standard_indicators()
        if markers is None or set(markers_of(ind.column)) <= set(markers)
    ]


def build_targets(
    t: ir.Table,
    options: CohortOptions,
    units: ColumnUnits,
    markers: Collection[str] | None = None,
    absent: Collection[str] = (),
    *,
    known: Known = NOTHING_KNOWN,
) -> tuple[list[Target], TargetRules]:
    """The proportions and means to estimate (default: every standard indicator whose markers
    are among ``markers``, or all of them without ``markers``). ``absent``: input columns with
    no value in the data; a standard indicator or mean computed from one is marked empty (the
    engine skips it; its rows stay, with n = 0); ``known``: what the source's statistics prove
    about cB12's inputs."""
    standard = {ind.name: ind for ind in all_indicators()}
    chosen: list[Target] = []
    rules: TargetRules = {}
    # A query that computes cB12 for every row anyway compares it; else cB12's bands are decided
    # from the markers' ratio where they can be (the same values, less CPU).
    short_cut = not analysis_names(options).everything() & CB12_VALUE_COLUMNS
    for spec in options.indicators or default_indicators(markers):
        target, cited = _indicator_target(
            spec, t, standard, units, absent, short_cut=short_cut, known=known
        )
        chosen.append(target)
        rules[target.name] = cited
    for column in options.means:
        chosen.append(_mean_target(column, t, absent))
        rules[column] = ()
    names = [target.name for target in chosen]
    if len(set(names)) != len(names):
        raise InputError("an indicator name is used twice", field="--indicator")
    return chosen, rules


def check_grouping(t: ir.Table, by: Sequence[str]) -> None:
    """Every --by column must exist once classified."""
    for key in by:
        if key not in t.columns:
            raise InputError(f"unknown grouping column {key!r}", field="--by")
