"""Use case: classify a cohort with b12's rules and report survey-weighted prevalences."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

from b12.core.kidney_blood import ckd_epi_2021
from b12.core.survey.standards import (
    RULE_KORN_GRAUBARD,
    RULE_NCHS_PROPORTIONS,
    RULE_NHANES_DESIGN,
    RULE_SMALL_CELLS,
    SMALL_CELL_MAX_COUNT,
    small_cell,
)
from b12.data.cohort import kidney_blood
from b12.data.cohort.engine import CohortEngine, connect
from b12.data.cohort.expressions import compile_condition, parse_indicator
from b12.data.cohort.model_sums import regression_in_engine
from b12.data.cohort.nhanes import read_nhanes
from b12.data.cohort.pipeline import PSU, STRATUM, WEIGHT, Cell, Target, grouped_estimates
from b12.data.cohort.rules import (
    CLASSIFIED_COLUMNS,
    GROUPING_RULES,
    Indicator,
    classify,
    group_codes,
    standard_indicators,
)
from b12.errors import InputError
from b12.stats.survey import SingletonPsu
from b12.units import Analyte, find_unit

Progress = Callable[[str], None]

NHANES_HOLOTC_NOTE = (
    "NHANES never measured holoTC: cB12 needs all four markers (b12, holotc, mma, hcy), so it is "
    "not computed (no dropped-term substitute); active-B12 readings are empty for the same reason"
)
NHANES_EGFR_NOTE = (
    "eGFR: race-free CKD-EPI 2021 from serum creatinine (BIOPRO LBXSCR, used as reported) for "
    "persons 18 and over; age is top-coded at 80, so eGFR is overstated a little above 80"
)
ASSAY_ERA_OLD = ("1999-2000", "2001-2002", "2003-2004", "2005-2006")
DESIGN_COLUMNS = ("weight", "stratum", "psu")
OTHER_COLUMNS = (
    "age",
    "sex",
    "grip_max",
    "bmi",
    "height_m",
    "body_weight_kg",
    "pregnant",
    "b12_below_lod",
    "mma_below_lod",
)


@dataclass
class CohortOptions:
    """What to estimate and how; mirrors the CLI options."""

    indicators: Sequence[str] = ()  # standard names or NAME=EXPRESSION; empty = all standard
    means: Sequence[str] = ()
    where: str | None = None
    by: Sequence[str] = ()
    engine: str = "duckdb"
    spark_master: str | None = None
    database: str | None = None
    singleton: SingletonPsu = SingletonPsu.ERROR
    suppress: bool = True
    regress: str | None = None  # OUTCOME ~ TERM + TERM: fit this model instead of prevalences


@dataclass
class CohortResult:
    """Rows ready for JSON/CSV/terminal, plus notes for the reader and the rules used."""

    rows: list[dict[str, Any]]
    by: list[str]
    notes: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)


def with_indicator_columns(classified: ir.Table, text: str) -> ir.Table:
    """Standard indicators named in ``text`` as columns, for --where/--indicator expressions.

    Only the ones named: every extra projection costs the engines a little.
    """
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    extra = {
        ind.name: ind.build(classified)
        for ind in all_indicators()
        if ind.name in words and ind.name not in classified.columns
    }
    return classified.mutate(**extra) if extra else classified


# Words of --where/--indicator expressions that are not column names.
_EXPRESSION_WORDS = {"and", "or", "not", "isnull", "notnull", "True", "False"}


def _named_columns(t: ir.Table, texts: Sequence[str]) -> set[str] | None:
    """The names in ``texts``, or None (everything) when one is unknown.

    With None, classification adds every column, so that an error about the unknown name
    lists them all.
    """
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", " ", " ".join(texts))
    words = set(re.findall(r"(?<![\w.])[A-Za-z_]\w*", unquoted))  # not the e of 1e3
    known = {*t.columns, *CLASSIFIED_COLUMNS, *_EXPRESSION_WORDS}
    known |= {ind.name for ind in all_indicators()} | kidney_blood.KIDNEY_NAMES
    known |= kidney_blood.BLOOD_NAMES
    return words if words <= known else None


def all_indicators() -> list[Indicator]:
    """Standard B12-status indicators, then kidney and blood-count ones (on request only)."""
    return [*standard_indicators(), *kidney_blood.INDICATORS]


def _analysis_text(options: CohortOptions) -> str:
    """Every expression and name an analysis uses, joined (to find what it needs)."""
    return " ".join(
        [
            options.where or "",
            options.regress or "",
            *options.indicators,
            *options.means,
            *options.by,
        ]
    )


def _targets(
    t: ir.Table, options: CohortOptions
) -> tuple[list[Target], dict[str, tuple[str, ...]]]:
    standard = {ind.name: ind for ind in all_indicators()}
    chosen: list[Target] = []
    rules: dict[str, tuple[str, ...]] = {}
    for spec in options.indicators or [ind.name for ind in standard_indicators()]:
        if spec in standard:
            chosen.append(Target(spec, "proportion", standard[spec].build(t)))
            rules[spec] = standard[spec].rules
            continue
        if "=" not in spec:
            raise InputError(
                f"unknown indicator {spec!r}; standard ones: {', '.join(standard)}; or give "
                "NAME=EXPRESSION",
                field="--indicator",
            )
        name, text = parse_indicator(spec)
        chosen.append(Target(name, "proportion", compile_condition(text, t, field="--indicator")))
        rules[name] = ()
    for column in options.means:
        if column not in t.columns:
            raise InputError(f"unknown column {column!r}", field="--mean")
        chosen.append(Target(column, "mean", t[column]))
        rules[column] = ()
    names = [target.name for target in chosen]
    if len(set(names)) != len(names):
        raise InputError("an indicator name is used twice", field="--indicator")
    return chosen, rules


def _row(
    cell: Cell, by: Sequence[str], rules: tuple[str, ...], suppress: bool, empty_note: str | None
) -> dict[str, Any]:
    row: dict[str, Any] = {"indicator": cell.target}
    row.update(dict(zip(by, cell.group, strict=True)))
    value_key = "prevalence" if cell.kind == "proportion" else "mean"
    est = cell.estimate
    row.update(
        {
            "n": cell.n,
            value_key: est.value,
            "se": est.se,
            "ci_low": cell.ci_low,
            "ci_high": cell.ci_high,
            "df": est.df,
            "flag": None,
            "flag_reason": None,
            "note": None,
        }
    )
    if cell.reliability is not None and cell.reliability.flags:
        row["flag"] = " ".join(f.value for f in cell.reliability.flags)
        row["flag_reason"] = cell.reliability.reason
    if cell.n == 0:
        row["note"] = empty_note or "no person in this domain has the values this needs"
    small = (
        small_cell(cell.n, cell.n_events)
        if cell.kind == "proportion"
        else 0 < cell.n <= SMALL_CELL_MAX_COUNT
    )
    if suppress and small:
        row.update(
            {
                value_key: None,
                "se": None,
                "ci_low": None,
                "ci_high": None,
                "flag": "suppressed",
                "flag_reason": "small cell (1-10 persons)",
            }
        )
    row["rules"] = list(rules)
    return row


def _analyse(
    engine: CohortEngine,
    t: ir.Table,
    options: CohortOptions,
    *,
    srs: bool,
    nhanes: bool,
    progress: Progress,
) -> CohortResult:
    progress("classifying")
    kidney = kidney_blood.names_in(_analysis_text(options))
    expressions = [spec.partition("=")[2] or spec for spec in options.indicators]  # not NAME=
    named = _named_columns(t, [options.where or "", *expressions, *options.means, *options.by])
    classified = with_indicator_columns(
        kidney_blood.with_kidney_blood(classify(t, None if options.regress else named), kidney),
        " ".join([options.where or "", options.regress or "", *options.indicators]),
    )
    domain = (
        compile_condition(options.where, classified, field="--where") if options.where else None
    )
    if options.regress:
        progress("fitting the model")
        return _regress(engine, classified, domain, options, nhanes=nhanes)
    targets, rules = _targets(classified, options)
    for key in options.by:
        if key not in classified.columns:
            raise InputError(f"unknown grouping column {key!r}", field="--by")
    progress("estimating")
    cells = grouped_estimates(
        engine,
        classified,
        targets,
        domain,
        list(options.by),
        srs=srs,
        singleton=options.singleton,
        codes=group_codes(classified, options.by),
    )
    suppress = options.suppress and not nhanes
    holotc_note = NHANES_HOLOTC_NOTE if nhanes else None
    # Groups without a single domain member (e.g. age bands outside --where) are left out.
    occupied = {cell.group for cell in cells if cell.n > 0} if options.by else {()}
    rows = []
    for cell in (c for c in cells if c.group in occupied):
        empty = holotc_note if cell.target.startswith(("cb12_", "nice_active_b12_")) else None
        rows.append(_row(cell, options.by, rules.get(cell.target, ()), suppress, empty))
    used = {rule for ids in rules.values() for rule in ids}
    used |= {RULE_NCHS_PROPORTIONS, RULE_KORN_GRAUBARD}
    if nhanes:
        used.add(RULE_NHANES_DESIGN)
    grouping = {**GROUPING_RULES, **kidney_blood.GROUPING_RULES}
    # Rules behind the groups and the domain apply to every row, whatever the indicator.
    shared = {grouping[k] for k in options.by if k in grouping}
    if kidney & kidney_blood.KIDNEY_NAMES:
        shared.add(ckd_epi_2021.RULE)
    used |= shared
    if suppress:
        used.add(RULE_SMALL_CELLS)
    notes = [NHANES_HOLOTC_NOTE] if nhanes else []
    common = sorted((used - {rule for ids in rules.values() for rule in ids}) | shared)
    for row in rows:
        row["rules"] = [*row["rules"], *common]
    return CohortResult(rows, list(options.by), notes, sorted(used))


def _regress(
    engine: CohortEngine,
    classified: ir.Table,
    domain: ir.BooleanValue | None,
    options: CohortOptions,
    *,
    nhanes: bool,
) -> CohortResult:
    assert options.regress is not None
    words = set(re.findall(r"\w+", options.regress))
    indicators = {ind.name: ind.build(classified) for ind in all_indicators() if ind.name in words}
    # Sufficient statistics per (stratum, PSU) in the engine; no row reaches the driver.
    fit, logistic = regression_in_engine(
        engine, classified, options.regress, domain, indicators, options.singleton
    )
    rows: list[dict[str, Any]] = []
    for c in fit.coefficients:
        row: dict[str, Any] = {
            "model": options.regress,
            "family": fit.family,
            "term": c.term,
            "estimate": c.estimate,
            "se": c.se,
            "ci_low": c.ci_low,
            "ci_high": c.ci_high,
            "p_value": c.p_value,
            "n": fit.n,
            "df": fit.df,
        }
        if logistic:
            row.update(
                odds_ratio=math.exp(c.estimate),
                or_ci_low=math.exp(c.ci_low),
                or_ci_high=math.exp(c.ci_high),
            )
        rows.append(row)
    if not nhanes and options.suppress and 0 < fit.n <= SMALL_CELL_MAX_COUNT:
        raise InputError(
            f"the model uses {fit.n} persons: too few to show (--no-suppress)", field="--regress"
        )
    notes = [f"{fit.family} survey regression; Taylor-linearised SEs; t on {fit.df} df"]
    used = [RULE_NHANES_DESIGN] if nhanes else [RULE_SMALL_CELLS]
    return CohortResult(rows, [], notes, used)


def analyse_nhanes(
    folders: Sequence[Path], options: CohortOptions, progress: Progress = lambda _: None
) -> CohortResult:
    """Read NHANES cycles, classify everyone, estimate with the MEC design."""
    progress("reading NHANES files")
    text = _analysis_text(options)
    diet = any(word.startswith("diet_") for word in re.findall(r"\w+", text))
    frame = read_nhanes(folders, diet=diet, need=kidney_blood.names_in(text))
    engine = connect(options.engine, spark_master=options.spark_master)
    result = _analyse(
        engine, engine.table_from_pandas(frame), options, srs=False, nhanes=True, progress=progress
    )
    result.notes.extend(nhanes_notes(sorted(set(frame["cycle"])), diet=diet))
    if kidney_blood.names_in(text) & kidney_blood.KIDNEY_NAMES:
        result.notes.append(NHANES_EGFR_NOTE)
    return result


def nhanes_notes(cycles: Sequence[str], *, diet: bool = False) -> list[str]:
    """Caveats that follow from the cycles read (evidence.md §9.2)."""
    weight = (
        "day-1 dietary weights WTDRD1 (dietary variables are used; reliable recalls only)"
        if diet
        else "MEC weights WTMEC2YR"
    )
    notes = [
        f"cycles {', '.join(cycles)}; {weight} divided by {len(cycles)}; age is "
        "top-coded at 80 (age_band 80+ is everyone 80 and over)"
    ]
    if any(c in ASSAY_ERA_OLD for c in cycles) and any(c not in ASSAY_ERA_OLD for c in cycles):
        notes.append(
            "serum B12 was measured by radioassay up to 2006 and by electrochemiluminescence from "
            "2011 (MMA by GC/MS, then LC-MS/MS): pooling across the change mixes methods"
        )
    return notes


def _mapping(specs: Sequence[str]) -> dict[str, tuple[str, float]]:
    known = {a.value for a in Analyte} | set(DESIGN_COLUMNS) | set(OTHER_COLUMNS)
    out: dict[str, tuple[str, float]] = {}
    for spec in specs:
        column, _, target = spec.partition("=")
        target, _, unit = target.partition(":")
        if not column or target not in known:
            raise InputError(
                f"expected COLUMN=NAME[:UNIT] with NAME one of "
                f"{', '.join(sorted(known))}; got {spec!r}",
                field="--map",
            )
        factor = 1.0
        if unit:
            if target not in {a.value for a in Analyte}:
                raise InputError(f"{target} takes no unit", field="--map")
            factor = find_unit(Analyte(target), unit).to_canonical
        out[target] = (column, factor)
    return out


def analyse_file(
    source: str, mapping: Sequence[str], options: CohortOptions, progress: Progress = lambda _: None
) -> CohortResult:
    """Classify a CSV/Parquet file or engine table whose columns are mapped to b12's names."""
    targets = _mapping(mapping)
    engine = connect(options.engine, spark_master=options.spark_master, database=options.database)
    progress("reading cohort")
    raw = engine.read_source(source)
    for column, _ in targets.values():
        if column not in raw.columns:
            raise InputError(f"column {column!r} is not in {source}", field="--map")
    analytes = [a.value for a in Analyte]
    new: dict[str, ir.Value] = {}
    for name in (*analytes, *OTHER_COLUMNS):
        if name in targets:
            column, factor = targets[name]
            value = raw[column]
            if name in analytes:
                # A cast to the column's own type is no cast at all, and a factor of 1 is
                # left out: no per-row multiplication for data already in canonical units.
                value = value.cast("float64")
                if factor != 1.0:
                    value = value * factor
            new[name] = value
        elif name in ("b12", "holotc", "mma", "hcy", "age"):
            new[name] = ibis.null("float64")
    named = kidney_blood.names_in(_analysis_text(options))
    if problems := kidney_blood.unmet(named, set(targets)):
        raise InputError("; ".join(problems), field="--map")
    if named:  # the expressions refer to these even when a lab eGFR replaces creatinine
        for name, kind in kidney_blood.UNMAPPED_TYPES.items():
            new.setdefault(name, ibis.null(kind))
    srs = "psu" not in targets
    new[WEIGHT] = (
        raw[targets["weight"][0]].cast("float64") if "weight" in targets else (ibis.literal(1.0))
    )
    new[STRATUM] = raw[targets["stratum"][0]] if "stratum" in targets else ibis.literal(1)
    new[PSU] = raw[targets["psu"][0]] if "psu" in targets else ibis.literal(1)
    # Engines such as Spark match names case-insensitively: keep only unmapped raw columns whose
    # names cannot be confused with a canonical one.
    taken = {name.lower() for name in new}
    kept = {c: raw[c] for c in raw.columns if c.lower() not in taken}
    table = raw.select(**kept, **new)
    return _analyse(engine, table, options, srs=srs, nhanes=False, progress=progress)
