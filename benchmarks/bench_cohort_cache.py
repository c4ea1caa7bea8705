"""Benchmark: first vs repeated cohort analysis with the cohort cache (NHANES from the CDC files).

Run: ``.venv/bin/python benchmarks/bench_cohort_cache.py [--rounds 9] [--markdown]``

Three ways of running the same analysis (every standard indicator, adults 60 and over, by age
band and sex) on NHANES 2011-2012 + 2013-2014 pooled, in interleaved rounds so that other work on
the machine slows them alike: ``uncached`` (``cache=False``: the XPT files are read every time, as
before the cache), ``first`` (the cache emptied, so the analysis reads and stores) and ``later``
(the prepared cohort and the compiled plan reused). Printed: median seconds and the median and
spread of the per-round ratios to ``uncached``, in wall time and in CPU time of the process (all
threads; steadier when other work shares the machine). The cache lives in a temporary folder
(``B12_CACHE_DIR``), never the user's.
With ``--csv ROWS`` the same three runs analyse a CSV file instead: ``bench_cohort.py``'s synthetic
cohort of ROWS rows and its task (three indicators by age band and sex), written once as CSV into
the benchmark's data folder (``$B12_BENCH_DATA``); the cache keeps the analysis's classified
rows with its plan (docs/cohort.md, "Cache").
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import bench_cohort  # this folder (the script's own) is on the path
from table import Table

NHANES = Path(__file__).resolve().parents[2] / "shared" / "data" / "nhanes"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--nhanes", type=Path, default=NHANES)
    parser.add_argument("--csv", type=float, default=0, help="rows of a CSV cohort instead")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table (docs)")
    args = parser.parse_args()
    folders = [args.nhanes / "2011-2012", args.nhanes / "2013-2014"]
    csv = csv_cohort(int(args.csv)) if args.csv else None
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["B12_CACHE_DIR"] = tmp
        from b12.services.cohort import CohortOptions, analyse_nhanes, clear_cache

        def timed(cache: bool, empty: bool = False) -> tuple[float, float]:
            if empty:
                clear_cache()
            options = CohortOptions(where="age >= 60", by=["age_band", "sex"], cache=cache)
            start, cpu = time.perf_counter(), time.process_time()
            if csv is None:
                analyse_nhanes(folders, options)
            else:
                bench_cohort._b12(csv, "duckdb", cache=cache)
            return time.perf_counter() - start, time.process_time() - cpu

        timed(cache=False)  # imports and first-query set-up are not timed
        times: dict[str, list[tuple[float, float]]] = {"uncached": [], "first": [], "later": []}
        for _ in range(args.rounds):
            times["uncached"].append(timed(cache=False))
            times["first"].append(timed(cache=True, empty=True))
            times["later"].append(timed(cache=True))
    what = f"a CSV cohort of {int(args.csv):,} rows" if csv else "NHANES 2011-2014 pooled"
    print(f"cohort cache, {what}, {args.rounds} interleaved rounds", flush=True)
    table = Table(COLUMNS, markdown=args.markdown)
    table.header()
    for name, values in times.items():
        cells = [name]
        for k in (0, 1):  # wall, CPU
            ratios = sorted(v[k] / u[k] for v, u in zip(values, times["uncached"], strict=True))
            median = statistics.median(v[k] for v in values)
            spread = f"{statistics.median(ratios):.2f} ({ratios[0]:.2f}-{ratios[-1]:.2f})"
            cells += [f"{median:.3f}", spread]
        table.row(*cells)


def csv_cohort(rows: int) -> Path:
    """``bench_cohort.py``'s cohort of ``rows`` rows as CSV, written once (then renamed)."""
    parquet = bench_cohort.cohort_file(rows)
    path = parquet.with_suffix(".csv")
    if not path.is_file():
        import duckdb

        partial = path.with_suffix(".csv.partial")
        duckdb.sql(f"COPY (FROM '{parquet}') TO '{partial}' (HEADER, FORMAT csv)")
        partial.replace(path)
    return path


COLUMNS = [
    ("run", 9), ("median s", 9), ("wall ratio median (min-max)", 28), ("CPU s", 6),
    ("CPU ratio median (min-max)", 27),
]  # fmt: skip

if __name__ == "__main__":
    main()
