"""CDS clients authenticate with a signed JWT (CDS Hooks 2.0, "Trusting CDS Clients"), over real HTTP."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from b12.settings import CdsOptions, Settings
from tests.cds_hooks.conftest import free_port, serve
from tests.cds_hooks.requests import full_prefetch, hook_request

ISSUER = "https://ehr.example.org/"
KID = "test-key-1"
PRIVATE = ec.generate_private_key(ec.SECP384R1())


@pytest.fixture(scope="module")
def secured_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    jwk = json.loads(ECAlgorithm.to_jwk(PRIVATE.public_key()))
    jwks: Path = tmp_path_factory.mktemp("jwks") / "jwks.json"
    jwks.write_text(json.dumps({"keys": [jwk | {"kid": KID, "alg": "ES384", "use": "sig"}]}))
    port = free_port()
    cds = CdsOptions(
        jwks_file=str(jwks),
        jwt_issuers=(ISSUER,),
        public_url=f"http://127.0.0.1:{port}",
        replay_cache=str(tmp_path_factory.mktemp("replay") / "jti.sqlite3"),
    )
    settings = Settings(cds=cds)
    with serve(settings, port) as url:
        yield url


def token(audience: str, **changes: Any) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": audience, "exp": now + 300, "iat": now}
    claims |= {"jti": str(uuid.uuid4())} | changes
    return jwt.encode(claims, PRIVATE, algorithm="ES384", headers={"kid": KID})


def bearer(value: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {value}"}


def test_discovery_and_calls_need_a_valid_jwt(secured_url: str) -> None:
    discovery = secured_url + "/cds-services"
    missing = httpx.get(discovery)
    assert missing.status_code == 401
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert missing.headers["www-authenticate"] == "Bearer"
    assert httpx.get(discovery, headers=bearer(token(discovery))).status_code == 200
    service = secured_url + "/cds-services/b12-patient-view"
    body = hook_request(prefetch=full_prefetch())
    assert httpx.post(service, json=body, headers=bearer(token(service))).status_code == 200


@pytest.mark.parametrize(
    "changes",
    [
        {"aud": "https://elsewhere.example/cds-services"},
        {"iss": "https://unknown-ehr.example/"},
        {"exp": int(time.time()) - 3600},
    ],
    ids=["wrong-audience", "unknown-issuer", "expired"],
)
def test_bad_claims_are_refused(secured_url: str, changes: dict[str, Any]) -> None:
    discovery = secured_url + "/cds-services"
    response = httpx.get(discovery, headers=bearer(token(discovery, **changes)))
    assert response.status_code == 401


def test_replayed_hmac_and_unknown_keys_are_refused(secured_url: str) -> None:
    discovery = secured_url + "/cds-services"
    once = token(discovery)
    assert httpx.get(discovery, headers=bearer(once)).status_code == 200
    replay = httpx.get(discovery, headers=bearer(once))
    assert replay.status_code == 401 and "already used" in replay.json()["detail"]
    claims = {"iss": ISSUER, "aud": discovery, "exp": int(time.time()) + 60, "iat": 0, "jti": "x"}
    hmac = jwt.encode(
        claims, "shared-secret-of-32-bytes-or-more!!", algorithm="HS256", headers={"kid": KID}
    )
    assert httpx.get(discovery, headers=bearer(hmac)).status_code == 401
    other = ec.generate_private_key(ec.SECP384R1())
    forged = jwt.encode(claims | {"jti": "y"}, other, algorithm="ES384", headers={"kid": KID})
    assert httpx.get(discovery, headers=bearer(forged)).status_code == 401


def test_preflight_needs_no_jwt(secured_url: str) -> None:
    response = httpx.options(
        secured_url + "/cds-services/b12-patient-view",
        headers={"Origin": "https://sandbox.example", "Access-Control-Request-Method": "POST"},
    )
    assert response.status_code == 204
