"""How `b12 serve` treats connections: a deadline for request headers, and uvicorn's own limits.

uvicorn closes an idle keep-alive connection after ``timeout_keep_alive`` but has no deadline for
the request headers: a client that sends half a request line and then nothing (slowloris) kept its
connection open for good. :class:`HeaderDeadlineH11` closes a connection whose request headers are
not complete ``HEADER_TIMEOUT_S`` after it opened or after its previous answer. Request bodies have
no deadline here (an upload may be slow): behind a reverse proxy, set the proxy's own header and
body timeouts (docs/api.md, "Deployment").
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S = 10.0  # from connection (or previous answer) to the end of the request headers
KEEP_ALIVE_TIMEOUT_S = 5  # uvicorn's: an idle keep-alive connection is closed after this
MAX_HEADER_BYTES = 16_384  # h11's limit on an incomplete request line and headers (default 16 KiB)


class HeaderDeadlineH11(H11Protocol):
    """uvicorn's h11 protocol, closing connections whose request headers never complete."""

    _header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._request_started():
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection has the same deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _request_started(self) -> bool:
        """Whether the current request's headers are complete (its answer is not yet sent)."""
        return self.cycle is not None and not self.cycle.response_complete

    def _arm(self) -> None:
        self._disarm()
        self._header_deadline = self.loop.call_later(HEADER_TIMEOUT_S, self._expire)

    def _disarm(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _expire(self) -> None:
        self._header_deadline = None
        if not self._request_started() and not self.transport.is_closing():
            self.transport.close()


def uvicorn_options() -> dict[str, Any]:
    """The options `b12 serve` gives uvicorn: the protocol above and uvicorn's own limits."""
    return {
        "http": HeaderDeadlineH11,
        "timeout_keep_alive": KEEP_ALIVE_TIMEOUT_S,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
    }
