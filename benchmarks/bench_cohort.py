"""Benchmark: classification + grouped survey prevalence with SEs, b12's pipeline vs hand SQL.

One command::

    python benchmarks/bench_cohort.py                 # 10^6 and 10^7 rows, DuckDB and Spark
    python benchmarks/bench_cohort.py --sizes 1e6 --engines duckdb,spark,sql
    python benchmarks/bench_cohort.py --engines hand:all,duckdb --repeat 9   # baseline variants

A synthetic NHANES-like cohort (age, sex, B12, holoTC, MMA, Hcy, weight, 15 strata x 2 PSUs) is
generated on the fly as Parquet in a temporary folder. The task: 4-marker cB12 and its category,
serum B12 and MMA bands, then prevalence of b12_deficient, cb12_low and mma_elevated by age band x
sex with Taylor-linearised SEs and Korn-Graubard CIs. ``sql`` is the frozen baseline: the fastest
of the hand-written DuckDB queries in ``hand_sql.py`` (``hand:NAME`` runs one variant,
``hand:all`` every one; the ratios are then to the frozen one).

Each engine runs in its own long-lived worker process, so peak memory (ru_maxrss; for Spark also
the JVM) belongs to that engine alone and warm-up is never timed. The engines take turns, one run
each per round (``--repeat`` rounds, the order rotating), so other work on the machine slows them
alike. Printed: the best time, ``sql/b12`` = best hand-SQL time / best b12 time (>= 1.0: b12 is as
fast), the per-round ratios (min - median - max), and CPU seconds (for Spark the driver's plus the
JVM's), whose ratio is steadier than wall time on a busy machine.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
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


def _b12(path: Path, engine: str) -> list[dict[str, object]]:
    from b12.services.cohort import CohortOptions, analyse_file

    mapping = [
        f"{c}={c}"
        for c in ("age", "sex", "b12", "holotc", "mma", "hcy", "weight", "stratum", "psu")
    ]
    options = CohortOptions(
        indicators=INDICATORS, by=["age_band", "sex"], engine=engine, suppress=False
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


def _runner(kind: str) -> Any:
    """``sql``: the frozen hand-written baseline; ``hand:NAME``: one variant; else b12's engine."""
    if kind == "sql":
        return hand_sql.VARIANTS[hand_sql.FROZEN]
    if kind.startswith("hand:"):
        return hand_sql.VARIANTS[kind.removeprefix("hand:")]
    return lambda p: _b12(p, kind)


def _cpu() -> float:
    """CPU seconds of this process, all threads (robust when other work shares the machine)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _family(root: int) -> set[int]:
    """``root`` and its descendants (the Spark launcher and its JVM)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    family, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return family


def _jvm_peak_gb(root: int) -> float:
    """Peak resident memory (VmHWM) of the Spark launcher and its descendants, in GB."""
    peak = 0.0
    for pid in _family(root):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024**2)
        except OSError:
            continue
    return peak


def _jvm_cpu(root: int) -> float:
    """CPU seconds used so far by the Spark launcher and its descendants (user + system)."""
    ticks = 0
    for pid in _family(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def worker(kind: str, path: Path) -> None:
    """Serve timed runs on request: read ``run``/``done`` lines on stdin, answer JSON lines.

    The process lives for all rounds, so imports, warm-up and (for Spark) the JVM start are paid
    once and never timed, and its peak memory belongs to this engine alone.
    """
    cpu_of = _cpu
    if kind == "spark":  # start the JVM before timing, as a running cluster would be
        from b12.data.cohort.engine import spark_session

        context = spark_session().sparkContext
        context.setLogLevel("ERROR")
        jvm = context._gateway.proc.pid

        def cpu_of() -> float:  # the Python driver's CPU and the JVM's
            return _cpu() + _jvm_cpu(jvm)

    run = _runner(kind)
    # Warm up on a small file so imports and first-query set-up are not timed.
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "warmup.parquet"
        generate(small, 10_000, seed=1)
        run(small)
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
    if kind == "spark":
        from b12.data.cohort.engine import spark_session

        session = spark_session()
        children = _jvm_peak_gb(session.sparkContext._gateway.proc.pid)
        session.stop()
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
    workers = {kind: Worker(kind, path) for kind in kinds}
    for r in range(rounds):
        for i in range(len(kinds)):
            workers[kinds[(i + r) % len(kinds)]].run()
    return workers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1e6,1e7")
    parser.add_argument("--engines", default="sql,duckdb,spark")
    parser.add_argument(
        "--repeat", type=int, default=5, help="interleaved rounds, best and median (default 5)"
    )
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
    print(
        f"{'rows':>10} {'engine':>34} {'best s':>7} {'M rows/s':>9} {'peak GB':>8} {'JVM GB':>7} "
        f"{'sql/b12':>8} {'per-round sql/b12 min-median-max':>33} {'CPU s':>6} {'cpu ratio':>9} "
        f"{'max diff':>9}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(float(s)) for s in args.sizes.split(",")):
            path = Path(tmp) / f"cohort_{size}.parquet"
            generate(path, size)
            workers = measure(kinds, path, args.repeat)
            results = {kind: w.finish() for kind, w in workers.items()}
            base = workers.get(base_kind)
            for kind, w in workers.items():
                res = results[kind]
                seconds, cpu = min(w.seconds), min(w.cpu)
                if base is not None:
                    ratio = f"{min(base.seconds) / seconds:8.2f}"
                    rounds = sorted(a / b for a, b in zip(base.seconds, w.seconds, strict=True))
                    spread = f"{rounds[0]:.2f} - {statistics.median(rounds):.2f} - {rounds[-1]:.2f}"
                    diff = f"{agree(res['rows'], results[base_kind]['rows']):9.1e}"
                else:
                    ratio, spread, diff = f"{'-':>8}", "-", f"{'-':>9}"
                jvm = f"{res['child_peak_gb']:.2f}" if kind == "spark" else "-"
                cpu_ratio = f"{min(base.cpu) / cpu:9.2f}" if base is not None else f"{'-':>9}"
                cpu_text = f"{cpu:6.2f} {cpu_ratio}"
                print(
                    f"{size:>10} {kind:>34} {seconds:7.2f} {size / seconds / 1e6:9.2f} "
                    f"{res['peak_gb']:8.2f} {jvm:>7} {ratio} {spread:>33} {cpu_text} {diff}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
