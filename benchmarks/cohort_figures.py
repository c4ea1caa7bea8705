"""The cohort figures of docs/cohort.md in one command (issue 18, "Cohort performance").

Run: ``.venv/bin/python benchmarks/cohort_figures.py [--sizes 1e6,1e7,1e8] [--rounds 9]``

Prints, one part after another (progress on stderr):

1. for each size, b12 on DuckDB against the frozen hand-written baseline in interleaved rounds
   (``bench_cohort.py``): best and median time, rows/s, peak memory, best-vs-best and per-round
   ratios (min - median - max), CPU seconds; b12's first analysis of a file (``duckdb:first``:
   nothing kept) against a repeated one (``duckdb``: its plan kept); at ``--spark-sizes``
   (default 10^7) also Spark local[2] and a Spark standalone cluster on loopback (rows/s);
2. first vs repeated analysis of NHANES with the cohort cache (``bench_cohort_cache.py``);
3. the per-person ``b12 assess`` latency (``bench_assess.py``).

The generated cohorts are kept in ``$B12_BENCH_DATA`` (default ``~/.cache/b12-bench``) between
runs; 10^8 rows take several minutes to write the first time. ``--sizes 1e6,1e7`` runs sizes
separately; ``--skip cache,assess`` leaves parts out.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _run(script: str, *args: str) -> int:
    print(f"\n=== {script} {' '.join(args)}", flush=True)
    start = time.monotonic()
    code = subprocess.run([sys.executable, str(HERE / script), *args], check=False).returncode
    print(f"(=== {script}: {time.monotonic() - start:.0f} s, exit {code})", file=sys.stderr)
    return code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1e6,1e7,1e8")
    parser.add_argument("--spark-sizes", default="1e7", help="sizes with the Spark rows")
    parser.add_argument("--rounds", type=int, default=9, help="interleaved rounds (at least 9)")
    parser.add_argument("--skip", default="", help="parts to leave out: cache, assess")
    args = parser.parse_args()
    rounds, skip = str(args.rounds), set(args.skip.split(","))
    spark_sizes = {float(s) for s in args.spark_sizes.split(",") if s}
    failed = 0
    for size in args.sizes.split(","):
        engines = "sql,duckdb,duckdb:first"
        if float(size) in spark_sizes:
            engines += ",spark,spark:standalone"
        failed += _run("bench_cohort.py", "--sizes", size, "--engines", engines, "--repeat", rounds)
    if "cache" not in skip:
        failed += _run("bench_cohort_cache.py", "--rounds", rounds)
    if "assess" not in skip:
        failed += _run("bench_assess.py")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
