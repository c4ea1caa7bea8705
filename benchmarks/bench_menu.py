"""The menu planner: solve time for 1 and 7 days (K candidates per meal) and peak memory.

Plans the example persons' menus (vegan, older adult with probable sarcopenia and no diary,
metformin user, malabsorption, vegan with a diary) after one warm-up run, and prints the median
wall-clock and CPU time per person and menu length (CPU time too: the machine may be shared), the
objective and its proven gap, the peak Python heap (tracemalloc) and the peak resident set (HiGHS
allocates outside Python's heap). Target: a 7-day menu in under 2 s with K <= 40.

Run: .venv/bin/python benchmarks/bench_menu.py [--repeats 3] [--candidates 40]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

from b12.data.person_file import load_person
from b12.services.intake import person_diary
from b12.services.menu import plan_menu

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PERSONS = (
    "vegan-low-holotc.yaml",
    "older-adult-probable-sarcopenia-low-b12.yaml",  # no diary: the default day
    "metformin-74y-borderline.json",
    "post-bariatric-low-b12.yaml",
    "low-b12-despite-diary-intake.yaml",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--candidates", type=int, default=40)
    args = parser.parse_args()
    loaded = []
    for name in PERSONS:
        person = load_person(EXAMPLES / name)
        diary = person_diary(person, EXAMPLES / name) if person.diary is not None else None
        loaded.append((name, person, diary))
    plan_menu(loaded[0][1], days=1)  # warm-up: imports, food tables
    print(f"menu planner, K = {args.candidates} candidates per meal, {args.repeats} repeats")
    for days in (1, 7):
        for name, person, diary in loaded:
            times, cpu = [], []
            for _ in range(args.repeats):
                start, start_cpu = time.perf_counter(), time.process_time()
                menu = plan_menu(
                    person, days=days, diary=diary, candidates_per_slot=args.candidates
                )
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            assert menu.feasible and menu.objective, (name, menu.unmet)
            print(
                f"  {days} day(s) {name:46} median {statistics.median(times):.3f} s "
                f"(CPU {statistics.median(cpu):.3f} s), objective {menu.objective.value_g:g} g, "
                f"gap {menu.objective.mip_gap:g}"
            )
    # Memory in a separate run: tracemalloc slows Python code several-fold.
    tracemalloc.start()
    plan_menu(loaded[1][1], days=7, candidates_per_slot=args.candidates)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory (7 days) {peak / 2**20:.1f} MiB Python heap; {rss:.0f} MiB resident")


if __name__ == "__main__":
    main()
