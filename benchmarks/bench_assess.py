"""Per-person assessment: latency (p50/p99), throughput and peak memory.

Run: .venv/bin/python benchmarks/bench_assess.py [--persons 20000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tracemalloc
from typing import Any

from b12.core.person import Person
from b12.services.assess import assess_person


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(12)
    documents = [random_person(rng) for _ in range(args.persons)]
    latencies = []
    tracemalloc.start()
    start = time.perf_counter()
    for document in documents:
        t0 = time.perf_counter()
        assess_person(Person.model_validate(document))
        latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    q = statistics.quantiles(latencies, n=100)
    print(f"assess (validate + interpret), {args.persons:,} persons")
    print(f"  throughput  {args.persons / elapsed:,.0f} persons/s")
    print(f"  latency     p50 {q[49] * 1e3:.3f} ms   p99 {q[98] * 1e3:.3f} ms")
    print(f"  peak memory {peak / 2**20:.1f} MiB (tracemalloc, Python heap)")


if __name__ == "__main__":
    main()
