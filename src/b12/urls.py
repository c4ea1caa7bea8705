"""Where an http(s) URL goes (scheme, host, port, path): below every layer, so that settings can
check the URLs they are given and the FHIR egress guard can compare them."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class BaseUrl:
    """An http(s) URL reduced to what decides where it goes: scheme, host, port, and path."""

    scheme: str
    host: str
    port: int
    path: str

    @classmethod
    def parse(cls, url: str) -> BaseUrl | None:
        """The parts of ``url``, or None when it is not a plain http(s) URL (userinfo, no host...)."""
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError:
            return None
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").rstrip(".")
        if scheme not in DEFAULT_PORTS or not host or "@" in parts.netloc:
            return None
        if parts.query or parts.fragment or any(c in host for c in "%\\ "):
            return None
        path = parts.path.rstrip("/")
        return cls(scheme, host, port or DEFAULT_PORTS[scheme], path)

    @property
    def origin(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)

    def under(self, base: BaseUrl) -> bool:
        """Same origin, and the path is ``base``'s path or below it (whole segments)."""
        if self.origin != base.origin:
            return False
        return self.path == base.path or self.path.startswith(base.path + "/")


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of a URL, lower-case, default port left out; None if not http(s)."""
    parsed = BaseUrl.parse(url)
    if parsed is None or parsed.path:
        return None
    host = f"[{parsed.host}]" if ":" in parsed.host else parsed.host
    port = "" if parsed.port == DEFAULT_PORTS[parsed.scheme] else f":{parsed.port}"
    return f"{parsed.scheme}://{host}{port}"
