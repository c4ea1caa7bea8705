"""Real processes and hostile FHIR servers for the CDS Hooks security and liveness tests.

`b12 serve` (or the standalone CDS app under uvicorn) runs in a subprocess configured only by its
documented environment variables; its user data folder (``XDG_DATA_HOME``) is the test's temporary
folder. The FHIR servers listen on 127.0.0.1 only: one drip-feeds a byte every few seconds, one
answers with a huge body, one just counts the requests it gets.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.fixtures.postgres import free_port
from tests.fixtures.server import Server, launch


def environment(folder: Path, env: dict[str, str]) -> dict[str, str]:
    """The test's environment without B12_CDS_* settings, plus ``env``; user data in ``folder``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("B12_CDS_")}
    return base | {"XDG_DATA_HOME": str(folder / "data"), "B12_SECRET_KEY": "test-secret"} | env


def start(argv: list[str], folder: Path, env: dict[str, str], port: int) -> Server:
    """Start ``argv`` (listening on ``port``) and wait until GET /cds-services answers at all."""
    log = folder / f"server-{port}.log"
    return launch(argv, port, log, environment(folder, env), "/cds-services")


def b12_serve(folder: Path, env: dict[str, str] | None = None) -> Server:
    """`b12 serve` on loopback with its own SQLite file (the CDS router is mounted on loopback)."""
    port = free_port()
    argv = [sys.executable, "-m", "b12", "serve", "--port", str(port)]
    argv += ["--database-url", f"sqlite:///{folder / 'b12.sqlite3'}"]
    return start(argv, folder, env or {}, port)


def cds_app(folder: Path, env: dict[str, str] | None = None, port: int | None = None) -> Server:
    """The standalone CDS Hooks app, as documented: uvicorn --factory ...create_cds_app."""
    port = port or free_port()
    argv = [sys.executable, "-m", "uvicorn", "--factory", "b12.cds_hooks.app:create_cds_app"]
    argv += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    return start(argv, folder, env or {}, port)


@dataclass
class Hostile:
    """A FHIR server on 127.0.0.1 that misbehaves; ``hits`` counts the requests it received."""

    url: str = ""
    hits: int = 0
    stop: threading.Event = field(default_factory=threading.Event)


def _drip(handler: BaseHTTPRequestHandler, state: Hostile, every_s: float) -> None:
    """Answer a byte at a time, ``every_s`` apart, until the client leaves or the test ends."""
    reply = (
        b'HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\n\r\n{"resourceType": "Bundle"}'
    )
    for byte in reply:
        if state.stop.wait(every_s):
            return
        try:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
        except OSError:
            return


HUGE_CHUNK = b"x" * 1_048_576


def _huge(handler: BaseHTTPRequestHandler, megabytes: int) -> None:
    """A valid FHIR Bundle of ``megabytes`` MB (one long string), sent without Content-Length."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/fhir+json")
    handler.send_header("Connection", "close")
    handler.end_headers()
    try:
        handler.wfile.write(b'{"resourceType": "Bundle", "type": "searchset", "padding": "')
        for _ in range(megabytes):
            handler.wfile.write(HUGE_CHUNK)
        handler.wfile.write(b'"}')
    except OSError:
        return


@contextmanager
def hostile_fhir(kind: str, *, every_s: float = 3.0, megabytes: int = 100) -> Iterator[Hostile]:
    """A misbehaving FHIR server: ``drip``, ``huge`` (under /fhir/) or ``count`` (404, counted)."""
    state = Hostile()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            state.hits += 1
            if kind == "drip":
                _drip(self, state, every_s)
            elif kind == "huge" and self.path.startswith("/fhir/"):
                _huge(self, megabytes)
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/fhir"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def closed_port() -> int:
    """A loopback port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
