"""Per-person ``b12 assess`` latency: another b12 source tree against this one, in ONE process.

Run: ``.venv/bin/python benchmarks/bench_assess_ab.py BASE_SRC [--rounds 20] [--persons 1000]``
where BASE_SRC is the ``src`` folder of the code to compare with, e.g. made by
``git archive 0247602 src | tar -x -C /tmp/base`` (then ``/tmp/base/src``).

On a shared machine the latency against issue 18's fixed reference (bench_assess.py) moves with
the load; a ratio of two codes measured in the same rounds does not. Both trees are imported into
this process (the base first, its modules then set aside under their objects), checked to give
the same ``b12 assess --json`` document for 100 persons, and timed in rounds of ``--persons`` random
persons, the two trees taking turns person by person (the order alternating), so that a change in
the load of a shared machine falls on both alike, with ``tracemalloc`` running throughout (the
reference's method, charged to both alike; ``--no-tracemalloc``: without it). Printed: each side's
per-round p50 and p99 (median and spread over the rounds) and the per-round ratio this / base,
wall and thread CPU.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_assess import REFERENCE_MS, random_person  # this folder is on the path

Assess = Callable[[dict[str, Any]], Any]


def _load(warm: list[dict[str, Any]]) -> tuple[Assess, Callable[[Any], Any], str]:
    """The b12 now importable: validate-and-assess, its JSON document, and where it lives."""
    import b12
    from b12.core.person import Person
    from b12.reports.json_report import assessment_document
    from b12.services.assess import assess_person

    def assess(document: dict[str, Any]) -> Any:
        return assess_person(Person.model_validate(document))

    for document in warm:  # lazy imports happen now, while this tree's modules are the loaded ones
        assessment_document(assess(document))
    return assess, assessment_document, b12.__file__ or ""


def _unload() -> None:
    for name in [n for n in sys.modules if n == "b12" or n.startswith("b12.")]:
        del sys.modules[name]  # the loaded functions keep their modules alive


def _time(assess: Assess, document: dict[str, Any]) -> tuple[float, float]:
    start, start_cpu = time.perf_counter(), time.thread_time()
    assess(document)
    return time.perf_counter() - start, time.thread_time() - start_cpu


def _round(sides: list[Assess], persons: list[dict[str, Any]]) -> list[tuple[float, ...]]:
    """Each side's p50 wall, p50 CPU, p99 wall and p99 CPU ms over ``persons``, the sides taking
    turns person by person (the order alternating), so that a change in the machine's load falls
    on both alike."""
    times: list[list[tuple[float, float]]] = [[] for _ in sides]
    for k, document in enumerate(persons):
        order = range(len(sides)) if k % 2 == 0 else reversed(range(len(sides)))
        for i in order:
            times[i].append(_time(sides[i], document))
    out: list[tuple[float, ...]] = []
    for ts in times:
        wall = statistics.quantiles((t[0] for t in ts), n=100)
        cpu = statistics.quantiles((t[1] for t in ts), n=100)
        out.append((wall[49] * 1e3, cpu[49] * 1e3, wall[98] * 1e3, cpu[98] * 1e3))
    return out


def _spread(values: list[float]) -> str:
    ordered = sorted(values)
    return f"{statistics.median(ordered):.3f} ({ordered[0]:.3f}-{ordered[-1]:.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base_src", type=Path, help="the other tree's src folder")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--persons", type=int, default=1000, help="random persons per round")
    parser.add_argument(
        "--tracemalloc",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="trace allocations while timing, as the reference was measured (default); "
        "--no-tracemalloc times the plain Python work",
    )
    args = parser.parse_args()
    warm_rng = random.Random(99)
    warm = [random_person(warm_rng) for _ in range(300)]
    _unload()  # bench_assess imported this tree's b12
    sys.path.insert(0, str(args.base_src.resolve()))
    base = _load(warm)
    _unload()
    sys.path.remove(str(args.base_src.resolve()))
    this = _load(warm)
    if base[2] == this[2]:
        raise SystemExit(f"both trees import the same b12 ({this[2]})")
    for document in warm[:100]:
        if json.dumps(base[1](base[0](document))) != json.dumps(this[1](this[0](document))):
            print("note: the two trees' outputs differ for some persons", file=sys.stderr)
            break
    rng = random.Random(12)
    results: dict[str, list[tuple[float, ...]]] = {"base": [], "this": []}
    if args.tracemalloc:
        tracemalloc.start()
    for _ in range(args.rounds):
        persons = [random_person(rng) for _ in range(args.persons)]
        old, new = _round([base[0], this[0]], persons)
        results["base"].append(old)
        results["this"].append(new)
    tracemalloc.stop()
    traced = "on" if args.tracemalloc else "off"
    print(f"{args.rounds} interleaved rounds of {args.persons} random persons, tracemalloc {traced}; "
          f"base {base[2]}, this {this[2]}")  # fmt: skip
    for k, what in enumerate(("wall p50", "CPU p50", "wall p99", "CPU p99")):
        base_ms = [p[k] for p in results["base"]]
        this_ms = [p[k] for p in results["this"]]
        ratios = [n / o for o, n in zip(base_ms, this_ms, strict=True)]
        print(f"{what}: ms base {_spread(base_ms)}, this {_spread(this_ms)}; this/base per round "
              f"{_spread(ratios)}; the issue's figure {REFERENCE_MS[what[-3:]]} ms")  # fmt: skip


if __name__ == "__main__":
    main()
