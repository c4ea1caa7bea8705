"""The steps of a cohort analysis in order: read, classify, estimate or fit, then rows."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

import ibis.expr.types as ir
import pyarrow.compute as pc

from b12.core.survey.standards import RULE_NHANES_DESIGN, RULE_SMALL_CELLS, small_count
from b12.data.cohort.compile import ColumnUnits
from b12.data.cohort.engine import CohortEngine, connect
from b12.data.cohort.expressions import compile_condition
from b12.data.cohort.mapping import mapped_table, mapped_units, parse_mapping
from b12.data.cohort.model_sums import regression_in_engine
from b12.data.cohort.nhanes import read_nhanes_cached
from b12.data.cohort.nhanes_notes import (
    EGFR_NOTE,
    HOLOTC_NOTE,
    NEEDS_HOLOTC_PREFIXES,
    nhanes_notes,
)
from b12.data.cohort.pipeline import grouped_estimates
from b12.data.cohort.rules import group_codes
from b12.errors import InputError
from b12.services.cohort.citations import citations
from b12.services.cohort.names import AnalysisNames, analysis_names
from b12.services.cohort.options import CohortOptions, CohortResult, Progress, ResultKind
from b12.services.cohort.rows import estimate_row, occupied, regression_rows
from b12.services.cohort.targets import (
    all_indicators,
    build_targets,
    check_grouping,
    classified_table,
)


def _nothing(_: str) -> None:
    """No progress shown."""


def _estimate(
    engine: CohortEngine,
    classified: ir.Table,
    domain: ir.BooleanValue | None,
    options: CohortOptions,
    names: AnalysisNames,
    *,
    srs: bool,
    nhanes: bool,
    progress: Progress,
    units: ColumnUnits,
    markers: Collection[str] | None,
) -> CohortResult:
    targets, per_target = build_targets(classified, options, units, markers)
    check_grouping(classified, options.by)
    progress("estimating")
    cells = grouped_estimates(
        engine,
        classified,
        targets,
        domain,
        list(options.by),
        srs=srs,
        singleton=options.singleton,
        codes=group_codes(classified, options.by, units),
    )
    suppress = options.suppress and not nhanes
    cited = citations(
        per_target, options.by, uses_kidney=names.uses_kidney(), nhanes=nhanes, suppress=suppress
    )
    rows = [
        estimate_row(
            cell,
            options.by,
            cited.for_target(cell.target),
            suppress=suppress,
            empty_note=HOLOTC_NOTE
            if nhanes and cell.target.startswith(NEEDS_HOLOTC_PREFIXES)
            else None,
        )
        for cell in occupied(cells, options.by)
    ]
    notes = [HOLOTC_NOTE] if nhanes else []
    return CohortResult(
        kind=ResultKind.ESTIMATES, rows=rows, by=list(options.by), notes=notes, rules=cited.used
    )


def _regress(
    engine: CohortEngine,
    classified: ir.Table,
    domain: ir.BooleanValue | None,
    options: CohortOptions,
    names: AnalysisNames,
    *,
    nhanes: bool,
    units: ColumnUnits,
) -> CohortResult:
    assert options.regress is not None
    used = names.regress or frozenset()
    indicators = {
        ind.name: ind.build(classified, units) for ind in all_indicators() if ind.name in used
    }
    # Sufficient statistics per (stratum, PSU) in the engine; no row reaches the driver.
    fit, logistic = regression_in_engine(
        engine, classified, options.regress, domain, indicators, options.singleton
    )
    rows = regression_rows(options.regress, fit, logistic=logistic)
    if not nhanes and options.suppress and small_count(fit.n):
        raise InputError(
            f"the model uses {fit.n} persons: too few to show (--no-suppress)", field="--regress"
        )
    notes = [f"{fit.family} survey regression; Taylor-linearised SEs; t on {fit.df} df"]
    rules = [RULE_NHANES_DESIGN] if nhanes else [RULE_SMALL_CELLS]
    return CohortResult(kind=ResultKind.REGRESSION, rows=rows, by=[], notes=notes, rules=rules)


def _analyse(
    engine: CohortEngine,
    t: ir.Table,
    options: CohortOptions,
    names: AnalysisNames,
    *,
    srs: bool,
    nhanes: bool,
    progress: Progress,
    units: ColumnUnits | None = None,
    markers: Collection[str] | None = None,
) -> CohortResult:
    """``units``: the unit each laboratory column was mapped from (its stated edges apply);
    ``markers``: the laboratory columns a file maps (default indicators need theirs)."""
    units = units or {}
    progress("classifying")
    classified = classified_table(t, options, names, units)
    domain = (
        compile_condition(options.where, classified, field="--where") if options.where else None
    )
    if options.regress:
        progress("fitting the model")
        return _regress(engine, classified, domain, options, names, nhanes=nhanes, units=units)
    return _estimate(
        engine,
        classified,
        domain,
        options,
        names,
        srs=srs,
        nhanes=nhanes,
        progress=progress,
        units=units,
        markers=markers,
    )


def analyse_nhanes(
    folders: Sequence[Path], options: CohortOptions, progress: Progress = _nothing
) -> CohortResult:
    """Read NHANES cycles, classify everyone, estimate with the MEC design."""
    progress("reading NHANES files")
    names = analysis_names(options)
    diet = names.uses_diet()
    need = names.kidney_blood()
    arrow = read_nhanes_cached(folders, diet=diet, need=need, use_cache=options.cache)
    engine = connect(options.engine, spark_master=options.spark_master)
    table = engine.table_from_arrow(arrow)
    result = _analyse(engine, table, options, names, srs=False, nhanes=True, progress=progress)
    cycles = sorted(str(c) for c in pc.unique(arrow["cycle"]).to_pylist())
    result.notes.extend(nhanes_notes(cycles, diet=diet))
    if names.uses_kidney():
        result.notes.append(EGFR_NOTE)
    return result


def analyse_file(
    source: str, mapping: Sequence[str], options: CohortOptions, progress: Progress = _nothing
) -> CohortResult:
    """Classify a CSV/Parquet file or engine table whose columns are mapped to b12's names."""
    columns = parse_mapping(mapping)
    engine = connect(options.engine, spark_master=options.spark_master, database=options.database)
    progress("reading cohort")
    raw = engine.read_source_cached(source) if options.cache else engine.read_source(source)
    names = analysis_names(options)
    table = mapped_table(raw, columns, source, names.kidney_blood())
    srs = "psu" not in columns
    return _analyse(
        engine,
        table,
        options,
        names,
        srs=srs,
        nhanes=False,
        progress=progress,
        units=mapped_units(columns),
        markers=set(columns),
    )
