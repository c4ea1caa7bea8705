"""A CSV cohort's first analysis against the uncached analysis of another b12 checkout.

Run: ``.venv/bin/python benchmarks/bench_cohort_cache_ab.py REFERENCE [--rows 1e6] [--rounds 9]``
where REFERENCE is a checkout of the code to compare with, with its own ``.venv`` (e.g.
``git worktree add --detach /tmp/ref 46b1516`` then its own install), such as the code issue 18
was filed against: "the first analysis costs at most 1.1× today's uncached time".

Each round runs, in fresh processes one after another (so a change in the machine's load falls on
all alike): the reference's analysis (its own default: a checkout from before the cache has none),
this code's first analysis (the cache emptied before each) and this code's uncached one
(``cache=False``), each ``--runs`` times after one untimed warm-up, on ``bench_cohort.py``'s
synthetic cohort written as CSV and its task (three indicators by age band and sex, DuckDB).
Printed: the median seconds and the median and spread of the per-round ratios, wall and CPU time
of the process (all threads; steadier on a shared machine). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = ("reference", "first", "uncached")


def _child(kind: str, csv: str, runs: int) -> None:
    """Time ``runs`` analyses of one kind in this process; print [(wall, cpu), ...] as JSON."""
    with tempfile.TemporaryDirectory() as cache:
        os.environ["B12_CACHE_DIR"] = cache  # never the user's cache
        _analyses(kind, csv, runs)


def _analyses(kind: str, csv: str, runs: int) -> None:
    sys.path.insert(0, str(HERE))
    import bench_cohort  # this folder's: the same task for both codes

    from b12.services.cohort import CohortOptions, analyse_file

    mapping = [
        f"{c}={c}"
        for c in ("age", "sex", "b12", "holotc", "mma", "hcy", "weight", "stratum", "psu")
    ]
    base = {"indicators": bench_cohort.INDICATORS, "by": ["age_band", "sex"], "suppress": False}

    def options(cache: bool | None) -> object:
        return CohortOptions(**base) if cache is None else CohortOptions(**base, cache=cache)

    def timed() -> tuple[float, float]:
        if kind == "first":
            from b12.services.cohort import clear_cache

            clear_cache()
        wall, cpu = time.perf_counter(), time.process_time()
        analyse_file(csv, mapping, options(None if kind == "reference" else kind == "first"))
        return time.perf_counter() - wall, time.process_time() - cpu

    # The warm-up imports and sets up DuckDB; it never stores a cache entry.
    analyse_file(csv, mapping, options(None if kind == "reference" else False))
    print(json.dumps([timed() for _ in range(runs)]))


def _run(python: Path, cwd: Path, kind: str, csv: Path, runs: int) -> list[list[float]]:
    # This script in every process (a reference checkout may not have it), with the b12 that
    # ``python`` imports: the reference's own from its venv.
    out = subprocess.run(
        [
            str(python),
            str(Path(__file__).resolve()),
            "--child",
            kind,
            "--csv",
            str(csv),
            "--runs",
            str(runs),
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    result: list[list[float]] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("reference", type=Path, nargs="?", help="checkout with its own .venv")
    parser.add_argument("--rows", type=float, default=1e6)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--runs", type=int, default=3, help="analyses per process")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.csv, args.runs)
        return
    if args.reference is None:
        parser.error("REFERENCE (a checkout with its own .venv) is required")
    sys.path.insert(0, str(HERE))
    from bench_cohort_cache import csv_cohort

    csv = csv_cohort(int(args.rows))
    here = HERE.parent
    sides = {
        "reference": (args.reference / ".venv" / "bin" / "python", args.reference),
        "first": (Path(sys.executable), here),
        "uncached": (Path(sys.executable), here),
    }
    rounds = []
    for number in range(1, args.rounds + 1):
        rounds.append({k: _run(py, cwd, k, csv, args.runs) for k, (py, cwd) in sides.items()})
        load = os.getloadavg()[0]
        print(f"round {number}/{args.rounds} done (load {load:.1f})", file=sys.stderr, flush=True)
    for axis, name in ((0, "wall"), (1, "CPU")):
        median = {k: [statistics.median(run[axis] for run in r[k]) for r in rounds] for k in KINDS}
        pairs = (("first", "reference"), ("first", "uncached"), ("uncached", "reference"))
        ratios = [
            f"{a} / {b} {_spread([x / y for x, y in zip(median[a], median[b], strict=True)])}"
            for a, b in pairs
        ]
        seconds = ", ".join(f"{k} {statistics.median(median[k]):.3f} s" for k in KINDS)
        print(f"{name}: {seconds}; per-round ratios: {'; '.join(ratios)}")


if __name__ == "__main__":
    main()
