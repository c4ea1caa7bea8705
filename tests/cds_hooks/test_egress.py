"""Which FHIR servers the CDS service may call: parsed origins and public addresses (b12.fhir.egress).

The HTTP-level tests are in test_ssrf.py; these pin the parsing edge cases one by one.
"""

from __future__ import annotations

import asyncio

import pytest

from b12.fhir.egress import listed, public, resolves_to_public
from b12.urls import origin_of

ALLOWED = ["https://ehr.example.org/fhir", "http://10.1.2.3:8080"]


@pytest.mark.parametrize(
    "url",
    [
        "https://ehr.example.org/fhir",
        "https://EHR.example.org:443/fhir/",
        "https://ehr.example.org./fhir/R4",
        "http://10.1.2.3:8080/",
        "http://10.1.2.3:8080/any/path",
    ],
)
def test_listed(url: str) -> None:
    assert listed(url, ALLOWED)


@pytest.mark.parametrize(
    "url",
    [
        "https://ehr.example.org.attacker.net/fhir",
        "https://ehr.example.org@attacker.net/fhir",
        "https://user:pw@ehr.example.org/fhir",
        "https://ehr.example.org/fhirx",
        "https://ehr.example.org/",
        "http://ehr.example.org/fhir",
        "https://ehr.example.org:8443/fhir",
        "http://10.1.2.3:80800/",
        "http://10.1.2.3/",
        "https://ehr.example.org/fhir?x=1",
        "ftp://ehr.example.org/fhir",
        "https:///fhir",
        "not a url",
    ],
)
def test_not_listed(url: str) -> None:
    assert not listed(url, ALLOWED)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("127.8.9.10", False),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.0.1", False),
        ("100.64.0.1", False),
        ("169.254.169.254", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
    ],
)
def test_public_addresses(address: str, expected: bool) -> None:
    assert public(address) is expected


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "2130706433", "0x7f.1", "[::1]"])
def test_names_of_this_machine_do_not_resolve_to_public(host: str) -> None:
    assert not asyncio.run(resolves_to_public(host.strip("[]"), 80))


def test_origin_of() -> None:
    assert origin_of("https://Sandbox.CDS-Hooks.org") == "https://sandbox.cds-hooks.org"
    assert origin_of("http://127.0.0.1:8012") == "http://127.0.0.1:8012"
    assert origin_of("https://x.example:443") == "https://x.example"
    assert origin_of("https://x.example/path") is None
    assert origin_of("*") is None
