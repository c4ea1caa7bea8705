"""Hostile FHIR servers cannot stall or bloat `b12 serve` through its CDS Hooks service (issue 13.1).

A real `b12 serve` subprocess answers `patient-view` calls whose ``fhirServer`` is a real loopback
server that drip-feeds one byte every 3 s, or answers with 100 MB. Each outbound call has a total
deadline and a size cap, the calls in flight are bounded, and they never hold the thread pool the
web pages and the API need. The hook answer is then one information card, never a judgment.
The loops are bounded in count (40 calls, 6 health probes) and time (every wait has a timeout).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx

from tests.cds_hooks.processes import b12_serve, hostile_fhir
from tests.cds_hooks.requests import hook_request
from tests.fixtures.server import Server

PV = "/cds-services/b12-patient-view"
ATTACKERS = 40
PROBES = 6
LIVENESS_S = 1.0
MEMORY_GROWTH_LIMIT_KIB = 50 * 1024
NOT_READ = "could not be read in full"


def origin(url: str) -> str:
    return url.removesuffix("/fhir")


def only_information_card(response: httpx.Response) -> None:
    """No judgment from partial data: one info card saying the chart could not be read in full."""
    assert response.status_code == 200, response.text
    (card,) = response.json()["cards"]
    assert card["indicator"] == "info"
    assert NOT_READ in card["summary"]
    assert "suggestions" not in card


def timed_get(url: str) -> float:
    """Seconds until ``url`` answered 200 (infinite when it did not within 3 s)."""
    started = time.perf_counter()
    try:
        response = httpx.get(url, timeout=3)
    except httpx.TimeoutException:
        return float("inf")
    assert response.status_code == 200
    return time.perf_counter() - started


def test_drip_feeding_fhir_servers_do_not_stall_health_or_pages(tmp_path: Path) -> None:
    with hostile_fhir("drip", every_s=3.0) as drip:
        server = b12_serve(tmp_path, {"B12_CDS_ALLOWED_FHIR_SERVERS": origin(drip.url)})
        answers: list[httpx.Response | None] = []
        started = time.monotonic()

        def attack() -> None:
            try:
                body = hook_request(fhirServer=drip.url)
                answers.append(httpx.post(server.url + PV, json=body, timeout=30))
            except httpx.TransportError:
                answers.append(None)

        attackers = [threading.Thread(target=attack, daemon=True) for _ in range(ATTACKERS)]
        try:
            for thread in attackers:
                thread.start()
            deadline = time.monotonic() + 5
            while drip.hits < 8 and time.monotonic() < deadline:  # the calls are in flight
                time.sleep(0.05)
            assert drip.hits >= 1, "the FHIR server was never called"
            latencies = []
            for _ in range(PROBES):
                latencies.append(timed_get(server.url + "/api/health"))
                latencies.append(timed_get(server.url + "/persons"))
                assert max(latencies) < LIVENESS_S, latencies
                time.sleep(0.5)
            print(f"slowest /api/health or /persons under attack: {max(latencies) * 1000:.0f} ms")
            for thread in attackers:
                thread.join(timeout=30)
            print(f"all {ATTACKERS} hook calls answered in {time.monotonic() - started:.1f} s")
        finally:
            drip.stop.set()
            server.stop()
    assert len(answers) == ATTACKERS
    for answer in answers:
        assert answer is not None, "a hook call did not end within 30 s"
        only_information_card(answer)


def warm_up(server: Server, body: dict[str, Any]) -> None:
    """Import and allocate what any FHIR call needs (the server answers 404 outside /fhir/)."""
    for _ in range(3):
        httpx.post(server.url + PV, json=body, timeout=30)


def test_a_100_mb_fhir_reply_does_not_grow_memory(tmp_path: Path) -> None:
    with hostile_fhir("huge", megabytes=100) as huge:
        server = b12_serve(tmp_path, {"B12_CDS_ALLOWED_FHIR_SERVERS": origin(huge.url)})
        try:
            warm_up(server, hook_request(fhirServer=huge.url.replace("/fhir", "/warm")))
            before = server.rss_peak_kib()
            response = httpx.post(
                server.url + PV, json=hook_request(fhirServer=huge.url), timeout=60
            )
            growth = server.rss_peak_kib() - before
        finally:
            server.stop()
    print(f"peak resident memory grew by {growth / 1024:.1f} MB")
    only_information_card(response)
    assert growth < MEMORY_GROWTH_LIMIT_KIB
