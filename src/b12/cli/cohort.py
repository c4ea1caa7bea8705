"""`b12 cohort`: the same rules over whole populations, with survey-weighted statistics."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from b12.core.survey.standards import SingletonPsu
from b12.data.cohort.engine_name import EngineName
from b12.reports.cohort_plot import write_plot
from b12.reports.cohort_report import cohort_table, regression_table, write_csv
from b12.reports.terminal import rules_table

if TYPE_CHECKING:  # the cohort engines load only when a cohort command runs
    from b12.services.cohort import CohortOptions, CohortResult

ProgressCallback = Callable[[str], None]

app = typer.Typer(
    name="cohort",
    help="Classify whole cohorts with b12's rules; survey-weighted prevalence with SEs and CIs.",
    no_args_is_help=True,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)

Indicators = Annotated[
    list[str] | None,
    typer.Option(
        "--indicator",
        help="A standard indicator (b12_deficient, b12_marginal, mma_elevated, "
        "hcy_elevated, cb12_low, nice_b12_indeterminate, ...) or NAME=EXPRESSION. Repeatable; "
        "default: all standard ones.",
    ),
]
Means = Annotated[
    list[str] | None,
    typer.Option("--mean", help="Also estimate the mean of a column, e.g. grip_max. Repeatable."),
]
Where = Annotated[
    str | None,
    typer.Option(
        "--where",
        help="Domain filter, e.g. \"age >= 60 and sex == 'female'\"; estimated on the full design.",
    ),
]
By = Annotated[
    str | None,
    typer.Option(
        "--by",
        help="Comma-separated grouping columns, e.g. age_band,sex. age_band: 0-19, 20-39, "
        "40-59, 60-69, 70-79, 80+ years.",
    ),
]
Engine = Annotated[EngineName, typer.Option("--engine", help="duckdb (default) or spark.")]
Master = Annotated[
    str | None, typer.Option("--spark-master", help="Spark master URL (default local[2]).")
]
Verbose = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="With --engine spark: show Spark's own log (INFO) on stderr."
    ),
]
Singleton = Annotated[
    SingletonPsu,
    typer.Option(
        "--singleton-psu",
        help="Strata with one PSU: error, certainty (no variance from them) or "
        "center (deviation from the design mean).",
    ),
]
Regress = Annotated[
    str | None,
    typer.Option(
        "--regress",
        help='Fit OUTCOME ~ TERM + TERM instead (e.g. "grip_max ~ b12_deficient + '
        'age + sex + bmi"); a true/false outcome is logistic. Prints one row per term.',
    ),
]
NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read the cohort afresh and keep nothing (default: the prepared cohort is kept in "
        "the user cache folder, 0700, and reused; b12 cohort cache list|clear).",
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")]
Csv = Annotated[Path | None, typer.Option("--csv", help="Write the rows to a CSV file.")]
Plot = Annotated[
    Path | None,
    typer.Option(
        "--plot",
        help="Write a PNG: estimates with 95 % CIs by group, or with --regress a forest plot of "
        "the coefficients (odds ratios for a logistic model).",
    ),
]


@contextmanager
def _progress(quiet: bool) -> Iterator[ProgressCallback]:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    # A spinner cannot redraw in a file or pipe, where it left only a blank line.
    shown = not quiet and err.is_terminal
    with Progress(*columns, console=err, transient=True, disable=not shown) as bar:
        task = bar.add_task("starting", total=None)
        yield lambda step: bar.update(task, description=step)


def _finite(row: dict[str, Any]) -> dict[str, Any]:
    """JSON has no NaN or infinity: such values (e.g. a p-value with SE 0) become null."""
    return {k: None if isinstance(v, float) and not math.isfinite(v) else v for k, v in row.items()}


def _emit(result: CohortResult, as_json: bool, csv: Path | None, plot: Path | None) -> None:
    from b12.services.cohort import ResultKind

    for note in result.notes:
        err.print(f"note: {note}", markup=False, highlight=False)
    if csv is not None:
        write_csv(result.rows, result.by, csv)
    regression = result.kind is ResultKind.REGRESSION
    if plot is not None:
        write_plot(result.rows, result.by, plot)
        err.print(f"plot written to {plot.resolve()}", markup=False, highlight=False)
    if csv is not None:
        err.print(f"rows written to {csv.resolve()}", markup=False, highlight=False)
    if as_json:
        print(
            json.dumps([_finite(row) for row in result.rows], ensure_ascii=False, allow_nan=False)
        )
    else:
        out.print(
            regression_table(result.rows) if regression else cohort_table(result.rows, result.by)
        )
        out.print(rules_table(result.rules))


def _options(
    indicator: list[str] | None,
    mean: list[str] | None,
    where: str | None,
    by: str | None,
    engine: EngineName,
    spark_master: str | None,
    singleton: SingletonPsu,
    suppress: bool = True,
    database: str | None = None,
    regress: str | None = None,
    cache: bool = True,
) -> CohortOptions:
    from b12.services.cohort import CohortOptions

    groups = [k.strip() for k in by.split(",") if k.strip()] if by else []
    return CohortOptions(
        indicators=indicator or [],
        means=mean or [],
        where=where,
        by=groups,
        engine=engine,
        spark_master=spark_master,
        database=database,
        singleton=singleton,
        suppress=suppress,
        regress=regress,
        cache=cache,
    )


def _spark_log(engine: EngineName, spark_master: str | None, verbose: bool) -> None:
    """--verbose: start the Spark session now with INFO logging (the analysis then uses it);
    otherwise Spark says nothing but errors (B12_SPARK_LOG, default ERROR)."""
    if verbose and engine is EngineName.SPARK:
        from b12.data.cohort.engine import spark_session

        spark_session(spark_master, log_level="INFO")


@app.command()
def nhanes(
    dirs: Annotated[list[Path], typer.Argument(help="NHANES cycle folders (CDC XPT files).")],
    indicator: Indicators = None,
    mean: Means = None,
    where: Where = None,
    by: By = None,
    engine: Engine = EngineName.DUCKDB,
    spark_master: Master = None,
    singleton_psu: Singleton = SingletonPsu.ERROR,
    regress: Regress = None,
    no_cache: NoCache = False,
    as_json: Json = False,
    csv: Csv = None,
    plot: Plot = None,
    verbose: Verbose = False,
) -> None:
    """NHANES cycles straight from the CDC files (MEC weights, pooled by dividing by cycles).

    Example: b12 cohort nhanes ../shared/data/nhanes/2013-2014 --where "age >= 60" --json
    """
    options = _options(
        indicator,
        mean,
        where,
        by,
        engine,
        spark_master,
        singleton_psu,
        regress=regress,
        cache=not no_cache,
    )
    from b12.services.cohort import analyse_nhanes

    _spark_log(engine, spark_master, verbose)
    with _progress(as_json) as progress:
        result = analyse_nhanes(dirs, options, progress)
    _emit(result, as_json, csv, plot)


@app.command()
def run(
    source: Annotated[str, typer.Argument(help="CSV or Parquet file, or a table of the engine.")],
    map_: Annotated[
        list[str],
        typer.Option(
            "--map",
            help="COLUMN=NAME[:UNIT], NAME one of b12, holotc, mma, hcy, folate, age, sex, "
            "weight, stratum, psu, grip_max, bmi, ...; e.g. --map serum_b12=b12:pg/mL",
        ),
    ],
    indicator: Indicators = None,
    mean: Means = None,
    where: Where = None,
    by: By = None,
    engine: Engine = EngineName.DUCKDB,
    spark_master: Master = None,
    database: Annotated[
        str | None, typer.Option("--database", help="DuckDB file holding SOURCE as a table.")
    ] = None,
    singleton_psu: Singleton = SingletonPsu.ERROR,
    regress: Regress = None,
    no_suppress: Annotated[
        bool,
        typer.Option("--no-suppress", help="Show cells of 1-10 persons (suppressed by default)."),
    ] = False,
    no_cache: NoCache = False,
    as_json: Json = False,
    csv: Csv = None,
    plot: Plot = None,
    verbose: Verbose = False,
) -> None:
    """Any cohort with a column mapping; no weights means each row counts once.

    Example: b12 cohort run cohort.parquet --map B12=b12:pg/mL --map AGE=age --by age_band
    """
    options = _options(
        indicator,
        mean,
        where,
        by,
        engine,
        spark_master,
        singleton_psu,
        not no_suppress,
        database,
        regress,
        cache=not no_cache,
    )
    from b12.services.cohort import analyse_file

    _spark_log(engine, spark_master, verbose)
    with _progress(as_json) as progress:
        result = analyse_file(source, map_, options, progress)
    _emit(result, as_json, csv, plot)


cache_app = typer.Typer(
    name="cache",
    help="The prepared cohorts b12 keeps in the user cache folder (personal data: 0700/0600).",
    no_args_is_help=True,
)
app.add_typer(cache_app)


@cache_app.command("list")
def cache_list() -> None:
    """List the prepared cohorts in the cache, newest first."""
    from b12.services.cohort import cache_entries, cache_folder

    entries = cache_entries()
    typer.echo(f"{len(entries)} prepared cohort(s) in {cache_folder()}")
    for entry in entries:
        typer.echo(f"{entry.key}  {entry.size_bytes / 1024**2:8.1f} MB  {entry.description}")


@cache_app.command("clear")
def cache_clear() -> None:
    """Remove every prepared cohort from the cache."""
    from b12.services.cohort import cache_folder, clear_cache

    removed = clear_cache()
    typer.echo(f"removed {removed} prepared cohort(s) from {cache_folder()}")
