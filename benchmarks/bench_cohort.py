"""Benchmark: classification + grouped survey prevalence with SEs, b12's pipeline vs hand SQL.

One command::

    python benchmarks/bench_cohort.py                 # 10^6 and 10^7 rows, DuckDB and Spark local
    python benchmarks/bench_cohort.py --sizes 1e6 --engines duckdb,duckdb:first,spark,sql
    python benchmarks/bench_cohort.py --engines hand:all,duckdb --repeat 9   # baseline variants
    # Spark rows/s at 10^7, local[2] beside a standalone cluster on loopback:
    python benchmarks/bench_cohort.py --sizes 1e7 --engines sql,duckdb,spark,spark:standalone

A synthetic NHANES-like cohort (age, sex, B12, holoTC, MMA, Hcy, weight, 15 strata x 2 PSUs) is
generated as Parquet, in chunks of 10^6 rows (never the whole table in memory), into the benchmark
data folder (``$B12_BENCH_DATA``, else ``~/.cache/b12-bench``; never the repository) and kept
there for the next run (10^8 rows: several GB and minutes to write). The task: 4-marker cB12 and
its category, serum B12 and MMA bands, then prevalence of b12_deficient, cb12_low and
mma_elevated by age band x sex with Taylor-linearised SEs and Korn-Graubard CIs. ``sql`` is the
frozen baseline: the fastest of the hand-written DuckDB queries in ``hand_sql.py``
(``hand:NAME`` runs one variant, ``hand:all`` every one; the ratios are then to the frozen one).
``duckdb`` is b12 as a user runs it again on the same file (its compiled plan kept,
:mod:`b12.data.cohort.plans`), ``duckdb:first`` the first analysis of a file (the cohort cache
emptied before each run: build, compile and keep the plan), ``duckdb:uncached`` the analysis
without the cache (``cache=False``: compiled every time, nothing kept; with it the first and
repeated analyses are also printed as per-round ratios to it), ``spark`` Spark local[2],
``spark:standalone`` a standalone cluster of two 1-core workers on loopback
(``tests/spec/spark_cluster.py``, started by the worker).
Each b12 worker has its own cohort cache folder (``B12_CACHE_DIR``), never the user's.

Each engine runs in its own long-lived worker process, so peak memory (ru_maxrss; for Spark also
the JVM) belongs to that engine alone and warm-up is never timed. The engines take turns, one run
each per round (``--repeat`` rounds, the order rotating), so other work on the machine slows them
alike. Printed: the best time, ``sql/b12`` = best hand-SQL time / best b12 time (>= 1.0: b12 is as
fast), the per-round ratios (min - median - max), and CPU seconds (for Spark the driver's plus the
JVMs'), whose ratio is steadier than wall time on a busy machine; progress goes to stderr.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hand_sql  # the benchmark folder is not a package
from procs import _cpu, _jvm_cpu, _jvm_peak_gb
from table import Table

CHUNK = 1_000_000
INDICATORS = hand_sql.INDICATORS


def generate(path: Path, rows: int, seed: int = 12) -> None:
    """Write a synthetic cohort in chunks (never the whole table in memory)."""
    rng = np.random.default_rng(seed)
    writer = None
    for start in range(0, rows, CHUNK):
        n = min(CHUNK, rows - start)
        stratum = rng.integers(1, 16, n)

        def missing(values: np.ndarray, share: float) -> pa.Array:
            return pa.array(values, mask=rng.random(len(values)) < share)

        table = pa.table(
            {
                "age": rng.uniform(18, 85, n).round(0),
                "sex": pa.array(np.where(rng.random(n) < 0.5, "male", "female")),
                "b12": missing(rng.lognormal(np.log(350), 0.45, n), 0.05),
                "holotc": missing(rng.lognormal(np.log(70), 0.5, n), 0.10),
                "mma": missing(rng.lognormal(np.log(0.17), 0.45, n), 0.05),
                "hcy": missing(rng.lognormal(np.log(9), 0.3, n), 0.05),
                "weight": rng.uniform(2_000, 60_000, n),
                "stratum": stratum,
                "psu": rng.integers(1, 3, n),
            }
        )
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
    assert writer is not None
    writer.close()


GENERATOR = "v1"  # bump when generate() changes, so a kept file is never stale


def data_folder() -> Path:
    """Where generated cohorts are kept between runs (not the repository)."""
    if folder := os.environ.get("B12_BENCH_DATA"):
        return Path(folder)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "b12-bench"


def cohort_file(rows: int) -> Path:
    """The synthetic cohort of ``rows`` rows, generated once (to a temporary name, then renamed:
    an interrupted run leaves no half file)."""
    folder = data_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"cohort_{rows}_seed12_{GENERATOR}.parquet"
    if not path.is_file():
        print(f"generating {rows:,} rows into {path}", file=sys.stderr, flush=True)
        partial = path.with_suffix(".partial")
        generate(partial, rows)
        partial.replace(path)
    return path


def _b12(
    path: Path, engine: str, master: str | None = None, cache: bool = True
) -> list[dict[str, object]]:
    from b12.data.cohort.engine_name import EngineName
    from b12.services.cohort import CohortOptions, analyse_file

    mapping = [
        f"{c}={c}"
        for c in ("age", "sex", "b12", "holotc", "mma", "hcy", "weight", "stratum", "psu")
    ]
    options = CohortOptions(
        indicators=INDICATORS,
        by=["age_band", "sex"],
        engine=EngineName(engine),
        spark_master=master,
        suppress=False,
        cache=cache,
    )
    result = analyse_file(str(path), mapping, options)
    return [
        {
            "indicator": r["indicator"],
            "group": [r["age_band"], r["sex"]],
            "prevalence": r["prevalence"],
            "se": r["se"],
            "ci_low": r["ci_low"],
            "ci_high": r["ci_high"],
        }
        for r in result.rows
    ]


def _runner(kind: str, master: str | None = None) -> Any:
    """``sql``: the frozen hand-written baseline; ``hand:NAME``: one variant; else b12."""
    if kind == "sql":
        return hand_sql.VARIANTS[hand_sql.FROZEN]
    if kind.startswith("hand:"):
        return hand_sql.VARIANTS[kind.removeprefix("hand:")]
    engine = kind.split(":")[0]
    if kind == "duckdb:first":

        def first(p: Path) -> list[dict[str, object]]:
            from b12.services.cohort import clear_cache

            clear_cache()  # nothing kept: the analysis builds, compiles and keeps its plan
            return _b12(p, engine)

        return first
    if kind == "duckdb:uncached":
        return lambda p: _b12(p, engine, cache=False)  # nothing read from or written to the cache
    return lambda p: _b12(p, engine, master)


def worker(kind: str, path: Path) -> None:
    """Serve timed runs on request: read ``run``/``done`` lines on stdin, answer JSON lines.

    The process lives for all rounds, so imports, warm-up and (for Spark) the JVM start are paid
    once and never timed, and its peak memory belongs to this engine alone.
    """
    with tempfile.TemporaryDirectory() as cache, contextlib.ExitStack() as stack:
        os.environ["B12_CACHE_DIR"] = cache  # b12's plans and prepared cohorts: this run's own
        _serve(kind, path, stack)


def _spark(kind: str, stack: contextlib.ExitStack) -> str | None:
    """Start Spark before timing, as a running cluster would be: local[2], or a standalone
    cluster this worker starts (and stops on exit); the master URL for the latter."""
    from b12.data.cohort.engine import spark_session

    master = None
    if kind == "spark:standalone":
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root
        from tests.spec.spark_cluster import standalone

        logs = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        cluster = stack.enter_context(standalone(logs, workers=2, cores=1, memory="1g"))
        os.environ.update({k: v for k, v in cluster.env.items() if k not in os.environ})
        os.environ["PYSPARK_SUBMIT_ARGS"] = (
            "--conf spark.executor.memory=512m --conf spark.executor.cores=1 pyspark-shell"
        )
        master = cluster.url
    spark_session(master).sparkContext.setLogLevel("ERROR")
    return master


def _serve(kind: str, path: Path, stack: contextlib.ExitStack) -> None:
    cpu_of = _cpu
    spark = kind.startswith("spark")
    master = _spark(kind, stack) if spark else None
    if spark:
        # The Python driver's CPU and that of every JVM it or its cluster started.
        def cpu_of() -> float:
            return _cpu() + _jvm_cpu(os.getpid(), own=False)

    run = _runner(kind, master)
    # Warm up on a small file so imports and first-query set-up are not timed.
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "warmup.parquet"
        generate(small, 10_000, seed=1)
        run(small)
    if kind == "duckdb":
        run(path)  # b12 run again on a file: its plan is kept from this first, untimed run
    rows: list[dict[str, object]] = []
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            break
        start, cpu_start = time.perf_counter(), cpu_of()
        rows = run(path)
        seconds, cpu = time.perf_counter() - start, cpu_of() - cpu_start
        print(json.dumps({"seconds": seconds, "cpu": cpu}), flush=True)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    children = 0.0
    if spark:
        from b12.data.cohort.engine import spark_session

        children = _jvm_peak_gb(os.getpid(), own=False)
        spark_session(master).stop()
    print(json.dumps({"peak_gb": own, "child_peak_gb": children, "rows": rows}), flush=True)


class Worker:
    """One engine's worker process, driven a run at a time."""

    def __init__(self, kind: str, path: Path) -> None:
        self.kind = kind
        command = [sys.executable, __file__, "--worker", kind, str(path)]
        # Spark's progress bars and warnings; closed in finish()
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115
        self.proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True
        )
        self.seconds: list[float] = []
        self.cpu: list[float] = []
        self._read()  # ready

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            code = self.proc.wait()
            self.log.seek(0)
            tail = "".join(self.log.readlines()[-20:])
            raise RuntimeError(f"the {self.kind} worker stopped (exit {code}):\n{tail}")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _send(self, word: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(word + "\n")
        self.proc.stdin.flush()

    def run(self) -> None:
        self._send("run")
        answer = self._read()
        self.seconds.append(float(answer["seconds"]))
        self.cpu.append(float(answer["cpu"]))

    def finish(self) -> dict[str, Any]:
        self._send("done")
        answer = self._read()
        self.proc.wait()
        self.log.close()
        return answer


def agree(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> float:
    key = {(r["indicator"], tuple(r["group"])): r for r in b}
    worst = 0.0
    for r in a:
        other = key[(r["indicator"], tuple(r["group"]))]
        for field in ("prevalence", "se", "ci_low", "ci_high"):
            worst = max(worst, abs(float(r[field]) - float(other[field])))
    return worst


def measure(kinds: list[str], path: Path, rounds: int) -> dict[str, Worker]:
    """Interleaved rounds: every engine runs once per round, the order rotating between rounds.

    Other work sharing the machine then slows every engine alike, and the per-round ratio
    hand-SQL / b12 compares runs made seconds apart.
    """
    print(f"{path.name}: starting {', '.join(kinds)}", file=sys.stderr, flush=True)
    workers = {kind: Worker(kind, path) for kind in kinds}
    for r in range(rounds):
        for i in range(len(kinds)):
            workers[kinds[(i + r) % len(kinds)]].run()
        times = ", ".join(f"{k} {w.seconds[-1]:.2f} s" for k, w in workers.items())
        print(f"  round {r + 1}/{rounds}: {times}", file=sys.stderr, flush=True)
    return workers


COLUMNS = [
    ("rows", 11), ("engine", 30), ("best s", 7), ("median s", 8), ("M rows/s", 8),
    ("peak GB", 7), ("JVM GB", 6), ("sql/b12", 7), ("per-round sql/b12 min-median-max", 32),
    ("CPU s", 6), ("cpu ratio", 9), ("max diff", 8),
]  # fmt: skip
CACHE_COLUMNS = [
    ("rows", 11), ("analysis", 9), ("median s", 8), ("uncached s", 10),
    ("wall ratio median (min-max)", 27), ("CPU ratio median (min-max)", 26),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1e6,1e7")
    engines = "sql hand:NAME hand:all duckdb duckdb:first duckdb:uncached spark spark:standalone"
    parser.add_argument("--engines", default="sql,duckdb,spark", help=f"of: {engines}")
    parser.add_argument(
        "--repeat", type=int, default=5, help="interleaved rounds, best and median (default 5)"
    )
    parser.add_argument("--markdown", action="store_true", help="Markdown tables (docs)")
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "PATH"))
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return
    kinds = [
        kind
        for name in args.engines.split(",")
        for kind in ([f"hand:{v}" for v in hand_sql.VARIANTS] if name == "hand:all" else [name])
    ]
    base_kind = "sql" if "sql" in kinds else f"hand:{hand_sql.FROZEN}"
    table = Table(COLUMNS, markdown=args.markdown)
    table.header()
    cache_rows: list[list[str]] = []
    for size in (int(float(s)) for s in args.sizes.split(",")):
        workers = measure(kinds, cohort_file(size), args.repeat)
        results = {kind: w.finish() for kind, w in workers.items()}
        for kind, w in workers.items():
            table.row(*_report(size, kind, w, results, workers.get(base_kind), base_kind))
        if "duckdb:uncached" in workers:
            cache_rows += _cache_ratios(size, workers)
    if cache_rows:  # a table of its own (one Markdown table cannot hold two headings)
        print(flush=True)
        cache_table = Table(CACHE_COLUMNS, markdown=args.markdown)
        cache_table.header()
        for cells in cache_rows:
            cache_table.row(*cells)


def _cache_ratios(size: int, workers: dict[str, Worker]) -> list[list[str]]:
    """First (``duckdb:first``) and repeated (``duckdb``) analysis against the uncached one:
    per-round ratios, median (min-max), in wall and CPU time (issue 18: <= 1.1 and <= 0.2)."""
    uncached, rows = workers["duckdb:uncached"], []
    for kind, name in (("duckdb:first", "first"), ("duckdb", "repeated")):
        if kind not in workers:
            continue
        w, parts = workers[kind], []
        for mine, theirs in ((w.seconds, uncached.seconds), (w.cpu, uncached.cpu)):
            ratios = sorted(a / b for a, b in zip(mine, theirs, strict=True))
            parts.append(f"{statistics.median(ratios):.2f} ({ratios[0]:.2f}-{ratios[-1]:.2f})")
        median, base = statistics.median(w.seconds), statistics.median(uncached.seconds)
        rows.append([f"{size:,}", name, f"{median:.3f}", f"{base:.3f}", *parts])
    return rows


def _report(
    size: int,
    kind: str,
    w: Worker,
    results: dict[str, dict[str, Any]],
    base: Worker | None,
    base_kind: str,
) -> list[str]:
    """One engine's cells: times, rows/s, memory, ratios to the baseline, CPU, agreement."""
    res = results[kind]
    seconds, cpu = min(w.seconds), min(w.cpu)
    ratio, spread, diff, cpu_ratio = "-", "-", "-", "-"
    if base is not None:
        ratio = f"{min(base.seconds) / seconds:.2f}"
        rounds = sorted(a / b for a, b in zip(base.seconds, w.seconds, strict=True))
        spread = f"{rounds[0]:.2f} - {statistics.median(rounds):.2f} - {rounds[-1]:.2f}"
        diff = f"{agree(res['rows'], results[base_kind]['rows']):.1e}"
        cpu_ratio = f"{min(base.cpu) / cpu:.2f}"
    jvm = f"{res['child_peak_gb']:.2f}" if kind.startswith("spark") else "-"
    return [
        f"{size:,}", kind, f"{seconds:.2f}", f"{statistics.median(w.seconds):.2f}",
        f"{size / seconds / 1e6:.2f}", f"{res['peak_gb']:.2f}", jvm, ratio, spread,
        f"{cpu:.2f}", cpu_ratio, diff,
    ]  # fmt: skip


if __name__ == "__main__":
    main()
