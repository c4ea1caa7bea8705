"""Benchmarks for food search and diary processing. Prints numbers; asserts nothing.

Usage: python benchmarks/bench_foods.py [--sr28 DIR] [--rows N]

* search latency (p50/p99 ms per query) over the bundled table and over a store holding the full
  SR28 release (imported into a temporary SQLite file from ../shared/data/usda-sr28);
* diary throughput (rows/s): parse a CSV diary, resolve every food, summarise intake;
* peak Python memory (tracemalloc) of each stage and the process's peak RSS (getrusage).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from b12.data.diary import load_diary
from b12.data.foods import FoodIndex, import_sr28, load_index
from b12.data.foods.bundled import bundled_foods
from b12.services.intake import intake_from_diary

REPO = Path(__file__).resolve().parents[1]
SR28 = REPO.parent / "shared" / "data" / "usda-sr28"
QUERIES = [
    "milk", "whole milk", "salmon", "salmn", "egg", "eggs scrambled", "beef liver",
    "chicken breast", "chiken", "cheddar", "chedar cheese", "yogurt", "clams", "tuna canned",
    "sardines", "soy milk",
    "almond milk", "rice milk", "corn flakes", "cereal fortified", "spirulina", "nori", "yeast",
    "turkey", "pork chop", "ham", "shrimp", "crab", "oysters", "mussels", "cod", "trout", "lamb",
    "veal", "sausage", "bologna", "cottage cheese", "swiss cheese", "ice cream", "butter", "sal",
    "mil", "che", "beef ground 85", "liverwurst", "mackerel", "herring", "anchovy", "kefir", "feta",
]  # fmt: skip
T = TypeVar("T")


def measured(label: str, action: Callable[[], T], *, trace: bool = True) -> tuple[T, float]:
    """Run ``action`` untraced for its time, then (if ``trace``) again under tracemalloc."""
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    memory = ""
    if trace:
        tracemalloc.start()
        action()
        memory = f", peak traced memory {tracemalloc.get_traced_memory()[1] / 2**20:,.1f} MiB"
        tracemalloc.stop()
    print(f"  {label}: {seconds * 1000:,.0f} ms{memory}")
    return result, seconds


def search_latency(index: FoodIndex, label: str, rounds: int = 20) -> None:
    timings = []
    for _ in range(rounds):
        for query in QUERIES:
            start = time.perf_counter()
            index.search(query, limit=10)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p99 = timings[int(0.99 * (len(timings) - 1))]
    print(f"  search over {label} ({len(index):,} foods, {len(timings):,} queries): "
          f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {timings[-1]:.2f} ms")  # fmt: skip


def write_diary(path: Path, rows: int) -> None:
    rng = random.Random(12)
    foods = [f for f in bundled_foods() if f.portions]
    start = dt.date(2026, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "meal", "food", "amount"])
        for n in range(rows):
            food = rng.choice(foods)
            text = food.name if n % 2 else f"ndb:{food.ndb}"
            portion = rng.choice(food.portions)
            amount = f"{portion.amount:g} {portion.unit}" if n % 3 else f"{rng.randint(20, 300)} g"
            writer.writerow([start + dt.timedelta(days=n // 12), rng.choice(["b", "l", "d"]), text,
                             amount])  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sr28", type=Path, default=SR28)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    print(f"b12 food benchmarks (Python {sys.version.split()[0]})")
    with tempfile.TemporaryDirectory(prefix="b12-bench-") as tmp:
        print("bundled table")
        bundled, _ = measured("build index", lambda: FoodIndex(bundled_foods()))
        search_latency(bundled, "the bundled table")
        if args.sr28.is_dir():
            print("full SR28 store")
            store = Path(tmp) / "foods.sqlite"
            summary, _ = measured("import SR28 (unpacks NUT_DATA.7z)",
                                  lambda: import_sr28(args.sr28, store), trace=False)  # fmt: skip
            full, _ = measured("load store and build index", lambda: load_index(store))
            print(f"  store: {summary.foods:,} foods, {store.stat().st_size / 2**20:.1f} MiB")
            search_latency(full, "the full SR28 store")
        else:
            print(f"(no SR28 folder at {args.sr28}: full-store benchmark skipped)")
        print(f"diary of {args.rows:,} rows")
        diary_path = Path(tmp) / "diary.csv"
        write_diary(diary_path, args.rows)
        diary, parse_s = measured("parse CSV", lambda: load_diary(diary_path))
        result, resolve_s = measured(
            "resolve foods and summarise",
            lambda: intake_from_diary(diary, bundled, age_years=40),
        )
        total = parse_s + resolve_s
        days, unmatched = len(result.summary.days), len(result.unmatched)
        print(f"  throughput: {args.rows / total:,.0f} rows/s end to end "
              f"({days:,} days, {unmatched} unmatched)")  # fmt: skip
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS of the process: {rss / 1024:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
