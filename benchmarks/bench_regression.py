"""Benchmark: survey-weighted regression in the engine vs the row-level driver reference.

One command::

    python benchmarks/bench_regression.py                      # 10^6 and 10^7 rows
    python benchmarks/bench_regression.py --sizes 1e6 --kinds driver,duckdb,spark

A synthetic NHANES-like cohort (15 strata x 2 PSUs, age, sex, BMI, B12, MMA, grip strength) is
written as Parquet. Two models with the domain ``age >= 60``:

* linear ``grip_max ~ b12_deficient + age + sex + bmi`` (one engine aggregation),
* logistic ``mma_elevated ~ b12_deficient + age_band + sex`` (one aggregation per Newton step).

``duckdb`` and ``spark`` fit in the engine from per-PSU sums (``b12 cohort run --regress``);
``driver`` pulls every row of the model to the driver first (the reference the tests compare
with). Each measurement runs in its own process so peak memory belongs to it alone (for Spark the
JVM is measured separately). ``max diff`` is the largest difference of any estimate or SE from the
first kind measured. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

CHUNK = 1_000_000
MODELS = {
    "linear": "grip_max ~ b12_deficient + age + sex + bmi",
    "logistic": "mma_elevated ~ b12_deficient + age_band + sex",
}
WHERE = "age >= 60"
COLUMNS = ("age", "sex", "b12", "mma", "bmi", "grip_max", "weight", "stratum", "psu")


def generate(path: Path, rows: int, seed: int = 5) -> None:
    """Write the synthetic cohort in chunks (never the whole table in memory)."""
    rng = np.random.default_rng(seed)
    writer = None
    for start in range(0, rows, CHUNK):
        n = min(CHUNK, rows - start)
        age = rng.uniform(18, 85, n).round(0)
        male = rng.random(n) < 0.5
        bmi = rng.normal(28, 5, n).clip(15, 60)
        b12 = rng.lognormal(np.log(350), 0.45, n)
        mma = rng.lognormal(np.log(0.17) + 0.004 * (age - 50) - 0.3 * (b12 < 148), 0.45, n)
        grip = 25 + 15 * male - 0.35 * (age - 50) + 0.1 * bmi - 1.0 * (b12 < 148)
        table = pa.table(
            {
                "age": age,
                "sex": pa.array(np.where(male, "male", "female")),
                "b12": pa.array(b12, mask=rng.random(n) < 0.05),
                "mma": pa.array(mma, mask=rng.random(n) < 0.05),
                "bmi": bmi,
                "grip_max": pa.array(grip + rng.normal(0, 6, n), mask=rng.random(n) < 0.2),
                "weight": rng.uniform(2_000, 60_000, n),
                "stratum": rng.integers(1, 16, n),
                "psu": rng.integers(1, 3, n),
            }
        )
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
    assert writer is not None
    writer.close()


def _fit(path: Path, kind: str, formula: str) -> list[list[float]]:
    from b12.data.cohort.engine_name import EngineName
    from b12.services.cohort import CohortOptions, analyse_file

    mapping = [f"{c}={c}" for c in COLUMNS]
    if kind != "driver":
        options = CohortOptions(
            regress=formula, where=WHERE, engine=EngineName(kind), suppress=False
        )
        rows = analyse_file(str(path), mapping, options).rows
        return [[r["estimate"], r["se"]] for r in rows]
    # The reference: the same table and domain, every model row pulled to the driver.
    import ibis

    from b12.data.cohort.engine import connect
    from b12.data.cohort.expressions import compile_condition
    from b12.data.cohort.model_frame import model_frame
    from b12.data.cohort.rules import classify, standard_indicators
    from b12.services.cohort.names import analysis_names
    from b12.services.cohort.targets import with_indicator_columns
    from b12.stats.regression import survey_regression

    engine = connect("duckdb")
    raw = engine.read_source(str(path))
    missing = {name: ibis.null("float64") for name in ("holotc", "hcy")}
    names = analysis_names(CohortOptions(regress=formula)).in_expressions()
    t = with_indicator_columns(classify(raw.mutate(**missing)), names)
    domain = compile_condition(WHERE, t, field="--where")
    indicators = {ind.name: ind.build(t) for ind in standard_indicators()}
    f = model_frame(engine, t, formula, domain, indicators)
    fit = survey_regression(
        f.x, f.y, f.weight, f.in_domain, f.strata, f.psus, f.terms, logistic=f.logistic
    )
    return [[c.estimate, c.se] for c in fit.coefficients]


def worker(kind: str, path: Path, model: str, repeat: int) -> None:
    """Run one measurement and print JSON (seconds, peak memory, estimates)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from procs import _jvm_peak_gb

    if kind == "spark":  # start the JVM before timing, as a running cluster would be
        from b12.data.cohort.engine import spark_session

        spark_session().sparkContext.setLogLevel("ERROR")
    with tempfile.TemporaryDirectory() as tmp:  # warm up: imports, first-query set-up
        small = Path(tmp) / "warmup.parquet"
        generate(small, 20_000, seed=1)
        _fit(small, kind, MODELS[model])
    seconds = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        estimates = _fit(path, kind, MODELS[model])
        seconds = min(seconds, time.perf_counter() - start)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    jvm = 0.0
    if kind == "spark":
        from b12.data.cohort.engine import spark_session

        session = spark_session()
        jvm = _jvm_peak_gb(session.sparkContext._gateway.proc.pid)
        session.stop()
    print(json.dumps({"seconds": seconds, "peak_gb": own, "jvm_gb": jvm, "est": estimates}))


def measure(kind: str, path: Path, model: str, repeat: int) -> dict[str, object]:
    command = [sys.executable, __file__, "--worker", kind, str(path), model]
    command += ["--repeat", str(repeat)]
    proc = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1e6,1e7")
    parser.add_argument("--kinds", default="driver,duckdb,spark")
    parser.add_argument("--models", default="linear,logistic")
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs (default 2)")
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "PATH", "MODEL"))
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]), args.worker[2], args.repeat)
        return
    print(
        f"{'rows':>10} {'model':>8} {'kind':>7} {'seconds':>8} {'M rows/s':>9} "
        f"{'peak GB':>8} {'JVM GB':>7} {'max diff':>9}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(float(s)) for s in args.sizes.split(",")):
            path = Path(tmp) / f"cohort_{size}.parquet"
            generate(path, size)
            for model in args.models.split(","):
                base: np.ndarray | None = None
                for kind in args.kinds.split(","):
                    res = measure(kind, path, model, args.repeat)
                    est = np.asarray(res["est"], dtype=float)
                    diff = float(np.max(np.abs(est - base))) if base is not None else 0.0
                    base = est if base is None else base
                    seconds = float(res["seconds"])  # type: ignore[arg-type]
                    jvm = f"{res['jvm_gb']:.2f}" if kind == "spark" else "-"
                    print(
                        f"{size:>10} {model:>8} {kind:>7} {seconds:8.2f} "
                        f"{size / seconds / 1e6:9.2f} {res['peak_gb']:8.2f} {jvm:>7} {diff:9.1e}",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
