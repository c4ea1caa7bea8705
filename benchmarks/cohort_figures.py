"""The cohort figures of docs/cohort.md in one command (issue "Cohort performance, round 2").

Run: ``.venv/bin/python benchmarks/cohort_figures.py [--sizes 1e6,1e7,1e8] [--rounds 9]``

Prints, one after another: b12 against the frozen hand-written baseline and Spark local in
interleaved rounds (best and median per-round ratio with their spread, peak memory) for each size
(``bench_cohort.py``), first vs repeated analysis with the cohort cache
(``bench_cohort_cache.py``) and the per-person ``b12 assess`` latency (``bench_assess.py``).
At 10^8 rows Spark local takes several minutes a round; ``--spark-sizes`` limits it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _run(script: str, *args: str) -> int:
    print(f"\n=== {script} {' '.join(args)}", flush=True)
    return subprocess.run([sys.executable, str(HERE / script), *args], check=False).returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1e6,1e7,1e8")
    parser.add_argument("--spark-sizes", default="1e6,1e7")
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    rounds = str(args.rounds)
    failed = 0
    for size in args.sizes.split(","):
        spark = size in args.spark_sizes.split(",")
        engines = "sql,duckdb,spark" if spark else "sql,duckdb"
        failed += _run("bench_cohort.py", "--sizes", size, "--engines", engines, "--repeat", rounds)
    failed += _run("bench_cohort_cache.py", "--rounds", rounds)
    failed += _run("bench_assess.py")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
