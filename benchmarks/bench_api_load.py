"""Load benchmark of `POST /api/assess`: requests per second and p50/p99 latency.

Starts `b12 serve` (one uvicorn worker, a throw-away SQLite file) on a free loopback port and sends
the example person files from a pool of client threads. The client runs on the same machine, so on
2 cores it competes with the server for CPU: read the numbers as a floor.

    .venv/bin/python benchmarks/bench_api_load.py --requests 2000 --concurrency 8
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from b12.data.person_file import load_person

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [sys.executable, "-m", "b12", "serve", "--port", str(port)]
    command += ["--database-url", f"sqlite:///{folder / 'bench.sqlite3'}"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{url}/api/health", timeout=1)
            return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("b12 serve did not start")


def run(url: str, requests: int, concurrency: int) -> dict[str, float]:
    """Send ``requests`` assessments from ``concurrency`` threads; return throughput and latency."""
    persons = [load_person(p) for p in sorted(EXAMPLES.iterdir()) if p.suffix in {".json", ".yaml"}]
    # the stateless API takes inline diaries only, so persons naming a diary file are left out
    bodies = [p.model_dump(mode="json") for p in persons if p.diary is None]
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker() -> None:
        with httpx.Client(base_url=url, timeout=30) as client:
            for i in counter:
                start = time.perf_counter()
                response = client.post("/api/assess", json=bodies[i % len(bodies)])
                elapsed = time.perf_counter() - start
                response.raise_for_status()
                with lock:
                    latencies.append(elapsed)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "concurrency": concurrency,
        "requests_per_second": round(len(latencies) / wall, 1),
        "p50_ms": round(cuts[49] * 1000, 2),
        "p99_ms": round(cuts[98] * 1000, 2),
    }


def main() -> None:
    """Parse options, run the benchmark against a fresh server, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        process, url = _start(Path(folder))
        try:
            run(url, args.warmup, args.concurrency)
            print(json.dumps(run(url, args.requests, args.concurrency), indent=2))
        finally:
            process.terminate()
            process.wait(timeout=15)


if __name__ == "__main__":
    main()
