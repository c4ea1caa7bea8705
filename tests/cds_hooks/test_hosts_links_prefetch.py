"""The small CDS Hooks holes of issue 13 (lows), each against a real server process.

- The standalone CDS app answers only requests addressed to this machine (or its public URL), as
  `b12 serve` on loopback does, and neither accepts a Host such as ``[::1].evil.example``.
- A patient id is never pasted raw into a card link: an id that is not a FHIR id is refused (400).
- A prefetch of 16,000 observations is not read for seconds: above the cap the answer is at once
  one information card, never a judgment from part of the record.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cds_hooks.processes import b12_serve, cds_app
from tests.cds_hooks.requests import PATIENT_ID, full_prefetch, hook_request
from tests.fixtures.server import Server

PV = "/cds-services/b12-patient-view"
REPORT_URL = "https://b12.example/report/{patientId}"
OBSERVATIONS = 16_000
PREFETCH_ANSWER_S = 1.5


@pytest.fixture(scope="module")
def standalone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = cds_app(tmp_path_factory.mktemp("standalone"), {"B12_CDS_REPORT_URL": REPORT_URL})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def main_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = b12_serve(tmp_path_factory.mktemp("main"), {"B12_CDS_REPORT_URL": REPORT_URL})
    yield server
    server.stop()


def with_host(server: Server, path: str, host: str) -> httpx.Response:
    return httpx.get(server.url + path, headers={"Host": host})


@pytest.mark.parametrize(
    "host",
    ["evil.example", "[::1].evil.example", "[::1]evil", "127.0.0.1.evil.example", "[::1]:80x"],
)
def test_the_standalone_app_answers_only_loopback_hosts(standalone: Server, host: str) -> None:
    response = with_host(standalone, "/cds-services", host)
    assert response.status_code == 421, host
    assert response.headers["content-type"].startswith("application/problem+json")


def test_the_standalone_app_answers_its_own_names(standalone: Server) -> None:
    port = standalone.url.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "[::1]"):
        assert with_host(standalone, "/cds-services", host).status_code == 200, host


@pytest.mark.parametrize("host", ["[::1].evil.example", "[::1]evil", "[::1]:8012.evil.example"])
def test_b12_serve_refuses_bracketed_hosts_with_a_tail(main_server: Server, host: str) -> None:
    assert with_host(main_server, "/api/health", host).status_code == 421, host
    assert with_host(main_server, "/api/health", "[::1]:8012").status_code == 200


def call(server: Server, patient_id: str) -> httpx.Response:
    prefetch = full_prefetch()
    if patient_id != PATIENT_ID:  # the prefetched Patient must not contradict the context
        del prefetch["patient"]["id"]
    context = {"userId": "Practitioner/example", "patientId": patient_id}
    return httpx.post(server.url + PV, json=hook_request(prefetch=prefetch, context=context))


@pytest.mark.parametrize("patient_id", ["../../admin?x=1#top", "..", "a b", "p/1", "é"])
def test_patient_ids_that_are_not_fhir_ids_are_refused(
    main_server: Server, patient_id: str
) -> None:
    response = call(main_server, patient_id)
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["field"] == "context.patientId"


def test_card_links_carry_the_patient_id(main_server: Server) -> None:
    response = call(main_server, PATIENT_ID)
    assert response.status_code == 200, response.text
    (card,) = response.json()["cards"]
    assert card["links"][0]["url"] == REPORT_URL.replace("{patientId}", PATIENT_ID)


def many_observations(count: int) -> dict[str, Any]:
    """A labs prefetch of ``count`` small B12 observations (about 280 bytes each)."""
    entry = [
        {
            "resource": {
                "resourceType": "Observation",
                "id": f"o{i}",
                "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "2132-9"}]},
                "subject": {"reference": f"Patient/{PATIENT_ID}"},
                "effectiveDateTime": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 9}",
                "valueQuantity": {"value": 150 + i % 300, "unit": "pg/mL", "code": "pg/mL"},
            }
        }
        for i in range(count)
    ]
    return {"resourceType": "Bundle", "type": "searchset", "entry": entry}


def test_a_huge_prefetch_is_answered_at_once_without_a_judgment(main_server: Server) -> None:
    prefetch = full_prefetch() | {"labs": many_observations(OBSERVATIONS)}
    body = httpx.Request("POST", "/", json=hook_request(prefetch=prefetch)).content
    assert 4_000_000 < len(body) < 5_000_000  # under b12 serve's body limit
    started = time.perf_counter()
    response = httpx.post(
        main_server.url + PV, content=body, headers={"Content-Type": "application/json"}, timeout=30
    )
    elapsed = time.perf_counter() - started
    print(f"{len(body) / 1e6:.1f} MB prefetch, {OBSERVATIONS} observations: {elapsed:.2f} s")
    assert response.status_code == 200, response.text
    (card,) = response.json()["cards"]
    assert card["indicator"] == "info" and "could not be read in full" in card["summary"]
    assert elapsed < PREFETCH_ANSWER_S


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("B12_CDS_FHIR_TIMEOUT_S", "soon"),
        ("B12_CDS_ALLOW_ORIGINS", "*"),
        ("B12_CDS_ALLOWED_FHIR_SERVERS", "https://user:pw@ehr.example.org/fhir"),
        ("B12_CDS_FHIR_MAX_CONCURRENCY", "0"),
    ],
)
def test_a_wrong_setting_stops_both_apps_naming_the_variable(
    tmp_path: Path, variable: str, value: str
) -> None:
    for start in (cds_app, b12_serve):
        with pytest.raises(RuntimeError, match=variable) as raised:
            start(tmp_path, {variable: value}).stop()
        assert "Traceback" not in str(raised.value)
