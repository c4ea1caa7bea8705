"""PostgreSQL restarts under a running `b12 serve`: requests fail cleanly, then work again.

The test owns its PostgreSQL cluster (initdb in a temporary folder) so it can stop and start it.
During the outage every API request answers 503 with a problem-details body, promptly and without a
traceback; after the restart the same server process answers 200 again (its pool pre-pings and
replaces the connections the restart broke).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest

from tests.fixtures.postgres import _bin_dir, free_port
from tests.fixtures.server import start_server


@dataclass
class Cluster:
    """A PostgreSQL cluster this test may stop and start."""

    bin_dir: Path
    data: Path
    options: str
    log: Path
    run_as: list[str]
    url: str

    def pg_ctl(self, *args: str) -> None:
        """Run pg_ctl on the cluster (as the postgres user when root)."""
        command = [*self.run_as, str(self.bin_dir / "pg_ctl"), "-D", str(self.data), *args]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        self.pg_ctl("-o", self.options, "-l", str(self.log), "-w", "start")

    def stop(self) -> None:
        """Stop the server (fast: open connections are closed)."""
        self.pg_ctl("-m", "fast", "-w", "stop")


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    """A fresh cluster with one database `b12`, running."""
    bin_dir = _bin_dir()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    as_root = os.geteuid() == 0
    run_as = ["runuser", "-u", "postgres", "--"] if as_root else []
    folder = Path(tempfile.mkdtemp(prefix="b12-pg-restart-"))
    if as_root:
        shutil.chown(folder, "postgres")
    port = free_port()
    initdb = [str(bin_dir / "initdb"), "-D", str(folder / "data"), "-U", "postgres", "-A", "trust"]
    subprocess.run([*run_as, *initdb], check=True, capture_output=True, timeout=120)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/b12"
    found = Cluster(bin_dir, folder / "data", options, folder / "server.log", run_as, url)
    found.start()
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres") as connection:
        connection.autocommit = True
        connection.execute("CREATE DATABASE b12")
    try:
        yield found
    finally:
        found.pg_ctl("-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def _is_clean_503(answer: httpx.Response) -> bool:
    body = answer.json()
    return (
        answer.status_code == 503
        and answer.headers["content-type"] == "application/problem+json"
        and body["type"].endswith("#unavailable")
        and "records database is unavailable" in body["detail"]
    )


def test_requests_fail_cleanly_during_a_restart_and_recover_after(
    cluster: Cluster, tmp_path: Path
) -> None:
    server = start_server(cluster.url, tmp_path / "server.log")
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            made = client.post("/api/persons", json={"label": "R-1", "age": 70, "sex": "male"})
            assert made.status_code == 201, made.text
            cluster.stop()
            for _ in range(3):
                began = time.monotonic()
                down = [
                    client.get("/api/persons"),
                    client.post("/api/persons", json={"label": "R-2", "age": 70, "sex": "male"}),
                    client.get(f"/api/persons/{made.json()['id']}/labs"),
                ]
                assert time.monotonic() - began < 15, "requests hung while PostgreSQL was down"
                assert all(_is_clean_503(answer) for answer in down), [a.text for a in down]
            page = client.get("/persons")  # the web UI gets the same error as a page
            assert page.status_code == 503 and "text/html" in page.headers["content-type"]
            cluster.start()
            listed = client.get("/api/persons")
            assert listed.status_code == 200, listed.text
            assert [p["label"] for p in listed.json()] == ["R-1"]  # nothing half-written
            again = client.post("/api/persons", json={"label": "R-3", "age": 70, "sex": "male"})
            assert again.status_code == 201, again.text
        assert server.process.poll() is None, "b12 serve died"
        assert "Traceback" not in server.output()
    finally:
        server.stop()
