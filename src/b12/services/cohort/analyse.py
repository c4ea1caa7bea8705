"""The steps of a cohort analysis in order: read, classify, estimate or fit, then rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from b12.core.survey.standards import RULE_NHANES_DESIGN, RULE_SMALL_CELLS, small_count
from b12.data.cohort import cache, plans
from b12.data.cohort.cb12_shortcut import NOTHING_KNOWN, Known
from b12.data.cohort.compile import ColumnUnits
from b12.data.cohort.engine import CohortEngine, connect
from b12.data.cohort.engine_name import EngineName
from b12.data.cohort.expressions import compile_condition
from b12.data.cohort.mapping import (
    ColumnMap,
    ages_all_known,
    mapped_table,
    mapped_units,
    markers_all_positive,
    parse_mapping,
    weights_all_positive,
)
from b12.data.cohort.model_sums import regression_in_engine
from b12.data.cohort.nhanes import cache_parts, read_nhanes_cached
from b12.data.cohort.nhanes_notes import (
    EGFR_NOTE,
    HOLOTC_NOTE,
    NEEDS_HOLOTC_PREFIXES,
    nhanes_notes,
)
from b12.data.cohort.pipeline import (
    SumsQuery,
    estimates_from_sums,
    kept_rows,
    sums_over,
    sums_query,
)
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


@dataclass(frozen=True)
class DataFacts:
    """What the source itself says about its values, for a cheaper query with the same result:
    ``absent``, input columns without a single value (what is computed from them is left out);
    ``positive_weights``, every weight present and above zero (no NULLIF per row); ``cb12``,
    :class:`b12.data.cohort.cb12_shortcut.Known`."""

    absent: frozenset[str] = frozenset()
    positive_weights: bool = False
    cb12: Known = NOTHING_KNOWN  # what the statistics prove about cB12's inputs (short cut)


def _nothing(_: str) -> None:
    """No progress shown."""


def _plan(
    engine: CohortEngine,
    t: ir.Table,
    source: str,
    options: CohortOptions,
    names: AnalysisNames,
    *,
    srs: bool,
    units: ColumnUnits,
    markers: Collection[str] | None,
    facts: DataFacts,
    keep_rows: bool = False,
) -> tuple[plans.Plan, SumsQuery | None]:
    """Classify, build the targets and the per-PSU sums: the plan and its query (``keep_rows``:
    the plan's SQL is left empty, to be compiled on the kept rows)."""
    classified = classified_table(t, options, names, units)
    domain = (
        compile_condition(options.where, classified, field="--where") if options.where else None
    )
    targets, per_target = build_targets(
        classified, options, units, markers, facts.absent, known=facts.cb12
    )
    check_grouping(classified, options.by)
    if not targets:  # nothing to estimate (no mapped marker has a default indicator)
        return plans.Plan("", source, (), False, {}, per_target), None
    query = sums_query(
        classified, targets, domain, list(options.by), srs=srs,
        codes=group_codes(classified, options.by, units),
        positive_weights=facts.positive_weights,
    )  # fmt: skip
    # Kept rows: the plan is compiled on the entry once it is written (_estimate).
    compiled = engine.name is EngineName.DUCKDB and not keep_rows
    sql = engine.sql_of(query.expr) if compiled else ""
    plan = plans.Plan(sql, source, plans.targets_of(targets), query.keyed, query.labels, per_target)
    return plan, query


def _estimate(
    engine: CohortEngine,
    table: Callable[[], ir.Table],
    source: str,
    options: CohortOptions,
    names: AnalysisNames,
    *,
    srs: bool,
    nhanes: bool,
    progress: Progress,
    units: ColumnUnits,
    markers: Collection[str] | None,
    facts: DataFacts,
    plan_parts: Mapping[str, Any] | None,
    rows_entry: str | None,
) -> CohortResult:
    """``plan_parts``: the data's key and the request, under which the compiled plan is kept
    (DuckDB; None: compiled every time); ``rows_entry``: the description under which the
    classified rows are kept with it (a CSV file: a later analysis only adds them up)."""
    key = plans.plan_key(plan_parts) if plan_parts is not None else None
    plan = plans.load(key) if key is not None else None
    read = source  # the table the sums read: the source, or the kept rows
    if plan is not None and key is not None and rows_entry is not None:
        if (kept := engine.cached_rows(key)) is None:
            plan = None  # the rows are gone or damaged: classified again
        else:
            read = kept
    fresh: SumsQuery | None = None  # the query compiled now (Spark runs it as it is)
    sums: pd.DataFrame | None = None  # added up already (a CSV file's first analysis)
    if plan is None:
        progress("classifying")
        plan, fresh = _plan(
            engine, table(), source, options, names, srs=srs, units=units, markers=markers,
            facts=facts, keep_rows=rows_entry is not None,
        )  # fmt: skip
        if fresh is not None and key is not None and rows_entry is not None:
            plan, sums = _classified_into_entry(engine, key, fresh, plan, rows_entry)
        if key is not None:
            plans.save(key, plan)
    progress("estimating")
    if not plan.targets:
        cells = []
    else:
        # On DuckDB the plan's SQL runs, fresh or kept (one compile, the same result types).
        if sums is None and (engine.name is EngineName.DUCKDB or fresh is None):
            sums = engine.fetch_sql(plan.sql_on(read))
        elif sums is None and fresh is not None:
            sums = engine.execute(fresh.expr)
        cells = estimates_from_sums(
            sums, plan.targets, list(options.by), srs=srs, singleton=options.singleton,
            labels=plan.labels, keyed=plan.keyed,
        )  # fmt: skip
    suppress = options.suppress and not nhanes
    cited = citations(
        plan.rules, options.by, uses_kidney=names.uses_kidney(), nhanes=nhanes, suppress=suppress
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


def _classified_into_entry(
    engine: CohortEngine, key: str, query: SumsQuery, plan: plans.Plan, description: str
) -> tuple[plans.Plan, pd.DataFrame]:
    """Classify once, into the cache entry ``key``, and add the entry up as a later analysis
    will, while it is flushed to disk: the plan reading the entry, and this analysis's sums."""
    kept = kept_rows(query)
    with engine.keeping_rows(key, description, kept.narrow, lambda: kept.rows) as entry:
        read, narrowed = entry
        on_entry = sums_over(engine.backend.table(read), kept.layout)
        labels = {**plan.labels, **kept.labels} if narrowed else plan.labels
        plan = replace(plan, sql=engine.sql_of(on_entry), source=read, labels=labels)
        return plan, engine.fetch_sql(plan.sql)


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
    table: Callable[[], ir.Table],
    source: str,
    options: CohortOptions,
    names: AnalysisNames,
    *,
    srs: bool,
    nhanes: bool,
    progress: Progress,
    units: ColumnUnits | None = None,
    markers: Collection[str] | None = None,
    facts: DataFacts | None = None,
    plan_parts: Mapping[str, Any] | None = None,
    rows_entry: str | None = None,
) -> CohortResult:
    """``table``: the cohort (built only when needed: a kept plan reads ``source`` directly);
    ``source``: the name of the engine table it reads; ``units``: the unit each laboratory
    column was mapped from (its stated edges apply); ``markers``: the laboratory columns a file
    maps (default indicators need theirs); ``facts``: what the source itself says about its
    values (:class:`DataFacts`); ``plan_parts``: the data's
    key, when the compiled analysis may be kept (DuckDB); ``rows_entry``: with it, the classified
    rows are kept too, under this description (:func:`_estimate`)."""
    units = units or {}
    if options.regress:
        progress("classifying")
        classified = classified_table(table(), options, names, units)
        domain = (
            compile_condition(options.where, classified, field="--where") if options.where else None
        )
        progress("fitting the model")
        return _regress(engine, classified, domain, options, names, nhanes=nhanes, units=units)
    if plan_parts is not None and engine.name is EngineName.DUCKDB:
        request = {k: v for k, v in asdict(options).items() if k != "cache"}
        plan_parts = {**plan_parts, "request": request, "units": units, "srs": srs,
                      "markers": None if markers is None else sorted(markers),
                      "rows": rows_entry is not None}  # fmt: skip
    else:
        plan_parts = rows_entry = None
    return _estimate(
        engine, table, source, options, names, srs=srs, nhanes=nhanes, progress=progress,
        units=units, markers=markers, facts=facts or DataFacts(), plan_parts=plan_parts,
        rows_entry=rows_entry,
    )  # fmt: skip


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
    source = engine.register_arrow(arrow)
    parts = cache_parts(folders, diet=diet, need=need) if options.cache else None
    result = _analyse(
        engine, lambda: engine.backend.table(source), source, options, names, srs=False,
        nhanes=True, facts=DataFacts(_empty_columns(arrow)), progress=progress, plan_parts=parts,
    )  # fmt: skip
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
    # A CSV file's estimates keep their classified rows, so the file is opened only to classify
    # it (a later analysis reads the rows); other analyses of it keep the parsed columns.
    rows_entry = _rows_entry(engine, source, options)
    raw: Callable[[], ir.Table]
    if rows_entry is not None:
        raw, name = (lambda: engine.read_source(source)), ""  # the kept plan names the rows
    else:
        needed = [column for column, _ in columns.values()] + _request_words(options)
        read = engine.read_source_cached(source, needed) if options.cache else None
        opened = read if read is not None else engine.read_source(source)
        raw, name = (lambda: opened), opened.get_name()
    names = analysis_names(options)
    srs = "psu" not in columns
    return _analyse(
        engine,
        lambda: mapped_table(raw(), columns, source, names.kidney_blood()),
        name,
        options,
        names,
        srs=srs,
        nhanes=False,
        progress=progress,
        units=mapped_units(columns),
        markers=set(columns),
        facts=DataFacts(
            frozenset(LABORATORY_MARKERS) - set(columns),
            weights_all_positive(source, columns),
            Known(markers_all_positive(source, columns), ages_all_known(source, columns)),
        ),
        plan_parts=_file_parts(source, columns) if options.cache else None,
        rows_entry=rows_entry,
    )


def _rows_entry(engine: CohortEngine, source: str, options: CohortOptions) -> str | None:
    """The description of the classified rows kept for this analysis, or None: only estimates
    of a CSV file on DuckDB with the cache (a Parquet file is read as fast as the rows would be;
    a regression makes several passes over the classification)."""
    path = Path(source)
    csv = path.suffix.lower() == ".csv" and engine.name is EngineName.DUCKDB
    return f"{path.name} (classified)" if csv and options.cache and not options.regress else None


def _request_words(options: CohortOptions) -> list[str]:
    """Every name the request's groups, filter, expressions, means and model could refer to: an
    unmapped column of the file may be one (``--by region``), so a cached entry keeps it.
    Over-inclusive (function names, canonical names) by design: an extra word costs nothing."""
    texts = [*options.indicators, *options.means, *options.by, options.where or "",
             options.regress or ""]  # fmt: skip
    return sorted({word for text in texts for word in _WORD.findall(text)})


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# The laboratory columns the classification reads (empty in the table when a file lacks them).
LABORATORY_MARKERS = ("b12", "holotc", "mma", "hcy")


def _empty_columns(arrow: pa.Table) -> frozenset[str]:
    """Columns without a single value (NHANES 2011-2014: holoTC, homocysteine), read off the
    Arrow null counts."""
    return frozenset(n for n in arrow.column_names if arrow[n].null_count == arrow.num_rows)


def _file_parts(source: str, columns: ColumnMap) -> dict[str, Any] | None:
    """A CSV or Parquet file's key (path, size, modification time) and its mapping; None for an
    engine table, whose changes b12 cannot see."""
    path = Path(source)
    if path.suffix.lower() not in (".csv", ".parquet", ".pq") or not path.is_file():
        return None
    return {"kind": "file", "file": cache.file_fingerprints([path]), "mapping": columns}
