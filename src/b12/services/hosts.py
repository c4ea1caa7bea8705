"""The name in an HTTP Host header, parsed strictly (RFC 9110: host [":" port]).

Used by the Host guards of `b12 serve` and of the standalone CDS Hooks app: on loopback they answer
only requests addressed to this machine, so that a web page cannot reach them by DNS rebinding.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from starlette.types import ASGIApp, Receive, Scope, Send

# an IP literal in brackets, or a name of letters, digits, '-', '.' and '_'; then an optional port
_HOST = re.compile(r"(\[[0-9a-f:.]+\]|[a-z0-9._-]*)(?::[0-9]*)?")


def host_name(header: str) -> str:
    """The name in a Host header, without port, lower-case (``[::1]:8012`` -> ``[::1]``).

    Anything else after the name (``[::1].evil.example``, ``[::1]evil``) makes the whole header the
    answer, which no list of trusted names contains.
    """
    name = header.strip().lower()
    match = _HOST.fullmatch(name)
    if match is None:
        return name
    return match.group(1).rstrip(".")


class HostGuard:
    """Answer only requests whose Host header names one of ``names``; the others get ``refusal``
    (a 421 problem response, which each app words its own way)."""

    def __init__(self, app: ASGIApp, names: Collection[str], refusal: ASGIApp) -> None:
        self.app = app
        self.names = frozenset(names)
        self.refusal = refusal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        allowed = host_name(header) in self.names
        await (self.app if allowed else self.refusal)(scope, receive, send)
