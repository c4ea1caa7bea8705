"""The cohort figures of docs/cohort.md in one command (issue 18, "Cohort performance").

Run: ``.venv/bin/python benchmarks/cohort_figures.py [--sizes 1e6,1e7,1e8] [--rounds 9]
[--rounds-1e8 3] [--markdown figures.md]``

Prints, one part after another (progress on stderr):

1. for each size, b12 on DuckDB against the frozen hand-written baseline in interleaved rounds
   (``bench_cohort.py``): best and median time, rows/s, peak memory, best-vs-best and per-round
   ratios (min - median - max), CPU seconds; b12's analysis without the cache
   (``duckdb:uncached``), its first analysis of a file (``duckdb:first``: nothing kept) and a
   repeated one (``duckdb``: its plan kept), with the first and repeated as per-round ratios to
   the uncached one; at ``--spark-sizes`` (default 10^7) also Spark local[2] and a Spark
   standalone cluster on loopback (rows/s);
2. first vs repeated analysis with the cohort cache (``bench_cohort_cache.py``): of NHANES, and
   of the 10^6-row cohort as a CSV file (``--csv 1e6``: the parsed file kept);
3. the per-person ``b12 assess`` latency against issue 18's reference (``bench_assess.py``).

``--rounds`` interleaved rounds (at least 9 for the issue's figures) for every size below 10^8,
``--rounds-1e8`` for 10^8 and above (each round there reads 10^8 rows per engine). On a quiet
2-core machine the defaults take about 10-15 minutes (estimate from the loaded-machine run
times: 10^7 with Spark about 4 minutes, 10^8 about 3; the 10^8 file must already exist).
``--markdown FILE`` also writes every table as Markdown to FILE, ready to paste into
docs/cohort.md. The generated cohorts are kept in ``$B12_BENCH_DATA`` (default
``~/.cache/b12-bench``) between runs; 10^8 rows take several minutes to write the first time.
``--skip cache,assess`` leaves parts out.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LARGE = 1e8  # sizes from here on use --rounds-1e8


def _run(script: str, *args: str, markdown: Path | None = None) -> int:
    """Run one benchmark and show its output; with ``markdown`` its tables come as Markdown,
    shown when it ends and appended to that file (progress still goes to stderr)."""
    title = f"{script} {' '.join(args)}"
    print(f"\n=== {title}", flush=True)
    start = time.monotonic()
    command = [sys.executable, str(HERE / script), *args]
    if markdown is None:
        code = subprocess.run(command, check=False).returncode
    else:
        done = subprocess.run([*command, "--markdown"], check=False, stdout=subprocess.PIPE)
        text = done.stdout.decode()
        print(text, end="", flush=True)
        with markdown.open("a") as out:
            out.write(f"\n`{title}`\n\n{text}")
        code = done.returncode
    print(f"(=== {script}: {time.monotonic() - start:.0f} s, exit {code})", file=sys.stderr)
    return code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1e6,1e7,1e8")
    parser.add_argument("--spark-sizes", default="1e7", help="sizes with the Spark rows")
    parser.add_argument("--rounds", type=int, default=9, help="interleaved rounds (at least 9)")
    parser.add_argument("--rounds-1e8", type=int, default=3, help="rounds at 10^8 rows")
    parser.add_argument("--skip", default="", help="parts to leave out: cache, assess")
    parser.add_argument("--markdown", type=Path, help="also write the tables as Markdown here")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    spark_sizes = {float(s) for s in args.spark_sizes.split(",") if s}
    markdown = args.markdown
    if markdown is not None:
        markdown.write_text(f"<!-- {' '.join(sys.argv[1:])} -->\n")
    failed = 0
    for size in args.sizes.split(","):
        engines = "sql,duckdb,duckdb:first,duckdb:uncached"
        if float(size) in spark_sizes:
            engines += ",spark,spark:standalone"
        rounds = args.rounds_1e8 if float(size) >= LARGE else args.rounds
        failed += _run(
            "bench_cohort.py", "--sizes", size, "--engines", engines, "--repeat", str(rounds),
            markdown=markdown,
        )  # fmt: skip
    if "cache" not in skip:
        failed += _run("bench_cohort_cache.py", "--rounds", str(args.rounds), markdown=markdown)
        failed += _run(
            "bench_cohort_cache.py", "--csv", "1e6", "--rounds", str(args.rounds), markdown=markdown
        )
    if "assess" not in skip:
        failed += _run("bench_assess.py", markdown=markdown)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
