"""What a CDS client's JWT may not do (issue 13.7), against the standalone app in a real process.

The audience comes from configuration (B12_CDS_PUBLIC_URL), never from the Host header; a token is
used once, also across a restart (the replay cache is an owner-only file in the user data folder);
a token lives at most 5 minutes; the key's declared ``alg`` is the only one accepted; and every
verification failure is a 401 problem, never a 500.
"""

from __future__ import annotations

import json
import stat
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from tests.cds_hooks.processes import cds_app
from tests.fixtures.postgres import free_port
from tests.fixtures.server import Server

ISSUER = "https://ehr.example.org/"
EC_KEY = ec.generate_private_key(ec.SECP384R1())
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
YEAR_S = 365 * 24 * 3600


def jwks_file(folder: Path) -> Path:
    ec_jwk = json.loads(ECAlgorithm.to_jwk(EC_KEY.public_key()))
    rsa_jwk = json.loads(RSAAlgorithm.to_jwk(RSA_KEY.public_key()))
    keys = [
        ec_jwk | {"kid": "ec-1", "alg": "ES384", "use": "sig"},
        rsa_jwk | {"kid": "rsa-1", "alg": "RS384", "use": "sig"},
    ]
    path = folder / "jwks.json"
    path.write_text(json.dumps({"keys": keys}))
    return path


def settings(folder: Path, port: int, **more: str) -> dict[str, str]:
    env = {
        "B12_CDS_JWKS_FILE": str(jwks_file(folder)),
        "B12_CDS_JWT_ISSUERS": ISSUER,
        "B12_CDS_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    return env | more


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("jwt")
    port = free_port()
    # the Host guard lets other-service.example through: the audience check itself is tested
    env = settings(folder, port, B12_CDS_TRUSTED_HOSTS="other-service.example")
    server = cds_app(folder, env, port=port)
    yield server
    server.stop()


def token(
    audience: str, *, key: Any = EC_KEY, alg: str = "ES384", kid: str = "ec-1", **claims: Any
) -> str:
    now = int(time.time())
    body = {"iss": ISSUER, "aud": audience, "exp": now + 300, "iat": now, "jti": str(uuid.uuid4())}
    return jwt.encode(body | claims, key, algorithm=alg, headers={"kid": kid})


def discover(server: Server, value: str, **headers: str) -> httpx.Response:
    return httpx.get(
        server.url + "/cds-services", headers={"Authorization": f"Bearer {value}", **headers}
    )


def refused(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "Traceback" not in response.text


def test_without_a_configured_audience_the_service_does_not_start(tmp_path: Path) -> None:
    env = settings(tmp_path, 0)
    del env["B12_CDS_PUBLIC_URL"]
    with pytest.raises(RuntimeError, match="B12_CDS_PUBLIC_URL") as raised:
        server = cds_app(tmp_path, env)
        server.stop()  # it started: an audience would come from the Host header
    assert "Traceback" not in str(raised.value)


def test_a_token_for_another_host_is_refused(secured: Server) -> None:
    other = "http://other-service.example/cds-services"
    refused(discover(secured, token(other), Host="other-service.example"))
    assert discover(secured, token(secured.url + "/cds-services")).status_code == 200


def test_token_lifetime_is_at_most_five_minutes(secured: Server) -> None:
    audience = secured.url + "/cds-services"
    now = int(time.time())
    refused(discover(secured, token(audience, exp=now + 10 * YEAR_S)))
    refused(discover(secured, token(audience, iat=now, exp=now + 600)))
    refused(discover(secured, token(audience, iat=now - 3600, exp=now + 60)))
    assert discover(secured, token(audience, iat=now, exp=now + 300)).status_code == 200


def test_key_and_algorithm_mismatches_are_401(secured: Server) -> None:
    audience = secured.url + "/cds-services"
    refused(discover(secured, token(audience, kid="rsa-1")))  # an RSA kid with alg ES384
    refused(discover(secured, token(audience, key=RSA_KEY, alg="RS256", kid="rsa-1")))
    refused(discover(secured, token(audience, key=RSA_KEY, alg="PS384", kid="rsa-1")))
    refused(discover(secured, "not.a.jwt"))
    refused(discover(secured, "e30.e30.e30"))
    good = token(audience, key=RSA_KEY, alg="RS384", kid="rsa-1")
    assert discover(secured, good).status_code == 200


def test_a_token_is_not_accepted_again_after_a_restart(tmp_path: Path) -> None:
    port = free_port()
    env = settings(tmp_path, port)
    once = token(f"http://127.0.0.1:{port}/cds-services")
    first = cds_app(tmp_path, env, port=port)
    try:
        assert discover(first, once).status_code == 200
    finally:
        first.stop()
    second = cds_app(tmp_path, env, port=port)
    try:
        refused(discover(second, once))
    finally:
        second.stop()
    folder = tmp_path / "data" / "b12"
    (cache,) = [p for p in folder.iterdir() if "jti" in p.name]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
