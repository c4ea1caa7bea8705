"""How many menus one server process plans at once, and the answer when it is full.

A menu costs up to a few seconds of CPU (docs/menu.md, "Speed"); a server that started every menu
it was asked for would let a handful of requests occupy every core and every worker thread, and
its other pages and `/api/health` would wait behind them. So the REST route takes a *slot* before
it plans and gives it back after: at most ``capacity`` menus at once (``B12_MENU_SOLVES``). When
every slot is taken the request is refused at once (503 with ``Retry-After``), never queued: a
queue would only move the wait to the client, with no bound on how long. The slots limit how many
menus run, never how long one may run: a menu that is planned is the same whatever else the server
is doing (no clock in the solver).

HiGHS gives up Python's lock while it solves (measured: a thread sleeping 5 ms woke within 68 ms
while a week was planned beside it), so the solves themselves leave the server's event loop and
other threads free.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from b12.errors import B12Error

# Seconds a refused client is told to wait: about a heavy menu's CPU time (a stated figure, not
# measured per request, so the answer does not depend on timing).
RETRY_AFTER_S = 5


class MenuBusyError(B12Error):
    """Every menu slot of this process is taken: try again after :data:`RETRY_AFTER_S`."""


class MenuSlots:
    """At most ``capacity`` menus planned at once; :meth:`slot` refuses the next one at once."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError(f"capacity {capacity} must be at least 1")
        self.capacity = capacity
        self._free = threading.BoundedSemaphore(capacity)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one slot while the block runs; raise :class:`MenuBusyError` if none is free."""
        if not self._free.acquire(blocking=False):
            raise MenuBusyError(
                f"the server is already planning {self.capacity} menu(s), its limit; "
                f"try again in {RETRY_AFTER_S} s"
            )
        try:
            yield
        finally:
            self._free.release()
