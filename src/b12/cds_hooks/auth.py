"""Authenticate CDS clients by the signed JWT CDS Hooks 2.0 requires ("Trusting CDS Clients").

Each request carries ``Authorization: Bearer <JWT>`` signed with the client's private key. b12 checks
it when an operator configures the client's public keys (a JWK Set file, shared out of band; ``jku``
URLs are not fetched): an asymmetric algorithm (never ``none`` or HMAC), a known ``kid``, the
signature, ``aud`` equal to the URL of the endpoint called, ``exp``, ``iat``, ``jti`` (each used once)
and, when configured, ``iss`` from the allow-list. Without a JWK Set the check is off (development).
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import jwt

from b12.cds_hooks.settings import CdsSettings

ASYMMETRIC = frozenset(
    {"ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}
)
LEEWAY_S = 30  # clock skew between the EHR and this service
MAX_REMEMBERED_JTI = 100_000


class ClientAuthError(Exception):
    """The CDS client's JWT is missing or not acceptable (HTTP 401)."""


@lru_cache(maxsize=4)
def _key_set(path: str) -> jwt.PyJWKSet:
    return jwt.PyJWKSet.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


class _SeenTokens:
    """jti values already used, kept until their token expires (replay protection)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_use(self, jti: str, expires: float) -> bool:
        now = time.time()
        with self._lock:
            while self._seen and (
                next(iter(self._seen.values())) < now or len(self._seen) > MAX_REMEMBERED_JTI
            ):
                self._seen.popitem(last=False)
            if jti in self._seen:
                return False
            self._seen[jti] = expires + LEEWAY_S
            return True


SEEN = _SeenTokens()


def authenticate(authorization: str | None, audience: str, settings: CdsSettings) -> None:
    """Check the client's JWT for a call to ``audience``; raise :class:`ClientAuthError` if bad."""
    if settings.jwks_file is None:
        return
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ClientAuthError("a signed JWT is required in 'Authorization: Bearer <JWT>'")
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") not in ASYMMETRIC:
            raise ClientAuthError("the JWT must be signed with an asymmetric algorithm")
        keys = _key_set(settings.jwks_file)
        kid = header.get("kid")
        matching = [k for k in keys.keys if k.key_id == kid]
        if kid is None or not matching:
            raise ClientAuthError("the JWT's kid is not in this service's trusted keys")
        claims = jwt.decode(
            token,
            matching[0].key,
            algorithms=[header["alg"]],
            audience=audience,
            issuer=list(settings.jwt_issuers) or None,
            leeway=LEEWAY_S,
            options={"require": ["iss", "aud", "exp", "iat", "jti"]},
        )
    except jwt.PyJWTError as exc:
        raise ClientAuthError(f"the JWT is not acceptable ({type(exc).__name__})") from None
    if not SEEN.first_use(str(claims["jti"]), float(claims["exp"])):
        raise ClientAuthError("the JWT was already used (jti)")
