"""The app under a real uvicorn server in a thread of the test process (so a test can reach its
store, or its log), configured as `b12 serve` configures it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from tests.fixtures.postgres import free_port


@contextmanager
def serving(app: FastAPI, log_level: str = "warning", port: int | None = None) -> Iterator[str]:
    """Serve ``app`` on ``port`` (else a free loopback port); yields its base URL once started."""
    port = port or free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, access_log=False, log_level=log_level)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
