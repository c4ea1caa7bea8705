"""Authenticate CDS clients by the signed JWT CDS Hooks 2.0 requires ("Trusting CDS Clients").

Each request carries ``Authorization: Bearer <JWT>`` signed with the client's private key. b12 checks
it when an operator configures the client's public keys (a JWK Set file, shared out of band; ``jku``
URLs are not fetched): a known ``kid``; the algorithm of that key (its declared ``alg``, never one
chosen by the token, and never ``none`` or HMAC); the signature; ``aud`` equal to the URL of the
endpoint called, built from B12_CDS_PUBLIC_URL; ``exp`` and ``iat`` at most 5 minutes apart and not
further ahead; ``jti`` used once, also across restarts (:mod:`b12.cds_hooks.replay`); and, when
configured, ``iss`` from the allow-list. Every failure is a :class:`ClientAuthError` (HTTP 401).
Without a JWK Set the check is off (development).
"""

from __future__ import annotations

import json
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import jwt

from b12.cds_hooks.replay import replay_cache
from b12.settings import CdsOptions

ASYMMETRIC = frozenset(
    {"ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}
)
LEEWAY_S = 30  # clock skew between the EHR and this service
MAX_LIFETIME_S = 300  # 5 minutes, the lifetime CDS Hooks suggests for these JWTs (issue 13.7)


class ClientAuthError(Exception):
    """The CDS client's JWT is missing or not acceptable (HTTP 401)."""


@lru_cache(maxsize=4)
def _key_set(path: str) -> jwt.PyJWKSet:
    return jwt.PyJWKSet.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def _key_for(token: str, settings: CdsOptions) -> jwt.PyJWK:
    """The trusted key the token names; its algorithm must be the token's."""
    header = jwt.get_unverified_header(token)
    kid = header.get("kid")
    assert settings.jwks_file is not None
    matching = [k for k in _key_set(settings.jwks_file).keys if kid is not None and k.key_id == kid]
    if not matching:
        raise ClientAuthError("the JWT's kid is not in this service's trusted keys")
    key = matching[0]
    if key.algorithm_name not in ASYMMETRIC:
        raise ClientAuthError("the JWT's key is not for an asymmetric algorithm")
    if header.get("alg") != key.algorithm_name:
        raise ClientAuthError("the JWT's alg is not the algorithm of its key")
    return key


def _claims(token: str, audience: str, settings: CdsOptions) -> dict[str, Any]:
    key = _key_for(token, settings)
    claims: dict[str, Any] = jwt.decode(
        token,
        key.key,
        algorithms=[key.algorithm_name],
        audience=audience,
        issuer=list(settings.jwt_issuers) or None,
        leeway=LEEWAY_S,
        options={"require": ["iss", "aud", "exp", "iat", "jti"]},
    )
    issued, expires = float(claims["iat"]), float(claims["exp"])
    if expires - issued > MAX_LIFETIME_S or expires > time.time() + MAX_LIFETIME_S + LEEWAY_S:
        raise ClientAuthError(f"the JWT lives longer than {MAX_LIFETIME_S} s (exp - iat)")
    return claims


def authenticate(authorization: str | None, audience: str, settings: CdsOptions) -> None:
    """Check the client's JWT for a call to ``audience``; raise :class:`ClientAuthError` if bad."""
    if settings.jwks_file is None:
        return
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ClientAuthError("a signed JWT is required in 'Authorization: Bearer <JWT>'")
    try:
        claims = _claims(token.strip(), audience, settings)
    except jwt.PyJWTError as exc:
        raise ClientAuthError(f"the JWT is not acceptable ({type(exc).__name__})") from None
    except (ValueError, TypeError, KeyError, AttributeError):  # a key that cannot check this JWT
        raise ClientAuthError("the JWT is not acceptable (it cannot be verified)") from None
    cache = replay_cache(settings.replay_cache)
    if not cache.first_use(str(claims["iss"]), str(claims["jti"]), float(claims["exp"]) + LEEWAY_S):
        raise ClientAuthError("the JWT was already used (jti)")
