"""The menu planner on every example person: 1- and 7-day solve time, CPU, nodes, gap, memory.

Each person runs in its own process (so its peak resident memory is its own): one warm-up menu,
then the median of ``--repeats`` runs per menu length of the wall-clock and CPU time (CPU time too:
the machine may be shared), HiGHS's branch-and-bound nodes and proven gap (0: optimal), the
objective, and the process's peak resident set (HiGHS allocates outside Python's heap). Target
(issue 19): a 7-day menu in under 2 s with K <= 40 candidates per meal, proven optimal.

Run: .venv/bin/python benchmarks/bench_menu.py [--repeats 1] [--candidates 40] [--only NAME]
[--full-store]

``--full-store`` compares instead, per person, the 1-day objective with K candidates per meal and
with every allowed food (both proven optimal), and names the new foods of each (issue 19: the
candidate lists should lose nothing against the full store on small cases).

``--only fuzz-like`` plans the fuzz-like person instead (:func:`fuzz_like_person`: 74, female,
324 kg, 2.32 m, 244 diary rows over 14 days under 60 meal names, as the API's fuzz run wrote one).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FUZZ_LIKE = "fuzz-like"


def fuzz_like_person(meals: int = 60, rows: int = 244, seed: int = 0) -> dict[str, object]:
    """A person file (as a dict) like the heavy one of the API's fuzz run: random bundled foods
    in random gram amounts under ``meals`` random meal names over 14 days (fixed seed)."""
    import random
    from datetime import date, timedelta

    from b12.data.foods import load_index
    from b12.services.menu.foods import menu_food

    rng = random.Random(seed)
    # Bundled foods with protein and energy (a diary may name them; the planner plans with them).
    keys = sorted(f.key for f in load_index(None).foods if menu_food(f) is not None)
    names = [
        "meal " + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(6))
        for _ in range(meals)
    ]
    entries = [
        {
            "date": (date(2026, 11, 1) + timedelta(days=rng.randrange(14))).isoformat(),
            "meal": rng.choice(names),
            "food": rng.choice(keys),
            "amount": f"{rng.randrange(10, 300)} g",
        }
        for _ in range(rows)
    ]
    return {
        "age": 74,
        "sex": "female",
        "diet": "omnivore",
        "muscle": {"weight_kg": 324, "height_m": 2.32},
        "diary": {"entries": entries},
    }


def _persons() -> list[str]:
    return sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".json"))


def measure(name: str, repeats: int, candidates: int) -> dict[str, object]:
    """One person's numbers (run in a child process)."""
    from b12.core.person import Person
    from b12.data.person_file import load_person
    from b12.services.intake import person_diary
    from b12.services.menu import plan_menu

    if name == FUZZ_LIKE:
        person, diary = Person.model_validate(fuzz_like_person()), None
    else:
        person = load_person(EXAMPLES / name)
        diary = person_diary(person, EXAMPLES / name) if person.diary is not None else None
    plan_menu(person, days=1, diary=diary, candidates_per_slot=candidates)  # warm-up
    out: dict[str, object] = {"person": name}
    for days in (1, 7):
        wall, cpu = [], []
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            menu = plan_menu(person, days=days, diary=diary, candidates_per_slot=candidates)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        o = menu.objective
        out[f"{days}d"] = {
            "wall_s": round(statistics.median(wall), 3),
            "cpu_s": round(statistics.median(cpu), 3),
            "feasible": menu.feasible,
            "objective_g": o.value_g if o else None,
            "gap": o.mip_gap if o else None,
            "nodes": o.nodes if o else None,
        }
    out["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def against_full_store(name: str, candidates: int) -> dict[str, object]:
    """One person's 1-day objective and new foods with ``candidates`` and with the full store."""
    from b12.data.person_file import load_person
    from b12.services.intake import person_diary
    from b12.services.menu import plan_menu

    person = load_person(EXAMPLES / name)
    diary = person_diary(person, EXAMPLES / name) if person.diary is not None else None
    out: dict[str, object] = {"person": name}
    for label, limit in (("limited", candidates), ("full", None)):
        start = time.process_time()
        menu = plan_menu(person, days=1, diary=diary, candidates_per_slot=limit)
        o = menu.objective
        new = sorted({x.name for m in menu.days[0].meals for x in m.lines if x.new})
        out[label] = {
            "objective_g": o.value_g if o else None,
            "gap": o.mip_gap if o else None,
            "cpu_s": round(time.process_time() - start, 2),
            "new": new,
        }
    return out


def _full_row(r: dict[str, object]) -> str:
    limited, full = r["limited"], r["full"]
    assert isinstance(limited, dict) and isinstance(full, dict)
    cells = [
        f"{k} {d['objective_g']} g gap {d['gap']} ({d['cpu_s']} s)"
        for k, d in r.items()
        if isinstance(d, dict)
    ]
    row = f"{r['person']:46} " + " | ".join(cells)
    if limited["objective_g"] != full["objective_g"]:
        row += f"\n    K new: {limited['new']}\n    full new: {full['new']}"
    return row


def _row(r: dict[str, object]) -> str:
    cells = []
    for days in ("1d", "7d"):
        d = r[days]
        assert isinstance(d, dict)
        if not d["feasible"]:
            cells.append(f"{days} no menu (unmet), {d['wall_s']:.2f} s (CPU {d['cpu_s']:.2f} s)")
            continue
        cells.append(
            f"{days} {d['wall_s']:.2f} s (CPU {d['cpu_s']:.2f} s) {d['nodes']} nodes "
            f"gap {d['gap']:g} obj {d['objective_g']:g} g"
        )
    return f"{r['person']:46} " + " | ".join(cells) + f" | {r['peak_rss_mib']} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--candidates", type=int, default=40)
    parser.add_argument("--only", help="one example file name (used by the child processes)")
    parser.add_argument("--full-store", action="store_true", help="compare K with every food")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.full_store:
        worse = 0
        for name in [args.only] if args.only else _persons():
            row = against_full_store(name, args.candidates)
            print(_full_row(row), flush=True)
            limited, full = row["limited"], row["full"]
            assert isinstance(limited, dict) and isinstance(full, dict)
            worse += limited["objective_g"] != full["objective_g"]
        print(
            f"{worse} person(s) whose K = {args.candidates} 1-day menu differs from the full store's"
        )
        return
    if args.child:
        print(json.dumps(measure(args.only, args.repeats, args.candidates)))
        return
    print(f"menu planner, K = {args.candidates} candidates per meal, median of {args.repeats}")
    slow = 0
    for name in [args.only] if args.only else _persons():
        child = [sys.executable, __file__, "--child", "--only", name]
        child += ["--repeats", str(args.repeats), "--candidates", str(args.candidates)]
        done = subprocess.run(child, capture_output=True, text=True, check=True)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(_row(row), flush=True)
        week = row["7d"]
        slow += bool(week["feasible"] and (week["cpu_s"] >= 2 or week["gap"]))
    print(f"{slow} person(s) whose 7-day menu takes 2 s of CPU or more, or is not proven optimal")


if __name__ == "__main__":
    main()
