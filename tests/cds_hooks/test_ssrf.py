"""A web page cannot use b12's CDS Hooks service to probe the network (issue 13.6), over real HTTP.

`b12 serve` runs on loopback in a subprocess. Without settings it sends no CORS headers, takes only
``application/json`` bodies, and refuses loopback, private and link-local ``fhirServer`` addresses.
The allow-list compares parsed origins, never string prefixes, and every failure to reach a FHIR
server gives the same answer, so that the answer does not tell an open port from a closed one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.cds_hooks.processes import Hostile, b12_serve, closed_port, hostile_fhir
from tests.cds_hooks.requests import hook_request
from tests.fixtures.server import Server

PV = "/cds-services/b12-patient-view"
SANDBOX = "https://sandbox.cds-hooks.org"
NOT_ALLOWED = "not in this service's allowed FHIR servers"


@pytest.fixture(scope="module")
def listener() -> Iterator[Hostile]:
    """An open loopback port that answers HTTP (404) and counts the requests it gets."""
    with hostile_fhir("count") as server:
        yield server


@pytest.fixture(scope="module")
def bystander() -> Iterator[Hostile]:
    """Another open loopback port, not listed: only a string prefix of its origin is."""
    with hostile_fhir("count") as server:
        yield server


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`b12 serve` on loopback with no CDS settings at all."""
    server = b12_serve(tmp_path_factory.mktemp("plain"))
    yield server
    server.stop()


def port_of(url: str) -> int:
    return int(url.split(":")[2].split("/")[0])


@pytest.fixture(scope="module")
def closed() -> int:
    return closed_port()


@pytest.fixture(scope="module")
def configured(
    tmp_path_factory: pytest.TempPathFactory, listener: Hostile, bystander: Hostile, closed: int
) -> Iterator[Server]:
    """`b12 serve` listing the listener, a closed port, a prefix of the bystander and the EHR."""
    allowed = [f"http://127.0.0.1:{port_of(listener.url)}", f"http://127.0.0.1:{closed}/fhir"]
    allowed.append(f"http://127.0.0.1:{str(port_of(bystander.url))[:-1]}")
    env = {
        "B12_CDS_ALLOWED_FHIR_SERVERS": ",".join([*allowed, "https://ehr.example.org/fhir"]),
        "B12_CDS_ALLOW_ORIGINS": SANDBOX,
    }
    server = b12_serve(tmp_path_factory.mktemp("configured"), env)
    yield server
    server.stop()


def call(server: Server, fhir_server: str, **headers: str) -> httpx.Response:
    body = hook_request(fhirServer=fhir_server)
    return httpx.post(server.url + PV, json=body, headers=headers, timeout=30)


def test_no_cors_headers_by_default(plain: Server) -> None:
    evil = {"Origin": "https://evil.example"}
    assert (
        "access-control-allow-origin"
        not in httpx.get(plain.url + "/cds-services", headers=evil).headers
    )
    preflight = httpx.options(
        plain.url + PV, headers=evil | {"Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_only_for_the_listed_origins(configured: Server) -> None:
    sandbox = httpx.get(configured.url + "/cds-services", headers={"Origin": SANDBOX})
    assert sandbox.headers["access-control-allow-origin"] == SANDBOX
    evil = httpx.get(configured.url + "/cds-services", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in evil.headers


def test_only_json_bodies_are_read(plain: Server, listener: Hostile) -> None:
    before = listener.hits
    body = httpx.Request("POST", "/", json=hook_request(fhirServer=listener.url)).content
    for media in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        response = httpx.post(plain.url + PV, content=body, headers={"Content-Type": media})
        assert response.status_code == 415, media
    assert listener.hits == before


def test_loopback_private_and_link_local_servers_are_refused(
    plain: Server, listener: Hostile, closed: int
) -> None:
    port, before = port_of(listener.url), listener.hits
    for target in (
        listener.url,
        f"http://127.0.0.1:{closed}/fhir",
        f"http://localhost:{port}/fhir",
        f"http://[::1]:{port}/fhir",
        f"http://0.0.0.0:{port}/fhir",
        f"http://127.1.2.3:{port}/fhir",
        "http://10.0.0.7/fhir",
        "http://192.168.1.1/fhir",
        "http://169.254.169.254/latest/meta-data",
        "http://[fe80::1]/fhir",
    ):
        response = call(plain, target)
        assert response.status_code == 412, target
        assert NOT_ALLOWED in response.json()["detail"], target
    assert listener.hits == before


def test_the_allow_list_compares_origins_not_prefixes(
    configured: Server, bystander: Hostile
) -> None:
    port = port_of(bystander.url)
    prefix = str(port)[:-1]
    for target in (
        bystander.url,  # http://127.0.0.1:43219 starts with the listed http://127.0.0.1:4321
        f"http://127.0.0.1:{prefix}@127.0.0.1:{port}/fhir",
        f"https://ehr.example.org/fhir@127.0.0.1:{port}/fhir",
        f"https://ehr.example.org/fhir:x@127.0.0.1:{port}/fhir",
        "https://ehr.example.org.attacker.net/fhir",
        "https://ehr.example.org/fhirx",
    ):
        response = call(configured, target)
        assert response.status_code == 412, target
        assert NOT_ALLOWED in response.json()["detail"], target
    assert bystander.hits == 0


def answer_without_ids(response: httpx.Response) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    for card in body.get("cards", []):
        card.pop("uuid", None)
    return {"status": response.status_code, "body": body}


def test_open_and_closed_ports_get_the_same_answer(
    configured: Server, listener: Hostile, closed: int
) -> None:
    before = listener.hits
    open_port = answer_without_ids(call(configured, listener.url))
    closed_port_answer = answer_without_ids(call(configured, f"http://127.0.0.1:{closed}/fhir"))
    assert listener.hits > before
    assert open_port == closed_port_answer
    text = str(open_port)
    for revealing in ("404", "HTTP ", "ConnectError", "refused"):
        assert revealing not in text


def test_an_unlisted_loopback_server_is_refused_when_others_are_listed(configured: Server) -> None:
    with hostile_fhir("count") as unlisted:
        response = call(configured, unlisted.url)
        assert response.status_code == 412, response.text
        assert unlisted.hits == 0
