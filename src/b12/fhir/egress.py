"""Which FHIR servers b12 may call: parsed origins, never string prefixes, and no private addresses.

A CDS Hooks request names its ``fhirServer``; b12 sends the EHR's bearer token there. So the URL is
parsed (scheme, host, port and path; a user or password in it is refused) and compared with the
operator's allow-list by origin and path segments. Without an allow-list, only servers whose host name
resolves to public addresses are called: never loopback, private, link-local or other special ones.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Sequence

from b12.urls import BaseUrl


def listed(url: str, allowed: Sequence[str]) -> bool:
    """Whether ``url`` lies under one of the ``allowed`` base URLs (by origin and path)."""
    parsed = BaseUrl.parse(url)
    if parsed is None:
        return False
    bases = [BaseUrl.parse(entry) for entry in allowed]
    return any(base is not None and parsed.under(base) for base in bases)


def public(address: str) -> bool:
    """Whether an IP address is a public one (not loopback, private, link-local, reserved ...)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def resolves_to_public(host: str, port: int) -> bool:
    """Whether every address ``host`` resolves to is public (False if it does not resolve)."""
    try:
        found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return False
    addresses = {str(info[4][0]) for info in found}
    return bool(addresses) and all(public(a) for a in addresses)


async def may_call(url: str, allowed: Sequence[str]) -> bool:
    """Listed servers may be called; without a list, servers on public addresses only."""
    parsed = BaseUrl.parse(url)
    if parsed is None:
        return False
    if allowed:
        return listed(url, allowed)
    return await resolves_to_public(parsed.host, parsed.port)
