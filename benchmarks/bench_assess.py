"""Per-person ``b12 assess`` latency in process (p50/p99) against issue 18's reference.

Run: ``.venv/bin/python benchmarks/bench_assess.py [--rounds 200] [--persons 20000] [--markdown]``

What is timed, per person: validating the person document and assessing it (status, screening,
muscle, plan) — what ``b12 assess`` does in process, without reading the file or printing the
report. Two measurements:

1. ``examples``: the person files in ``examples/`` (YAML and JSON; FHIR Bundles left out), warm:
   each file read once and its food-diary intake computed once (as ``b12 assess`` does before
   assessing), one untimed pass, then ``--rounds`` passes over all of them; every assessment's
   latency counts.
2. ``random``: the method the reference was measured with (``--persons`` generated persons, each
   assessed once, ``tracemalloc`` running for the peak-memory figure).

Each line gives p50 and p99 wall latency, their ratio to the reference (issue 18 item 5: p50
1.16 ms, p99 2.7 ms; target at most 1.2) and the p50/p99 CPU time of the thread, which other work
on a shared machine inflates less than the wall time.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from table import Table  # this folder (the script's own) is on the path

from b12.core.person import Person
from b12.data.person_file import read_document
from b12.services.assess import assess_person, measured_intake
from b12.services.inputs import load_input

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REFERENCE_MS = {"p50": 1.16, "p99": 2.7}  # issue 18, before the new judgment
TARGET = 1.2  # at most +20 %

Job = Callable[[], object]


def random_person(rng: random.Random) -> dict[str, Any]:
    labs = [
        {"analyte": "b12", "value": rng.uniform(80, 900), "unit": "pg/mL"},
        {"analyte": "holotc", "value": rng.uniform(10, 150), "unit": "pmol/L"},
        {"analyte": "mma", "value": rng.uniform(80, 1500), "unit": "nmol/L"},
        {"analyte": "hcy", "value": rng.uniform(5, 40), "unit": "umol/L"},
        {"analyte": "folate", "value": rng.uniform(3, 40), "unit": "ng/mL"},
        {"analyte": "creatinine", "value": rng.uniform(0.5, 2.5), "unit": "mg/dL"},
    ]
    rng.shuffle(labs)
    return {
        "age": rng.uniform(18, 95),
        "sex": rng.choice(["female", "male"]),
        "labs": labs[: rng.randint(1, len(labs))],
    }


def example_jobs(folder: Path = EXAMPLES) -> dict[str, Job]:
    """One job per example person file: validate its document and assess it with its intake."""
    jobs: dict[str, Job] = {}
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.json")]):
        loaded = load_input(path)
        if loaded.format != "person":
            continue
        document = read_document(path)
        intake = measured_intake(loaded.person, path)

        def job(document: Any = document, intake: Any = intake) -> object:
            return assess_person(Person.model_validate(document), intake=intake)

        jobs[path.name] = job
    return jobs


def _assess_document(document: dict[str, Any]) -> object:
    return assess_person(Person.model_validate(document))


def timed(jobs: Iterable[Job]) -> tuple[list[float], list[float]]:
    """Wall and thread-CPU seconds of each job."""
    wall, cpu = [], []
    for job in jobs:
        start, start_cpu = time.perf_counter(), time.thread_time()
        job()
        cpu.append(time.thread_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return wall, cpu


COLUMNS = [
    ("persons", 9), ("runs", 7), ("p50 ms", 7), ("p99 ms", 7), ("p50 x", 6), ("p99 x", 6),
    ("CPU p50 ms", 10), ("CPU p99 ms", 10), ("within +20 %", 12),
]  # fmt: skip


def report(table: Table, name: str, wall: list[float], cpu: list[float]) -> None:
    """One row: wall percentiles, their ratios to the reference, thread-CPU percentiles."""
    q, c = statistics.quantiles(wall, n=100), statistics.quantiles(cpu, n=100)
    ms = {"p50": q[49] * 1e3, "p99": q[98] * 1e3}
    ratio = {k: v / REFERENCE_MS[k] for k, v in ms.items()}
    within = all(r <= TARGET for r in ratio.values())
    table.row(
        name, f"{len(wall):,}", f"{ms['p50']:.3f}", f"{ms['p99']:.3f}", f"{ratio['p50']:.2f}",
        f"{ratio['p99']:.2f}", f"{c[49] * 1e3:.3f}", f"{c[98] * 1e3:.3f}",
        "yes" if within else "NO",
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200, help="passes over the examples")
    parser.add_argument("--persons", type=int, default=20_000, help="random persons")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table (docs)")
    args = parser.parse_args()
    jobs = example_jobs()
    timed(jobs.values())  # warm: imports, caches, first validation of each model
    examples = timed(job for _ in range(args.rounds) for job in jobs.values())
    rng = random.Random(12)
    documents = [random_person(rng) for _ in range(args.persons)]
    tracemalloc.start()
    start = time.perf_counter()
    randoms = timed(partial(_assess_document, d) for d in documents)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"b12 assess in process (validate + assess); reference p50 {REFERENCE_MS['p50']} ms, "
          f"p99 {REFERENCE_MS['p99']} ms; target at most {TARGET}x", flush=True)  # fmt: skip
    table = Table(COLUMNS, markdown=args.markdown)
    table.header()
    report(table, f"{len(jobs)} files", *examples)
    report(table, "random", *randoms)
    print(f"random: {args.persons / elapsed:,.0f} persons/s with tracemalloc; "
          f"peak {peak / 2**20:.1f} MiB (Python heap)")  # fmt: skip


if __name__ == "__main__":
    main()
