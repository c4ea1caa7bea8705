"""Soak benchmark of the API: a fixed request rate for a fixed time, from a second process.

Starts `b12 serve` (one uvicorn worker; a throw-away SQLite file unless --database-url is given) on a
free loopback port and sends a mix of requests at a FIXED rate (open loop: request i is due at
i / rate seconds, whether or not earlier ones have answered), then prints the error rate, the
p50/p99 latency and the server's resident memory (RSS): sampled every few seconds, with the growth
over the whole run and the least-squares slope (MiB/min) over its SECOND HALF only, so that caches
filling up during the first half are not mistaken for a leak (a leak keeps the slope above zero).

Latency is measured from the moment each request was due, not from when a client thread got to
send it, so a server that falls behind shows it in p99 (no coordinated omission). The mix, per ten
requests: 5 stateless assessments (`POST /api/assess`), 1 new person, 2 lab panels and 2 reads of
a person's labs. The client runs on the same machine as the server: on 2 cores read it as a floor.

    .venv/bin/python benchmarks/bench_api_soak.py --rate 50 --minutes 10
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx

from b12.data.person_file import load_person

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WARMUP_REQUESTS = 50
MAX_MINUTES = 60.0
PANEL = [
    {"analyte": "b12", "value": 250, "unit": "pg/mL", "date": "2026-03-01"},
    {"analyte": "mma", "value": 410, "unit": "nmol/L", "date": "2026-03-01"},
]


def _start(database_url: str) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    command = [sys.executable, "-m", "b12", "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--database-url", database_url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{url}/api/health", timeout=1)
            return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("b12 serve did not start")


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmRSS for pid {pid}")


def slope_per_minute(samples: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of ``(seconds, MiB)`` samples, in MiB per minute (0 for < 2 samples)."""
    if len(samples) < 2:
        return 0.0
    mean_t = statistics.fmean(t for t, _ in samples)
    mean_m = statistics.fmean(m for _, m in samples)
    spread = sum((t - mean_t) ** 2 for t, _ in samples)
    if spread == 0:
        return 0.0
    covariance = sum((t - mean_t) * (m - mean_m) for t, m in samples)
    return covariance / spread * 60.0


def memory_summary(samples: Sequence[tuple[float, float]]) -> dict[str, float]:
    """RSS start, end, max and growth, and the slope over the second half of the run (MiB/min)."""
    end = samples[-1][0]
    second_half = [(t, m) for t, m in samples if t >= end / 2]
    return {
        "rss_start_mb": samples[0][1],
        "rss_end_mb": samples[-1][1],
        "rss_max_mb": max(m for _, m in samples),
        "rss_growth_mb": round(samples[-1][1] - samples[0][1], 1),
        "rss_half_time_mb": second_half[0][1],
        "rss_growth_second_half_mb": round(samples[-1][1] - second_half[0][1], 1),
        "rss_slope_second_half_mb_per_min": round(slope_per_minute(second_half), 3),
        "rss_slope_whole_run_mb_per_min": round(slope_per_minute(samples), 3),
        "rss_samples": len(samples),
    }


def _bodies() -> list[dict[str, object]]:
    """The example persons without a diary file (the API takes inline diaries only)."""
    persons = [load_person(p) for p in sorted(EXAMPLES.iterdir()) if p.suffix in {".json", ".yaml"}]
    return [p.model_dump(mode="json") for p in persons if p.diary is None]


BODIES = _bodies()


def _requests(client: httpx.Client, person_ids: list[int]) -> list[Callable[[], httpx.Response]]:
    """The ten requests of one round of the mix."""
    bodies = BODIES

    def assess(n: int) -> Callable[[], httpx.Response]:
        return lambda: client.post("/api/assess", json=bodies[n % len(bodies)])

    def new_person() -> httpx.Response:
        answer = client.post("/api/persons", json={"label": "SOAK", "age": 70, "sex": "female"})
        if answer.status_code == 201:
            person_ids.append(answer.json()["id"])
        return answer

    def panel() -> httpx.Response:
        return client.post(f"/api/persons/{person_ids[-1]}/labs", json=PANEL)

    def read() -> httpx.Response:
        return client.get(f"/api/persons/{person_ids[len(person_ids) // 2]}/labs")

    return [
        assess(0),
        panel,
        assess(1),
        read,
        assess(2),
        new_person,
        assess(3),
        panel,
        assess(4),
        read,
    ]


def soak(
    url: str, pid: int, rate: float, duration: float, threads: int, sample_every: float = 5.0
) -> dict[str, object]:
    """Send ``rate`` requests a second for ``duration`` seconds; return errors, latency and RSS."""
    total = int(rate * duration)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    counter = iter(range(total))
    person_ids: list[int] = []
    with httpx.Client(base_url=url, timeout=30) as seed:
        made = seed.post("/api/persons", json={"label": "SOAK", "age": 70, "sex": "female"})
        person_ids.append(made.raise_for_status().json()["id"])
        warm = _requests(seed, person_ids)
        for i in range(WARMUP_REQUESTS):  # first calls load modules; not part of the measurement
            warm[i % len(warm)]().raise_for_status()
    load_before = os.getloadavg()
    began = time.perf_counter() + 0.5
    rss_samples = [(0.0, rss_mb(pid))]  # (seconds since the start, MiB)
    done = threading.Event()

    def worker() -> None:
        with httpx.Client(base_url=url, timeout=30) as client:
            mix = _requests(client, person_ids)
            for i in counter:
                due = began + i / rate
                time.sleep(max(0.0, due - time.perf_counter()))
                try:
                    status = str(mix[i % len(mix)]().status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                elapsed = time.perf_counter() - due
                with lock:
                    latencies.append(elapsed)
                    if not status.startswith("2"):
                        errors[status] = errors.get(status, 0) + 1

    def sampler() -> None:
        tick = 1
        while not done.wait(max(0.0, began + tick * sample_every - time.perf_counter())):
            rss_samples.append((round(time.perf_counter() - began, 2), rss_mb(pid)))
            tick += 1

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    watcher = threading.Thread(target=sampler)
    watcher.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - began
    done.set()
    watcher.join()
    rss_samples.append((round(wall, 2), rss_mb(pid)))
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "target_rate_per_s": rate,
        "minutes": round(duration / 60, 2),
        "requests": len(latencies),
        "achieved_rate_per_s": round(len(latencies) / wall, 1),
        "errors": sum(errors.values()),
        "error_rate": round(sum(errors.values()) / len(latencies), 6),
        "errors_by_status": errors,
        "p50_ms": round(cuts[49] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
        **memory_summary(rss_samples),
        "persons_created": len(person_ids),
        # other work on the machine skews latency: the 1/5/15-minute load averages, start and end
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "rss_series_mb": [m for _, m in rss_samples],
    }


def _summary(r: dict[str, object]) -> str:
    return (
        f"{r['minutes']} min, {r['requests']} requests at {r['achieved_rate_per_s']}/s, "
        f"error rate {r['error_rate']}, p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms; "
        f"RSS {r['rss_start_mb']} -> {r['rss_end_mb']} MiB (max {r['rss_max_mb']}), "
        f"second half {r['rss_slope_second_half_mb_per_min']:+} MiB/min"
    )


def main() -> None:
    """Parse options, soak a fresh server, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50.0, help="requests per second")
    parser.add_argument("--minutes", type=float, default=10.0, help="run time (at most 60)")
    parser.add_argument("--sample-seconds", type=float, default=5.0, help="RSS sampling period")
    parser.add_argument("--threads", type=int, default=16, help="client threads")
    parser.add_argument("--database-url", help="default: a throw-away SQLite file")
    args = parser.parse_args()
    if not 0 < args.minutes <= MAX_MINUTES or not 0 < args.rate <= 10_000:
        parser.error(f"--minutes must be in (0, {MAX_MINUTES:g}] and --rate in (0, 10000]")
    if not 0.5 <= args.sample_seconds <= 60:
        parser.error("--sample-seconds must be in [0.5, 60]")
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'soak.sqlite3'}"
        process, base = _start(url)
        try:
            result = soak(
                base, process.pid, args.rate, args.minutes * 60, args.threads, args.sample_seconds
            )
            print(json.dumps(result, indent=2))
            print(_summary(result), file=sys.stderr)
        finally:
            process.terminate()
            process.wait(timeout=15)


if __name__ == "__main__":
    main()
