"""Real servers for the CDS Hooks tests: b12's service under uvicorn, and a small FHIR server.

The FHIR server (http.server on 127.0.0.1) serves one patient's resources by read and search URL,
checks the bearer token, and records the paths it was asked for. It runs for the whole session (the
service's allow-list names its origin: loopback servers are refused unless listed); each test gets
a fresh record and list of paths.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import uvicorn

from b12.cds_hooks.app import create_cds_app
from b12.services import clock
from b12.settings import CdsOptions, Settings
from tests.fhir.bundles import example

TOKEN = "test-token-123"
SLOW_TOKEN = "slow-token"
REPORT_URL = "https://b12.example/report/{patientId}"
FHIR_TIMEOUT_S = 1.0
SANDBOX = "https://sandbox.example"


# The day every CDS test calls on: the example bundle's results (2026-11-02) are a month old, so
# they read as current in any year the suite runs (the service assesses as of the call's date).
CALL_DAY = dt.date(2026, 12, 5)


@pytest.fixture(autouse=True)
def call_day(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Fix the service's clock (read per call, so the session's server sees it too)."""
    monkeypatch.setattr(clock, "today", lambda settings=None: CALL_DAY)
    return CALL_DAY


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve(settings: Settings, port: int | None = None) -> Iterator[str]:
    """Run the CDS Hooks app under uvicorn in a thread; yield its base URL."""
    port = port or free_port()
    config = uvicorn.Config(
        create_cds_app(settings), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def cds_url(fhir_origin: str) -> Iterator[str]:
    """Base URL of the CDS Hooks service (report links on, 1 s FHIR timeout, CORS for SANDBOX)."""
    cds = CdsOptions(
        fhir_timeout_s=FHIR_TIMEOUT_S,
        report_url=REPORT_URL,
        allowed_fhir_servers=(fhir_origin + "/fhir",),
        allow_origins=(SANDBOX,),
    )
    settings = Settings(cds=cds)
    with serve(settings) as url:
        yield url


def resources_of(name: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in example(name)["entry"]]


class FhirServer:
    """What the test FHIR server holds and what it was asked."""

    def __init__(self) -> None:
        self.resources: list[dict[str, Any]] = resources_of("metformin-74y-borderline.bundle.json")
        self.paths: list[str] = []
        self.url = ""

    def search(self, kind: str, query: dict[str, list[str]]) -> dict[str, Any]:
        patient = query.get("patient", [""])[0]
        codes = set(",".join(query.get("code", [])).split(",")) - {""}
        found = []
        for res in self.resources:
            if res["resourceType"] != kind:
                continue
            if res.get("subject", {}).get("reference") != f"Patient/{patient}":
                continue
            if codes and not {f"{c['system']}|{c['code']}" for c in res["code"]["coding"]} & codes:
                continue
            found.append(res)
        return {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": len(found),
            "entry": [{"resource": r, "search": {"mode": "match"}} for r in found],
        }


class _Current:
    """The record and paths of the test running now, read by the session's FHIR server."""

    state = FhirServer()


@pytest.fixture(scope="session")
def fhir_origin() -> Iterator[str]:
    """A FHIR server on 127.0.0.1 that requires the bearer token TOKEN; yields its origin."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output free of patient URLs
            pass

        def send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            state = _Current.state
            state.paths.append(self.path)
            auth = self.headers.get("Authorization")
            if auth == f"Bearer {SLOW_TOKEN}":
                time.sleep(FHIR_TIMEOUT_S * 3)
            if auth != f"Bearer {TOKEN}":
                self.send(401, {"resourceType": "OperationOutcome", "issue": []})
                return
            parts = urlsplit(self.path)
            segments = parts.path.removeprefix("/fhir/").split("/")
            if len(segments) == 2:
                match = [
                    r
                    for r in state.resources
                    if r["resourceType"] == segments[0] and r.get("id") == segments[1]
                ]
                if match:
                    self.send(200, match[0])
                else:
                    self.send(404, {"resourceType": "OperationOutcome", "issue": []})
                return
            self.send(200, state.search(segments[0], parse_qs(parts.query)))

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield origin
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


@pytest.fixture
def fhir_server(fhir_origin: str) -> FhirServer:
    """The session's FHIR server with a fresh record and no paths asked yet."""
    state = FhirServer()
    state.url = fhir_origin + "/fhir"
    _Current.state = state
    return state
