"""The name in an HTTP Host header, parsed strictly (RFC 9110: host [":" port]).

Used by the Host guards of `b12 serve` and of the standalone CDS Hooks app: on loopback they answer
only requests addressed to this machine, so that a web page cannot reach them by DNS rebinding.
"""

from __future__ import annotations

import re

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
